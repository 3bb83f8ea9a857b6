/**
 * E-mail addresses, also written to escape robots: "nama [at] gmail [dot] com",
 * "nama(at)gmail.com", "nama @ gmail . com", "nama at gmail dot com". The plain-word
 * form ("at", "dot" without brackets) counts only with a common top-level domain, so
 * an English "at" in a sentence is left alone. Every part has a bounded length and a
 * match may only start where a run of address characters starts: linear time.
 */
import { escapeRe } from './normalize.js';
import type { Span } from './spans.js';

const S = '[ \\u00A0]';
const LOCAL = String.raw`(?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}._%+\-]{1,64}`;
const AT = String.raw`(?:${S}{0,2}@${S}{0,2}|${S}{0,2}[\[({<]${S}{0,2}(?:at|et|@)${S}{0,2}[\])}>]${S}{0,2}|${S}{1,2}(?:at|et)${S}{1,2})`;
const LABEL = String.raw`[\p{L}\p{N}\-]{1,63}`;
const DOT = String.raw`(?:\.|${S}{0,2}[\[({<]${S}{0,2}(?:dot|titik|\.)${S}{0,2}[\])}>]${S}{0,2}|${S}{1,2}(?:dot|titik)${S}{1,2}|${S}\.${S}?)`;
const TLD = String.raw`\p{L}{2,24}(?![\p{L}\p{N}\-])`;
const EMAIL = new RegExp(`${LOCAL}${AT}${LABEL}(?:${DOT}${LABEL}){0,5}${DOT}${TLD}`, 'giu');

const COMMON_TLDS = new Set(['com', 'id', 'net', 'org', 'co', 'info', 'biz', 'me', 'io', 'edu', 'gov', 'ac', 'sch', 'go', 'or', 'my', 'web']);
const PLAIN_AT = new RegExp(`^${LOCAL}${S}{1,2}(?:at|et)${S}{1,2}`, 'iu');

export function emailSpans(text: string, knownEmails: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(EMAIL)) {
    const tld = /\p{L}+$/u.exec(m[0])?.[0] ?? '';
    if (PLAIN_AT.test(m[0]) && !COMMON_TLDS.has(tld.toLowerCase())) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, kind: 'email' });
  }
  for (const email of knownEmails) {
    const literal = email.trim();
    if (literal.length < 3) continue;
    const re = new RegExp(escapeRe(literal), 'giu');
    for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'email' });
  }
  return spans;
}
