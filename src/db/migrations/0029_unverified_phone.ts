import { type Kysely, sql } from 'kysely';

/**
 * A phone number as an Open311 client sent it, when it is not one we can use (issue 22,
 * Open311; src/open311/intakeInput.ts). The spec's own example sends phone=111111111: the
 * request is accepted and the number kept as given, for staff to read marked "tidak
 * terverifikasi". reporter_phone stays what it was, a usable number in the one form
 * (+62...), the only one anything contacts or matches; this column is never used to
 * notify anyone. Erasing the reporter's personal data clears it with the others.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table reports add column reporter_phone_unverified text
      check (char_length(reporter_phone_unverified) between 1 and 30)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table reports drop column if exists reporter_phone_unverified`.execute(db);
}
