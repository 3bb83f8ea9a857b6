import { sql } from 'kysely';
import { recordAudit } from '../../audit/commands/recordAudit.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { emailSite, renderEmail } from '../../notify/email.js';
import { enqueueMail } from '../../notify/commands/enqueueMail.js';
import { queueCitizenWhatsApp } from '../../notify/citizen.js';
import { waNumber } from '../../notify/whatsapp.js';
import { SECRET_IN_LINK, SECRET_SHOWN } from '../../notify/secrets.js';
import { normalizePhone } from '../../reports/reporter.js';
import { formatCode, hashSecret, newTrackingSecret, normalizeCode, secretMatches } from '../../reports/tracking.js';
import type { Locale } from '../../shared/i18n.js';

/**
 * "Kirim ulang tautan" (issue 20, item 7). A citizen who lost the secret (the page after
 * sending closed, a retry answered "already received") gives the code and the e-mail or
 * phone written in the report; a new secret goes to the e-mail on file, or by WhatsApp to
 * the phone on file when the phone is what the asker typed (issue 23), never to an address
 * the asker types. It waits as a hash in tracking_resends and replaces the report's
 * secret when it is first used (redeemResentSecret), so asking locks nobody out: the old
 * secret keeps working until the mailbox's owner opens the new link.
 */

/** How long a sent link stays usable. */
export const RESEND_VALID_HOURS = 72;
/** New links per report per 24 hours, whoever asks: the citizen's mailbox is not ours to flood. */
export const RESENDS_PER_REPORT_PER_DAY = 3;

/**
 * What happened. The asker is told the same whatever it is (so the form says nothing about
 * which codes exist or whose contact they have); the log and the audit keep the truth.
 */
export type ResendOutcome = 'sent' | 'no_match' | 'no_email' | 'limited';

export async function resendTrackingLink(
  db: Db,
  config: Config,
  props: { code: string; contact: string; locale: Locale },
): Promise<ResendOutcome> {
  const code = normalizeCode(props.code);
  if (!code) return 'no_match';
  const report = await db
    .selectFrom('reports')
    .select(['id', 'tracking_code', 'reporter_name', 'reporter_email', 'reporter_phone', 'is_anonymous', 'title'])
    .where('tracking_code', '=', code)
    .executeTakeFirst();
  if (!report || !contactMatches(props.contact, report)) return 'no_match';
  // The phone typed and on file: the link goes there by WhatsApp (the 24-hour rule and an
  // opt-out decide as for every WhatsApp message, notify/whatsapp.ts); otherwise the mailbox.
  const whatsappTo = props.contact.includes('@') ? null : waNumber(report.reporter_phone);
  if (!whatsappTo && !report.reporter_email) return 'no_email';

  const secret = newTrackingSecret();
  const mail = await renderEmail(
    'tracking-link',
    {
      site: emailSite(config),
      subjectKey: 'tracking:resend.mail.subject',
      preheaderKey: 'tracking:resend.mail.preheader',
      name: report.is_anonymous ? null : report.reporter_name,
      title: report.title,
      code: formatCode(report.tracking_code),
      // Slots, filled as the mail leaves: the outbox never keeps the secret readable (notify/secrets.ts).
      secret: SECRET_SHOWN,
      trackingUrl: `${config.publicUrl}/lacak/${report.tracking_code}?k=${SECRET_IN_LINK}`,
      hours: RESEND_VALID_HOURS,
    },
    props.locale,
  );

  return db.transaction().execute(async (trx) => {
    // One asker at a time per report, so the limit below cannot be raced past.
    await trx.selectFrom('reports').select('id').where('id', '=', report.id).forUpdate().execute();
    await trx.deleteFrom('tracking_resends').where('report_id', '=', report.id).where('expires_at', '<=', sql<Date>`now()`).execute();
    const { recent } = await trx
      .selectFrom('tracking_resends')
      .select((eb) => eb.fn.countAll<string>().as('recent'))
      .where('report_id', '=', report.id)
      .where('created_at', '>', sql<Date>`now() - interval '24 hours'`)
      .executeTakeFirstOrThrow();
    if (Number(recent) >= RESENDS_PER_REPORT_PER_DAY) return 'limited';

    await trx
      .insertInto('tracking_resends')
      .values({
        report_id: report.id,
        secret_hash: hashSecret(secret),
        expires_at: sql<Date>`now() + make_interval(hours => ${RESEND_VALID_HOURS})`,
      })
      .execute();
    if (whatsappTo) {
      await queueCitizenWhatsApp(trx, config, report, whatsappTo, {
        kind: 'resendLink',
        link: `${config.publicUrl}/lacak/${report.tracking_code}?k=${SECRET_IN_LINK}`,
        secret,
      });
    } else {
      await enqueueMail(trx, { to: report.reporter_email!, ...mail, reportId: report.id, secret });
    }
    await recordAudit(trx, {
      action: 'tracking_link_resend',
      actor: 'anonymous',
      report: { id: report.id, code: report.tracking_code },
      details: { via: whatsappTo ? 'whatsapp' : 'email' },
    });
    return 'sent' as const;
  });
}

/**
 * A secret sent by "Kirim ulang tautan", used for the first time: it becomes the report's
 * secret (the old one stops working, as it may be what was lost) and the other links still
 * waiting are void. Undefined when the secret is none of the report's waiting ones.
 */
export async function redeemResentSecret(db: Db, report: Report, secret: string): Promise<Report | undefined> {
  const waiting = await db
    .selectFrom('tracking_resends')
    .select('secret_hash')
    .where('report_id', '=', report.id)
    .where('expires_at', '>', sql<Date>`now()`)
    .execute();
  const match = waiting.find((w) => secretMatches(secret, w.secret_hash));
  if (!match) return undefined;
  return db.transaction().execute(async (trx) => {
    // Deleting first decides a race between two tabs opening the same link: one redeems,
    // the other finds the secret already the report's.
    const taken = await trx
      .deleteFrom('tracking_resends')
      .where('report_id', '=', report.id)
      .where('secret_hash', '=', match.secret_hash)
      .returning('id')
      .executeTakeFirst();
    if (taken) {
      await trx.deleteFrom('tracking_resends').where('report_id', '=', report.id).execute();
      await trx.updateTable('reports').set({ tracking_secret_hash: match.secret_hash }).where('id', '=', report.id).execute();
      await recordAudit(trx, { action: 'tracking_secret_replaced', actor: 'anonymous', report: { id: report.id, code: report.tracking_code } });
    }
    const now = await trx.selectFrom('reports').selectAll().where('id', '=', report.id).executeTakeFirstOrThrow();
    return now.tracking_secret_hash === match.secret_hash ? now : undefined;
  });
}

/** The e-mail (any case) or the phone (any way of writing it) given in the report. */
function contactMatches(typed: string, report: { reporter_email: string | null; reporter_phone: string | null }): boolean {
  const value = typed.trim();
  if (value.includes('@')) return Boolean(report.reporter_email) && value.toLowerCase() === report.reporter_email!.toLowerCase();
  const phone = normalizePhone(value);
  return Boolean(phone) && phone === report.reporter_phone;
}
