import { type Kysely, sql } from 'kysely';

/**
 * Settings admins change at run time (not deployment configuration, which lives in the
 * environment), starting with whether a coordinator validates each answer the Kepala OPD
 * approved before it reaches the citizen. Reviews gain the coordinator's two decisions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table settings (
      key        text primary key,
      value      jsonb not null,
      updated_by integer references users(id),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table answer_reviews drop constraint answer_reviews_decision_check`.execute(db);
  await sql`
    alter table answer_reviews add constraint answer_reviews_decision_check
      check (decision in ('approved', 'returned', 'validated', 'refused'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from answer_reviews where decision in ('validated', 'refused')`.execute(db);
  await sql`alter table answer_reviews drop constraint answer_reviews_decision_check`.execute(db);
  await sql`alter table answer_reviews add constraint answer_reviews_decision_check check (decision in ('approved', 'returned'))`.execute(db);
  await sql`drop table if exists settings`.execute(db);
}
