/**
 * The reporter's identity on a report: what counts as identifying a person, the marker an
 * erased name becomes (privacy/), and the one form phone numbers are kept in.
 */

/** What an erased reporter's name becomes: staff and the timeline read that it was erased, not that it was never given. */
export const ERASED_NAME = '[data pribadi dihapus]';

/** The reporter block staff and integrations may be shown (reports/access.ts decides who). */
export interface ShownReporter {
  name: string | null;
  email: string | null;
  phone: string | null;
  /** A phone kept as an Open311 client sent it, no usable number: shown marked unverified, never contacted. */
  phoneUnverified: string | null;
  nik: string | null;
}

/** Whether a reporter block carries anything that identifies a person. */
export function identifies(reporter: ShownReporter | null | undefined): reporter is ShownReporter {
  // An erased reporter's marker names nobody: nothing to hide, nothing to record.
  const name = reporter?.name && reporter.name !== ERASED_NAME ? reporter.name : null;
  return Boolean(reporter && (name || reporter.email || reporter.phone || reporter.phoneUnverified || reporter.nik));
}

/** +62 812-3456-7890, 62812..., 0812 34 567 890 -> +6281234567890; undefined when not a phone. */
export function normalizePhone(value: string): string | undefined {
  const digits = value.replace(/[\s.()-]/g, '');
  const m = /^(?:\+62|62|0)(8\d{7,12}|[2-7]\d{6,11})$/.exec(digits);
  return m ? `+62${m[1]}` : undefined;
}
