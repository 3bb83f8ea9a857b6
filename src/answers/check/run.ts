import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { InvalidInputError } from '../../shared/errors.js';
import type { Translate } from '../../shared/i18n.js';
import { getSetting } from '../../settings/queries.js';
import { checkAnswer, type CheckResult } from './index.js';
import { findingMessage, presentCheck, ruleLabel } from './present.js';

/** The checker on a draft of this report, with the rules admins set. */
export async function checkDraft(db: Db, report: Pick<Report, 'title'>, draft: { body: string; planned_at?: string | null }): Promise<CheckResult> {
  return checkAnswer(draft.body, { title: report.title, plannedAt: draft.planned_at ?? null }, await getSetting(db, 'answerCheck'));
}

/**
 * A draft with a blocking finding may not be submitted or approved (422): the blocking
 * findings beside the text, and every finding for an API client ({errors, findings}).
 */
export class CheckRefusedError extends InvalidInputError {
  constructor(readonly result: CheckResult) {
    super();
  }

  fields(t: Translate) {
    return { body: this.result.findings.filter((f) => f.blocking).map((f) => findingMessage(f, t)).join(' ') };
  }

  override extra(t: Translate) {
    return { findings: presentCheck(this.result, t).items };
  }
}

/** The Kepala OPD approves a draft with warnings only after saying they read them (422 otherwise). */
export class WarningsUnreadError extends InvalidInputError {
  constructor(readonly result: CheckResult) {
    super();
  }

  fields(t: Translate) {
    return { warningsRead: t('answers:check.mustAcknowledge', { list: this.result.warnings.map((r) => ruleLabel(r, t)).join(', ') }) };
  }

  override extra(t: Translate) {
    return { findings: presentCheck(this.result, t).items };
  }
}

/**
 * The checker's gate on submitting (staff) and approving (the head): a blocking finding
 * refuses both; warnings refuse an approval unless the head read them. Returns the
 * warnings the head acknowledged, for the review row (null when there were none).
 */
export async function passCheck(
  db: Db,
  report: Pick<Report, 'title'>,
  draft: { body: string; planned_at?: string | null },
  approval?: { warningsRead: boolean },
): Promise<string[] | null> {
  const result = await checkDraft(db, report, draft);
  if (result.blocked) throw new CheckRefusedError(result);
  if (!approval || result.warnings.length === 0) return null;
  if (!approval.warningsRead) throw new WarningsUnreadError(result);
  return result.warnings;
}
