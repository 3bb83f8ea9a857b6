import { type Kysely, sql } from 'kysely';

/** API tokens an admin issues to a staff account, for integrations (stored as hashes). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table api_tokens (
      id           integer generated always as identity primary key,
      user_id      integer not null references users(id) on delete cascade,
      name         text not null check (length(name) between 1 and 80),
      token_hash   text not null unique,
      created_by   integer references users(id),
      created_at   timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at   timestamptz
    )`.execute(db);
  await sql`create index api_tokens_user_idx on api_tokens (user_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists api_tokens`.execute(db);
}
