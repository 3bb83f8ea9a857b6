import type { Request, Response } from 'express';
import type { Db } from '../db/database.js';
import { approvePublication, declinePublication, saveDraft } from './commands/review.js';
import { decideTerm, publicationFindings } from './commands/terms.js';
import { loadedReport } from './loadReport.js';
import { presentPublication } from './presenter.js';
import { findPublication } from './queries.js';
import { type DeclineInput, type EditInput, type PublishInput, publishRequest, type TermInput } from './schema.js';

/** The staff API of a report's publication: each action answers with the publication as it now is. */
export function publicationApiHandlers(db: Db) {
  async function send(res: Response) {
    const report = loadedReport(res);
    const row = (await findPublication(db, report.id))!;
    res.json({ ...presentPublication(row, report), findings: await publicationFindings(db, report, row) });
  }

  return {
    async show(_req: Request, res: Response) {
      await send(res);
    },

    async save(req: Request, res: Response) {
      const { version, ...edit } = req.input as EditInput;
      await saveDraft(db, { report: loadedReport(res), edit, version });
      await send(res);
    },

    /** Publishes what is stored, or the text sent with it; 'redacted' (saved, not published) answers 409 with the text now stored. */
    async approve(req: Request, res: Response) {
      const result = await approvePublication(db, { report: loadedReport(res), userId: req.user!.id, ...publishRequest((req.input ?? {}) as PublishInput) });
      if (result === 'redacted') res.status(409);
      await send(res);
    },

    /** A decision on one finding (`keep` or `remove`); `restoreByHand` when the edited text could not be restored automatically. */
    async decideTerm(req: Request, res: Response) {
      const { term, decision, version } = req.input as TermInput;
      const { restoreByHand } = await decideTerm(db, { report: loadedReport(res), term, decision, version });
      if (restoreByHand) res.setHeader('X-Restore-By-Hand', '1');
      await send(res);
    },

    async decline(req: Request, res: Response) {
      const { reason } = req.input as DeclineInput;
      await declinePublication(db, { report: loadedReport(res), userId: req.user!.id, reason });
      await send(res);
    },
  };
}
