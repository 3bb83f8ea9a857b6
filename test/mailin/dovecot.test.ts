import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { expect } from 'chai';
import { ImapFlow } from 'imapflow';
import { startDovecot, type TestImap } from '../helpers/dovecot.js';

/**
 * The Dovecot harness itself: what the mail-intake tests rely on when they point the
 * worker at `imap.url` and look at the mailbox afterwards.
 */

function mail(id: string): string {
  return [
    'From: Warga <warga@example.id>',
    'To: pengaduan@pemda.example.id',
    'Subject: Jalan rusak di depan pasar',
    `Message-ID: <${id}@example.id>`,
    'Date: Mon, 3 Mar 2025 08:00:00 +0700',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Mohon segera diperbaiki.',
    '',
  ].join('\r\n');
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Ids of processes whose command line names the path, Dovecot's master among them while it runs. */
function processesUsing(dir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false; // gone in the meantime
      }
    })
    .map(Number);
}

describe('Dovecot test server', () => {
  let imap: TestImap;
  const clients: ImapFlow[] = [];
  const client = async () => {
    const c = await imap.connect();
    clients.push(c);
    return c;
  };

  before(async () => {
    imap = await startDovecot({ users: { pengaduan: 'rahasia-uji', lain: 'sandi lain' } });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.logout().catch(() => c.close())));
  });
  after(async () => {
    await imap?.stop();
  });

  it('listens on loopback with the credentials in its IMAP_URL, and really checks them', async () => {
    const url = new URL(imap.url);
    expect(url.protocol).to.equal('imap:');
    expect(url.hostname).to.equal('127.0.0.1');
    expect(Number(url.port)).to.equal(imap.port);
    expect(url.pathname).to.equal('/INBOX');
    const c = new ImapFlow({
      host: url.hostname,
      port: Number(url.port),
      secure: false,
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      logger: false,
    });
    await c.connect();
    clients.push(c);
    expect(c.capabilities.has('IDLE')).to.equal(true);

    const wrong = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: imap.user, pass: 'salah' }, logger: false });
    let failure: unknown;
    await wrong.connect().catch((err: unknown) => (failure = err));
    expect(failure).to.have.property('authenticationFailed', true);
  });

  it('stores an appended mail byte for byte, and another connection sees it', async () => {
    const raw = mail('append-1');
    const uid = await imap.append(raw);

    const c = await client();
    await c.mailboxOpen('INBOX');
    const seen = await c.fetchOne(String(uid), { uid: true, envelope: true, source: true }, { uid: true });
    if (!seen) return expect.fail(`UID ${uid} is not in INBOX`);
    expect(seen.envelope?.messageId).to.equal('<append-1@example.id>');
    expect(seen.source?.toString()).to.equal(raw);

    const listed = await imap.list();
    expect(listed.map((m) => m.uid)).to.include(uid);
    const fetched = (await imap.fetchAll()).find((m) => m.uid === uid);
    expect(fetched?.messageId).to.equal('<append-1@example.id>');
    expect(fetched?.raw.toString()).to.equal(raw);
  });

  it('keeps flags given on append and each user apart', async () => {
    const uid = await imap.append(mail('seen-1'), 'INBOX', ['\\Seen']);
    expect((await imap.list()).find((m) => m.uid === uid)?.flags).to.deep.equal(['\\Seen']);

    const other = imap.mailbox('lain');
    expect(other.url).to.contain('lain:sandi%20lain@');
    await other.append(mail('other-1'));
    expect((await other.list()).map((m) => m.messageId)).to.deep.equal(['<other-1@example.id>']);
    expect((await imap.list()).map((m) => m.messageId)).to.not.include('<other-1@example.id>');
  });

  it('tells an IDLE client about mail another connection delivers within two seconds', async () => {
    const watcher = await client();
    const { exists } = await watcher.mailboxOpen('INBOX');
    let sent = 0;
    const arrived = new Promise<{ count: number; ms: number }>((resolve) => {
      watcher.on('exists', (event: { count: number }) => resolve({ count: event.count, ms: Date.now() - sent }));
    });
    void watcher.idle();
    // Give the IDLE command time to reach the server before the mail does.
    await new Promise((resolve) => setTimeout(resolve, 200));

    sent = Date.now();
    await imap.append(mail('idle-1'));
    const event = await Promise.race([
      arrived,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no EXISTS while idling')), 2_000)),
    ]);
    expect(event.count).to.equal(exists + 1);
    expect(event.ms).to.be.below(2_000);
  });

  it('creates folders (again without error) and moves mail into them keeping the mail', async () => {
    await imap.createFolder('Diproses');
    await imap.createFolder('Diproses');
    expect(await imap.folders()).to.include.members(['INBOX', 'Diproses']);

    const uid = await imap.append(mail('move-1'));
    const c = await client();
    expect(c.capabilities.has('MOVE')).to.equal(true);
    await c.mailboxOpen('INBOX');
    const moved = await c.messageMove(String(uid), 'Diproses', { uid: true });
    expect(moved && moved.uidMap?.get(uid)).to.be.a('number');

    expect((await imap.list()).map((m) => m.uid)).to.not.include(uid);
    const there = await imap.list('Diproses');
    expect(there.map((m) => m.messageId)).to.include('<move-1@example.id>');
    expect(imap.urlFor('Diproses/2025')).to.match(/\/Diproses\/2025$/);
  });

  it('restarts on the same port with the same mail and UIDs, refusing connections while down', async () => {
    const uid = await imap.append(mail('restart-1'));
    const before = await imap.list();
    const c = await client();
    await c.mailboxOpen('INBOX');
    const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
    c.on('error', () => {
      // Expected: the server goes away under this connection.
    });

    let downRefused = false;
    await imap.restart(async () => {
      downRefused = await refuses(imap.port);
    });
    expect(downRefused).to.equal(true);
    await closed;

    const after = await imap.list();
    expect(after).to.deep.equal(before);
    expect(after.map((m) => m.uid)).to.include(uid);
  });
});

describe('Dovecot test servers side by side', () => {
  it('run at once on their own ports and mailboxes, and stop for good', async () => {
    const [a, b] = await Promise.all([startDovecot(), startDovecot()]);
    try {
      expect(a.port).to.not.equal(b.port);
      expect(processesUsing(a.dir)).to.not.deep.equal([]);
      await a.append(mail('only-a'));
      expect(await a.list()).to.have.length(1);
      expect(await b.list()).to.have.length(0);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(await refuses(a.port)).to.equal(true);
    expect(await refuses(b.port)).to.equal(true);
    for (const server of [a, b]) {
      expect(existsSync(server.dir)).to.equal(false);
      expect(processesUsing(server.dir)).to.deep.equal([]);
    }
  });
});
