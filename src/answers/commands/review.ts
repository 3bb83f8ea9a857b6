import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { type Actor, transition } from '../../reports/lifecycle.js';
import { stageDueAt } from '../../sla/deadlines.js';
import { agencyAddresses, citizenAddress, citizenVars, prepare, queue, trackingLink } from '../../triage/mail.js';
import { InputError } from '../../web/validate.js';

async function draftFor(db: Db, report: Report, id: number, statuses: ('draft' | 'returned' | 'submitted')[]) {
  const row = await db
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', id)
    .where('report_id', '=', report.id)
    .where('kind', '=', 'answer')
    .executeTakeFirst();
  if (!row) throw new InputError({ id: 'answers:errors.noDraft' });
  if (!statuses.includes(row.answer_status as never)) throw new InputError({ id: 'answers:errors.wrongStage' });
  return row;
}

/** Staff submit the draft to the Kepala OPD; this version is kept in the history. */
export async function submitDraft(db: Db, config: Config, props: { report: Report; id: number; actor: Actor }): Promise<Report> {
  const draft = await draftFor(db, props.report, props.id, ['draft', 'returned']);
  const heads = await db
    .selectFrom('users')
    .select('email')
    .where('agency_id', '=', props.report.assigned_agency_id)
    .where('role', '=', 'agency_head')
    .where('active', '=', true)
    .execute();
  const mail = await prepare(config, 'id', heads.map((h) => h.email), 'draftSubmitted', { code: props.report.tracking_code, title: props.report.title },
    `${config.publicUrl}/staf/laporan/${props.report.tracking_code}`);
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('messages').set({ answer_status: 'submitted', updated_at: sql`now()` }).where('id', '=', draft.id).execute();
    await trx
      .insertInto('answer_versions')
      .values({ message_id: draft.id, version: draft.version, body: draft.body, planned_at: draft.planned_at, author_user_id: props.actor.userId ?? null })
      .onConflict((oc) => oc.columns(['message_id', 'version']).doNothing())
      .execute();
    const updated = await transition(trx, { reportId: props.report.id, action: 'submit_draft', actor: props.actor, visibility: 'internal', data: { messageId: draft.id, version: draft.version } });
    await queue(trx, mail, props.report.id);
    return updated;
  });
}

/**
 * The head approves: the answer goes to the citizen (tracking page and mail), the report
 * is answered and its auto-close clock starts. A planned action keeps it open until its
 * date: the resolution deadline becomes that date.
 */
export async function approveAnswer(db: Db, config: Config, props: { report: Report; id: number; actor: Actor; now?: Date }): Promise<Report> {
  const draft = await draftFor(db, props.report, props.id, ['submitted']);
  const now = props.now ?? new Date();
  const closeDue = await stageDueAt(db, props.report.category_id, 'auto_close', draft.planned_at ? new Date(`${draft.planned_at}T16:00:00+07:00`) : now);
  const mail = await prepare(config, 'id', citizenAddress(props.report), 'answered', { ...citizenVars(props.report), answer: draft.body }, trackingLink(config, props.report));
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('messages')
      .set({ answer_status: 'sent', visibility: 'public', reviewed_by: props.actor.userId ?? null, reviewed_at: sql`now()`, sent_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', draft.id)
      .execute();
    await trx.insertInto('answer_reviews').values({ message_id: draft.id, version: draft.version, decision: 'approved', reviewer_user_id: props.actor.userId ?? null }).execute();
    const updated = await transition(trx, {
      reportId: props.report.id,
      action: 'approve',
      actor: props.actor,
      visibility: 'public',
      data: { messageId: draft.id, version: draft.version },
      set: {
        answered_at: sql`now()`,
        first_response_at: sql`coalesce(first_response_at, now())`,
        close_due_at: closeDue,
        planned_at: draft.planned_at,
        ...(draft.planned_at ? { resolve_due_at: new Date(`${draft.planned_at}T16:00:00+07:00`) } : {}),
      },
    });
    await queue(trx, mail, props.report.id);
    return updated;
  });
}

/** The head returns the draft with comments; it stays internal and goes back to staff. */
export async function returnDraft(db: Db, config: Config, props: { report: Report; id: number; comment: string; actor: Actor }): Promise<Report> {
  const draft = await draftFor(db, props.report, props.id, ['submitted']);
  const author = draft.author_user_id
    ? await db.selectFrom('users').select('email').where('id', '=', draft.author_user_id).executeTakeFirst()
    : undefined;
  const recipients = author ? [author.email] : await agencyAddresses(db, props.report.assigned_agency_id!);
  const mail = await prepare(config, 'id', recipients, 'draftReturned', { code: props.report.tracking_code, title: props.report.title, comment: props.comment },
    `${config.publicUrl}/staf/laporan/${props.report.tracking_code}`);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('messages')
      .set({ answer_status: 'returned', review_comment: props.comment, reviewed_by: props.actor.userId ?? null, reviewed_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', draft.id)
      .execute();
    await trx.insertInto('answer_reviews').values({ message_id: draft.id, version: draft.version, decision: 'returned', comment: props.comment, reviewer_user_id: props.actor.userId ?? null }).execute();
    const updated = await transition(trx, { reportId: props.report.id, action: 'return_draft', actor: props.actor, visibility: 'internal', reason: props.comment });
    await queue(trx, mail, props.report.id);
    return updated;
  });
}
