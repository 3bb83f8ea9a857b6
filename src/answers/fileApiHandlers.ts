import type { Request, Response } from 'express';
import Joi from 'joi';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { visibleReport } from '../reports/access.js';
import type { Actor } from '../reports/events.js';
import { forbidden, notFound } from '../shared/errors.js';
import { check } from '../shared/validation.js';
import { attachToDraft, removeDraftFile, setFilePublic } from './commands/answerFiles.js';
import { draftFor } from './commands/review.js';
import { answerFiles, presentAnswerFile } from './files.js';
import { draftId } from './handlers.js';
import { canAnswer } from './policy.js';
import { citizenPreview } from './preview.js';
import { answerRecipients } from './queries.js';

/** PUT .../files/{fileId}: whether staff propose the photo for the public page. */
const publicSchema = Joi.object<{ public: boolean }>({ public: Joi.boolean().required().label('answers:files.public') });

function fileId(req: Request): number {
  const id = Number(req.params.fileId);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

/**
 * The answer's files and its preview in the staff API: the same commands as the report
 * page (commands/answerFiles.ts, preview.ts), answered as JSON; refusals are 422 {errors}.
 */
export function answerFileApiHandlers(db: Db, config: Config) {
  async function writable(req: Request) {
    const report = await visibleReport(db, req.user!, req.params.code);
    if (!canAnswer(req.user!, 'draft', report)) throw forbidden();
    const actor: Actor = { kind: 'staff', userId: req.user!.id, agencyId: req.user!.agencyId };
    return { report, actor };
  }

  /** The draft's files as the API lists them. */
  async function listed(req: Request, res: Response, id: number) {
    return (await answerFiles(db, id)).map((f) => {
      const p = presentAnswerFile(f, res.locals.locale, res.locals.t);
      return { id: p.id, name: p.name, mimeType: f.mime_type, size: f.size_bytes, url: p.url, thumbnailUrl: p.thumbnailUrl, public: p.public };
    });
  }

  return {
    /** 201 with every file of the draft after the upload. */
    async upload(req: Request, res: Response) {
      const { report, actor } = await writable(req);
      const id = draftId(req);
      await attachToDraft(db, config, { report, draftId: id, actor, files: Array.isArray(req.files) ? req.files : [] });
      res.status(201).json({ files: await listed(req, res, id) });
    },

    async remove(req: Request, res: Response) {
      const { report, actor } = await writable(req);
      await removeDraftFile(db, config, { report, draftId: draftId(req), fileId: fileId(req), actor });
      res.status(204).end();
    },

    async setPublic(req: Request, res: Response) {
      const { report } = await writable(req);
      const input = check(publicSchema, req.body ?? {}, res.locals.t);
      const id = draftId(req);
      await setFilePublic(db, { report, draftId: id, fileId: fileId(req), show: input.public });
      res.json({ files: await listed(req, res, id) });
    },

    /**
     * What the citizen will get from this draft: the mail (subject and text, `{nama_pelapor}`
     * where the reporter's name will stand, which staff never see) and the tracking page
     * entry with the files. For whoever may write, approve or validate it.
     */
    async preview(req: Request, res: Response) {
      const report = await visibleReport(db, req.user!, req.params.code);
      if (!(['draft', 'approve', 'validate'] as const).some((a) => canAnswer(req.user!, a, report))) throw forbidden();
      const draft = await draftFor(db, report, draftId(req), ['draft', 'returned', 'submitted', 'approved']);
      const merged = (await answerRecipients(db, report)).filter((r) => r.id !== report.id).length;
      const p = await citizenPreview(db, config, report, { id: draft.id, body: draft.body, plannedAt: draft.planned_at }, merged, res.locals.t, res.locals.locale);
      res.json({
        mail: p.mail ? { subject: p.mail.subject, text: p.mail.text.map((s) => (s.name ? '{nama_pelapor}' : s.text)).join('') } : null,
        mergedReporters: p.merged,
        tracking: {
          heading: p.tracking.heading,
          body: p.tracking.body,
          planned: p.tracking.planned,
          files: p.tracking.files.map((f) => ({ id: f.id, name: f.name, url: f.url, thumbnailUrl: f.thumbnailUrl })),
        },
      });
    },
  };
}
