import { type Kysely, sql } from 'kysely';

/**
 * The official answer letter (surat jawaban, issue 21 item 5).
 *
 * - agency_letterheads: per OPD, what admins set at /admin/opd: the letterhead's lines, its
 *   logo (an image re-encoded by the upload inspection, kept in the row: a few KB, and in
 *   every backup with the letters it heads) and the numbering pattern, which must hold {n}.
 * - users.job_title and users.nip: what the signing Kepala OPD's signature block reads.
 * - letter_counters: the last number given per OPD and year. Taking a number updates this
 *   row inside the transaction that sends the answer, so the row stays locked until commit:
 *   a second approval of the same OPD waits, and a rollback gives the number back. No gaps,
 *   no duplicates, with any number of processes.
 * - answer_letters: each letter as issued, once. The PDF, its SHA-256 and the verification
 *   token never change (a trigger refuses any update of them); the signer and the OPD's
 *   name are copied in so that the verification page shows what the letter says even after
 *   a user or an OPD is renamed.
 * - outbox_attachments: files a queued mail carries, referenced rather than copied; the
 *   sender reads them when the mail leaves. A letter, or an uploaded file (attachments).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table agency_letterheads (
      agency_id      integer primary key references agencies (id) on delete cascade,
      full_name      text not null check (length(full_name) between 2 and 200),
      address        text not null check (length(address) between 2 and 300),
      phone          text check (length(phone) <= 60),
      email          text check (length(email) <= 254),
      website        text check (length(website) <= 200),
      number_pattern text not null check (number_pattern like '%{n}%' and length(number_pattern) <= 80),
      logo           bytea check (octet_length(logo) <= 1048576),
      logo_mime      text check (logo_mime in ('image/png', 'image/jpeg')),
      updated_at     timestamptz not null default now(),
      check ((logo is null) = (logo_mime is null))
    )`.execute(db);
  await sql`alter table users add column job_title text check (length(job_title) <= 150)`.execute(db);
  await sql`alter table users add column nip text check (nip ~ '^[0-9]{18}$')`.execute(db);
  await sql`
    create table letter_counters (
      agency_id   integer not null references agencies (id) on delete cascade,
      year        integer not null check (year between 2000 and 2999),
      last_number integer not null check (last_number > 0),
      primary key (agency_id, year)
    )`.execute(db);
  await sql`
    create table answer_letters (
      id             bigint generated always as identity primary key,
      message_id     bigint not null unique references messages (id),
      report_id      bigint not null references reports (id),
      agency_id      integer not null references agencies (id),
      year           integer not null,
      seq            integer not null check (seq > 0),
      number         text not null,
      issued_at      timestamptz not null default now(),
      agency_name    text not null,
      signer_user_id integer references users (id),
      signer_name    text not null,
      signer_title   text,
      signer_nip     text,
      pdf            bytea not null,
      sha256         text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      verify_token   text not null unique check (length(verify_token) >= 20),
      unique (agency_id, year, seq)
    )`.execute(db);
  await sql`create index answer_letters_report_idx on answer_letters (report_id, issued_at)`.execute(db);
  await sql`
    create function answer_letters_refuse_change() returns trigger language plpgsql as $$
    begin
      if new.pdf is distinct from old.pdf or new.sha256 is distinct from old.sha256
         or new.verify_token is distinct from old.verify_token or new.number is distinct from old.number then
        raise exception 'an issued letter never changes' using errcode = '42501';
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger answer_letters_issued_once before update on answer_letters
      for each row execute function answer_letters_refuse_change()`.execute(db);
  await sql`
    create table outbox_attachments (
      id            bigint generated always as identity primary key,
      outbox_id     bigint not null references outbox (id) on delete cascade,
      letter_id     bigint references answer_letters (id),
      attachment_id bigint references attachments (id) on delete cascade,
      filename      text not null check (length(filename) between 1 and 200),
      check (num_nonnulls(letter_id, attachment_id) = 1)
    )`.execute(db);
  await sql`create index outbox_attachments_outbox_idx on outbox_attachments (outbox_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists outbox_attachments, answer_letters, letter_counters, agency_letterheads`.execute(db);
  await sql`drop function if exists answer_letters_refuse_change()`.execute(db);
  await sql`alter table users drop column if exists nip, drop column if exists job_title`.execute(db);
}
