import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Kysely } from 'kysely';
import type { Channel, DB, Report } from '../../db/schema.js';
import { insertAttachments, type StoredFile } from '../../attachments/store.js';
import { enqueueMail } from '../../notify/outbox.js';
import { recordEvent } from '../../reports/lifecycle.js';
import { reportChanged } from '../../live/bus.js';
import { formatCode, formatSecret, hashSecret, newTrackingCode, newTrackingSecret } from '../../reports/tracking.js';
import { stageDueAt } from '../../sla/deadlines.js';
import type { Locale } from '../../web/i18n.js';
import { InputError } from '../../web/validate.js';
import { DuplicateReportError, findRecentDuplicate, lockContact } from '../duplicates.js';
import { receivedMail } from '../mail.js';
import type { IntakeInput } from '../schema.js';

export interface SubmitProps {
  input: IntakeInput;
  channel: Channel;
  locale: Locale;
  /** Files already inspected and stored (see attachments/store.ts); rows are written here. */
  attachments?: StoredFile[];
  /** Where it came from: an API client, a mail Message-ID. */
  sourceRef?: string | null;
  /** Headers of the acknowledgement, e.g. In-Reply-To to thread it under the citizen's mail. */
  acknowledgementHeaders?: Record<string, string>;
  /** Its subject instead of the usual one, given the formatted code (a reply keeps "Re: <their subject>"). */
  acknowledgementSubject?: (code: string) => string;
  /**
   * The channel's own record, written in the same transaction (mail intake notes the
   * mail it came from, so a crash never makes the report twice).
   */
  record?: (trx: Kysely<DB>, report: Report) => Promise<void>;
  now?: Date;
}

export interface Submitted {
  report: Report;
  /** Shown once to the citizen; only its hash is stored. */
  secret: string;
  trackingUrl: string;
}

/**
 * The intake service: every channel creates reports here, in one transaction: the
 * report with its verification deadline, its attachments, the first event, and the
 * acknowledgement mail in the outbox. Throws InputError for references that do not
 * exist and DuplicateReportError when the guard finds the same report just sent.
 */
export async function submitReport(db: Db, config: Config, props: SubmitProps): Promise<Submitted> {
  const { input } = props;
  const now = props.now ?? new Date();
  const code = await unusedCode(db);
  const secret = newTrackingSecret();
  const trackingUrl = `${config.publicUrl}/lacak/${code}?k=${secret}`;
  // Work that needs no lock happens before the transaction: on the embedded database the
  // transaction holds the only connection.
  const verifyDueAt = await stageDueAt(db, input.categoryId, 'verify', now);
  const mail = input.reporter.email
    ? await receivedMail(config, props.locale, {
        name: input.anonymous ? null : input.reporter.name,
        title: input.title,
        code: formatCode(code),
        secret: formatSecret(secret),
        trackingUrl,
        verifyDueAt,
      })
    : undefined;

  const report = await db.transaction().execute(async (trx) => {
    await lockContact(trx, input);
    const duplicate = await findRecentDuplicate(trx, input, config.intake.duplicateWindowMinutes);
    if (duplicate) throw new DuplicateReportError(duplicate);
    await checkReferences(trx, input);

    const row = await trx
      .insertInto('reports')
      .values({
        tracking_code: code,
        tracking_secret_hash: hashSecret(secret),
        kind: input.kind,
        channel: props.channel,
        title: input.title,
        body: input.body,
        category_id: input.categoryId,
        region_code: input.regionCode,
        address: input.address,
        latitude: input.lat,
        longitude: input.lng,
        reporter_name: input.reporter.name,
        reporter_email: input.reporter.email,
        reporter_phone: input.reporter.phone,
        reporter_nik: input.reporter.nik,
        is_anonymous: input.anonymous,
        is_confidential: input.confidential,
        consent_at: now,
        source_ref: props.sourceRef ?? null,
        status: 'submitted',
        verify_due_at: verifyDueAt,
        submitted_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      reportId: row.id,
      type: 'submitted',
      actor: { kind: 'citizen' },
      toStatus: 'submitted',
      visibility: 'public',
      data: { channel: props.channel, attachments: props.attachments?.length ?? 0 },
    });
    if (props.attachments?.length) {
      await insertAttachments(trx, { reportId: row.id, uploadedBy: 'citizen' }, props.attachments);
    }
    if (mail && input.reporter.email) {
      const subject = props.acknowledgementSubject?.(formatCode(code)) ?? mail.subject;
      await enqueueMail(trx, { to: input.reporter.email, ...mail, subject, reportId: row.id, headers: props.acknowledgementHeaders });
    }
    await props.record?.(trx, row);
    return row;
  });
  reportChanged(report);
  return { report, secret, trackingUrl };
}

/** 2^40 codes make a clash unlikely; checking first keeps the transaction clean if one happens. */
async function unusedCode(db: Db): Promise<string> {
  for (;;) {
    const code = newTrackingCode();
    const taken = await db.selectFrom('reports').select('id').where('tracking_code', '=', code).executeTakeFirst();
    if (!taken) return code;
  }
}

async function checkReferences(trx: Db, input: IntakeInput): Promise<void> {
  if (input.categoryId !== null) {
    const category = await trx
      .selectFrom('categories')
      .select('id')
      .where('id', '=', input.categoryId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!category) throw new InputError({ categoryId: 'intake:errors.category' });
  }
  if (input.regionCode !== null) {
    const region = await trx.selectFrom('regions').select('code').where('code', '=', input.regionCode).executeTakeFirst();
    if (!region) throw new InputError({ regionCode: 'intake:errors.region' });
  }
}
