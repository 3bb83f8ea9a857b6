import { type Kysely, sql } from 'kysely';

/**
 * The draft checker (issue 21, item 1; src/answers/check/). Each saved version of an answer
 * records whether it held the four elements of an explanation (what was found, why, what
 * happens by when, whom to contact): the dashboard counts answers sent complete from it.
 * Null for versions saved before the checker. An approval records the warnings the Kepala
 * OPD read and approved despite ("saya sudah membaca peringatan ini"), by rule name; null
 * when there were none, or for other decisions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table answer_versions add column elements_complete boolean`.execute(db);
  await sql`alter table answer_reviews add column warnings_acknowledged text[]`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table answer_reviews drop column if exists warnings_acknowledged`.execute(db);
  await sql`alter table answer_versions drop column if exists elements_complete`.execute(db);
}
