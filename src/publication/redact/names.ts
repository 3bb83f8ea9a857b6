/**
 * Known names (kind "name": the reporter, and anyone else the caller knows of):
 *  - the full name, case-insensitive, any run of blanks between its words, a title
 *    before it ("H.", "Dr.") and a degree after a comma ("S.Pd.") ignored;
 *  - each part of 3+ letters on its own ("Siti", "aminah"), also with the possessive
 *    "-nya" ("Sitinya" becomes one token);
 *  - except a part that is an ordinary word (COMMON_NAME_WORDS: "Indah", "Bunga",
 *    "Jalan"), which is redacted only inside the full name or right after an
 *    honorific ("Bu Indah", "mbak indah").
 * Persons found by their context are in persons.ts.
 */
import { escapeRe, NOT_AFTER_LETTER as NOT_AFTER_WORD, NOT_BEFORE_LETTER as NOT_BEFORE_WORD } from './normalize.js';
import type { Span } from './spans.js';
import { COMMON_NAME_WORDS, HONORIFICS, TITLES } from './words.js';

const B = '[ \\u00A0]';
const cases = (w: string): string[] => [...new Set([w, w.toLowerCase(), w.toUpperCase()])];
const HONORIFIC = [...HONORIFICS].sort((a, b) => b.length - a.length).flatMap(cases).map(escapeRe).join('|');
const TITLE = [...TITLES].sort((a, b) => b.length - a.length).flatMap(cases).map(escapeRe).join('|');
const TITLE_WORDS = new Set([...TITLES, ...HONORIFICS].map((t) => t.toLowerCase()));
const bare = (word: string): string => word.replace(/[.'’-]+$/u, '').toLowerCase();

interface NamePatterns {
  full: RegExp[];
  parts: RegExp | null;
  honorificParts: RegExp | null;
}

/** The words of a known name, without titles before it and degrees after a comma. */
export function nameWords(name: string): string[] {
  const main = name.split(',')[0] ?? '';
  const words = main.split(/[\s\u00A0]+/u).filter(Boolean);
  while (words.length > 1 && TITLE_WORDS.has(bare(words[0] ?? ''))) words.shift();
  return words;
}

function patternsOf(names: readonly string[]): NamePatterns {
  const full: RegExp[] = [];
  const parts = new Set<string>();
  const commonParts = new Set<string>();
  for (const name of names) {
    const words = nameWords(name);
    if (!words.length) continue;
    const body = words.map((w) => (w.endsWith('.') ? `${escapeRe(w.slice(0, -1))}\\.?` : escapeRe(w))).join(String.raw`[\s\u00A0]{1,10}`);
    if (words.length > 1 || bare(words[0] ?? '').length >= 3) {
      full.push(new RegExp(`${NOT_AFTER_WORD}${body}(?:nya)?${NOT_BEFORE_WORD}`, 'giu'));
    }
    for (const w of words) {
      const part = w.replace(/[.,]+$/u, '');
      const letters = part.replace(/[^\p{L}]/gu, '');
      if (letters.length < 3 || TITLE_WORDS.has(part.toLowerCase())) continue;
      (COMMON_NAME_WORDS.has(part.toLowerCase()) ? commonParts : parts).add(part.toLowerCase());
    }
  }
  const alt = (words: Set<string>): string => [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escapeRe).join('|');
  return {
    full,
    parts: parts.size ? new RegExp(`${NOT_AFTER_WORD}(?:${alt(parts)})(?:nya)?${NOT_BEFORE_WORD}`, 'giu') : null,
    honorificParts: commonParts.size
      ? new RegExp(`${NOT_AFTER_WORD}(?:${HONORIFIC})\\.?${B}{1,3}(?:(?:${TITLE})\\.?${B}{1,3}){0,3}((?:${alt(commonParts)})(?:nya)?)${NOT_BEFORE_WORD}`, 'giu')
      : null,
  };
}

/** Spans of the known names. */
export function knownNameSpans(text: string, names: readonly string[], kind: 'name' | 'person' = 'name'): Span[] {
  const { full, parts, honorificParts } = patternsOf(names);
  const spans: Span[] = [];
  const add = (start: number, end: number): void => {
    spans.push({ start, end, kind });
  };
  for (const re of full) for (const m of text.matchAll(re)) add(m.index, m.index + m[0].length);
  if (parts) for (const m of text.matchAll(parts)) add(m.index, m.index + m[0].length);
  if (honorificParts) {
    for (const m of text.matchAll(honorificParts)) {
      const part = m[1] ?? '';
      const start = m.index + m[0].length - part.length;
      add(start, start + part.length);
    }
  }
  return spans;
}
