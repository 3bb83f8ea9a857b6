import crypto from 'node:crypto';
import pg from 'pg';

/**
 * Statements PostgreSQL keeps prepared. It parses and plans an unnamed statement anew at
 * every run; for the tracking page's one statement (seven small reads as JSON) that was
 * most of its cost to the server: 2.0-2.4 ms of CPU a view, 0.8 ms prepared (issue 25).
 * A named statement is parsed once per connection and, after five runs, planned once
 * (a generic plan, when it is no worse than the plans made for the values). Only texts
 * named here run so (db/precompiled.ts names them: reads whose plan does not depend on
 * the values); every other text runs as before.
 *
 * DATABASE_PREPARED_STATEMENTS=false turns it off, for a pooler that cannot carry named
 * statements between its clients (PgBouncer in transaction mode before 1.21, README).
 */
const names = new Map<string, string>();

function nameOf(sql: string, generation = 0): string {
  return `epengaduan_${crypto.createHash('sha1').update(`${generation}:${sql}`).digest('hex').slice(0, 24)}`;
}

/** Runs `sql` as a named prepared statement on every connection from now on. */
export function runPrepared(sql: string): void {
  if (!names.has(sql)) names.set(sql, nameOf(sql));
}

/**
 * A column added to a table (a migration run by a newer process) changes what `select *`
 * returns, and PostgreSQL refuses to run a statement prepared before: "cached plan must
 * not change result type".
 */
function isStalePlan(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === '0A000' && /cached plan must not change result type/.test(e.message ?? '');
}

let generation = 0;

/** pg's client, running the texts runPrepared named as named statements (the Pool's `Client` option). */
export class PreparingClient extends pg.Client {
  // pg's own overloads (text and values, a config, a callback) pass through unchanged.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    const name = typeof config === 'string' && Array.isArray(values) && callback === undefined ? names.get(config) : undefined;
    if (!name) return super.query(config, values, callback);
    const text = config as string;
    return super.query({ name, text, values }).catch((err: unknown) => {
      if (!isStalePlan(err)) throw err;
      // A new name for the text, on every connection: each prepares it afresh once.
      if (names.get(text) === name) names.set(text, nameOf(text, ++generation));
      // Outside a transaction nothing was lost: run it again at once. Inside one the
      // transaction has failed, and the error goes to its caller as any other would.
      if (this.getTransactionStatus() !== 'I') throw err;
      return super.query({ name: names.get(text), text, values });
    });
  }
}
