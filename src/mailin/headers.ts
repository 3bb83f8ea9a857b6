import type { HeaderLines } from 'mailparser';

/**
 * Small readers of raw header text, shared by the message parser and the bounce reader
 * (a bounce carries the original's headers as text, which mailparser does not parse).
 */

/** Header values by lower-case name, unfolded, in order; not RFC 2047-decoded. */
export type RawHeaders = ReadonlyMap<string, readonly string[]>;

/** From mailparser's raw header lines ("Name: value", folding included). */
export function rawHeaders(lines: HeaderLines): RawHeaders {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines) {
    // A line without a field name (garbage before the body) is no header.
    if (!key) continue;
    const value = unfold(line.slice(line.indexOf(':') + 1));
    map.set(key, [...(map.get(key) ?? []), value]);
  }
  return map;
}

/**
 * The header section at the top of `text` (a returned message or text/rfc822-headers
 * part): up to the first blank line.
 */
export function headersOfText(text: string): RawHeaders {
  const head = text.replace(/\r\n?/g, '\n').split(/\n\n/, 1)[0] ?? '';
  const map = new Map<string, string[]>();
  for (const field of head.split(/\n(?![ \t])/)) {
    const colon = field.indexOf(':');
    if (colon <= 0) continue;
    const key = field.slice(0, colon).trim().toLowerCase();
    map.set(key, [...(map.get(key) ?? []), unfold(field.slice(colon + 1))]);
  }
  return map;
}

export function firstHeader(headers: RawHeaders, name: string): string | null {
  return headers.get(name)?.[0] ?? null;
}

function unfold(value: string): string {
  return value.replace(/\r?\n[ \t]+/g, ' ').trim();
}

/** Longest Message-ID kept: RFC 5322 lines are at most 998 characters. */
const MAX_ID_LENGTH = 998;

/**
 * Message-IDs as we compare them: without angle brackets and spaces. From a header that
 * may list several (References), or add comments ("<id> (Siti's message of ...)").
 * A value without brackets (some programs omit them) is taken word by word.
 */
export function messageIds(value: string | null | undefined): string[] {
  if (!value) return [];
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  const ids = bracketed.length ? bracketed : value.split(/[\s,]+/).filter((w) => w.includes('@'));
  return ids.filter((id) => id.length <= MAX_ID_LENGTH);
}
