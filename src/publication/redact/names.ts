/**
 * Names.
 *
 * Known names (kind "name", the reporter and anyone the caller knows of):
 *  - the full name, case-insensitive, any run of blanks between its words, a title
 *    before it ("H.", "Dr.") and a degree after a comma ("S.Pd.") ignored;
 *  - each part of 3+ letters on its own ("Siti", "aminah"), also with the possessive
 *    "-nya" ("Sitinya" becomes one token);
 *  - except a part that is an ordinary word (COMMON_NAME_WORDS: "Indah", "Bunga",
 *    "Jalan"), which is redacted only inside the full name or right after an
 *    honorific ("Bu Indah", "mbak indah").
 *
 * Other persons (kind "person"), found by their context, the context kept:
 *  - an honorific, optional titles, then 1-4 capitalised words: "Pak Sutrisno",
 *    "Bapak H. Slamet", "Ibu Hj. Ani", "Mbak Rina" -> "Pak [nama disamarkan]"; the name
 *    stops at the first word of NOT_A_NAME, and an office right after the honorific
 *    means no name at all ("Pak Camat", "Bu Kades", "Pak RT", "Bapak Kepala Dinas");
 *  - after a label: "Nama: ...", "Pelapor: ..." (any case, to the end of the phrase),
 *    "atas nama", "a.n.", "nama saya", "bernama" (capitalised words);
 *  - the signature of a letter: the name alone on its line after "Hormat saya,",
 *    "Salam hormat,", "Wassalam,", "Terima kasih,", "ttd".
 * A name written in lower case without any of these contexts is not found unless known.
 */
import { escapeRe, NOT_AFTER_LETTER as NOT_AFTER_WORD, NOT_BEFORE_LETTER as NOT_BEFORE_WORD } from './normalize.js';
import type { Span } from './spans.js';
import { COMMON_NAME_WORDS, HONORIFICS, NAME_LABELS_SOURCE, NOT_A_NAME, TITLES } from './words.js';

const B = '[ \\u00A0]';
const cases = (w: string): string[] => [...new Set([w, w.toLowerCase(), w.toUpperCase()])];
const HONORIFIC = [...HONORIFICS].sort((a, b) => b.length - a.length).flatMap(cases).map(escapeRe).join('|');
const TITLE = [...TITLES].sort((a, b) => b.length - a.length).flatMap(cases).map(escapeRe).join('|');
const TITLE_WORDS = new Set([...TITLES, ...HONORIFICS].map((t) => t.toLowerCase()));

/** A capitalised word, or an initial followed by another capitalised word. */
const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}\p{M}'’\-]{0,30}${NOT_BEFORE_WORD}|\p{Lu}\.(?=${B}{1,3}\p{Lu}))`;
const NAME_WORDS = `${NAME_WORD}(?:${B}{1,3}${NAME_WORD}){0,3}`;
const ANY_WORD = String.raw`[\p{L}\p{M}'’.\-]{1,30}`;

const PERSON = new RegExp(
  `${NOT_AFTER_WORD}(?:${HONORIFIC})\\.?${B}{1,3}(?=(?:(?:${TITLE})\\.?${B}{1,3}){0,3}(${NAME_WORDS}))`,
  'dgu',
);
const COLON_LABEL = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:nama(?:${B}+lengkap|${B}+pelapor|${B}+pemohon)?|pelapor|pemohon)${B}{0,3}:${B}{0,3}(?=(?:(?:${TITLE})\.?${B}{1,3}){0,3}(${ANY_WORD}(?:${B}{1,3}${ANY_WORD}){0,4}))`,
  'dgiu',
);
const WORD_LABEL = new RegExp(`${NOT_AFTER_WORD}${NAME_LABELS_SOURCE}${B}{0,3}(?=(?:(?:${TITLE})\\.?${B}{1,3}){0,3}(${NAME_WORDS}))`, 'dgiu');
const SIGNATURE = new RegExp(
  String.raw`(?:hormat${B}+(?:saya|kami)|salam${B}+hormat|wassalam[\p{L}'’.${B.slice(1, -1)}]{0,30}|terima${B}+kasih|ttd)${B}*[,.!]?${B}*\r?\n(?:${B}*\r?\n){0,3}(?=${B}*\(?((?:${TITLE})\.?${B}{1,3})?(${NAME_WORDS})\)?${B}*(?:,|\r?\n|$))`,
  'dgiu',
);

const bare = (word: string): string => word.replace(/[.'’-]+$/u, '').toLowerCase();

/**
 * How many characters of `words` make a name: none when the first word is not a name
 * (an office, a pronoun, a place), else up to the first word that is not. With
 * `capitalised`, every word must start with a capital letter.
 */
function nameLength(words: string, capitalised: boolean): number {
  const parts = [...words.matchAll(/\S+/gu)];
  let end = 0;
  let taken = 0;
  for (const p of parts) {
    const word = bare(p[0]);
    if (!word || NOT_A_NAME.has(word) || TITLE_WORDS.has(word) || /\d/u.test(word)) break;
    if (capitalised && !/^\p{Lu}/u.test(p[0])) break;
    end = p.index + p[0].replace(/(?<=\p{L}{2})[.,]+$/u, '').length;
    taken += 1;
    // a run of upper-case words is a shouted sentence more often than a long name
    if (taken === 2 && /^\p{Lu}{2,}$/u.test(parts[0]?.[0] ?? '')) break;
  }
  return end;
}

function contextSpans(text: string, re: RegExp, group: number, capitalised: boolean): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(re)) {
    const words = m[group];
    if (words === undefined) continue;
    const offset = m.indices?.[group]?.[0] ?? m.index + m[0].lastIndexOf(words);
    const length = nameLength(words, capitalised);
    if (length > 0) spans.push({ start: offset, end: offset + length, kind: 'person' });
  }
  return spans;
}

/** Persons found by context: honorific, label or signature. */
export function personSpans(text: string): Span[] {
  return [
    ...contextSpans(text, PERSON, 1, true),
    ...contextSpans(text, COLON_LABEL, 1, false),
    ...contextSpans(text, WORD_LABEL, 1, true),
    ...contextSpans(text, SIGNATURE, 2, true),
  ];
}

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
export function knownNameSpans(text: string, names: readonly string[]): Span[] {
  const { full, parts, honorificParts } = patternsOf(names);
  const spans: Span[] = [];
  const add = (start: number, end: number): void => {
    spans.push({ start, end, kind: 'name' });
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
