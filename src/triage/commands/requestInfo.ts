import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { notifyCitizen } from '../../notify/citizen.js';
import { citizenAddress, citizenVars, prepareMail, trackingLink } from '../../notify/reportMail.js';
import { pauseClock } from '../../reports/commands/clock.js';
import { transition } from '../../reports/commands/transition.js';
import { stageDueAt } from '../../reports/deadlines.js';
import { type Actor } from '../../reports/events.js';

/**
 * Ask the reporter for details: the question goes on the tracking page and by mail, the
 * clock pauses (resumed when the citizen answers), and without a reply within the
 * policy's info_wait_days the sweeper closes the report as incomplete.
 */
export async function requestInfo(
  db: Db,
  config: Config,
  props: { report: Report; message: string; actor: Actor; now?: Date },
): Promise<Report> {
  const now = props.now ?? new Date();
  const infoDue = await stageDueAt(db, props.report.category_id, 'info_wait', now);
  const mail = await prepareMail(config, 'id', citizenAddress(props.report), 'question', {
    ...citizenVars(props.report),
    question: props.message,
  }, trackingLink(config, props.report));
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('messages')
      .values({
        report_id: props.report.id,
        kind: 'question',
        author_kind: 'staff',
        author_user_id: props.actor.userId ?? null,
        agency_id: props.actor.agencyId ?? null,
        body: props.message,
        visibility: 'public',
      })
      .execute();
    const updated = await transition(trx, {
      reportId: props.report.id,
      action: 'request_info',
      actor: props.actor,
      visibility: 'public',
      set: { info_due_at: infoDue },
    });
    await pauseClock(trx, props.report.id, now);
    await notifyCitizen(trx, config, props.report, mail, { kind: 'question', vars: { question: props.message } });
    return updated;
  });
}
