import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { notifyCitizen } from '../../notify/citizen.js';
import { agencyAddresses, prepareMail, queueMail } from '../../notify/reportMail.js';
import { transition } from '../../reports/commands/transition.js';
import { stageDueAt } from '../../reports/deadlines.js';
import { type Actor } from '../../reports/events.js';
import { InputError } from '../../shared/errors.js';

/**
 * Verify and forward: the report goes to the responsible OPD (and optionally supporting
 * ones), its response and resolution clocks start, and the OPD is mailed, all at once.
 */
export async function forwardReport(
  db: Db,
  config: Config,
  props: { report: Report; agencyId: number; supporting?: number[]; actor: Actor; now?: Date },
): Promise<Report> {
  const now = props.now ?? new Date();
  const agency = await db.selectFrom('agencies').select(['id', 'name']).where('id', '=', props.agencyId).where('active', '=', true).executeTakeFirst();
  if (!agency) throw new InputError({ agency: 'triage:errors.agency' });
  const supporting = [...new Set(props.supporting ?? [])].filter((id) => id !== agency.id);
  if (supporting.length) {
    const found = await db.selectFrom('agencies').select('id').where('id', 'in', supporting).where('active', '=', true).execute();
    if (found.length !== supporting.length) throw new InputError({ supporting: 'triage:errors.agency' });
  }
  const [responseDue, resolveDue] = await Promise.all([
    stageDueAt(db, props.report.category_id, 'respond', now),
    stageDueAt(db, props.report.category_id, 'resolve', now),
  ]);
  const mail = await prepareMail(config, 'id', await agencyAddresses(db, agency.id), 'forwarded', {
    code: props.report.tracking_code,
    title: props.report.title,
    agency: agency.name,
  }, `${config.publicUrl}/staf/laporan/${props.report.tracking_code}`);
  return db.transaction().execute(async (trx) => {
    const updated = await transition(trx, {
      reportId: props.report.id,
      action: 'verify',
      actor: props.actor,
      visibility: 'public',
      data: { agencyId: agency.id, supporting },
      set: {
        assigned_agency_id: agency.id,
        assigned_user_id: null,
        verified_at: sql`coalesce(verified_at, now())`,
        assigned_at: sql`now()`,
        response_due_at: responseDue,
        resolve_due_at: resolveDue,
      },
    });
    await trx.deleteFrom('report_supporting_agencies').where('report_id', '=', props.report.id).execute();
    if (supporting.length) {
      await trx
        .insertInto('report_supporting_agencies')
        .values(supporting.map((agency_id) => ({ report_id: props.report.id, agency_id })))
        .execute();
    }
    await queueMail(trx, mail, props.report.id);
    // The citizen hears of it by WhatsApp when they get WhatsApp (notify/citizen.ts); no mail, as before.
    await notifyCitizen(trx, config, props.report, undefined, { kind: 'forwarded', vars: { agency: agency.name } });
    return updated;
  });
}
