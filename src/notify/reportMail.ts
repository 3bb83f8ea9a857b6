import type { Kysely } from 'kysely';
import { AGENCY_ROLES } from '../auth/policy.js';
import type { Config } from '../config.js';
import type { DB, Report } from '../db/schema.js';
import { formatCode } from '../reports/tracking.js';
import { translator, type Locale } from '../shared/i18n.js';
import { enqueueMail } from './commands/enqueueMail.js';
import { emailSite, renderEmail, withDisplayCodes } from './email.js';
import type { MailAttachment } from './outbox.js';

/**
 * Mails about a report, to the citizen (a question, a rejection, a merge, the answer) and to
 * staff (a report forwarded or assigned, a draft to approve, returned or refused). One
 * template, `report-update`, with lines from notify:reportMail.*. Rendered before the
 * caller's transaction, queued inside it. A mail whose content greets for itself (the
 * answer, a letter with its own "Yth.") has no greeting of its own.
 */
export interface PreparedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export async function prepareMail(
  config: Config,
  locale: Locale,
  to: string[],
  key: string,
  vars: Record<string, unknown>,
  link?: string,
): Promise<PreparedMail | undefined> {
  if (to.length === 0) return undefined;
  const t = translator(locale);
  const shown = withDisplayCodes(vars);
  const lines = (t(`notify:reportMail.${key}.lines`, { ...shown, returnObjects: true }) as unknown as string[]).filter(Boolean);
  const rendered = await renderEmail(
    'report-update',
    { site: emailSite(config), subject: t(`notify:reportMail.${key}.subject`, shown), greeting: t(`notify:reportMail.${key}.greeting`, { ...shown, defaultValue: '' }), lines, link },
    locale,
  );
  return { to, ...rendered };
}

export async function queueMail(trx: Kysely<DB>, mail: PreparedMail | undefined, reportId: number, attachments?: MailAttachment[]): Promise<void> {
  if (!mail) return;
  for (const to of mail.to) {
    await enqueueMail(trx, { to, subject: mail.subject, text: mail.text, html: mail.html, reportId, attachments });
  }
}

/** The reporter's address, unless they gave none. */
export function citizenAddress(report: Report): string[] {
  return report.reporter_email ? [report.reporter_email] : [];
}

export function citizenVars(report: Report) {
  return { code: formatCode(report.tracking_code), title: report.title, name: report.is_anonymous ? '' : report.reporter_name ?? '' };
}

export function trackingLink(config: Config, report: Report): string {
  return `${config.publicUrl}/lacak/${report.tracking_code}`;
}

/** The active staff and head of an OPD, who receive its new reports. */
export async function agencyAddresses(db: Kysely<DB>, agencyId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('email')
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .where('role', 'in', AGENCY_ROLES)
    .execute();
  return rows.map((r) => r.email);
}
