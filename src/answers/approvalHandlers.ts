import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { flash } from '../http/flash.js';
import { visibleReport } from '../reports/access.js';
import { isOverdue } from '../reports/statuses.js';
import { formatCode } from '../reports/tracking.js';
import { AppError, type FieldErrors, forbidden, InvalidInputError } from '../shared/errors.js';
import { formatDateLong } from '../shared/format.js';
import { getSetting } from '../settings/queries.js';
import { answerStep } from './actions.js';
import { describeBlanks, findBlanks } from './blanks.js';
import { presentCheck } from './check/present.js';
import { checkAnswer } from './check/index.js';
import { answerOutcome, draftId } from './handlers.js';
import { citizenPreview } from './preview.js';
import { answerRecipients, awaitingApproval, chosenForApproval } from './queries.js';

export const INBOX = '/staf/persetujuan';

/** A refusal shown beside one draft of the inbox: which draft, what was typed, and why. */
interface Refused {
  draftId: number;
  errors: FieldErrors;
  comment: string;
  /** What the head typed into "Ubah dan setujui", kept when that step is refused. */
  edit?: { body: string; plannedAt: string };
}

/**
 * The Kepala OPD's approval inbox (/staf/persetujuan): the drafts of their own OPD waiting
 * for their approval, each as the citizen will read it, approved or returned from the list,
 * or several approved at once after one confirmation. Every approval and return is the
 * same step as on the report page (actions.ts: policy, parameters, command).
 */
export function approvalHandlers(db: Db, config: Config) {
  async function renderInbox(req: Request, res: Response, refused?: Refused, formErrors?: FieldErrors) {
    const t = res.locals.t;
    const user = req.user!;
    // The permission lets a head in; a head needs an OPD to have an inbox.
    if (user.agencyId === null) throw forbidden();
    // The checker's rules read once for the whole list.
    const [rows, validation, rules] = await Promise.all([awaitingApproval(db, user.agencyId), getSetting(db, 'answerValidation'), getSetting(db, 'answerCheck')]);
    const now = new Date();
    const items = await Promise.all(
      rows.map(async (row) => {
        const blanks = findBlanks(row.draftBody);
        const recipients = await answerRecipients(db, row);
        const mine = refused?.draftId === row.draftId ? refused : undefined;
        return {
          code: row.tracking_code,
          displayCode: formatCode(row.tracking_code),
          title: row.title,
          draftId: row.draftId,
          token: `${row.draftId}:${row.draftVersion}`,
          version: row.draftVersion,
          author: row.author,
          submittedAt: row.submittedAt,
          due: row.response_due_at ? formatDateLong(row.response_due_at, res.locals.locale) : null,
          overdue: isOverdue(row, now),
          blanks: blanks.length ? describeBlanks(blanks, t) : null,
          // The draft checker's verdicts; warnings are approved only with "saya sudah membaca peringatan ini".
          check: presentCheck(checkAnswer(row.draftBody, { title: row.title, plannedAt: row.draftPlannedAt }, rules), t),
          warningsError: mine?.errors.warningsRead,
          checkId: `check-${row.draftId}`,
          readId: `read-${row.draftId}`,
          preview: await citizenPreview(
            db,
            config,
            row,
            { id: row.draftId, body: row.draftBody, plannedAt: row.draftPlannedAt },
            recipients.filter((r) => r.id !== row.id).length,
            t,
            res.locals.locale,
          ),
          // Why a step on this draft was refused: the comment's and the tick's own messages beside them, the rest above.
          problems: Object.entries(mine?.errors ?? {}).filter(([field]) => field !== 'comment' && field !== 'warningsRead').map(([, message]) => message),
          commentError: mine?.errors.comment,
          comment: mine?.comment ?? '',
          // The edit form opens with the head's own text when their edit was refused.
          edit: mine?.edit ?? { body: row.draftBody, plannedAt: row.draftPlannedAt ?? '' },
          editOpen: Boolean(mine?.edit),
          editAction: `${INBOX}/${row.tracking_code}/${row.draftId}/ubah-setujui`,
        };
      }),
    );
    res.render('answers/approvals', {
      title: t('answers:approvals.title'),
      items,
      approveLabel: t(validation ? 'answers:approvals.approveToValidate' : 'answers:approvals.approve'),
      editLabel: t(validation ? 'answers:edit.submitToValidate' : 'answers:edit.submit'),
      bulkable: items.some((i) => !i.blanks),
      bulkAtEnd: items.length > 2 && items.some((i) => !i.blanks),
      errors: formErrors,
    });
  }

  /** One draft's report, as the step needs it; 404 unless this head may see it. */
  async function reportOf(req: Request): Promise<Report> {
    return visibleReport(db, req.user!, req.params.code);
  }

  return {
    async inbox(req: Request, res: Response) {
      await renderInbox(req, res);
    },

    /** Approve or return one draft from the list; back to the list with what happened. */
    step(step: 'approve' | 'editApprove' | 'return') {
      return async (req: Request, res: Response) => {
        const report = await reportOf(req);
        // Each step takes its own fields of the form: the comment; the approval (the version
        // read, and whatever else approving asks); the approval with the head's text.
        const { comment, body, plannedAt, ...approval } = (req.body ?? {}) as Record<string, unknown>;
        const params = step === 'return' ? { comment } : step === 'approve' ? approval : { ...approval, body, plannedAt };
        const result = await answerStep(db, config, req.user!, report, step, params, res.locals.t, draftId(req));
        flash(req, 'success', outcomeLine(res, report, res.locals.t(answerOutcome(step, result.report))));
        res.redirect(303, INBOX);
      };
    },

    /** A step refused (no comment, a blank, a draft changed meanwhile): the list again, the reason beside that draft. */
    async refused(req: Request, res: Response, errors: FieldErrors) {
      const id = Number(req.params.id);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const edit = req.path.endsWith('/ubah-setujui') ? { body: String(body.body ?? ''), plannedAt: String(body.plannedAt ?? '') } : undefined;
      await renderInbox(req, res, { draftId: Number.isSafeInteger(id) ? id : -1, errors, comment: String(body.comment ?? ''), edit });
    },

    /** The bulk form refused as a whole (nothing chosen): the list again, with why at the top. */
    async refusedBulk(req: Request, res: Response, errors: FieldErrors) {
      await renderInbox(req, res, undefined, errors);
    },

    /**
     * "Setujui yang dipilih": first a page that lists what was chosen and asks once (a
     * second step that works without JavaScript), then each draft approved on its own,
     * with one notice per draft saying what happened to it.
     */
    async bulkApprove(req: Request, res: Response) {
      const t = res.locals.t;
      const user = req.user!;
      if (user.agencyId === null) throw forbidden();
      const input = req.input as { ids: { id: number; version: number }[]; confirm: boolean; warningsRead: number[] };
      const chosen = await chosenForApproval(db, user.agencyId, input.ids.map((i) => i.id));
      if (!input.confirm && chosen.length === 0) {
        for (const { id } of input.ids) flash(req, 'error', t('answers:approvals.gone', { id }));
        return res.redirect(303, INBOX);
      }
      if (!input.confirm) {
        const [validation, rules] = await Promise.all([getSetting(db, 'answerValidation'), getSetting(db, 'answerCheck')]);
        res.render('answers/approveConfirm', {
          title: t('answers:approvals.confirmTitle', { count: chosen.length }),
          count: chosen.length,
          lead: t(validation ? 'answers:approvals.confirmLeadValidation' : 'answers:approvals.confirmLead'),
          items: chosen.map((r) => ({
            displayCode: formatCode(r.tracking_code),
            title: r.title,
            readId: `read-${r.draftId}`,
            draftId: r.draftId,
            token: `${r.draftId}:${input.ids.find((i) => i.id === r.draftId)!.version}`,
            // Each draft with warnings is approved only if its own "I read them" is ticked here.
            check: presentCheck(checkAnswer(r.draftBody, { title: r.title, plannedAt: r.draftPlannedAt }, rules), t),
          })),
        });
        return;
      }
      for (const { id, version } of input.ids) {
        const report = chosen.find((r) => r.draftId === id);
        if (!report) {
          flash(req, 'error', t('answers:approvals.gone', { id }));
          continue;
        }
        try {
          const result = await answerStep(db, config, user, report, 'approve', { version, warningsRead: input.warningsRead.includes(id) }, t, id);
          flash(req, 'success', outcomeLine(res, report, t(answerOutcome('approve', result.report))));
        } catch (err) {
          // A refusal is this draft's result; anything else is a fault of the whole request.
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          const reason = err instanceof InvalidInputError ? Object.values(err.fields(t)).join(' ') : err.describe(t);
          flash(req, 'error', t('answers:approvals.failed', { code: formatCode(report.tracking_code), title: report.title, reason }));
        }
      }
      res.redirect(303, INBOX);
    },
  };
}

function outcomeLine(res: Response, report: Report, outcome: string): string {
  return res.locals.t('answers:approvals.result', { code: formatCode(report.tracking_code), title: report.title, outcome });
}
