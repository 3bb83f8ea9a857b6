import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * What the letter and the receipt share: an A4 page, the embedded fonts and the
 * letterhead. DejaVu comes from an npm package (dejavu-fonts-ttf), so a fresh
 * `npm install` has it and every PDF embeds the subset it uses: it reads the same on a
 * phone, a kiosk and a printer, whatever fonts they have.
 */
const FONT_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = {
  regular: path.join(FONT_DIR, 'DejaVuSerif.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSerif-Bold.ttf'),
};
type FontName = keyof typeof FONT_FILES;
// Read once per process (700 KB together); each document embeds only the glyphs it uses.
let fontBytes: Record<FontName, Buffer> | undefined;
const fonts = () => (fontBytes ??= { regular: fs.readFileSync(FONT_FILES.regular), bold: fs.readFileSync(FONT_FILES.bold) });

export type Pdf = PDFKit.PDFDocument;

/** Centimetres to PDF points (A4 letters are laid out in cm). */
export const cm = (n: number) => (n * 72) / 2.54;

export interface Letterhead {
  /** The government above the OPD: "PEMERINTAH KABUPATEN PATI" (ORG_NAME). */
  government: string;
  /** The OPD's full name. */
  name: string;
  address: string | null;
  /** Telephone, e-mail and website, each optional. */
  phone: string | null;
  email: string | null;
  website: string | null;
  logo: { data: Buffer; mime: string } | null;
}

/**
 * A new A4 document whose metadata (and so its bytes) depends only on what it is given.
 * pdfkit (and qrcode below) load at the first document, not at every start of the app.
 */
export async function newDocument(meta: { title: string; author: string; subject: string; createdAt: Date }): Promise<Pdf> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: cm(1.5), bottom: cm(1.5), left: cm(2.5), right: cm(2) },
    info: { Title: meta.title, Author: meta.author, Subject: meta.subject, CreationDate: meta.createdAt, ModDate: meta.createdAt, Producer: 'e-Pengaduan', Creator: 'e-Pengaduan' },
    lang: 'id-ID',
    displayTitle: true,
    autoFirstPage: true,
    bufferPages: false,
  });
  // Two faces only: every face a document uses is parsed and subset again for it (about 40 ms each).
  doc.registerFont('regular', fonts().regular);
  doc.registerFont('bold', fonts().bold);
  doc.font('regular');
  return doc;
}

/** A QR code as PNG (error correction M, a quiet zone of 2 modules), `scale` pixels a module. */
export async function qrPng(text: string, scale: number): Promise<Buffer> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale });
}

/** The whole document as bytes. */
export function toBuffer(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** The kop surat: logo on the left, the lines centred, a double rule under them. */
export function drawLetterhead(doc: Pdf, head: Letterhead): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const top = doc.y;
  const logoSize = cm(2.2);
  if (head.logo) doc.image(head.logo.data, left, top, { fit: [logoSize, logoSize], align: 'center', valign: 'center' });
  const textLeft = left + (head.logo ? logoSize + cm(0.3) : 0);
  const textWidth = width - (head.logo ? 2 * (logoSize + cm(0.3)) : 0);
  doc.font('bold').fontSize(13).text(head.government.toUpperCase(), textLeft, top, { width: textWidth, align: 'center' });
  doc.font('bold').fontSize(14).text(head.name.toUpperCase(), { width: textWidth, align: 'center' });
  doc.font('regular').fontSize(9.5);
  if (head.address) doc.text(head.address, { width: textWidth, align: 'center' });
  const contact = [head.phone && `Telp. ${head.phone}`, head.email && `Pos-el: ${head.email}`, head.website && `Laman: ${head.website}`].filter(Boolean).join(' · ');
  if (contact) doc.text(contact, { width: textWidth, align: 'center' });
  const y = Math.max(doc.y, top + (head.logo ? logoSize : 0)) + cm(0.25);
  doc.moveTo(left, y).lineTo(left + width, y).lineWidth(2).stroke();
  doc.moveTo(left, y + 3).lineTo(left + width, y + 3).lineWidth(0.6).stroke();
  doc.x = left;
  doc.y = y + cm(0.6);
}

/** Label, colon and value in columns, as the heading of an Indonesian letter sets them. */
export function drawFields(doc: Pdf, rows: [string, string][], labelWidth = cm(2.4)): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font('regular').fontSize(11);
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.text(label, left, y, { width: labelWidth });
    doc.text(':', left + labelWidth, y, { width: cm(0.4) });
    doc.text(value, left + labelWidth + cm(0.4), y, { width: width - labelWidth - cm(0.4) });
    doc.x = left;
  }
}

const longDate = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'long', year: 'numeric' });

/** "7 Desember 2026": the date of a letter, in Asia/Jakarta. */
export function letterDate(date: Date): string {
  return longDate.format(date);
}
