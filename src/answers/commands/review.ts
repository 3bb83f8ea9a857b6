import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Message, Report } from '../../db/schema.js';
import { agencyAddresses, prepareMail, queueMail } from '../../notify/reportMail.js';
import { recordEvent } from '../../reports/commands/recordEvent.js';
import { transition } from '../../reports/commands/transition.js';
import { type Actor } from '../../reports/events.js';
import { getSetting } from '../../settings/queries.js';
import { ConflictError, InputError } from '../../shared/errors.js';
import { passCheck } from '../check/run.js';
import { editedDraft, type HeadEdit, recordHeadEdit } from './headEdit.js';
import { keepVersion, review } from './reviewRow.js';
import { sendAnswer } from './sendAnswer.js';

type Stage = 'draft' | 'returned' | 'submitted' | 'approved';

export async function draftFor(db: Db, report: Report, id: number, stages: Stage[]): Promise<Message> {
  const row = await db
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', id)
    .where('report_id', '=', report.id)
    .where('kind', '=', 'answer')
    .executeTakeFirst();
  if (!row) throw new InputError({ id: 'answers:errors.noDraft' });
  if (!stages.includes(row.answer_status as Stage)) throw new InputError({ id: 'answers:errors.wrongStage' });
  return row;
}

const staffLink = (config: Config, report: Report) => `${config.publicUrl}/staf/laporan/${report.tracking_code}`;

async function activeEmails(db: Db, where: { role: 'agency_head' | 'coordinator'; agencyId?: number | null }): Promise<string[]> {
  let q = db.selectFrom('users').select('email').where('role', '=', where.role).where('active', '=', true);
  if (where.agencyId !== undefined) q = q.where('agency_id', '=', where.agencyId);
  return (await q.execute()).map((u) => u.email);
}

/** Staff submit the draft to the Kepala OPD; this version is kept in the history. */
export async function submitDraft(db: Db, config: Config, props: { report: Report; id: number; actor: Actor }): Promise<Report> {
  const draft = await draftFor(db, props.report, props.id, ['draft', 'returned']);
  // No template blank goes to the Kepala OPD, nor any further: the checker's blocking rule (check/).
  await passCheck(db, props.report, draft);
  const heads = await activeEmails(db, { role: 'agency_head', agencyId: props.report.assigned_agency_id });
  const mail = await prepareMail(config, 'id', heads, 'draftSubmitted', { code: props.report.tracking_code, title: props.report.title }, staffLink(config, props.report));
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('messages').set({ answer_status: 'submitted', updated_at: sql`now()` }).where('id', '=', draft.id).execute();
    await keepVersion(trx, draft, props.actor)
      .onConflict((oc) => oc.columns(['message_id', 'version']).doNothing())
      .execute();
    const updated = await transition(trx, { reportId: props.report.id, action: 'submit_draft', actor: props.actor, visibility: 'internal', data: { messageId: draft.id, version: draft.version } });
    await queueMail(trx, mail, props.report.id);
    return updated;
  });
}

/**
 * The head approves. Without coordinator validation the answer goes to the citizen at
 * once; with it (the `answerValidation` setting), it waits for a coordinator, and the
 * report stays awaiting approval meanwhile.
 */
export async function approveAnswer(
  db: Db,
  config: Config,
  props: { report: Report; id: number; actor: Actor; version?: number; edit?: HeadEdit; warningsRead?: boolean; now?: Date },
): Promise<Report> {
  const submitted = await draftFor(db, props.report, props.id, ['submitted']);
  // The head approves the text they read: one returned and submitted again since is read again.
  if (props.version !== undefined && props.version !== submitted.version) throw new ConflictError('draft_changed', 'answers:errors.changed');
  // "Ubah dan setujui": the head's text is the draft every check below reads (headEdit.ts).
  const { draft, edited } = editedDraft(submitted, props.edit);
  // Blanks refuse it; the checker's warnings only once the head says they read them (check/run.ts).
  const acknowledged = await passCheck(db, props.report, draft, { warningsRead: props.warningsRead ?? false });
  if (!(await getSetting(db, 'answerValidation'))) return sendAnswer(db, config, { ...props, draft, edited, acknowledged, decision: 'approved' });
  const coordinators = await activeEmails(db, { role: 'coordinator' });
  const mail = await prepareMail(config, 'id', coordinators, 'answerToValidate', { code: props.report.tracking_code, title: props.report.title }, staffLink(config, props.report));
  return db.transaction().execute(async (trx) => {
    if (edited) await recordHeadEdit(trx, props.report, draft, props.actor);
    await trx
      .updateTable('messages')
      .set({ answer_status: 'approved', reviewed_by: props.actor.userId ?? null, reviewed_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', draft.id)
      .execute();
    await review(trx, draft, 'approved', props.actor, undefined, acknowledged);
    await recordEvent(trx, { reportId: props.report.id, type: 'approve_answer', actor: props.actor, visibility: 'internal', data: { messageId: draft.id, version: draft.version } });
    await queueMail(trx, mail, props.report.id);
    return trx.selectFrom('reports').selectAll().where('id', '=', props.report.id).executeTakeFirstOrThrow();
  });
}

/** The coordinator validates an answer the head approved: it goes to the citizen. */
export async function validateAnswer(db: Db, config: Config, props: { report: Report; id: number; actor: Actor; now?: Date }): Promise<Report> {
  const draft = await draftFor(db, props.report, props.id, ['approved']);
  return sendAnswer(db, config, { ...props, draft, decision: 'validated' });
}

/** The head returns the draft with comments; it stays internal and goes back to staff. */
export async function returnDraft(db: Db, config: Config, props: { report: Report; id: number; comment: string; actor: Actor }): Promise<Report> {
  const draft = await draftFor(db, props.report, props.id, ['submitted']);
  const recipients = await authorOrAgency(db, props.report, draft);
  const mail = await prepareMail(config, 'id', recipients, 'draftReturned', { code: props.report.tracking_code, title: props.report.title, comment: props.comment }, staffLink(config, props.report));
  return sendBack(db, { ...props, draft, mail, decision: 'returned', action: 'return_draft' });
}

/**
 * The coordinator refuses an approved answer: back to the OPD with the reason, to be
 * revised and approved again. The citizen never sees the refused text.
 */
export async function refuseAnswer(db: Db, config: Config, props: { report: Report; id: number; comment: string; actor: Actor }): Promise<Report> {
  const draft = await draftFor(db, props.report, props.id, ['approved']);
  const heads = await activeEmails(db, { role: 'agency_head', agencyId: props.report.assigned_agency_id });
  const recipients = [...new Set([...(await authorOrAgency(db, props.report, draft)), ...heads])];
  const mail = await prepareMail(config, 'id', recipients, 'answerRefused', { code: props.report.tracking_code, title: props.report.title, comment: props.comment }, staffLink(config, props.report));
  return sendBack(db, { ...props, draft, mail, decision: 'refused', action: 'refuse_answer' });
}

async function authorOrAgency(db: Db, report: Report, draft: Message): Promise<string[]> {
  const author = draft.author_user_id ? await db.selectFrom('users').select(['email', 'active']).where('id', '=', draft.author_user_id).executeTakeFirst() : undefined;
  return author?.active ? [author.email] : agencyAddresses(db, report.assigned_agency_id!);
}

async function sendBack(
  db: Db,
  props: {
    report: Report;
    draft: Message;
    comment: string;
    actor: Actor;
    mail: Awaited<ReturnType<typeof prepareMail>>;
    decision: 'returned' | 'refused';
    action: 'return_draft' | 'refuse_answer';
  },
): Promise<Report> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('messages')
      .set({ answer_status: 'returned', review_comment: props.comment, reviewed_by: props.actor.userId ?? null, reviewed_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', props.draft.id)
      .execute();
    await review(trx, props.draft, props.decision, props.actor, props.comment);
    const updated = await transition(trx, { reportId: props.report.id, action: props.action, actor: props.actor, visibility: 'internal', reason: props.comment });
    await queueMail(trx, props.mail, props.report.id);
    return updated;
  });
}
