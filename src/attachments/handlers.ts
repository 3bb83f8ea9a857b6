import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { canViewReport } from '../reports/access.js';
import { supportingAgencyIds } from '../reports/queries.js';
import { notFound } from '../shared/errors.js';
import { attachmentWithReport } from './queries.js';
import { attachmentPath } from './store.js';

/**
 * Attachments for staff: thumbnails and originals, only for staff who may see the report
 * (another OPD's file answers 404). Served with the stored, checked type and nosniff;
 * images show inline, documents and videos download, never rendered by the browser as
 * anything else. Private cache: these are citizens' files.
 */
export function attachmentHandlers(db: Db, config: Config) {
  async function send(req: Request, res: Response, thumbnail: boolean) {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
    const row = await attachmentWithReport(db, id);
    if (!row || !canViewReport(req.user!, row, await supportingAgencyIds(db, row.id))) throw notFound();
    const key = thumbnail ? row.thumbnail_key : row.storage_key;
    if (!key) throw notFound();
    const inline = thumbnail || row.mime_type.startsWith('image/');
    res.set({
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    res.attachment(row.original_name);
    if (inline) res.set('Content-Disposition', res.get('Content-Disposition')!.replace(/^attachment/, 'inline'));
    res.type(thumbnail ? (key.endsWith('.webp') ? 'image/webp' : 'image/jpeg') : row.mime_type);
    res.sendFile(attachmentPath(config.uploadDir, key), { dotfiles: 'deny' }, (err) => {
      if (err && !res.headersSent) res.status(404).end();
    });
  }

  return {
    /** The file as uploaded (after inspection). */
    original: (req: Request, res: Response) => send(req, res, false),
    /** Its thumbnail, for images. */
    thumbnail: (req: Request, res: Response) => send(req, res, true),
  };
}
