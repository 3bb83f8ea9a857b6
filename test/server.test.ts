import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openDatabase } from '../src/db/database.js';
import { DataDirLockedError } from '../src/db/lock.js';
import { createTestDatabase, onServer, type TestDatabase } from './helpers/db.js';
import { runTs, type Spawned } from './helpers/process.js';

function readyPort(output: string): number {
  const line = output.split('\n').find((l) => l.includes('e-Pengaduan is ready'));
  return JSON.parse(line!).port as number;
}

/** The plain-words block every start prints: where it listens, and the three addresses people open, once. */
function expectAddresses(output: string, port: number): void {
  expect(output).to.contain(`e-Pengaduan is running on http://127.0.0.1:${port}`);
  expect(output).to.contain(`Citizens report at      http://localhost:${port}/lapor`);
  expect(output).to.contain(`Staff sign in at        http://localhost:${port}/masuk`);
  expect(output).to.contain(`Administrators manage   http://localhost:${port}/admin/kesehatan`);
  expect(output.split('Citizens report at').length, 'printed once').to.equal(2);
}

describe('starting the server', function () {
  // Real processes, each with its own embedded database: seconds, not milliseconds.
  this.timeout(120_000);
  let dataDir: string;
  const running: Spawned[] = [];
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-test-'));
  });
  after(async () => {
    await Promise.all(running.map((p) => p.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on an empty embedded database, prints the first admin login once, and serves', async () => {
    const app = runTs('src/server.ts', { DATA_DIR: dataDir, PORT: '0' });
    running.push(app);
    await app.waitFor(/e-Pengaduan is ready/);
    await app.waitFor(/password: {2}\S+/);
    expect(app.output()).to.contain('e-mail:    admin@pengaduan.local');
    const port = readyPort(app.output());
    expectAddresses(app.output(), port);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).to.equal(200);
    const page = await fetch(`http://127.0.0.1:${port}/masuk`);
    expect(await page.text()).to.contain('Masuk petugas');
  });

  it('refuses a second process on the same embedded data folder, with a clear message', async () => {
    const second = runTs('src/server.ts', { DATA_DIR: dataDir, PORT: '0' });
    const code = await second.exited;
    expect(code).to.equal(1);
    expect(second.output()).to.contain('is already in use by another e-Pengaduan process');
    // In-process too: the lock is the same.
    let error: unknown;
    try {
      await openDatabase({ dataDir });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(DataDirLockedError);
  });

  it('starts again after a stop, keeping the data and printing no new password', async () => {
    await running.pop()!.stop();
    const app = runTs('src/server.ts', { DATA_DIR: dataDir, PORT: '0' });
    running.push(app);
    await app.waitFor(/e-Pengaduan is ready/);
    await app.waitFor(/Administrators manage/);
    expect(app.output()).to.not.contain('password:');
    const port = readyPort(app.output());
    // Not only the first start: every start says where to go (issue 19, item 15).
    expectAddresses(app.output(), port);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).to.equal(200);
  });

  it('stops with a clear message when the database server cannot be reached', async () => {
    const app = runTs('src/server.ts', { DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none', PORT: '0' });
    expect(await app.exited).to.equal(1);
    expect(app.output()).to.contain('Cannot reach the database at postgres://nobody:***@127.0.0.1:1/none');
    expect(app.output()).to.not.contain('secret');
  });

  if (onServer()) {
    describe('on a PostgreSQL server', () => {
      let database: TestDatabase;
      before(async () => {
        database = await createTestDatabase({ migrate: false });
      });
      after(async () => {
        await database.drop();
      });

      it('migrates, loads reference data and serves', async () => {
        const app = runTs('src/server.ts', { DATABASE_URL: database.url, PORT: '0' });
        running.push(app);
        await app.waitFor(/e-Pengaduan is ready/);
        expect(app.output()).to.contain('admin@pengaduan.local');
        const port = readyPort(app.output());
        expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).to.equal(200);
        await app.stop();
      });
    });
  }
});
