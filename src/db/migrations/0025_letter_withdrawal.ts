import { type Kysely, sql } from 'kysely';

/**
 * A letter names its reporter; erasing a reporter's personal data (privacy/) withdraws the
 * file of their letters: the PDF goes, the record stays (number, date, OPD, signer, SHA-256),
 * so the verification page still confirms a printed or saved copy the citizen holds.
 * Withdrawing is the one change an issued letter allows; nothing else of it ever changes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table answer_letters alter column pdf drop not null`.execute(db);
  await sql`alter table answer_letters add column withdrawn_at timestamptz`.execute(db);
  await sql`alter table answer_letters add constraint answer_letters_withdrawn check ((pdf is null) = (withdrawn_at is not null))`.execute(db);
  await sql`
    create or replace function answer_letters_refuse_change() returns trigger language plpgsql as $$
    begin
      if (new.pdf is distinct from old.pdf and not (new.pdf is null and old.pdf is not null))
         or new.sha256 is distinct from old.sha256
         or new.verify_token is distinct from old.verify_token or new.number is distinct from old.number then
        raise exception 'an issued letter never changes' using errcode = '42501';
      end if;
      return new;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table answer_letters drop constraint if exists answer_letters_withdrawn`.execute(db);
  await sql`alter table answer_letters drop column if exists withdrawn_at`.execute(db);
}
