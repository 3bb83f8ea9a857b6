import { sql, type Kysely } from 'kysely';

/** Runs one generator statement; with GEN_TRACE=1 prints its time (to find the slow ones). */
export async function timed(conn: Kysely<any>, statement: string): Promise<void> {
  const t0 = performance.now();
  await sql.raw(statement).execute(conn);
  if (process.env.GEN_TRACE) console.log(`    ${Math.round(performance.now() - t0)} ms  ${statement.replace(/\s+/g, ' ').trim().slice(0, 70)}`);
}
