import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { verifyPassword } from '../src/auth/passwords.js';
import { openDatabase } from '../src/db/database.js';
import { createTestDatabase, onServer, type TestDatabase } from './helpers/db.js';
import { runTs } from './helpers/process.js';
import { exitCode } from '../src/cli/context.js';
import { userCommand } from '../src/cli/userCommand.js';

describe('operator command: npm run user', function () {
  this.timeout(120_000);
  let env: Record<string, string>;
  let dataDir: string | undefined;
  let server: TestDatabase | undefined;

  before(async () => {
    if (onServer()) {
      server = await createTestDatabase({ migrate: false });
      env = { DATABASE_URL: server.url! };
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-cli-'));
      env = { DATA_DIR: dataDir };
    }
  });
  // Opened after the process of the first test has let go of the data folder's lock.
  let local: Awaited<ReturnType<typeof openDatabase>> | undefined;
  async function database() {
    if (server) return server;
    local ??= await openDatabase({ dataDir: dataDir! });
    return local;
  }
  after(async () => {
    await local?.close();
    await server?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The command as an operator runs it: a process of its own on the configured database. */
  async function userProcess(...args: string[]) {
    const p = runTs('src/cli/user.ts', env, args);
    const code = await p.exited;
    return { code, out: p.output() };
  }

  /**
   * The same command in this process, on the same database (a process costs seconds; the
   * first test shows the entry point itself works).
   */
  async function user(...args: string[]) {
    const { db } = await database();
    const lines: string[] = [];
    const print = (line: unknown) => lines.push(String(line));
    const code = await exitCode(() => userCommand(db, args, print), print);
    return { code, out: lines.join('\n') };
  }

  async function passwordHash(email: string): Promise<string | undefined> {
    const { db } = await database();
    const row = await db.selectFrom('users').select('password_hash').where('email', '=', email).executeTakeFirst();
    return row?.password_hash;
  }

  it('creates an agency user with a generated password, printed once', async () => {
    const { code, out } = await userProcess('create', '--email', 'Staf.PU@patikab.go.id', '--name', 'Staf PU', '--role', 'agency_staff', '--agency', 'dpupr');
    expect(code, out).to.equal(0);
    expect(out).to.contain('Created agency_staff staf.pu@patikab.go.id');
    const password = /Password \(shown once\): (\S+)/.exec(out)?.[1];
    expect(password).to.have.length(16);
    expect(await verifyPassword((await passwordHash('staf.pu@patikab.go.id'))!, password!)).to.equal(true);
  });

  it('refuses bad input with a message and a usage exit code, creating nothing', async () => {
    const badRole = await user('create', '--email', 'x@patikab.go.id', '--name', 'X', '--role', 'king');
    expect(badRole.code).to.equal(64);
    expect(badRole.out).to.contain('--role must be one of');
    const badAgency = await user('create', '--email', 'y@patikab.go.id', '--name', 'Y', '--role', 'agency_staff', '--agency', 'nope');
    expect(badAgency.code).to.equal(64);
    expect(badAgency.out).to.contain('No agency with code "nope"');
    const leaked = await user('create', '--email', 'z@patikab.go.id', '--name', 'Z', '--role', 'leader', '--password', '1234567890');
    expect(leaked.code).to.equal(64);
    expect(leaked.out).to.contain('This password is on the list of passwords leaked in past breaches');
    expect(await passwordHash('z@patikab.go.id')).to.equal(undefined);
    const taken = await user('create', '--email', 'staf.pu@patikab.go.id', '--name', 'Again', '--role', 'leader');
    expect(taken.code).to.equal(64);
    expect(taken.out).to.contain('already used');
    expect(await passwordHash('y@patikab.go.id')).to.equal(undefined);
  });

  it('resets a password for a locked-out admin', async () => {
    const created = await user('create', '--email', 'boss@patikab.go.id', '--name', 'Boss', '--role', 'admin', '--password', 'first-password-123');
    expect(created.code, created.out).to.equal(0);
    expect(created.out).to.not.contain('first-password-123');
    const reset = await user('reset-password', '--email', 'BOSS@patikab.go.id');
    expect(reset.code, reset.out).to.equal(0);
    const password = /\(shown once\): (\S+)/.exec(reset.out)?.[1];
    const hash = (await passwordHash('boss@patikab.go.id'))!;
    expect(await verifyPassword(hash, password!)).to.equal(true);
    expect(await verifyPassword(hash, 'first-password-123')).to.equal(false);
    const unknown = await user('reset-password', '--email', 'ghost@patikab.go.id');
    expect(unknown.code).to.equal(64);
    expect(unknown.out).to.contain('No user with e-mail ghost@patikab.go.id');
  });
});
