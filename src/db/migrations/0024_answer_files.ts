import { type Kysely, sql } from 'kysely';

/**
 * Files staff attach to an answer (issue 21, item 4) are attachments rows of the answer's
 * message, stored and inspected as citizens' uploads are. `show_public` is the OPD's
 * choice, per file, to show a photo on the public case page: it only proposes the photo.
 * The coordinator's review of the publication (publications.photo_ids) still decides, as
 * for citizens' photos.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table attachments add column show_public boolean not null default false`.execute(db);
  await sql`create index attachments_message_idx on attachments (message_id) where message_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists attachments_message_idx`.execute(db);
  await sql`alter table attachments drop column if exists show_public`.execute(db);
}
