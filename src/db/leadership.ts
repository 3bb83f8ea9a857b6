import pg from 'pg';

/**
 * One process at a time for work that must not run twice at once (the mail reader): a
 * PostgreSQL session-level advisory lock, held on a connection of its own. The lock goes
 * with the connection, so a process that dies frees it at once; `lost` tells the holder
 * when its connection dropped and someone else may now hold it.
 */
export interface Lease {
  readonly lost: boolean;
  release(): Promise<void>;
}

export async function tryLease(databaseUrl: string, key: number): Promise<Lease | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  let lost = false;
  client.on('error', () => {
    lost = true;
  });
  client.on('end', () => {
    lost = true;
  });
  await client.connect();
  const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [key]);
  if (!rows[0]?.ok) {
    await client.end();
    return null;
  }
  return {
    get lost() {
      return lost;
    },
    async release() {
      // Ending the connection releases the lock; an explicit unlock first keeps logs clean.
      await client.query('select pg_advisory_unlock($1)', [key]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
