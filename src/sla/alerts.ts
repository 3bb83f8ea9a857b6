import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { SlaAlertKind, SlaAlertStage } from '../db/schema.js';
import { emailSite, renderEmail } from '../notify/email.js';
import { enqueueMail } from '../notify/outbox.js';
import type { Config } from '../config.js';
import { translator } from '../shared/i18n.js';
import { addWorkingMinutes, dayMinutes, type OfficeHours } from '../shared/calendar.js';
import { alertRecipients, type Recipient } from './recipients.js';

/** Rows handled per stage and kind in one sweep: a sweep's work stays bounded. */
export const SWEEP_BATCH = 200;

const OPEN = ['assigned', 'in_progress', 'awaiting_approval'] as const;

/** Each stage's deadline column, the statuses its partial index holds, and its frozen verdict. */
export const STAGES = [
  { stage: 'verify', column: 'verify_due_at', statuses: ['submitted'], breached: 'verify_breached_at' },
  { stage: 'respond', column: 'response_due_at', statuses: OPEN, breached: 'response_breached_at' },
  { stage: 'resolve', column: 'resolve_due_at', statuses: OPEN, breached: 'resolve_breached_at' },
] as const;
type StageDef = (typeof STAGES)[number];

export interface Policy {
  remind_days_before: number;
  escalate_after_days: number;
}

export interface SweepContext {
  db: Db;
  config: Config;
  hours: OfficeHours;
  holidays: ReadonlySet<string>;
  now: Date;
  /** The SLA policy of a category (null: the default policy). */
  policyOf(categoryId: number | null): Policy;
  policies: Policy[];
  /** Set when a batch was full: more may be due, the next sweep should follow at once. */
  more?: boolean;
}

interface Candidate {
  id: number;
  tracking_code: string;
  title: string;
  category_id: number | null;
  assigned_agency_id: number | null;
  assigned_user_id: number | null;
  agency: string | null;
  due: Date;
}

/**
 * Reports of one stage whose `kind` alert is due and not yet recorded: one range scan of
 * the stage's partial index (cost grows with what is due, not with the backlog).
 */
async function candidates(ctx: SweepContext, def: StageDef, kind: SlaAlertKind): Promise<Candidate[]> {
  const day = dayMinutes(ctx.hours);
  const { holidays, hours, now } = ctx;
  const maxRemind = Math.max(0, ...ctx.policies.map((p) => p.remind_days_before));
  const minEscalate = Math.min(...ctx.policies.map((p) => p.escalate_after_days));
  if (kind === 'reminder' && maxRemind === 0) return [];
  const upper =
    kind === 'reminder'
      ? addWorkingMinutes(now, maxRemind * day, holidays, hours)
      : kind === 'breach'
        ? now
        : addWorkingMinutes(now, -minEscalate * day, holidays, hours);
  const col = sql.ref(`reports.${def.column}`);
  let q = ctx.db
    .selectFrom('reports')
    .leftJoin('agencies', 'agencies.id', 'reports.assigned_agency_id')
    .select([
      'reports.id', 'reports.tracking_code', 'reports.title', 'reports.category_id',
      'reports.assigned_agency_id', 'reports.assigned_user_id', 'agencies.name as agency',
      sql<Date>`${col}`.as('due'),
    ])
    .where('reports.status', 'in', [...def.statuses])
    .where(sql<boolean>`${col} <= ${upper}`)
    .where(({ not, exists, selectFrom }) =>
      not(exists(
        selectFrom('sla_alerts')
          .select(sql`1`.as('one'))
          .whereRef('sla_alerts.report_id', '=', 'reports.id')
          .where('sla_alerts.stage', '=', def.stage)
          .where('sla_alerts.kind', '=', kind)
          // Deadlines are kept to the millisecond (JavaScript's precision) in sla_alerts.
          .where(sql<boolean>`sla_alerts.due_at = date_trunc('milliseconds', ${col})`),
      )),
    )
    .orderBy(sql`${col}`)
    .limit(SWEEP_BATCH);
  if (kind === 'reminder') q = q.where(sql<boolean>`${col} > ${now}`);
  const rows = (await q.execute()) as Candidate[];
  if (rows.length === SWEEP_BATCH) ctx.more = true;
  return rows.filter((r) => {
    const policy = ctx.policyOf(r.category_id);
    if (kind === 'reminder') {
      return policy.remind_days_before > 0 && r.due <= addWorkingMinutes(now, policy.remind_days_before * day, holidays, hours);
    }
    if (kind === 'escalation') return addWorkingMinutes(r.due, policy.escalate_after_days * day, holidays, hours) <= now;
    return true;
  });
}

interface Prepared {
  row: Candidate;
  mails: { recipient: Recipient; subject: string; text: string; html: string }[];
}

async function prepare(ctx: SweepContext, def: StageDef, kind: SlaAlertKind, row: Candidate): Promise<Prepared> {
  const recipients = await alertRecipients(ctx.db, { stage: def.stage, kind, ...row });
  const policy = ctx.policyOf(row.category_id);
  const days = kind === 'reminder' ? policy.remind_days_before : policy.escalate_after_days;
  const rendered = new Map<string, Awaited<ReturnType<typeof renderEmail>>>();
  const mails: Prepared['mails'] = [];
  for (const recipient of recipients) {
    let mail = rendered.get(recipient.locale);
    if (!mail) {
      const t = translator(recipient.locale);
      const dueText = new Intl.DateTimeFormat(recipient.locale === 'en' ? 'en-GB' : 'id-ID', {
        timeZone: 'Asia/Jakarta', dateStyle: 'full', timeStyle: 'short',
      }).format(row.due);
      mail = await renderEmail(
        'sla-alert',
        {
          site: emailSite(ctx.config),
          subjectKey: `sla:mail.${kind}.subject`,
          leadKey: `sla:mail.${kind}.lead`,
          stage: t(`sla:stage.${def.stage}`),
          stageLabel: t(`sla:stage.${def.stage}`),
          code: row.tracking_code,
          title: row.title,
          agency: row.agency,
          dueText,
          days,
        },
        recipient.locale,
      );
      rendered.set(recipient.locale, mail);
    }
    mails.push({ recipient, ...mail });
  }
  return { row, mails };
}

/**
 * Records the alerts and queues their mails in one short transaction (mails rendered
 * before it opens). The sla_alerts primary key (ON CONFLICT DO NOTHING) and the outbox
 * dedupe keys make each alert exist once, whatever other processes do; rows another
 * process has locked are skipped (it is handling them). Returns the alerts recorded.
 */
async function commit(ctx: SweepContext, def: StageDef, kind: SlaAlertKind, batch: Prepared[]): Promise<number> {
  if (!batch.length) return 0;
  return ctx.db.transaction().execute(async (trx) => {
    let recorded = 0;
    const col = sql.ref(def.column);
    for (const { row, mails } of batch) {
      const locked = await trx
        .selectFrom('reports')
        .select('id')
        .where('id', '=', row.id)
        .where('status', 'in', [...def.statuses])
        .where(sql<boolean>`date_trunc('milliseconds', ${col}) = ${row.due}`)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!locked) continue;
      const alert = await trx
        .insertInto('sla_alerts')
        .values({ report_id: row.id, stage: def.stage, kind, due_at: row.due, recipients: mails.length })
        .onConflict((oc) => oc.doNothing())
        .returning('report_id')
        .executeTakeFirst();
      if (!alert) continue;
      recorded += 1;
      if (kind === 'breach') {
        await trx
          .updateTable('reports')
          .set({ [def.breached]: sql`coalesce(${sql.ref(def.breached)}, ${row.due})` })
          .where('id', '=', row.id)
          .execute();
      }
      for (const m of mails) {
        await enqueueMail(trx, {
          to: m.recipient.email,
          subject: m.subject,
          text: m.text,
          html: m.html,
          reportId: row.id,
          dedupeKey: `sla:${kind}:${def.stage}:${row.id}:${row.due.getTime()}:${m.recipient.id}`,
        });
      }
    }
    return recorded;
  });
}

/** One sweep of every stage and kind of alert; returns the alerts recorded, by kind. */
export async function sweepAlerts(ctx: SweepContext): Promise<Record<SlaAlertKind, number>> {
  const counts: Record<SlaAlertKind, number> = { reminder: 0, breach: 0, escalation: 0 };
  // Breach before escalation, so a report found late is first marked, then escalated.
  for (const kind of ['breach', 'escalation', 'reminder'] as const) {
    for (const def of STAGES) {
      const rows = await candidates(ctx, def, kind);
      const prepared: Prepared[] = [];
      for (const row of rows) prepared.push(await prepare(ctx, def, kind, row));
      counts[kind] += await commit(ctx, def, kind, prepared);
    }
  }
  return counts;
}

export type { SlaAlertStage };
