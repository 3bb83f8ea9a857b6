import { type Kysely, sql } from 'kysely';

/**
 * Reports taken by staff (issue 23, section 2). channel 'staff' already exists; these
 * columns say how it reached them and who wrote it down:
 * - staff_source: telephone, walk_in, letter, social_media, lapor (only on channel 'staff');
 * - source_platform and source_url: the social media platform and the post or message;
 * - lapor_number: the SP4N-LAPOR! tracking ID, unique, so the same LAPOR report is never
 *   entered twice;
 * - letter_number and letter_date: the incoming letter's own reference;
 * - taken_by_user_id: the staff member who entered it (kept when the account goes).
 * The dashboard's monthly summaries gain a per-channel dimension (metrics/groupings.ts):
 * every month is marked changed so the worker rebuilds its summary with it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table reports
      add column staff_source text
        check (staff_source in ('telephone', 'walk_in', 'letter', 'social_media', 'lapor')),
      add column source_platform text
        check (source_platform in ('instagram', 'facebook', 'x', 'tiktok', 'youtube', 'other')),
      add column source_url text
        check (source_url ~ '^https?://' and char_length(source_url) <= 2000),
      add column lapor_number text check (lapor_number ~ '^[A-Z0-9]{5,20}$'),
      add column letter_number text check (char_length(letter_number) between 1 and 100),
      add column letter_date date,
      add column taken_by_user_id integer references users (id) on delete set null,
      add constraint reports_staff_source_channel check (staff_source is null or channel = 'staff'),
      add constraint reports_staff_source_details check (
        (staff_source is distinct from 'social_media' or source_platform is not null)
        and (staff_source is distinct from 'lapor' or lapor_number is not null))`.execute(db);
  await sql`create unique index reports_lapor_number_key on reports (lapor_number) where lapor_number is not null`.execute(db);
  await sql`insert into dashboard_changes (month) select distinct dashboard_month(submitted_at) from reports`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists reports_lapor_number_key`.execute(db);
  await sql`
    alter table reports
      drop constraint if exists reports_staff_source_details,
      drop constraint if exists reports_staff_source_channel,
      drop column if exists taken_by_user_id,
      drop column if exists letter_date,
      drop column if exists letter_number,
      drop column if exists lapor_number,
      drop column if exists source_url,
      drop column if exists source_platform,
      drop column if exists staff_source`.execute(db);
}
