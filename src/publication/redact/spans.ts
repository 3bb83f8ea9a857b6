/**
 * Spans of personal data found by the detectors, and how they become the published
 * text. Every detector reads the same (normalised) input and returns spans; the spans
 * are merged here, so the result does not depend on the order of the detectors or of
 * the known values.
 */

export type RedactionKind = 'name' | 'person' | 'nik' | 'phone' | 'email' | 'address' | 'plate' | 'account';

export interface Span {
  start: number;
  end: number;
  kind: RedactionKind;
}

/** What the public reads in place of each kind of personal data. */
export const TOKENS: Readonly<Record<RedactionKind, string>> = {
  name: '[nama disamarkan]',
  person: '[nama disamarkan]',
  nik: '[NIK disamarkan]',
  phone: '[nomor telepon disamarkan]',
  email: '[e-mail disamarkan]',
  address: '[alamat disamarkan]',
  plate: '[nomor kendaraan disamarkan]',
  account: '[nomor rekening/NPWP disamarkan]',
};

/** Fixed order of kinds: of the report, and which kind a merged span keeps. */
export const KIND_ORDER: readonly RedactionKind[] = ['email', 'nik', 'account', 'phone', 'plate', 'name', 'person', 'address'];

const rank = (kind: RedactionKind): number => KIND_ORDER.indexOf(kind);

/** A token already in the text: never matched again, so redacting twice changes nothing. */
const TOKEN_RE = new RegExp(
  [...new Set(Object.values(TOKENS))].map((t) => t.replace(/[[\]]/gu, '\\$&')).join('|'),
  'gu',
);

export function tokenSpans(text: string): { start: number; end: number }[] {
  return [...text.matchAll(TOKEN_RE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * Drops spans that touch a token already in the text, then merges overlapping spans
 * (the merged span keeps the kind first in KIND_ORDER: an e-mail address that contains
 * the reporter's name is one e-mail), and joins spans of the same token separated only
 * by blanks on one line ("Aminah Siti" with both parts known is one "[nama disamarkan]").
 */
export function mergeSpans(text: string, spans: Span[]): Span[] {
  const guarded = tokenSpans(text);
  const sorted = spans.filter((s) => s.end > s.start);
  sorted.sort((a, b) => a.start - b.start || b.end - a.end || rank(a.kind) - rank(b.kind));
  let g = 0;
  const kept = sorted.filter((s) => {
    while (g < guarded.length && (guarded[g]?.end ?? 0) <= s.start) g++;
    const next = guarded[g];
    return !(next && next.start < s.end);
  });
  const merged: Span[] = [];
  for (const span of kept) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      if (rank(span.kind) < rank(last.kind)) last.kind = span.kind;
    } else if (last && TOKENS[last.kind] === TOKENS[span.kind] && /^[ \t\u00A0]+$/u.test(text.slice(last.end, span.start))) {
      last.end = span.end;
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

/** The text with each span replaced by its token, and the count of tokens per kind. */
export function applySpans(text: string, spans: Span[]): { text: string; redactions: { kind: RedactionKind; count: number }[] } {
  const counts = new Map<RedactionKind, number>();
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + TOKENS[span.kind];
    at = span.end;
    counts.set(span.kind, (counts.get(span.kind) ?? 0) + 1);
  }
  out += text.slice(at);
  const redactions = KIND_ORDER.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 }));
  return { text: out, redactions };
}
