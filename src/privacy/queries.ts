import { type Kysely, sql } from 'kysely';
import type { DB, ReporterLookupKind } from '../db/schema.js';
import { waNumber } from '../notify/whatsapp.js';
import { normalizePhone } from '../reports/reporter.js';
import { normalizeCode } from '../reports/tracking.js';
import { addReporter, emptyIdentity, type Identity } from './scrub.js';

/**
 * Finding one reporter's personal data. A reporter has no account: they are the
 * person behind an e-mail address, a phone number or a tracking code. The rule, shown to
 * the admin before anything is exported or erased:
 *  - e-mail: the reports filed with that address, and every mail from or to it;
 *  - phone: the reports filed with that number, and the mails of those reports' addresses;
 *  - tracking code: that report, the reporter's other reports with the same e-mail or
 *    phone, and the mails of those addresses.
 * One step only: a phone found on a report does not pull in reports of other addresses,
 * so a number shared in a family never sweeps in someone else's reports.
 */
export interface ReporterLookup {
  kind: ReporterLookupKind;
  value: string;
}

export interface ReporterScope {
  lookup: ReporterLookup;
  reportIds: number[];
  /** Addresses whose inbound and outgoing mails belong to this reporter (lower case). */
  emails: string[];
  identity: Identity;
}

/** The lookup value in its stored form, or undefined when it cannot be one. */
export function normalizeLookup(kind: ReporterLookupKind, value: string): string | undefined {
  const v = value.trim();
  if (kind === 'email') return /^[^\s@]+@[^\s@]+$/.test(v) ? v.toLowerCase() : undefined;
  if (kind === 'phone') return normalizePhone(v);
  return normalizeCode(v);
}

/** The reporter's scope, or null when nothing at all is held under that value. */
export async function findReporter(db: Kysely<DB>, lookup: ReporterLookup): Promise<ReporterScope | null> {
  const value = normalizeLookup(lookup.kind, lookup.value);
  if (!value) return null;
  const emails = new Set<string>();
  const phones = new Set<string>();
  const reportIds = new Set<number>();
  if (lookup.kind === 'email') emails.add(value);
  if (lookup.kind === 'phone') phones.add(value);
  if (lookup.kind === 'code') {
    const report = await db
      .selectFrom('reports')
      .select(['id', 'reporter_email', 'reporter_phone'])
      .where('tracking_code', '=', value)
      .executeTakeFirst();
    if (!report) return null;
    reportIds.add(report.id);
    if (report.reporter_email) emails.add(report.reporter_email.toLowerCase());
    if (report.reporter_phone) phones.add(report.reporter_phone);
  }
  if (emails.size || phones.size) {
    const rows = await db
      .selectFrom('reports')
      .select('id')
      .where((eb) =>
        eb.or([
          ...(emails.size ? [eb(sql<string>`lower(reporter_email)`, 'in', [...emails])] : []),
          ...(phones.size ? [eb('reporter_phone', 'in', [...phones])] : []),
        ]),
      )
      .execute();
    for (const r of rows) reportIds.add(r.id);
  }
  const identity = emptyIdentity();
  if (reportIds.size) {
    const reports = await db
      .selectFrom('reports')
      .select(['reporter_name', 'reporter_email', 'reporter_phone', 'reporter_phone_unverified', 'reporter_nik'])
      .where('id', 'in', [...reportIds])
      .execute();
    for (const r of reports) {
      addReporter(identity, r);
      if (r.reporter_email) emails.add(r.reporter_email.toLowerCase());
    }
  }
  for (const e of emails) if (!identity.emails.includes(e)) identity.emails.push(e);
  for (const p of phones) if (!identity.phones.includes(p)) identity.phones.push(p);
  const scope: ReporterScope = { lookup: { kind: lookup.kind, value }, reportIds: [...reportIds].sort((a, b) => a - b), emails: [...emails], identity };
  if (scope.reportIds.length) return scope;
  // An address that filed nothing may still have written to the mailbox or been written to.
  const mails = await mailCounts(db, scope);
  return mails.inbound + mails.outbound > 0 ? scope : null;
}

export async function mailCounts(db: Kysely<DB>, scope: ReporterScope): Promise<{ inbound: number; outbound: number }> {
  const [inbound, outbound] = await Promise.all([
    inboundMails(db, scope).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    outboundMails(db, scope).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { inbound: Number(inbound.n), outbound: Number(outbound.n) };
}

/** Mails the reporter sent: from their address, or mail intake rows of their reports. */
export function inboundMails(db: Kysely<DB>, scope: Pick<ReporterScope, 'reportIds' | 'emails'>) {
  return db.selectFrom('inbound_mails').where((eb) =>
    eb.or([
      ...(scope.emails.length ? [eb(sql<string>`lower(from_address)`, 'in', scope.emails)] : []),
      ...(scope.reportIds.length ? [eb('report_id', 'in', scope.reportIds)] : []),
      sql<boolean>`false`,
    ]),
  );
}

/**
 * Messages sent to the reporter (not staff alerts about their reports): mails to their
 * addresses, and WhatsApp messages to their numbers or about their reports (WhatsApp only
 * ever goes to citizens).
 */
export function outboundMails(db: Kysely<DB>, scope: Pick<ReporterScope, 'emails' | 'reportIds' | 'identity'>) {
  const numbers = whatsAppNumbers(scope.identity.phones);
  return db.selectFrom('outbox').where((eb) =>
    eb.or([
      ...(scope.emails.length ? [eb(sql<string>`lower(outbox.to_address)`, 'in', scope.emails)] : []),
      ...(numbers.length ? [eb.and([eb('outbox.channel', '=', 'whatsapp'), eb('outbox.to_address', 'in', numbers)])] : []),
      ...(scope.reportIds.length ? [eb.and([eb('outbox.channel', '=', 'whatsapp'), eb('outbox.report_id', 'in', scope.reportIds)])] : []),
      sql<boolean>`false`,
    ]),
  );
}

/** The reporter's phones as WhatsApp numbers (E.164 digits, as the outbox and the conversation keep them). */
export function whatsAppNumbers(phones: readonly string[]): string[] {
  return [...new Set(phones.map(waNumber).filter((n): n is string => n !== null))];
}

/** The reports of a scope as the admin sees them before deciding. */
export async function scopeReports(db: Kysely<DB>, reportIds: number[]) {
  if (!reportIds.length) return [];
  return db
    .selectFrom('reports as r')
    .leftJoin('personal_data_erased_reports as e', 'e.report_id', 'r.id')
    .select(['r.id', 'r.tracking_code', 'r.title', 'r.status', 'r.submitted_at', 'r.closed_at', 'r.reporter_name', 'r.is_anonymous', 'e.erased_at'])
    .where('r.id', 'in', reportIds)
    .orderBy('r.submitted_at')
    .execute();
}

/** The latest erasures, without identities (the log holds none). */
export async function recentErasures(db: Kysely<DB>, limit = 20) {
  return db
    .selectFrom('personal_data_erasures as e')
    .leftJoin('users as u', 'u.id', 'e.erased_by')
    .select(['e.id', 'e.cause', 'e.lookup_kind', 'e.reference', 'e.report_ids', 'e.counts', 'e.created_at', 'u.name as erased_by_name'])
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
}
