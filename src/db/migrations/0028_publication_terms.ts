import { type Kysely, sql } from 'kysely';

/**
 * The coordinator's decisions on what the redaction found in a publication: terms kept
 * (an official's or a shop's name it took for a person) and terms removed (a name it
 * missed). They apply to every later redaction of the same publication, so a kept term is
 * not blanked again when the coordinator saves, and a removed one not typed back.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table publications add column kept_terms text[] not null default '{}'`.execute(db);
  await sql`alter table publications add column removed_terms text[] not null default '{}'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table publications drop column if exists kept_terms`.execute(db);
  await sql`alter table publications drop column if exists removed_terms`.execute(db);
}
