import type Joi from 'joi';
import type { SessionUser } from '../auth/user.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { reportChanged } from '../notify/live/bus.js';
import type { Actor } from '../reports/events.js';
import { shouldAutoForward, suggestAgency } from '../routing/suggest.js';
import { ConflictError, forbidden, InputError } from '../shared/errors.js';
import type { Translate } from '../shared/i18n.js';
import { check } from '../shared/validation.js';
import { extendDeadline } from '../sla/commands/extendDeadline.js';
import { mergeReport, rejectReport } from './commands/close.js';
import { correctReport } from './commands/correct.js';
import { forwardReport } from './commands/forward.js';
import { requestInfo } from './commands/requestInfo.js';
import { returnReport } from './commands/returnReport.js';
import { acknowledgeReport, addNote, assignReport } from './commands/work.js';
import { canAct, type StaffAction, stateRefusal } from './policy.js';
import { resolveAgencyRef } from './queries.js';
import { type ActionParams, actionSchemas } from './schema.js';

/** Categories marked auto_forward go to the routing suggestion without a pick. */
async function automaticAgency(db: Db, report: Report): Promise<number | undefined> {
  if (!(await shouldAutoForward(db, report.category_id))) return undefined;
  const suggestion = await suggestAgency(db, report);
  return suggestion.agencyId ?? undefined;
}

/**
 * What every staff action passes before it runs, the same for the pages, the bulk actions
 * and the staff API: the role (403), the parameters (422), then the report's state (409,
 * from policy.ts, the table the page's offer is built from). Returns the parameters as the
 * action's schema converts them.
 */
export function checkAction<A extends StaffAction>(user: SessionUser, report: Report, action: A, params: unknown, t: Translate): ActionParams[A] {
  if (!canAct(user, action, report)) throw forbidden();
  const input = check(actionSchemas[action] as Joi.ObjectSchema<ActionParams[A]>, params ?? {}, t);
  const refusal = stateRefusal(user, action, report);
  if (refusal) throw new ConflictError('not_allowed', refusal);
  return input;
}

/**
 * One staff action on one report: checkAction, then the command, whose state machine
 * answers 409 (a TransitionError) when someone else changed the report meanwhile.
 */
export async function performAction(
  db: Db,
  config: Config,
  user: SessionUser,
  report: Report,
  action: StaffAction,
  params: unknown,
  t: Translate,
): Promise<Report> {
  const updated = await dispatch();
  // After commit: open staff pages learn that their queue changed.
  reportChanged(updated, report.assigned_agency_id, user.id);
  return updated;

  function input<A extends StaffAction>(a: A): ActionParams[A] {
    return checkAction(user, report, a, params, t);
  }

  async function dispatch(): Promise<Report> {
    const actor: Actor = { kind: 'staff', userId: user.id, agencyId: user.agencyId };
    switch (action) {
      case 'forward': {
        const p = input('forward');
        const agencyId = p.agency === undefined ? await automaticAgency(db, report) : await resolveAgencyRef(db, p.agency);
        if (!agencyId) throw new InputError({ agency: p.agency === undefined ? 'triage:errors.agencyRequired' : 'triage:errors.agency' });
        const supporting: number[] = [];
        for (const ref of p.supporting) {
          const id = await resolveAgencyRef(db, ref);
          if (!id) throw new InputError({ supporting: 'triage:errors.agency' });
          supporting.push(id);
        }
        return forwardReport(db, config, { report, agencyId, supporting, actor });
      }
      case 'request_info':
        return requestInfo(db, config, { report, message: input('request_info').message, actor });
      case 'reject': {
        const p = input('reject');
        return rejectReport(db, config, { report, reason: p.reason, note: p.note, actor });
      }
      case 'merge':
        return mergeReport(db, config, { report, into: input('merge').into, actor });
      case 'update': {
        const p = input('update');
        return correctReport(db, { report, title: p.title, categoryId: p.categoryId, actor });
      }
      case 'return':
        return returnReport(db, { report, reason: input('return').reason, actor });
      case 'extend': {
        const p = input('extend');
        return extendDeadline(db, { reportId: report.id, days: p.days, reason: p.reason, actor });
      }
      case 'acknowledge':
        input('acknowledge');
        return acknowledgeReport(db, { report, actor });
      case 'take':
        input('take');
        return assignReport(db, config, { report, userId: user.id, actor });
      case 'assign':
        return assignReport(db, config, { report, userId: input('assign').user, actor });
      case 'note':
        return addNote(db, { report, body: input('note').body, actor });
    }
  }
}
