import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { recordEvent } from '../../reports/commands/recordEvent.js';
import { cachedHolidays, configuredOfficeHours } from '../../reports/deadlines.js';
import { type Actor } from '../../reports/events.js';
import { addWorkingMinutes, dayMinutes, type OfficeHours } from '../../shared/calendar.js';
import { InputError } from '../../shared/errors.js';

export const MAX_EXTENSION_DAYS = 30;

export interface ExtendProps {
  reportId: number;
  /** Working days to add. */
  days: number;
  reason: string;
  actor: Actor;
}

/**
 * The one extension of a report (DESIGN.md section 5): moves response_due_at and
 * resolve_due_at by `days` working days and records a public 'extended' event with the
 * reason. A second extension is refused (InputError, 422).
 */
export async function extendDeadline(db: Db, props: ExtendProps, hours: OfficeHours = configuredOfficeHours()): Promise<Report> {
  if (!Number.isInteger(props.days) || props.days < 1 || props.days > MAX_EXTENSION_DAYS) {
    throw new InputError({ days: 'sla:extend.daysRange' }, { days: { max: MAX_EXTENSION_DAYS } });
  }
  const reason = props.reason.trim();
  if (reason.length < 10) throw new InputError({ reason: 'sla:extend.reasonRequired' });
  return db.transaction().execute(async (trx) => {
    const report = await trx.selectFrom('reports').selectAll().where('id', '=', props.reportId).forUpdate().executeTakeFirstOrThrow();
    if (report.extended_at) throw new InputError({ days: 'sla:extend.already' });
    if (!report.response_due_at && !report.resolve_due_at) throw new InputError({ days: 'sla:extend.nothingRunning' });
    const holidays = await cachedHolidays(trx);
    const minutes = props.days * dayMinutes(hours);
    const move = (d: Date | null) => (d ? addWorkingMinutes(d, minutes, holidays, hours) : null);
    const updated = await trx
      .updateTable('reports')
      .set({
        response_due_at: move(report.response_due_at),
        resolve_due_at: move(report.resolve_due_at),
        extended_at: sql`now()`,
        extension_reason: reason,
        updated_at: sql`now()`,
      })
      .where('id', '=', props.reportId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      reportId: props.reportId,
      type: 'extended',
      actor: props.actor,
      reason,
      visibility: 'public',
      data: {
        days: props.days,
        responseDueAt: updated.response_due_at?.toISOString() ?? null,
        resolveDueAt: updated.resolve_due_at?.toISOString() ?? null,
      },
    });
    return updated;
  });
}
