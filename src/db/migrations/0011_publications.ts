import { type Kysely, sql } from 'kysely';

/**
 * The public side of a resolved case, kept apart from the report on purpose: public pages,
 * feeds, exports and Open311 read this table only, so what the coordinator did not
 * approve (or a rahasia report, which never gets a row) cannot leak through a join.
 * Texts are stored as approved, already redacted. Figures the public sees (OPD, category,
 * kecamatan, dates, working days taken) are copied at publication.
 *
 * Open311 clients get an api_key from an admin; only its hash is stored.
 * attachments.is_public (0001) is dropped: the photos shown are the publication's photo_ids.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table publications (
      report_id      bigint primary key references reports(id) on delete cascade,
      -- The case's public id (the report's code; its secret is never public).
      code           text not null unique,
      status         text not null default 'draft' check (status in ('draft', 'published', 'declined')),
      title          text not null check (length(title) between 1 and 200),
      body           text not null check (length(body) between 1 and 20000),
      answer         text not null check (length(answer) between 1 and 20000),
      -- What the automatic redaction replaced, by kind and count (never the originals).
      redactions     jsonb not null default '[]'::jsonb,
      -- Attachments the coordinator chose to show (images only).
      photo_ids      bigint[] not null default '{}',
      agency_id      integer references agencies(id),
      category_id    integer references categories(id),
      kecamatan_code text references regions(code),
      kind           text not null,
      channel        text not null,
      submitted_at   timestamptz not null,
      answered_at    timestamptz,
      resolved_at    timestamptz,
      -- Working days from submission to the first answer, pauses excluded.
      answer_days    numeric(6, 1),
      decided_by     integer references users(id),
      decided_at     timestamptz,
      decline_reason text,
      published_at   timestamptz,
      created_at     timestamptz not null default now(),
      updated_at     timestamptz not null default now(),
      search_vector  tsvector generated always as (
                       setweight(to_tsvector('indonesian', coalesce(title, '')), 'A') ||
                       setweight(to_tsvector('indonesian', coalesce(body, '')), 'B') ||
                       setweight(to_tsvector('indonesian', coalesce(answer, '')), 'C')) stored
    )`.execute(db);
  await sql`create index publications_published_idx on publications (published_at desc, report_id desc) where status = 'published'`.execute(db);
  await sql`create index publications_agency_idx on publications (agency_id, published_at desc) where status = 'published'`.execute(db);
  await sql`create index publications_search_idx on publications using gin (search_vector) where status = 'published'`.execute(db);
  await sql`create index publications_title_trgm_idx on publications using gin (title gin_trgm_ops) where status = 'published'`.execute(db);
  await sql`create index publications_drafts_idx on publications (created_at) where status = 'draft'`.execute(db);
  await sql`alter table attachments drop column is_public`.execute(db);
  await sql`
    create table open311_clients (
      id           integer generated always as identity primary key,
      name         text not null check (length(name) between 2 and 100),
      key_hash     text not null unique,
      active       boolean not null default true,
      created_by   integer references users(id),
      created_at   timestamptz not null default now(),
      last_used_at timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists open311_clients, publications`.execute(db);
  await sql`alter table attachments add column if not exists is_public boolean not null default false`.execute(db);
}
