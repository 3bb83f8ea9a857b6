import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { SlaAlertKind } from '../db/schema.js';
import { emailSite, renderEmail } from '../notify/email.js';
import { addWorkingMinutes, dayMinutes, type OfficeHours } from '../shared/calendar.js';
import { translator } from '../shared/i18n.js';
import { type DueAlert, recordAlerts } from './commands/recordAlerts.js';
import { alertRecipients } from './recipients.js';
import { STAGES, type StageDef, SWEEP_BATCH } from './stages.js';

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

/** The alert's mails, one rendering per language, before any transaction opens. */
async function prepare(ctx: SweepContext, def: StageDef, kind: SlaAlertKind, row: Candidate): Promise<DueAlert> {
  const recipients = await alertRecipients(ctx.db, { stage: def.stage, kind, ...row });
  const policy = ctx.policyOf(row.category_id);
  const days = kind === 'reminder' ? policy.remind_days_before : policy.escalate_after_days;
  const rendered = new Map<string, Awaited<ReturnType<typeof renderEmail>>>();
  const mails: DueAlert['mails'] = [];
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
  return { report: { id: row.id, due: row.due }, mails };
}

/** One sweep of every stage and kind of alert; returns the alerts recorded, by kind. */
export async function sweepAlerts(ctx: SweepContext): Promise<Record<SlaAlertKind, number>> {
  const counts: Record<SlaAlertKind, number> = { reminder: 0, breach: 0, escalation: 0 };
  // Breach before escalation, so a report found late is first marked, then escalated.
  for (const kind of ['breach', 'escalation', 'reminder'] as const) {
    for (const def of STAGES) {
      const rows = await candidates(ctx, def, kind);
      const prepared: DueAlert[] = [];
      for (const row of rows) prepared.push(await prepare(ctx, def, kind, row));
      counts[kind] += await recordAlerts(ctx.db, def, kind, prepared);
    }
  }
  return counts;
}
