import type { Response } from 'express';
import { letterFilename } from './commands/issueLetter.js';
import { receiptFilename } from './receipt.js';

/** A PDF as a download. Private: a letter or a receipt is about one citizen's report, so no shared cache may keep it. */
function sendPdf(res: Response, filename: string, pdf: Buffer, etag?: string): void {
  res
    .status(200)
    .set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      ...(etag ? { ETag: `"${etag}"` } : {}),
    })
    .end(pdf);
}

/** A letter's PDF as stored, never rendered again; its ETag is the SHA-256 the verification page shows. */
export function sendLetter(res: Response, trackingCode: string, letter: { pdf: Buffer; sha256: string }): void {
  sendPdf(res, letterFilename(trackingCode), Buffer.from(letter.pdf), letter.sha256);
}

/** A receipt (bukti laporan), made for this download. */
export function sendReceipt(res: Response, trackingCode: string, pdf: Buffer): void {
  sendPdf(res, receiptFilename(trackingCode), pdf);
}
