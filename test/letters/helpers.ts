import { PDFParse } from 'pdf-parse';
import jsQRModule from 'jsqr';
import sharp from 'sharp';

// jsqr is CommonJS with `export default` in its types: the function is its default's default under ESM.
const jsQR = (jsQRModule as unknown as { default: typeof jsQRModule.default }).default ?? jsQRModule;
import { agencyId, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { ANSWER, staffApi } from '../answers/helpers.js';
import type { IntakeInput } from '../../src/intake/schema.js';

export const NIP = '197008121995031002';

/**
 * A report answered the whole way: staff draft and submit, a Kepala OPD of DPUPR with a
 * title and NIP approves. Returns the report, its secret and the head.
 */
export async function answeredReport(t: TestApp, overrides: Partial<IntakeInput> = {}, body = ANSWER) {
  const r = await buildReport(t, overrides);
  await advanceTo(t.database.db, r.report.id, 'in_progress');
  const staff = await staffApi(t, 'agency_staff');
  const head = await staffApi(t, 'agency_head');
  await t.database.db
    .updateTable('users')
    .set({ name: 'Ir. Bambang Suryanto, M.T.', job_title: 'Kepala Dinas Pekerjaan Umum dan Penataan Ruang', nip: NIP })
    .where('id', '=', head.user.id)
    .execute();
  const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
  const { body: draft } = await staff.post(base, { body, plannedAt: null }).expect(201);
  await staff.post(`${base}/${draft.id}/submit`).expect(200);
  await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);
  return { ...r, head, staff, messageId: draft.id as number };
}

export async function dpupr(t: TestApp) {
  return agencyId(t.database, 'dpupr');
}

export function letterOf(t: TestApp, reportId: number) {
  return t.database.db.selectFrom('answer_letters').selectAll().where('report_id', '=', reportId).executeTakeFirstOrThrow();
}

/** The text of a PDF, read back by pdf.js (what a PDF viewer shows), with lines joined by spaces. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

/** Every QR code found in the PDF's images, decoded. */
export async function pdfQrCodes(pdf: Uint8Array): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const images = await parser.getImage({ imageBuffer: true, imageDataUrl: false });
    const found: string[] = [];
    for (const page of images.pages) {
      for (const image of page.images) {
        const { data, info } = await sharp(Buffer.from(image.data)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
        const qr = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
        if (qr) found.push(qr.data);
      }
    }
    return found;
  } finally {
    await parser.destroy();
  }
}
