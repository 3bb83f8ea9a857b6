import type { Response } from 'express';
import type { Config } from '../config.js';
import { attachmentPath } from './store.js';

/** What serving a stored file needs to know of it. */
export interface ServedFile {
  storage_key: string;
  thumbnail_key: string | null;
  mime_type: string;
  original_name: string;
}

/**
 * Sends a citizen's file, or its thumbnail, to someone the caller has already found may see
 * it (staff who may see the report; the browser holding the report's tracking access).
 * Served with the stored, checked type and nosniff; images show inline, documents and
 * videos download, never rendered by the browser as anything else. Private cache only,
 * and none for staff: these are citizens' files. False when there is nothing to send (no thumbnail).
 */
export function sendAttachment(res: Response, config: Pick<Config, 'uploadDir'>, file: ServedFile, thumbnail: boolean): boolean {
  const key = thumbnail ? file.thumbnail_key : file.storage_key;
  if (!key) return false;
  const inline = thumbnail || file.mime_type.startsWith('image/');
  res.set({
    // The citizen's own browser may keep it an hour; staff answers stay no-store (http/noStore.ts).
    'Cache-Control': res.get('Cache-Control') === 'no-store' ? 'no-store' : 'private, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
  res.attachment(file.original_name);
  if (inline) res.set('Content-Disposition', res.get('Content-Disposition')!.replace(/^attachment/, 'inline'));
  res.type(thumbnail ? (key.endsWith('.webp') ? 'image/webp' : 'image/jpeg') : file.mime_type);
  res.sendFile(attachmentPath(config.uploadDir, key), { dotfiles: 'deny' }, (err) => {
    if (err && !res.headersSent) res.status(404).end();
  });
  return true;
}
