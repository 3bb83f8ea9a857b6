import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type FetchMessageObject, ImapFlow } from 'imapflow';

/**
 * A real Dovecot IMAP server on loopback for the mail-intake tests (issue 7: no mocks of
 * the mail servers). Each call starts its own instance: its own temp dir (config, users,
 * maildirs, sockets, log) and its own port, so test files can run servers side by side.
 * Plain IMAP only, with cleartext logins allowed: nothing but 127.0.0.1 ever sees it.
 */

const DOVECOT = '/usr/sbin/dovecot';
/** Sent by a fully started server: auth is up, logins will work. */
const GREETING = 'e-Pengaduan test IMAP ready';
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;

export interface StoredMail {
  uid: number;
  flags: string[];
  messageId?: string;
}

export interface FetchedMail extends StoredMail {
  raw: Buffer;
}

/** One user's mailbox, worked through its own short imapflow connections. */
export interface TestMailbox {
  user: string;
  password: string;
  /** `imap://user:password@127.0.0.1:port/INBOX`, the shape IMAP_URL takes. */
  url: string;
  urlFor(folder: string): string;
  /** A connected client for this user; the caller logs it out. */
  connect(): Promise<ImapFlow>;
  /** Stores a mail as a delivery would; resolves with its UID (Dovecot has UIDPLUS). */
  append(raw: Buffer | string, folder?: string, flags?: string[]): Promise<number>;
  /** The mails in a folder, oldest first, without their bodies. */
  list(folder?: string): Promise<StoredMail[]>;
  /** The same with each mail's raw source. */
  fetchAll(folder?: string): Promise<FetchedMail[]>;
  /** Creates a folder; one that exists already is left as it is. */
  createFolder(name: string): Promise<void>;
  folders(): Promise<string[]>;
}

export interface TestImap extends TestMailbox {
  host: string;
  port: number;
  /** Its temp dir: config, users, maildirs, sockets and dovecot.log. */
  dir: string;
  /** The mailbox of another user given in the options. */
  mailbox(user: string): TestMailbox;
  /** Dovecot's own log, for failure messages. */
  log(): Promise<string>;
  /**
   * Stops the server and starts it again on the same port with the same mail; `whileDown`
   * runs in between, for tests of what a client does while IMAP is unreachable.
   */
  restart(whileDown?: () => Promise<void> | void): Promise<void>;
  /** Stops the server and removes its temp dir. */
  stop(): Promise<void>;
}

export interface DovecotOptions {
  /** User name to password; the first is the one TestImap itself works as. */
  users?: Record<string, string>;
}

/** Temp dirs of servers not yet stopped, removed if the test process exits without stop(). */
const liveDirs = new Set<string>();
process.on('exit', () => {
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});

export async function startDovecot(options: DovecotOptions = {}): Promise<TestImap> {
  if (!existsSync(DOVECOT)) {
    throw new Error(`Dovecot is not installed (${DOVECOT} is missing): run \`apt-get install dovecot-imapd\` (the mail-intake tests need a real IMAP server)`);
  }
  const users = Object.entries(options.users ?? { pengaduan: 'rahasia-uji' });
  if (users.length === 0) throw new Error('startDovecot needs at least one user');
  // The users file is colon-separated lines with no escaping.
  const bad = users.flat().find((field) => /[:\r\n]/.test(field));
  if (bad !== undefined) throw new Error(`test IMAP user names and passwords cannot contain ':' or line breaks: ${bad}`);

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'epengaduan-dovecot-'));
  liveDirs.add(dir);
  const host = '127.0.0.1';
  let server: Running | undefined;
  try {
    const account = accountFor();
    // As root, Dovecot's login, auth and mail processes run as other users, which must
    // reach the config, the users file and the maildirs.
    await fs.chmod(dir, 0o755);
    await fs.mkdir(path.join(dir, 'mail'));
    await fs.chown(path.join(dir, 'mail'), account.mailUid, account.mailGid);
    const usersFile = path.join(dir, 'users');
    await fs.writeFile(
      usersFile,
      users.map(([name, password]) => `${name}:{PLAIN}${password}:${account.mailUid}:${account.mailGid}::${path.join(dir, 'mail', name)}::\n`).join(''),
      { mode: 0o644 },
    );
    server = await startOnFreePort(dir, account);
  } catch (err) {
    liveDirs.delete(dir);
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }

  const running = { server };
  const port = server.port;
  const mailboxes = new Map(users.map(([user, password]) => [user, mailboxFor(host, port, user, password)]));
  const primary = mailboxes.get(users[0]![0])!;

  return {
    ...primary,
    host,
    port,
    dir,
    mailbox(user) {
      const found = mailboxes.get(user);
      if (!found) throw new Error(`no test IMAP user ${user}`);
      return found;
    },
    log: () => fs.readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => ''),
    async restart(whileDown) {
      await running.server.stop();
      await whileDown?.();
      running.server = await launch(dir, port);
    },
    async stop() {
      await running.server.stop();
      liveDirs.delete(dir);
      await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

interface Account {
  /** Unprivileged users for Dovecot's login and internal processes. */
  loginUser: string;
  internalUser: string;
  internalGroup?: string;
  /** Owner of the maildirs: Dovecot refuses mail access as root. */
  mailUid: number;
  mailGid: number;
}

function accountFor(): Account {
  const id = (...args: string[]) => execFileSync('id', args, { encoding: 'utf8' }).trim();
  const me = os.userInfo();
  if (me.uid !== 0) {
    // Not root, Dovecot cannot switch users: every process runs as us. Its group
    // settings take names only.
    return { loginUser: me.username, internalUser: me.username, internalGroup: id('-gn'), mailUid: me.uid, mailGid: me.gid };
  }
  // The Debian package creates dovenull and dovecot for this; mail goes to nobody.
  return { loginUser: 'dovenull', internalUser: 'dovecot', mailUid: Number(id('-u', 'nobody')), mailGid: Number(id('-g', 'nobody')) };
}

function configFor(dir: string, port: number, account: Account): string {
  return `# Throwaway test server, written by test/helpers/dovecot.ts
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
login_greeting = ${GREETING}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${account.loginUser}
default_internal_user = ${account.internalUser}
${account.internalGroup ? `default_internal_group = ${account.internalGroup}\n` : ''}first_valid_uid = ${account.mailUid}
first_valid_gid = ${account.mailGid}
mail_location = maildir:~/Maildir
# IDLE hears of new mail through inotify within about 0.2 s; should inotify run out
# (many servers and workers on one machine), Dovecot polls instead, by default every 30 s.
mailbox_idle_check_interval = 1 secs
# Tests open many connections from one address (workers, helpers, IDLE); the default 10 is easily hit.
mail_max_userip_connections = 100
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n ${dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%n ${dir}/users
}
namespace inbox {
  inbox = yes
  separator = /
}
# chroot needs root; without it the same config runs as any user.
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  # Port 0 turns the default imaps listener on 993 off.
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
  # Dovecot delays every login from an address after a failed one, up to 15 s; one
  # wrong-password test would slow all later tests on the server. Mode 0 turns that off.
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;
}

interface Running {
  port: number;
  stop(): Promise<void>;
}

/**
 * Picks a port the kernel says is free and starts on it. Another process may take the
 * port between our probe and Dovecot's bind, so a bind failure tries a fresh port.
 */
async function startOnFreePort(dir: string, account: Account): Promise<Running> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    await fs.writeFile(path.join(dir, 'dovecot.conf'), configFor(dir, port, account));
    try {
      return await launch(dir, port);
    } catch (err) {
      if (attempt >= 5 || !/Address already in use/.test(String(err))) throw err;
    }
  }
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Dovecot runs in a process group of its own under a small shell watchdog that holds our
 * end of a pipe. When this process goes, however it goes (even SIGKILL), the pipe closes
 * and the watchdog sends SIGTERM to the whole group; closing the pipe is also how stop()
 * asks. The whole group, because Dovecot 2.3's master exits without waiting for its
 * children: imap processes serving a client, log and stats would live on as orphans,
 * holding the port. The shell ignores the TERM it sends (set after starting Dovecot, so
 * Dovecot does not inherit that), and sends it again when the master exits by itself.
 */
const WATCHDOG = `exec 3<&0
"$0" -F -c "$1" </dev/null &
d=$!
trap '' TERM
{ read -r _ <&3; kill -TERM 0; } &
w=$!
wait "$d"; s=$?
kill -KILL "$w" 2>/dev/null
kill -TERM 0
exit "$s"`;

async function launch(dir: string, port: number): Promise<Running> {
  // detached: its own process group (the child's pid is the group id), see WATCHDOG.
  const child = spawn('sh', ['-c', WATCHDOG, DOVECOT, path.join(dir, 'dovecot.conf')], {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => stopGroup(child);

  try {
    await waitForGreeting(port, exited);
  } catch (err) {
    await stop();
    const log = await fs.readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => '');
    throw new Error(`Dovecot did not start on 127.0.0.1:${port}: ${(err as Error).message}\n${output}${log}`, { cause: err });
  }
  return { port, stop };
}

/** Asks the watchdog to stop the group and resolves once no process of it runs. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const group = child.pid!;
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  child.stdin!.end();
  while (groupRuns(group)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Again and again: the master may start a process while it shuts down, which missed
    // the watchdog's TERM, and then waits up to 5 s for it to exit.
    try {
      process.kill(-group, Date.now() > deadline ? 'SIGKILL' : 'SIGTERM');
    } catch {
      // The last one went by itself in the meantime.
    }
  }
}

/**
 * Whether a process of the group still runs. Read from /proc rather than kill(-group, 0),
 * which also counts zombies: orphans are reaped by pid 1, which in some containers never
 * does it, and a zombie holds no port anyway.
 */
function groupRuns(group: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone in the meantime
    }
    // After the command name in parentheses: state, ppid, process group, ...
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === group && state !== 'Z') return true;
  }
  return false;
}

/** Resolves once a connection gets our greeting, which Dovecot sends only when auth is up. */
async function waitForGreeting(port: number, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await greets(port))) {
    if (gone) throw new Error('dovecot exited');
    if (Date.now() > deadline) throw new Error(`no greeting within ${START_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes(GREETING)) {
        socket.write('a LOGOUT\r\n');
        done(true);
      }
    });
  });
}

function mailboxFor(host: string, port: number, user: string, password: string): TestMailbox {
  const base = `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}`;
  const connect = async () => {
    const client = new ImapFlow({ host, port, secure: false, auth: { user, pass: password }, logger: false });
    await client.connect();
    return client;
  };
  const using = async <T>(work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = await connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  };
  const read = (folder: string, source: boolean) =>
    using(async (client) => {
      await client.mailboxOpen(folder, { readOnly: true });
      return client.fetchAll('1:*', { uid: true, flags: true, envelope: true, source });
    });
  const stored = (m: FetchMessageObject): StoredMail => ({
    uid: m.uid,
    // \Recent belongs to whichever session saw the mail first, not to the mail: left in,
    // it would make the same mailbox look different from one look to the next.
    flags: [...(m.flags ?? [])].filter((flag) => flag !== '\\Recent').sort(),
    messageId: m.envelope?.messageId,
  });

  return {
    user,
    password,
    url: `${base}/INBOX`,
    urlFor: (folder) => `${base}/${folder.split('/').map(encodeURIComponent).join('/')}`,
    connect,
    append: (raw, folder = 'INBOX', flags = []) =>
      using(async (client) => {
        const result = await client.append(folder, raw, flags);
        if (!result || result.uid === undefined) throw new Error(`APPEND to ${folder} returned no UID`);
        return result.uid;
      }),
    list: async (folder = 'INBOX') => (await read(folder, false)).map(stored),
    fetchAll: async (folder = 'INBOX') => (await read(folder, true)).map((m) => ({ ...stored(m), raw: m.source! })),
    createFolder: (name) =>
      using(async (client) => {
        await client.mailboxCreate(name);
      }),
    folders: () => using(async (client) => (await client.list()).map((f) => f.path)),
  };
}
