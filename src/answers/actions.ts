import type { SessionUser } from '../auth/user.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { reportChanged } from '../notify/live/bus.js';
import type { Actor } from '../reports/events.js';
import { forbidden } from '../shared/errors.js';
import type { Translate } from '../shared/i18n.js';
import { check } from '../shared/validation.js';
import { approveAnswer, refuseAnswer, returnDraft, submitDraft, validateAnswer } from './commands/review.js';
import { type Draft, saveDraft } from './commands/saveDraft.js';
import { type AnswerAction, canAnswer } from './policy.js';
import { approveSchema, createDraftSchema, editApproveSchema, returnSchema, updateDraftSchema } from './schema.js';

export type AnswerStep = 'create' | 'update' | 'submit' | 'approve' | 'editApprove' | 'return' | 'validate' | 'refuse';

const POLICY: Record<AnswerStep, AnswerAction> = {
  create: 'draft', update: 'draft', submit: 'submit', approve: 'approve', editApprove: 'approve', return: 'return', validate: 'validate', refuse: 'refuse',
};

/**
 * One step of an answer, the same for the staff page and the staff API: policy (403),
 * parameters (422), then the command; a stale draft is a StaleDraftError (409) and a
 * state the lifecycle refuses a TransitionError (409).
 */
export async function answerStep(
  db: Db,
  config: Config,
  user: SessionUser,
  report: Report,
  step: AnswerStep,
  params: unknown,
  t: Translate,
  id?: number,
): Promise<{ report: Report; draft?: Draft }> {
  if (!canAnswer(user, POLICY[step], report)) throw forbidden();
  const actor: Actor = { kind: 'staff', userId: user.id, agencyId: user.agencyId };
  let result: { report: Report; draft?: Draft };
  switch (step) {
    case 'create': {
      const p = check(createDraftSchema, params ?? {}, t);
      result = { report, draft: await saveDraft(db, { report, actor, body: p.body, plannedAt: p.plannedAt }) };
      break;
    }
    case 'update': {
      const p = check(updateDraftSchema, params ?? {}, t);
      result = { report, draft: await saveDraft(db, { report, actor, body: p.body, plannedAt: p.plannedAt, id, version: p.version }) };
      break;
    }
    case 'submit':
      result = { report: await submitDraft(db, config, { report, id: id!, actor }) };
      break;
    case 'approve': {
      const p = check(approveSchema, params ?? {}, t);
      result = { report: await approveAnswer(db, config, { report, id: id!, actor, version: p.version, warningsRead: p.warningsRead }) };
      break;
    }
    case 'editApprove': {
      // The head's correction, written as their own version by the approval itself (commands/headEdit.ts).
      const { body, plannedAt, ...approval } = check(editApproveSchema, params ?? {}, t);
      result = { report: await approveAnswer(db, config, { report, id: id!, actor, ...approval, edit: { body, plannedAt } }) };
      break;
    }
    case 'return': {
      const p = check(returnSchema, params ?? {}, t);
      result = { report: await returnDraft(db, config, { report, id: id!, comment: p.comment, actor }) };
      break;
    }
    case 'validate':
      result = { report: await validateAnswer(db, config, { report, id: id!, actor }) };
      break;
    case 'refuse': {
      const p = check(returnSchema, params ?? {}, t);
      result = { report: await refuseAnswer(db, config, { report, id: id!, comment: p.comment, actor }) };
      break;
    }
  }
  // Every step, a draft save too: a head or colleague with the page open learns of it.
  reportChanged(result.report, report.assigned_agency_id, user.id);
  return result;
}
