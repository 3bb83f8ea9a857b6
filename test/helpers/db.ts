import crypto from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/**
 * Test databases. Without DATABASE_URL each one is an in-memory PGlite; with it, a fresh
 * database named epengaduan_test_<random> is created on that server and dropped after,
 * so runs may share a server without seeing each other's rows.
 */
export interface TestDatabase extends Database {
  /** Connection string of the created server database, when on a server. */
  url?: string;
  drop(): Promise<void>;
}

const serverUrl = process.env.DATABASE_URL || undefined;

export function onServer(): boolean {
  return Boolean(serverUrl);
}

// A migrated embedded database, dumped once per run: every migrated test database starts
// from it, which skips initdb and the migrations (about 3 s each on a 2-core machine).
let migratedDump: Promise<Blob> | undefined;
function migratedTemplate(): Promise<Blob> {
  migratedDump ??= (async () => {
    const database = await openDatabase({ dataDir: '', inMemory: true, poolMax: 1 });
    try {
      await migrateToLatest(database.db);
      return await database.dumpDataDir!();
    } finally {
      await database.close();
    }
  })();
  return migratedDump;
}

// On the server the same: one migrated database per run, copied by CREATE DATABASE … TEMPLATE.
let serverTemplate: Promise<string> | undefined;
function migratedServerTemplate(): Promise<string> {
  serverTemplate ??= (async () => {
    const name = `epengaduan_template_${crypto.randomBytes(5).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    // Closed before any copy: PostgreSQL copies only a template nobody is connected to.
    const database = await openDatabase({ databaseUrl: serverDatabaseUrl(name), dataDir: '', poolMax: 1 });
    try {
      await migrateToLatest(database.db);
    } finally {
      await database.close();
    }
    return name;
  })();
  return serverTemplate;
}

/** Drops the run's template database (the root hook's afterAll, test/setup.ts). */
export async function dropTestTemplates(): Promise<void> {
  if (!serverTemplate) return;
  const name = await serverTemplate.catch(() => undefined);
  serverTemplate = undefined;
  if (name) await adminQuery(`drop database if exists ${name} with (force)`);
}

function serverDatabaseUrl(name: string): string {
  const u = new URL(serverUrl!);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = opts.migrate !== false;
  if (!serverUrl && migrate) {
    const database = await openDatabase({ dataDir: '', inMemory: true, loadDataDir: await migratedTemplate() });
    return { ...database, url: undefined, drop: () => database.close() };
  }
  let url: string | undefined;
  if (serverUrl) {
    const name = `epengaduan_test_${crypto.randomBytes(5).toString('hex')}`;
    await adminQuery(migrate ? `create database ${name} template ${await migratedServerTemplate()}` : `create database ${name}`);
    url = serverDatabaseUrl(name);
  }
  const database = await openDatabase({ databaseUrl: url, dataDir: '', inMemory: !url, poolMax: 5 });
  if (migrate && !url) await migrateToLatest(database.db);
  return {
    ...database,
    url,
    async drop() {
      await database.close();
      if (url) await adminQuery(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
