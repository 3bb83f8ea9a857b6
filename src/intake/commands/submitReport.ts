import type { ExpressionBuilder, Insertable, Kysely } from 'kysely';
import { jsonObjectFrom } from 'kysely/helpers/postgres';
import { insertAttachments } from '../../attachments/commands/insertAttachments.js';
import { recordAudit } from '../../audit/commands/recordAudit.js';
import type { StoredFile } from '../../attachments/store.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { precompiled } from '../../db/precompiled.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Channel, DB, OutboxTable, Report, ReportEventsTable, ReportsTable } from '../../db/schema.js';
import { notifyCitizen } from '../../notify/citizen.js';
import { reportChanged } from '../../notify/live/bus.js';
import { outboxRow } from '../../notify/outbox.js';
import { SECRET_IN_LINK, SECRET_SHOWN } from '../../notify/secrets.js';
import { cachedHolidays, dueUnder, policyQuery } from '../../reports/deadlines.js';
import { eventRow } from '../../reports/events.js';
import { formatCode, hashSecret, newTrackingCode, newTrackingSecret } from '../../reports/tracking.js';
import { InputError } from '../../shared/errors.js';
import type { Locale } from '../../shared/i18n.js';
import { DuplicateReportError, findRecentDuplicate, lockContact, type SameReportKeys, sameReportKeys, sameReports } from '../duplicates.js';
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
   * mail it came from, so a crash never makes the report twice; a keyed request keeps its
   * first answer, secret included, for repeats: src/idempotency).
   */
  record?: (trx: Kysely<DB>, report: Report, issued: Omit<Submitted, 'report'>) => Promise<void>;
  /** A report taken by staff (channel 'staff', src/staffintake): who took it and its source. */
  staff?: StaffTaking;
  now?: Date;
}

/**
 * Who entered a report received by telephone, in person, by letter, on social media or from
 * SP4N-LAPOR!, and its source columns (migration 0031). The first event is theirs (not the
 * citizen's), and an audit entry names them, in the report's transaction.
 */
export interface StaffTaking {
  userId: number;
  agencyId: number | null;
  source: Pick<Insertable<ReportsTable>, 'staff_source' | 'source_platform' | 'source_url' | 'lapor_number' | 'letter_number' | 'letter_date'>;
}

export interface Submitted {
  report: Report;
  /** Shown once to the citizen; only its hash is stored. */
  secret: string;
  trackingUrl: string;
  /** Working days the OPD has to answer under the report's SLA policy (the thank-you page says it). */
  respondDays: number;
}

/**
 * The intake service: every channel creates reports here, in one transaction: the
 * report with its verification deadline, its attachments, the first event, and the
 * acknowledgement mail in the outbox. Throws InputError for references that do not
 * exist and DuplicateReportError when the guard finds the same report just sent.
 *
 * Every statement is a round trip, and intake is the busiest write (issue 10), so the
 * path is kept short: the reference checks and the SLA policy are one statement before
 * the transaction (the foreign keys still refuse what vanishes in between); the tracking
 * code is not looked up first but taken, and drawn again in the rare case it is already
 * used; the report, its event and its mail are one statement (insertWithTrail).
 */
export async function submitReport(db: Db, config: Config, props: SubmitProps): Promise<Submitted> {
  const { input } = props;
  const now = props.now ?? new Date();
  // Before the transaction: on the embedded database it holds the only connection.
  const [policy, holidays] = await Promise.all([checkReferences(db, input), cachedHolidays(db)]);
  const verifyDueAt = dueUnder(policy, 'verify', now, holidays);
  for (let attempt = 1; ; attempt++) {
    try {
      return await insertReport(db, config, props, now, verifyDueAt, policy.respond_days);
    } catch (err) {
      // 2^40 codes: a clash is rare enough that trying again is cheaper than checking first.
      if (attempt < CODE_ATTEMPTS && isUniqueViolation(err, 'reports_tracking_code_key')) continue;
      throw err;
    }
  }
}

const CODE_ATTEMPTS = 5;

async function insertReport(db: Db, config: Config, props: SubmitProps, now: Date, verifyDueAt: Date, respondDays: number): Promise<Submitted> {
  const { input } = props;
  const code = newTrackingCode();
  const secret = newTrackingSecret();
  const trackingUrl = `${config.publicUrl}/lacak/${code}?k=${secret}`;
  // The mail holds slots where the secret goes; the outbox keeps the secret only until it is sent.
  const mail = input.reporter.email
    ? await receivedMail(config, props.locale, {
        name: input.anonymous ? null : input.reporter.name,
        title: input.title,
        code: formatCode(code),
        secret: SECRET_SHOWN,
        trackingUrl: `${config.publicUrl}/lacak/${code}?k=${SECRET_IN_LINK}`,
        verifyDueAt,
      })
    : undefined;

  const report = await db.transaction().execute(async (trx) => {
    // Under the contact's lock, the insert itself checks for the same report just sent
    // (duplicates.ts) and writes nothing if there is one: no statement of its own for the
    // guard on the usual path.
    await lockContact(trx, input);
    const guard = sameReportKeys(input, config.intake.duplicateWindowMinutes);
    const row = await insertWithTrail(
      trx,
      guard,
      {
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
        reporter_phone_unverified: input.reporter.phoneUnverified ?? null,
        reporter_nik: input.reporter.nik,
        is_anonymous: input.anonymous,
        // Only meaningful with a phone; without an e-mail WhatsApp is used anyway (notify/citizen.ts).
        notify_whatsapp: Boolean(input.notifyWhatsApp && input.reporter.phone),
        is_confidential: input.confidential,
        consent_at: now,
        source_ref: props.sourceRef ?? null,
        ...(props.staff ? { ...props.staff.source, taken_by_user_id: props.staff.userId } : {}),
        status: 'submitted',
        verify_due_at: verifyDueAt,
        submitted_at: now,
      },
      eventRow({
        type: 'submitted',
        actor: props.staff ? { kind: 'staff', userId: props.staff.userId, agencyId: props.staff.agencyId } : { kind: 'citizen' },
        toStatus: 'submitted',
        visibility: 'public',
        data: {
          channel: props.channel,
          attachments: props.attachments?.length ?? 0,
          ...(props.staff ? { source: props.staff.source.staff_source } : {}),
        },
      }),
      mail && input.reporter.email
        ? outboxRow({
            to: input.reporter.email,
            ...mail,
            subject: props.acknowledgementSubject?.(formatCode(code)) ?? mail.subject,
            secret,
            headers: props.acknowledgementHeaders,
          })
        : undefined,
    );
    if (!row) {
      const duplicate = await findRecentDuplicate(trx, input, config.intake.duplicateWindowMinutes);
      if (!duplicate) throw new Error('intake: the duplicate guard held back a report it then could not find');
      throw new DuplicateReportError(duplicate);
    }
    if (props.attachments?.length) {
      await insertAttachments(trx, { reportId: row.id, uploadedBy: 'citizen' }, props.attachments);
    }
    await props.record?.(trx, row, { secret, trackingUrl, respondDays });
    // A citizen with a phone and no e-mail (or who asked for both) is told by WhatsApp too,
    // the secret link filled in only as it leaves (notify/secrets.ts); a report that came by
    // WhatsApp is confirmed in its own conversation (whatsapp/inbound) instead.
    if (String(props.channel) !== 'whatsapp') {
      await notifyCitizen(trx, config, row, undefined, { kind: 'acknowledged', link: `${config.publicUrl}/lacak/${code}?k=${SECRET_IN_LINK}`, secret });
    }
    if (props.staff) await auditStaffTaking(trx, row, props.staff);
    return row;
  });
  reportChanged(report);
  return { report, secret, trackingUrl, respondDays };
}

/** The audit entry of a report taken by staff: its source and reference, never the reporter's identity. */
async function auditStaffTaking(trx: Kysely<DB>, report: Report, staff: StaffTaking): Promise<void> {
  const { staff_source, source_platform, source_url, lapor_number, letter_number, letter_date } = staff.source;
  await recordAudit(trx, {
    action: 'staff_intake',
    actor: { userId: staff.userId },
    report: { id: report.id, code: report.tracking_code },
    details: {
      channel: report.channel,
      source: staff_source,
      ...(source_platform ? { platform: source_platform } : {}),
      ...(source_url ? { url: source_url } : {}),
      ...(lapor_number ? { laporNumber: lapor_number } : {}),
      ...(letter_number ? { letterNumber: letter_number } : {}),
      ...(letter_date ? { letterDate: letter_date } : {}),
    },
  });
}

/**
 * The report, its first event and its acknowledgement in the outbox, in one statement
 * (data-modifying CTEs: the event and the mail take the new report's id from its
 * RETURNING). The same rows as recordEvent and enqueueMail write, from their own row
 * builders; one round trip instead of three on the busiest write. A citizen's event
 * has no audit entry; a staff member's has its own (auditStaffTaking), so nothing of
 * recordEvent is skipped.
 *
 * Compiled once per shape (db/precompiled.ts): the columns given, which differ between
 * channels (a staff-taken report has its source, a report without e-mail no mail).
 */
async function insertWithTrail(
  trx: Kysely<DB>,
  guard: SameReportKeys | undefined,
  report: Insertable<ReportsTable>,
  event: Omit<Insertable<ReportEventsTable>, 'report_id'>,
  mail: Insertable<OutboxTable> | undefined,
): Promise<Report | undefined> {
  const { report_id: _placeholder, ...ack } = mail ?? {};
  // As kysely's values() does, a report column left undefined is not written (its default
  // applies); the event's and the mail's columns are all written, undefined as null.
  const columns = { r: Object.keys(report).filter((k) => report[k as keyof typeof report] !== undefined), e: Object.keys(event), o: mail ? Object.keys(ack) : [], guard: Boolean(guard) };
  const values: Record<string, unknown> = {};
  for (const [table, row] of [['r', report], ['e', event], ['o', ack], ['g', guard ?? {}]] as const) {
    for (const column of table === 'g' ? Object.keys(row) : columns[table]) values[`${table}.${column}`] = (row as Record<string, unknown>)[column] ?? null;
  }
  const [row] = await reportWithTrail.execute(trx, values, JSON.stringify(columns));
  return row;
}

const reportWithTrail = precompiled((db, p: Record<string, unknown>, shape) => {
  const columns = JSON.parse(shape) as { r: string[]; e: string[]; o: string[]; guard: boolean };
  const row = (table: string, names: string[]) => Object.fromEntries(names.map((c) => [c, p[`${table}.${c}`]]));
  const guard = { email: p['g.email'], phone: p['g.phone'], title: p['g.title'], body: p['g.body'], windowMinutes: p['g.windowMinutes'] } as SameReportKeys;
  const insertReport = columns.guard
    ? db
        .insertInto('reports')
        .columns(columns.r as (keyof ReportsTable)[])
        .expression(db.selectNoFrom((eb) => valuesOf(eb, row('r', columns.r))).where(({ not, exists }) => not(exists(sameReports(db, guard)))))
    : db.insertInto('reports').values(row('r', columns.r) as Insertable<ReportsTable>);
  const withEvent = db
    .with('r', () => insertReport.returningAll())
    .with('e', (db) =>
      db
        .insertInto('report_events')
        .columns(['report_id', ...(columns.e as (keyof ReportEventsTable)[])])
        .expression((eb) => eb.selectFrom('r').select((s) => [s.ref('r.id').as('report_id'), ...valuesOf(s, row('e', columns.e))])),
    );
  if (!columns.o.length) return withEvent.selectFrom('r').selectAll();
  return withEvent
    .with('o', (db) =>
      db
        .insertInto('outbox')
        .columns(['report_id', ...(columns.o as (keyof OutboxTable)[])])
        .expression((eb) => eb.selectFrom('r').select((s) => [s.ref('r.id').as('report_id'), ...valuesOf(s, row('o', columns.o))])),
    )
    .selectFrom('r')
    .selectAll();
});

/** Each value as a parameter named for its column; PostgreSQL types it from the column it goes into. */
function valuesOf<D, T extends keyof D>(eb: ExpressionBuilder<D, T>, row: object) {
  return Object.entries(row).map(([column, value]) => eb.val(value).as(column));
}

const references = precompiled((db, p: { categoryId: number; regionCode: string }) =>
  db.selectNoFrom((eb) => [
    eb.selectFrom('categories').select('id').where('id', '=', p.categoryId).where('active', '=', true).as('category'),
    eb.selectFrom('regions').select('code').where('code', '=', p.regionCode).as('region'),
    jsonObjectFrom(policyQuery(db, p.categoryId)).as('policy'),
  ]),
);

/**
 * Friendly messages for references the foreign keys would refuse anyway (and for a
 * category no longer offered), read in one statement with the SLA policy the deadlines
 * follow.
 */
async function checkReferences(db: Db, input: IntakeInput) {
  const { categoryId, regionCode } = input;
  const [found] = await references.execute(db, { categoryId: categoryId ?? -1, regionCode: regionCode ?? '' });
  if (!found) throw new Error('checkReferences: no row');
  const wrong: Record<string, string> = {};
  if (categoryId !== null && found.category === null) wrong.categoryId = 'intake:errors.category';
  if (regionCode !== null && found.region === null) wrong.regionCode = 'intake:errors.region';
  if (Object.keys(wrong).length) throw new InputError(wrong);
  if (!found.policy) throw new Error('no SLA policy: the reference data has none');
  return found.policy;
}
