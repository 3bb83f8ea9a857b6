import type { Report } from '../db/schema.js';
import { ERASED_NAME } from '../reports/reporter.js';

/**
 * The placeholders an answer template (and a draft) may hold, and when each is filled.
 *
 * {kode}, {opd}, {tanggal_laporan} and {hari_ini} say nothing about a person: they are
 * filled when a template starts a draft, and again when the answer is sent (for any staff
 * typed themselves).
 *
 * {nama_pelapor} is the reporter's name, which the OPD may see only through the audited
 * "Tampilkan identitas pelapor", and never for an anonim report. So a draft keeps the
 * placeholder as it is: staff, the Kepala OPD and the coordinator read "{nama_pelapor}".
 * It is filled once, when the answer is sent, and only in the mail to the reporter (with
 * their own name, or "Bapak/Ibu" when they are anonim or gave none). The answer kept on
 * the report, shown to staff, on the tracking page and in the publication, says
 * "Bapak/Ibu": a tracking link passed on, or a public case, names nobody.
 */
export const PLACEHOLDERS = ['nama_pelapor', 'kode', 'opd', 'tanggal_laporan', 'hari_ini'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Placeholders a template may hold that nobody fills: a blank staff must write over (blanks.ts). */
export const BLANK_MARKERS = ['isian'] as const;

/** How the answer addresses a reporter whose name it may not or cannot use. */
export const NEUTRAL_SALUTATION = 'Bapak/Ibu';

const TOKEN = /\{([A-Za-z0-9_]+)\}/g;

/** Fills the placeholders named in `values`; any other stays as written. */
export function fill(body: string, values: Partial<Record<string, string>>): string {
  return body.replace(TOKEN, (token, key: string) => values[key] ?? token);
}

/** Placeholders in a template text that are neither ours nor a blank marker (a typo would be a blank nobody meant). */
export function unknownPlaceholders(body: string): string[] {
  const known: readonly string[] = [...PLACEHOLDERS, ...BLANK_MARKERS];
  const found = [...body.matchAll(TOKEN)].map((m) => m[1]!);
  return [...new Set(found.filter((k) => !known.includes(k)))];
}

/** The name the mail to this reporter may greet them with: never an anonim reporter's, never an erased one. */
export function reporterSalutation(report: Pick<Report, 'is_anonymous' | 'reporter_name'>): string {
  const name = report.reporter_name?.trim();
  return !report.is_anonymous && name && name !== ERASED_NAME ? name : NEUTRAL_SALUTATION;
}
