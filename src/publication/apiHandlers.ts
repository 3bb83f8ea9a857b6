import type { Request, Response } from 'express';
import type { Db } from '../db/database.js';
import { approvePublication, declinePublication, type PublicationEdit, saveDraft } from './commands/review.js';
import { loadedReport } from './loadReport.js';
import { presentPublication } from './presenter.js';
import { findPublication } from './queries.js';
import type { DeclineInput } from './schema.js';

/** The staff API of a report's publication: each action answers with the publication as it now is. */
export function publicationApiHandlers(db: Db) {
  async function send(res: Response) {
    const report = loadedReport(res);
    const row = (await findPublication(db, report.id))!;
    res.set('Cache-Control', 'no-store').json(presentPublication(row, report));
  }

  return {
    async show(_req: Request, res: Response) {
      await send(res);
    },

    async save(req: Request, res: Response) {
      await saveDraft(db, { report: loadedReport(res), edit: req.input as PublicationEdit });
      await send(res);
    },

    async approve(req: Request, res: Response) {
      await approvePublication(db, { report: loadedReport(res), userId: req.user!.id });
      await send(res);
    },

    async decline(req: Request, res: Response) {
      const { reason } = req.input as DeclineInput;
      await declinePublication(db, { report: loadedReport(res), userId: req.user!.id, reason });
      await send(res);
    },
  };
}
