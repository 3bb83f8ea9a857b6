import { formatDateLong } from '../shared/format.js';
import type { Locale } from '../shared/i18n.js';
import type { letterByToken, ReportLetters } from './queries.js';

type Verified = NonNullable<Awaited<ReturnType<typeof letterByToken>>>;

/** The verification page's view of a letter: what is printed on it, and its fingerprint. */
export function presentVerification(l: Verified, locale: Locale) {
  return {
    number: l.number,
    date: formatDateLong(l.issued_at, locale),
    agency: l.agency_name,
    signer: l.signer_title ? `${l.signer_name}, ${l.signer_title}` : l.signer_name,
    nip: l.signer_nip,
    sha256: l.sha256,
    // In groups of eight, so a person can compare it with what their computer prints.
    sha256Groups: l.sha256.match(/.{8}/g)!.join(' '),
  };
}

/** The letters of a report as the citizen's tracking page lists them, newest first. */
export function presentLetters(rows: ReportLetters, trackingCode: string, locale: Locale) {
  return rows
    .map((l) => ({ number: l.number, date: formatDateLong(l.issued_at, locale), url: `/lacak/${trackingCode}/surat/${l.id}` }))
    .reverse();
}
