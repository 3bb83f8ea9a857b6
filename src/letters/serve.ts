import type { Response } from 'express';
import { letterFilename } from './commands/issueLetter.js';

/**
 * Sends a letter's PDF as a download. The bytes are the stored ones, never rendered
 * again; the ETag is their SHA-256, the same the verification page shows. Private: a
 * letter names its reporter, so no shared cache may keep it.
 */
export function sendLetter(res: Response, trackingCode: string, letter: { pdf: Buffer; sha256: string }): void {
  res
    .status(200)
    .set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${letterFilename(trackingCode)}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      ETag: `"${letter.sha256}"`,
    })
    .end(Buffer.from(letter.pdf));
}
