import type { Actor } from '../auth/policy.js';
import { megabytes } from '../attachments/policy.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { getSetting } from '../settings/queries.js';
import { formatDateLong } from '../shared/format.js';
import type { Locale, Translate } from '../shared/i18n.js';
import { describeBlanks, findBlanks } from './blanks.js';
import { presentCheck } from './check/present.js';
import { checkDraft } from './check/run.js';
import { ACCEPT_ANSWER_FILES, ANSWER_FILE_LABELS } from './commands/answerFiles.js';
import { answerFiles, presentAnswerFile } from './files.js';
import { canAnswer } from './policy.js';
import { citizenPreview } from './preview.js';
import { answerHistory, answerRecipients, openDraft } from './queries.js';
import { templatesFor } from './templates.js';

/** The answer section of the staff report page: the draft, its history, and what this user may do with it. */
export async function answerModel(db: Db, config: Config, actor: Actor, report: Report, t: Translate, locale: Locale = 'id') {
  const draft = await openDraft(db, report.id);
  const mayDraft = canAnswer(actor, 'draft', report) && report.status === 'in_progress';
  const mayReview = canAnswer(actor, 'approve', report) && draft?.answer_status === 'submitted';
  const mayValidate = canAnswer(actor, 'validate', report) && draft?.answer_status === 'approved';
  if (!draft && !mayDraft) return null;
  const history = draft ? await answerHistory(db, draft.id) : { versions: [], reviews: [] };
  // The saved text's blanks, named where staff write and where it is reviewed (the steps refuse them anyway).
  const blanks = draft ? findBlanks(draft.body) : [];
  const lastReview = history.reviews.at(-1);
  const editable = mayDraft && (!draft || draft.answer_status === 'draft' || draft.answer_status === 'returned');
  const files = draft ? (await answerFiles(db, draft.id)).map((f) => presentAnswerFile(f, locale, t)) : [];
  // What the citizen will get, read before each step that lets it go further: staff before
  // submitting, the head before approving, the coordinator before validating.
  const preview = draft && (editable || mayReview || mayValidate)
    ? await citizenPreview(db, config, report, { id: draft.id, body: draft.body, plannedAt: draft.planned_at }, (await answerRecipients(db, report)).filter((r) => r.id !== report.id).length, t, locale)
    : null;
  return {
    draft: draft
      ? {
          id: draft.id,
          version: draft.version,
          body: draft.body,
          plannedAt: draft.planned_at,
          plannedLabel: draft.planned_at ? t('answers:page.planned', { date: formatDateLong(new Date(`${draft.planned_at}T12:00:00+07:00`), locale) }) : null,
          status: draft.answer_status,
          returned:
            draft.answer_status === 'returned'
              ? t(lastReview?.decision === 'refused' ? 'answers:page.refused' : 'answers:page.returned', { comment: draft.review_comment ?? '' })
              : null,
        }
      : null,
    editable,
    files,
    // Files are added to a saved draft (they belong to its message); "tampilkan di halaman publik" is for photos.
    filesEditable: editable && Boolean(draft),
    uploadHint: t('answers:files.hint', { maxFiles: config.uploads.maxFiles, maxMb: megabytes(config.uploads.maxFileBytes), types: ANSWER_FILE_LABELS }),
    accept: ACCEPT_ANSWER_FILES,
    preview,
    blanks: blanks.length ? describeBlanks(blanks, t) : null,
    // The draft checker on the saved text (an empty one before the first save): beside the editor, at approval and at validation.
    check: presentCheck(await checkDraft(db, report, { body: draft?.body ?? '', planned_at: draft?.planned_at ?? null }), t),
    // The head approves what they read: the version shown goes with the approval.
    mayApprove: mayReview && blanks.length === 0,
    // Starting points, filled for this report; offered while there is no draft yet.
    templates: mayDraft && !draft ? await templatesFor(db, report) : [],
    pending: draft?.answer_status === 'submitted',
    awaitingValidation: draft?.answer_status === 'approved',
    mayReview,
    // "Ubah dan setujui" on the report page: the same step as on the approval inbox.
    edit: mayReview && draft
      ? {
          action: `/staf/laporan/${report.tracking_code}/jawaban/${draft.id}/ubah-setujui`,
          label: t((await getSetting(db, 'answerValidation')) ? 'answers:edit.submitToValidate' : 'answers:edit.submit'),
        }
      : null,
    mayValidate,
    history: {
      versions: history.versions.map((v) => ({ ...v, label: t('answers:history.version', { version: v.version }) })),
      reviews: history.reviews.map((r) => ({ ...r, label: t(`answers:history.${r.decision}`) })),
    },
    guide: t('answers:page.guide', { returnObjects: true }) as unknown as string[],
  };
}
