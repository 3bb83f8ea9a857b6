import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { canViewReport } from '../reports/access.js';
import { supportingAgencyIds } from '../reports/queries.js';
import { notFound } from '../shared/errors.js';
import { attachmentWithReport } from './queries.js';
import { sendAttachment } from './serve.js';

/**
 * Attachments for staff: thumbnails and originals, only for staff who may see the report
 * (another OPD's file answers 404). How a file is sent (type, nosniff, private cache) is
 * serve.ts's, shared with the citizen's tracking page.
 */
export function attachmentHandlers(db: Db, config: Config) {
  async function send(req: Request, res: Response, thumbnail: boolean) {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
    const row = await attachmentWithReport(db, id);
    if (!row || !canViewReport(req.user!, row, await supportingAgencyIds(db, row.id))) throw notFound();
    if (!sendAttachment(res, config, row, thumbnail)) throw notFound();
  }

  return {
    /** The file as uploaded (after inspection). */
    original: (req: Request, res: Response) => send(req, res, false),
    /** Its thumbnail, for images. */
    thumbnail: (req: Request, res: Response) => send(req, res, true),
  };
}
