import crypto from 'node:crypto';
import pg from 'pg';

/**
 * A database of its own on the server of DATABASE_URL for one benchmark, dropped after it,
 * so a benchmark never touches data it did not make.
 */
export async function withScratchDatabase(server: string, prefix: string, work: (url: string) => Promise<void>): Promise<void> {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  await admin(server, `create database ${name}`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  try {
    await work(u.toString());
  } finally {
    await admin(server, `drop database if exists ${name} with (force)`);
  }
}

async function admin(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
