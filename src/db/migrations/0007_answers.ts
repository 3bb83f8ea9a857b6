import { type Kysely, sql } from 'kysely';

/**
 * Answers keep their history: every submitted version of a draft, and every review
 * (approved or returned, with the head's comment). The messages row holds the current
 * text; its `version` is the optimistic lock two editors share.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table answer_versions (
      id             bigint generated always as identity primary key,
      message_id     bigint not null references messages(id) on delete cascade,
      version        integer not null,
      body           text not null,
      planned_at     date,
      author_user_id integer references users(id),
      created_at     timestamptz not null default now(),
      unique (message_id, version)
    )`.execute(db);
  await sql`
    create table answer_reviews (
      id               bigint generated always as identity primary key,
      message_id       bigint not null references messages(id) on delete cascade,
      version          integer not null,
      decision         text not null check (decision in ('approved', 'returned')),
      comment          text,
      reviewer_user_id integer references users(id),
      created_at       timestamptz not null default now()
    )`.execute(db);
  await sql`create index answer_reviews_message_idx on answer_reviews (message_id, created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists answer_reviews, answer_versions`.execute(db);
}
