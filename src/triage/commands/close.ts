import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { notifyCitizen } from '../../notify/citizen.js';
import { citizenAddress, citizenVars, prepareMail, trackingLink } from '../../notify/reportMail.js';
import { transition } from '../../reports/commands/transition.js';
import { type Actor } from '../../reports/events.js';
import { formatCode, normalizeCode } from '../../reports/tracking.js';
import { InputError } from '../../shared/errors.js';

export const REJECT_REASONS = ['spam', 'unclear', 'not_government'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/**
 * Reject with a reason from the list and a note for the citizen (for "bukan kewenangan
 * pemerintah daerah": where to go instead). Spam is closed without a mail.
 */
export async function rejectReport(
  db: Db,
  config: Config,
  props: { report: Report; reason: RejectReason; note: string | null; actor: Actor },
): Promise<Report> {
  const mail =
    props.reason === 'spam'
      ? undefined
      : await prepareMail(config, 'id', citizenAddress(props.report), `rejected_${props.reason}`, {
          ...citizenVars(props.report),
          note: props.note ?? '',
        }, trackingLink(config, props.report));
  return db.transaction().execute(async (trx) => {
    const updated = await transition(trx, {
      reportId: props.report.id,
      action: 'reject',
      actor: props.actor,
      visibility: 'public',
      reason: props.note,
      data: { reason: props.reason },
      set: { rejection_reason: props.note ?? props.reason, closed_at: sql`now()`, paused_at: null, info_due_at: null },
    });
    // Spam is closed without a word, by mail or WhatsApp.
    await notifyCitizen(trx, config, props.report, mail, props.reason === 'spam' ? undefined : { kind: 'rejected', vars: { note: props.note ?? '' } });
    return updated;
  });
}

/** The report a duplicate may be merged into, by its typed code: another one, not closed (422 otherwise). */
export async function mergeTarget(db: Db, report: Report, into: string): Promise<Report> {
  const code = normalizeCode(into);
  const target = code ? await db.selectFrom('reports').selectAll().where('tracking_code', '=', code).executeTakeFirst() : undefined;
  if (!target || target.id === report.id) throw new InputError({ into: 'triage:errors.mergeTarget' });
  if (['rejected', 'merged'].includes(target.status)) throw new InputError({ into: 'triage:errors.mergeClosed' });
  return target;
}

/**
 * A duplicate: merged into the report about the same thing, which goes on. Its reporter
 * is told which report carries the follow-up.
 */
export async function mergeReport(
  db: Db,
  config: Config,
  props: { report: Report; into: string; actor: Actor },
): Promise<Report> {
  const target = await mergeTarget(db, props.report, props.into);
  const mail = await prepareMail(config, 'id', citizenAddress(props.report), 'merged', {
    ...citizenVars(props.report),
    target: formatCode(target.tracking_code),
  }, trackingLink(config, props.report));
  return db.transaction().execute(async (trx) => {
    const updated = await transition(trx, {
      reportId: props.report.id,
      action: 'merge',
      actor: props.actor,
      visibility: 'public',
      data: { into: target.tracking_code, intoId: target.id },
      set: { merged_into_id: target.id, closed_at: sql`now()`, paused_at: null, info_due_at: null },
    });
    await notifyCitizen(trx, config, props.report, mail, { kind: 'merged', vars: { target: formatCode(target.tracking_code) } });
    return updated;
  });
}
