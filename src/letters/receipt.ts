import fs from 'node:fs';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { currentDue, isOverdue } from '../reports/statuses.js';
import { formatCode, formatSecret, resendPath } from '../reports/tracking.js';
import { formatDateLong } from '../shared/format.js';
import type { Locale, Translate } from '../shared/i18n.js';
import { cm, drawFields, drawLetterhead, newDocument, qrPng, toBuffer } from './pdf.js';
import { agencyNameOf } from './queries.js';

/**
 * The bukti laporan (issue 21, item 6): proof that a report was received, to print or keep.
 * Built with the letter's code (pdf.ts). The tracking secret is printed only when the
 * citizen asked for it on the page right after sending (intake's thank-you page): a
 * receipt downloaded later, or on a shared phone, must not open the report to whoever
 * picks it up.
 */
export async function renderReceipt(
  db: Db,
  config: Config,
  props: { report: Report; t: Translate; locale: Locale; secret?: string | undefined },
): Promise<Buffer> {
  const { report, t, locale } = props;
  const code = formatCode(report.tracking_code);
  const agency = report.assigned_agency_id ? await agencyNameOf(db, report.assigned_agency_id) : undefined;
  const due = currentDue(report);
  const jakarta = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'long', timeStyle: 'short' });
  const doc = await newDocument({ title: t('letters:receipt.title', { code }), author: config.orgName, subject: report.title, createdAt: report.submitted_at });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const logo = config.orgLogo && (config.orgLogo.type === 'image/png' || config.orgLogo.type === 'image/jpeg') ? { data: await fs.promises.readFile(config.orgLogo.path), mime: config.orgLogo.type } : null;
  drawLetterhead(doc, { government: config.orgName, name: config.appName, address: null, phone: null, email: null, website: config.publicUrl.replace(/^https?:\/\//, ''), logo });

  doc.font('bold').fontSize(15).text(t('letters:receipt.heading').toUpperCase(), { align: 'center' });
  doc.moveDown(0.8);
  const rows: [string, string][] = [
    [t('letters:receipt.code'), code],
    [t('letters:receipt.submitted'), jakarta.format(report.submitted_at)],
    [t('letters:receipt.kind'), t(`reports:kinds.${report.kind}`)],
    [t('letters:receipt.subject'), report.title],
    ...(agency ? [[t('letters:receipt.agency'), agency] as [string, string]] : []),
    [t('letters:receipt.status'), t(`tracking:status.${report.status}`)],
    ...(due ? [[t('letters:receipt.deadline'), `${formatDateLong(due, locale)}${isOverdue(report) ? ` (${t('letters:receipt.overdue')})` : ''}`] as [string, string]] : []),
  ];
  drawFields(doc, rows, cm(4));
  if (props.secret) {
    doc.moveDown(0.6);
    drawFields(doc, [[t('letters:receipt.secret'), formatSecret(props.secret)]], cm(4));
    doc.font('regular').fontSize(9).fillColor('#8a1c1c').text(t('letters:receipt.secretWarning'), left, doc.y, { width }).fillColor('black');
  }

  doc.moveDown(1);
  doc.font('bold').fontSize(11).text(t('letters:receipt.howTitle'), left, doc.y, { width });
  doc.font('regular').fontSize(10.5);
  const lookup = `${config.publicUrl}/lacak/${report.tracking_code}`;
  const steps = [
    t('letters:receipt.howOpen', { url: `${config.publicUrl}/lacak`, code }),
    t('letters:receipt.howLost', { url: `${config.publicUrl}${resendPath(report.tracking_code)}` }),
    t('letters:receipt.howMail'),
  ];
  steps.forEach((s, i) => doc.text(`${i + 1}. ${s}`, left, doc.y, { width, lineGap: 1.5 }));

  // The QR code opens the lookup page with the code filled in; never the secret.
  doc.moveDown(0.8);
  const qr = await qrPng(lookup, 6);
  const top = doc.y;
  doc.image(qr, left, top, { width: cm(2.6), height: cm(2.6) });
  doc.font('regular').fontSize(8).text(t('letters:receipt.qr'), left + cm(3), top + cm(0.6), { width: width - cm(3) });
  doc.text(lookup, { width: width - cm(3) });
  return toBuffer(doc);
}

/** The file name a receipt downloads under: "bukti-laporan-95D4-K7XW.pdf". */
export function receiptFilename(trackingCode: string): string {
  return `bukti-laporan-${formatCode(trackingCode)}.pdf`;
}
