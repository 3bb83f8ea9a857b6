import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB, Report } from '../db/schema.js';
import { formatCode } from '../reports/tracking.js';
import { translator } from '../shared/i18n.js';
import { type PreparedMail, queueMail } from './reportMail.js';
import { queueWhatsApp } from './commands/queueWhatsApp.js';
import { waNumber } from './whatsapp.js';

/**
 * Who hears what, in one place (issue 23): the citizen is told of their report by e-mail
 * when they gave an address, and by WhatsApp when they gave a phone and no address, or
 * both when they ticked "Kirim kabar lewat WhatsApp juga" (reports.notify_whatsapp).
 * Every call site that tells the citizen something (intake, triage, answers, tracking)
 * goes through notifyCitizen, so the rule has one home.
 */
export type CitizenNotice = 'acknowledged' | 'forwarded' | 'question' | 'answered' | 'answeredMerged' | 'resolved' | 'rejected' | 'merged' | 'resendLink';

/** The number to send WhatsApp to, or null when the citizen gets no WhatsApp. */
export function citizenWhatsApp(report: Pick<Report, 'reporter_email' | 'reporter_phone' | 'notify_whatsapp'>): string | null {
  const number = waNumber(report.reporter_phone);
  if (!number) return null;
  return !report.reporter_email || report.notify_whatsapp ? number : null;
}

export interface WhatsAppNotice {
  kind: CitizenNotice;
  /** Values for the text (notify:whatsapp.<kind>.text): code and link are added. */
  vars?: Record<string, unknown>;
  /** The answer's letter, sent as a document inside the 24-hour window. */
  document?: { letterId: number; filename: string };
  /** The link, when it is not the report's tracking page (the acknowledgement's carries the secret's slot). */
  link?: string;
  /** The tracking secret for the slots of text and link (notify/secrets.ts), erased once sent. */
  secret?: string;
  dedupeKey?: string;
}

/**
 * Queues, in the caller's transaction, the mail already prepared (undefined: none) and the
 * WhatsApp message when the citizen gets WhatsApp.
 */
export async function notifyCitizen(
  trx: Kysely<DB>,
  config: Config,
  report: Pick<Report, 'id' | 'tracking_code' | 'reporter_email' | 'reporter_phone' | 'notify_whatsapp'>,
  mail: PreparedMail | undefined,
  whatsapp: WhatsAppNotice | undefined,
): Promise<void> {
  await queueMail(trx, mail, report.id);
  const to = whatsapp && citizenWhatsApp(report);
  if (to && whatsapp) await queueCitizenWhatsApp(trx, config, report, to, whatsapp);
}

/**
 * The WhatsApp message of a notice, to a number already chosen: by notifyCitizen's rule, or
 * the phone a citizen typed to have their tracking link sent again (tracking/resendLink).
 */
export async function queueCitizenWhatsApp(
  trx: Kysely<DB>,
  config: Config,
  report: Pick<Report, 'id' | 'tracking_code'>,
  to: string,
  whatsapp: WhatsAppNotice,
): Promise<void> {
  const t = translator('id');
  const code = formatCode(report.tracking_code);
  const link = whatsapp.link ?? `${config.publicUrl}/lacak/${report.tracking_code}`;
  const text = t(`notify:whatsapp.${whatsapp.kind}.text`, { ...whatsapp.vars, code, link });
  await queueWhatsApp(trx, config, {
    to,
    reportId: report.id,
    text,
    template: { code, status: t(`notify:whatsapp.${whatsapp.kind}.status`, { ...whatsapp.vars, code }), link },
    ...(whatsapp.document ? { document: whatsapp.document } : {}),
    ...(whatsapp.secret ? { secret: whatsapp.secret } : {}),
    ...(whatsapp.dedupeKey ? { dedupeKey: whatsapp.dedupeKey } : {}),
  });
}
