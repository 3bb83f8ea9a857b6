import { type Kysely, sql } from 'kysely';

/**
 * SLA alerts (DESIGN.md section 5). One row per alert that went out: the primary key
 * makes each reminder, breach alert and escalation exist once per deadline, also when
 * several app processes sweep at once (inserted with ON CONFLICT DO NOTHING in the
 * transaction that queues its mails). A deadline moved by a pause or an extension is a
 * new due_at, so it gets its own alerts. The *_breached_at columns freeze each breach
 * on the report (set once), so dashboards count stored facts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table sla_alerts (
      report_id   bigint not null references reports(id) on delete cascade,
      stage       text not null check (stage in ('verify', 'respond', 'resolve')),
      kind        text not null check (kind in ('reminder', 'breach', 'escalation')),
      due_at      timestamptz not null,
      recipients  integer not null default 0,
      created_at  timestamptz not null default now(),
      primary key (report_id, stage, kind, due_at)
    );
    create index sla_alerts_created_idx on sla_alerts (created_at);
    alter table reports
      add column verify_breached_at   timestamptz,
      add column response_breached_at timestamptz,
      add column resolve_breached_at  timestamptz;
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table reports
      drop column if exists verify_breached_at,
      drop column if exists response_breached_at,
      drop column if exists resolve_breached_at;
    drop table if exists sla_alerts;
  `).execute(db);
}
