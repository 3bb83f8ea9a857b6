import { cm, drawFields, drawLetterhead, type Letterhead, letterDate, newDocument, qrPng, toBuffer } from './pdf.js';

/** Everything printed on a surat jawaban; nothing else goes in. */
export interface LetterContent {
  letterhead: Letterhead;
  number: string;
  issuedAt: Date;
  /** The reporter's name, or "Pelapor" (anonim, erased, or none given). */
  addressee: string;
  /** The report's code as people read it (95D4-K7XW) and its title. */
  code: string;
  title: string;
  /** The answer as the reporter reads it. */
  body: string;
  /** "Jumat, 4 Desember 2026": when the planned follow-up is due, if any. */
  planned: string | null;
  signer: { name: string; title: string; nip: string | null };
  /** Where the QR code points: {PUBLIC_URL}/verifikasi/{token}. */
  verifyUrl: string;
}

export const QR_SIZE_CM = 3;

/** The letter's subject line (Perihal), also the PDF's title. */
export const subjectOf = (c: Pick<LetterContent, 'code' | 'title'>) => `Jawaban atas pengaduan ${c.code} — ${c.title}`;

/** Renders the letter as a PDF (A4, fonts embedded, QR code to the verification page). */
export async function renderLetter(c: LetterContent): Promise<Buffer> {
  const subject = subjectOf(c);
  const doc = await newDocument({ title: `Surat ${c.number}`, author: c.letterhead.name, subject, createdAt: c.issuedAt });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  drawLetterhead(doc, c.letterhead);

  doc.font('regular').fontSize(11).text(letterDate(c.issuedAt), { align: 'right' });
  doc.moveDown(0.5);
  drawFields(doc, [
    ['Nomor', c.number],
    ['Sifat', 'Biasa'],
    ['Lampiran', '-'],
    ['Perihal', subject],
  ]);
  doc.moveDown(1);
  doc.text('Yth.');
  doc.text(c.addressee);
  doc.text('di tempat');
  doc.moveDown(1);
  doc.text(c.body, left, doc.y, { width, align: 'justify', lineGap: 2 });
  if (c.planned) {
    doc.moveDown(0.6);
    doc.font('bold').text(`Rencana tindak lanjut: ${c.planned}`, { width });
    doc.font('regular');
  }
  doc.moveDown(1.5);

  // The signature block and the QR code sit side by side; they move to a new page together.
  const blockHeight = cm(5.2);
  if (doc.y + blockHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y;
  const signLeft = left + width / 2;
  doc.text(`${c.signer.title},`, signLeft, top, { width: width / 2 });
  doc.moveDown(0.3);
  doc.font('regular').fontSize(8).fillColor('#444444').text('Disetujui secara elektronik melalui e-Pengaduan', { width: width / 2 });
  doc.fillColor('black').moveDown(2.2);
  doc.font('bold').fontSize(11).text(c.signer.name, { width: width / 2, underline: true });
  doc.font('regular');
  if (c.signer.nip) doc.text(`NIP. ${c.signer.nip}`, { width: width / 2 });

  const qr = await qrPng(c.verifyUrl, 4);
  doc.image(qr, left, top, { width: cm(QR_SIZE_CM), height: cm(QR_SIZE_CM) });
  doc.font('regular').fontSize(7.5).text('Pindai untuk memeriksa keaslian surat ini:', left, top + cm(QR_SIZE_CM) + 2, { width: width / 2 - cm(0.5) });
  doc.text(c.verifyUrl, { width: width / 2 - cm(0.5) });
  return toBuffer(doc);
}
