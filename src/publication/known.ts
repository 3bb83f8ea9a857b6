import type { Kysely } from 'kysely';
import type { DB, Report } from '../db/schema.js';
import type { KnownPersonalData } from './redact.js';

/**
 * What the redaction of a report's publication knows, in one place for the draft, the
 * coordinator's saves and their decisions: everything the form had about the reporter
 * (redacted wherever it appears, anonymous or not), the report's own code (quoted in its
 * answer, never a plate), the places and OPD of the region (never a person's name), and
 * the terms the coordinator kept or removed.
 */
export async function knownFor(
  db: Kysely<DB>,
  report: Report,
  decisions: { kept_terms?: readonly string[]; removed_terms?: readonly string[] } = {},
): Promise<KnownPersonalData> {
  return {
    names: [...(report.reporter_name ? [report.reporter_name] : []), ...(decisions.removed_terms ?? [])],
    emails: report.reporter_email ? [report.reporter_email] : [],
    // The phone an Open311 client sent as it was, unverified (migration 0029), is the reporter's too.
    phones: [report.reporter_phone, report.reporter_phone_unverified].filter((p): p is string => Boolean(p)),
    niks: report.reporter_nik ? [report.reporter_nik] : [],
    codes: [report.tracking_code],
    places: await publicNames(db),
    keep: [...(decisions.kept_terms ?? [])],
  };
}

/** The names of the region's kecamatan, desa and kelurahan, and of its OPD. */
async function publicNames(db: Kysely<DB>): Promise<string[]> {
  const [regions, agencies] = await Promise.all([
    db.selectFrom('regions').select('name').execute(),
    db.selectFrom('agencies').select(['name', 'short_name']).execute(),
  ]);
  return [...regions.map((r) => r.name), ...agencies.flatMap((a) => (a.short_name ? [a.name, a.short_name] : [a.name]))];
}
