import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { flash } from '../http/flash.js';
import { visibleReport } from '../reports/access.js';
import type { Actor } from '../reports/events.js';
import { forbidden, notFound } from '../shared/errors.js';
import { attachToDraft, removeDraftFile, setFilePublic } from './commands/answerFiles.js';
import { draftId } from './handlers.js';
import { canAnswer } from './policy.js';

/** The file named in the URL; anything but a positive integer names none. */
function fileId(req: Request): number {
  const id = Number(req.params.fileId);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

const answerSection = (code: string) => `/staf/laporan/${code}#jawaban`;

/**
 * The answer's files on the staff report page: attach, remove, propose a photo for the
 * public page. Each comes back to the answer section with a notice; a refusal (a file
 * refused by inspection, a draft no longer staff's) is shown as the answer steps show theirs.
 */
export function answerFileHandlers(db: Db, config: Config) {
  /** The report, when this user may write its draft: 404 for another OPD's, 403 for a role that may not. */
  async function writable(req: Request) {
    const report = await visibleReport(db, req.user!, req.params.code);
    if (!canAnswer(req.user!, 'draft', report)) throw forbidden();
    const actor: Actor = { kind: 'staff', userId: req.user!.id, agencyId: req.user!.agencyId };
    return { report, actor };
  }

  return {
    /** Before the upload is read: who may not attach here is refused before a byte is written. */
    async mayAttach(req: Request, _res: Response, next: NextFunction) {
      await writable(req);
      next();
    },

    async upload(req: Request, res: Response) {
      const { report, actor } = await writable(req);
      const files = Array.isArray(req.files) ? req.files : [];
      const ids = await attachToDraft(db, config, { report, draftId: draftId(req), actor, files });
      flash(req, 'success', res.locals.t('answers:files.added', { count: ids.length }));
      res.redirect(303, answerSection(report.tracking_code));
    },

    async remove(req: Request, res: Response) {
      const { report, actor } = await writable(req);
      await removeDraftFile(db, config, { report, draftId: draftId(req), fileId: fileId(req), actor });
      flash(req, 'success', res.locals.t('answers:files.removed'));
      res.redirect(303, answerSection(report.tracking_code));
    },

    /** The form's box: ticked sends "1"; unticked sends the hidden "0" alone. */
    async setPublic(req: Request, res: Response) {
      const { report } = await writable(req);
      const raw = (req.body as { show?: unknown } | undefined)?.show;
      const show = Array.isArray(raw) ? raw.includes('1') : raw === '1';
      await setFilePublic(db, { report, draftId: draftId(req), fileId: fileId(req), show });
      flash(req, 'success', res.locals.t(show ? 'answers:files.publicOn' : 'answers:files.publicOff'));
      res.redirect(303, answerSection(report.tracking_code));
    },
  };
}
