import { type Kysely, sql } from 'kysely';

/**
 * The core of DESIGN.md: agencies, categories and their SLA policies, regions, users,
 * reports with their events, messages and attachments, holidays, the mail outbox and
 * sessions. Plain SQL: it is the clearest statement of constraints and indexes, and it
 * runs unchanged on PostgreSQL 15 (server) and 18 (PGlite).
 * Later changes are new migrations; this file is never edited once released.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists session, outbox, attachments, messages, report_events, reports,
      holidays, users, regions, categories, sla_policies, agencies cascade;
  `).execute(db);
}

const UP = `
create extension if not exists pg_trgm;

-- OPD and their parts. kind tells dinas from badan, kecamatan from bagian of the Setda.
create table agencies (
  id          integer generated always as identity primary key,
  code        text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  name        text not null,
  short_name  text,
  kind        text not null check (kind in ('sekretariat', 'dinas', 'badan', 'inspektorat',
                'rsud', 'satpol', 'bagian', 'kecamatan', 'kelurahan', 'other')),
  parent_id   integer references agencies(id),
  -- A kecamatan office serves its own kecamatan; used by routing rules.
  region_code text,
  email       text,
  phone       text,
  active      boolean not null default true,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create index agencies_parent_idx on agencies (parent_id);

-- Deadlines per stage, in working days (HK). Data, never constants in code.
create table sla_policies (
  id                    integer generated always as identity primary key,
  code                  text not null unique,
  name                  text not null,
  verify_days           integer not null check (verify_days between 1 and 60),
  respond_days          integer not null check (respond_days between 1 and 60),
  resolve_days          integer not null check (resolve_days between 1 and 365),
  auto_close_days       integer not null check (auto_close_days between 1 and 60),
  -- needs_info with no reply for this long closes the report as incomplete.
  info_wait_days        integer not null default 10 check (info_wait_days between 1 and 60),
  remind_days_before    integer not null default 1 check (remind_days_before between 0 and 10),
  escalate_after_days   integer not null default 3 check (escalate_after_days between 1 and 60),
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now()
);

create table categories (
  id                integer generated always as identity primary key,
  code              text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{1,59}$'),
  name              text not null,
  name_en           text,
  description       text,
  default_agency_id integer references agencies(id),
  sla_policy_id     integer not null references sla_policies(id),
  -- Forward to the default agency right after verification, without a coordinator's pick.
  auto_forward      boolean not null default false,
  active            boolean not null default true,
  sort_order        integer not null default 0,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now()
);
create index categories_agency_idx on categories (default_agency_id);

-- Kemendagri codes: kecamatan 33.18.01, desa/kelurahan 33.18.01.2001.
create table regions (
  code        text primary key check (code ~ '^[0-9]{2}(\\.[0-9]{2}){2}(\\.[0-9]{4})?$'),
  parent_code text references regions(code),
  level       text not null check (level in ('kecamatan', 'desa', 'kelurahan')),
  name        text not null,
  check ((level = 'kecamatan') = (parent_code is null))
);
create index regions_parent_idx on regions (parent_code, name);

create table users (
  id                  integer generated always as identity primary key,
  email               text not null,
  name                text not null,
  password_hash       text not null,
  role                text not null check (role in ('coordinator', 'agency_staff', 'agency_head',
                        'leader', 'admin')),
  agency_id           integer references agencies(id),
  active              boolean not null default true,
  locale              text check (locale in ('id', 'en')),
  failed_logins       integer not null default 0,
  locked_until        timestamptz,
  last_login_at       timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  -- OPD roles are meaningless without their OPD.
  check (role not in ('agency_staff', 'agency_head') or agency_id is not null)
);
create unique index users_email_key on users (lower(email));
create index users_agency_idx on users (agency_id, role) where active;

create table reports (
  id                    bigint generated always as identity primary key,
  -- Short code the citizen reads aloud; the secret is stored only as a hash.
  tracking_code         text not null unique,
  tracking_secret_hash  text not null,
  kind                  text not null check (kind in ('pengaduan', 'aspirasi', 'informasi')),
  channel               text not null check (channel in ('web', 'email', 'api', 'open311', 'staff')),
  title                 text not null check (length(title) between 1 and 200),
  body                  text not null check (length(body) between 1 and 20000),
  -- What the citizen wrote, kept when a coordinator corrects title or category.
  original_title        text,
  original_category_id  integer references categories(id),
  category_id           integer references categories(id),
  region_code           text references regions(code),
  address               text,
  latitude              double precision check (latitude between -90 and 90),
  longitude             double precision check (longitude between -180 and 180),
  reporter_name         text,
  reporter_email        text,
  reporter_phone        text,
  reporter_nik          text check (reporter_nik ~ '^[0-9]{16}$'),
  is_anonymous          boolean not null default false,
  is_confidential       boolean not null default false,
  consent_at            timestamptz,
  -- Channel-specific origin: a mail Message-ID, an API client, an Open311 token.
  source_ref            text,
  status                text not null default 'submitted' check (status in ('submitted',
                          'needs_info', 'assigned', 'in_progress', 'awaiting_approval',
                          'answered', 'resolved', 'rejected', 'merged')),
  -- The status to return to when needs_info is answered.
  status_before_pause   text,
  rejection_reason      text,
  merged_into_id        bigint references reports(id),
  assigned_agency_id    integer references agencies(id),
  assigned_user_id      integer references users(id),
  returned_count        integer not null default 0,
  -- Deadlines of each stage, computed from the category's SLA policy when the stage
  -- starts; pauses and the one extension move them.
  verify_due_at         timestamptz,
  response_due_at       timestamptz,
  resolve_due_at        timestamptz,
  close_due_at          timestamptz,
  info_due_at           timestamptz,
  paused_at             timestamptz,
  extended_at           timestamptz,
  extension_reason      text,
  planned_at            date,
  -- When each stage happened; metrics read these (and the events) as stored facts.
  submitted_at          timestamptz not null default now(),
  verified_at           timestamptz,
  assigned_at           timestamptz,
  acknowledged_at       timestamptz,
  first_response_at     timestamptz,
  answered_at           timestamptz,
  resolved_at           timestamptz,
  closed_at             timestamptz,
  rating                smallint check (rating between 1 and 5),
  rating_comment        text,
  rated_at              timestamptz,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  search_vector         tsvector generated always as (
                          setweight(to_tsvector('indonesian', coalesce(title, '')), 'A') ||
                          setweight(to_tsvector('indonesian', coalesce(body, '')), 'B')
                        ) stored,
  check ((latitude is null) = (longitude is null)),
  check (status <> 'merged' or merged_into_id is not null)
);
-- Deadline queues: each partial index holds only reports waiting at that stage, so the
-- sweeper's cost grows with what is due, not with the backlog.
create index reports_verify_due_idx on reports (verify_due_at) where status = 'submitted';
create index reports_response_due_idx on reports (response_due_at)
  where status in ('assigned', 'in_progress', 'awaiting_approval');
create index reports_resolve_due_idx on reports (resolve_due_at)
  where status in ('assigned', 'in_progress', 'awaiting_approval');
create index reports_info_due_idx on reports (info_due_at) where status = 'needs_info';
create index reports_close_due_idx on reports (close_due_at) where status = 'answered';
-- OPD queues and dashboards.
create index reports_agency_status_idx on reports (assigned_agency_id, status, response_due_at);
create index reports_assignee_idx on reports (assigned_user_id, status) where assigned_user_id is not null;
create index reports_status_submitted_idx on reports (status, submitted_at desc);
create index reports_category_idx on reports (category_id, submitted_at);
create index reports_region_idx on reports (region_code, submitted_at);
create index reports_reporter_email_idx on reports (lower(reporter_email)) where reporter_email is not null;
create index reports_search_idx on reports using gin (search_vector);
create index reports_title_trgm_idx on reports using gin (title gin_trgm_ops);

-- Every transition and every notable act, written in the same transaction as the change.
create table report_events (
  id            bigint generated always as identity primary key,
  report_id     bigint not null references reports(id) on delete cascade,
  type          text not null,
  actor_kind    text not null check (actor_kind in ('citizen', 'staff', 'system')),
  actor_user_id integer references users(id),
  from_status   text,
  to_status     text,
  reason        text,
  -- public: on the citizen's timeline; internal: staff only.
  visibility    text not null default 'internal' check (visibility in ('public', 'internal')),
  agency_id     integer references agencies(id),
  data          jsonb not null default '{}'::jsonb,
  created_at    timestamptz not null default now()
);
create index report_events_report_idx on report_events (report_id, created_at, id);
create index report_events_type_idx on report_events (type, created_at);

-- Citizen messages, questions to the citizen, internal notes and answers.
create table messages (
  id              bigint generated always as identity primary key,
  report_id       bigint not null references reports(id) on delete cascade,
  kind            text not null check (kind in ('citizen_info', 'citizen_reply', 'appeal',
                    'question', 'internal_note', 'answer')),
  author_kind     text not null check (author_kind in ('citizen', 'staff', 'system')),
  author_user_id  integer references users(id),
  agency_id       integer references agencies(id),
  body            text not null,
  visibility      text not null check (visibility in ('public', 'internal')),
  -- Answers only: draft -> submitted -> approved (-> validated) -> sent, or returned.
  answer_status   text check (answer_status in ('draft', 'submitted', 'returned', 'approved',
                    'validated', 'refused', 'sent')),
  version         integer not null default 1,
  planned_at      date,
  reviewed_by     integer references users(id),
  reviewed_at     timestamptz,
  review_comment  text,
  sent_at         timestamptz,
  -- Mail threading: the Message-ID this message arrived with or was sent as.
  mail_message_id text unique,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  check ((kind = 'answer') = (answer_status is not null)),
  check (kind <> 'internal_note' or visibility = 'internal')
);
create index messages_report_idx on messages (report_id, created_at);
create index messages_pending_answers_idx on messages (agency_id, answer_status)
  where kind = 'answer' and answer_status in ('submitted', 'approved');

create table attachments (
  id             bigint generated always as identity primary key,
  report_id      bigint not null references reports(id) on delete cascade,
  message_id     bigint references messages(id) on delete cascade,
  -- Path under UPLOAD_DIR; files are written before commit and cleaned on rollback.
  storage_key    text not null unique,
  thumbnail_key  text,
  original_name  text not null,
  mime_type      text not null,
  size_bytes     integer not null check (size_bytes >= 0),
  sha256         text not null,
  width          integer,
  height         integer,
  -- Chosen by the coordinator for the public version of the case.
  is_public      boolean not null default false,
  uploaded_by    text not null check (uploaded_by in ('citizen', 'staff', 'system')),
  created_at     timestamptz not null default now()
);
create index attachments_report_idx on attachments (report_id);

-- Days off besides weekends: national holidays, cuti bersama, local days off.
create table holidays (
  date        date primary key,
  name        text not null,
  kind        text not null check (kind in ('national', 'cuti_bersama', 'local')),
  source      text not null default 'admin' check (source in ('date-holidays', 'admin')),
  created_at  timestamptz not null default now()
);

-- Transactional outbox: written with the change that causes it, sent after commit.
create table outbox (
  id            bigint generated always as identity primary key,
  channel       text not null default 'mail' check (channel in ('mail')),
  report_id     bigint references reports(id) on delete set null,
  to_address    text not null,
  subject       text not null,
  text_body     text not null,
  html_body     text,
  headers       jsonb not null default '{}'::jsonb,
  -- Dedupe key for alerts that must go out once (e.g. sla:breach:123:response).
  dedupe_key    text unique,
  status        text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts      integer not null default 0,
  last_error    text,
  available_at  timestamptz not null default now(),
  locked_until  timestamptz,
  sent_at       timestamptz,
  created_at    timestamptz not null default now()
);
create index outbox_pending_idx on outbox (available_at) where status in ('pending', 'sending');

-- connect-pg-simple's table, created here so one migration owns the whole schema.
create table session (
  sid     varchar not null primary key,
  sess    json not null,
  expire  timestamp(6) not null
);
create index session_expire_idx on session (expire);
`;
