/**
 * Persons the form did not name, found by what stands before or around the name. Each
 * context says how sure it is that a name follows, and the words after it are read one
 * by one (readName) until one is not a name: an office, a place, a frequent word, a digit.
 *
 *  - strong: a label that always introduces a name: "Nama: ...", "Pelapor: ...", "atas
 *    nama", "a/n", "a.n.", "bernama", "namanya", "nama saya", "Dari: ..." (a forwarded
 *    mail's header). The first word is a name unless it is one of the most frequent words;
 *  - honorific: "Pak Sutrisno", "bu ratna", "KOH AHONG"; an office after the honorific means
 *    no name ("Pak Camat", "Bu Kades"), and an official named with the office is kept;
 *  - weak: a context that often, not always, comes before a name: "saya Rudi", "Laporan dari
 *    ...", "dari ..." at the start of a line, a relation ("tetangga saya Darto", "anak saya,
 *    Rina"), a sign-off ("Salam, Budi", "Hormat saya,\nBudi", "Wassalam Budi"), a contact
 *    ("CP. Budi 0812..."), and the last line of the text when it holds only a name. The
 *    first word must look like a name: a given name or a word the frequency list lacks.
 *
 * Words in lower case or all in capitals are judged by the lexicon (lexicon.ts), since
 * their case says nothing; capitalised words in a text written in mixed case are a name
 * unless they are frequent words. A name is at most four words (and particles: "br.",
 * "bin"). Everything here is linear: each context is a regular expression without nested
 * repetition, and readName moves forward only.
 */
import { isFrequentWord, isStopWord, isWesternName, looksLikeName } from './lexicon.js';
import { escapeRe, NOT_AFTER_LETTER, NOT_BEFORE_LETTER } from './normalize.js';
import type { Span } from './spans.js';
import { COMMON_NAME_WORDS, HONORIFICS, NAME_ABBREVIATIONS, NAME_PARTICLES, NAME_PREFIXES, RELATIONS, TITLES } from './words.js';

type Mode = 'strong' | 'honorific' | 'weak';

const TITLE_WORDS = new Set([...TITLES].map((t) => t.toLowerCase()));
const HONORIFIC_WORDS = new Set([...HONORIFICS].map((h) => h.toLowerCase()));
const alternatives = (words: readonly string[]): string => [...words].sort((a, b) => b.length - a.length).map(escapeRe).join('|');

const B = '[ \\t\\u00A0]';
const STRONG = new RegExp(
  `${NOT_AFTER_LETTER}(?:nama(?:${B}+(?:lengkap|pelapor|pemohon|saya|sy|aku))?${B}*[:=]|nama${B}+(?:saya|sy|aku)(?:${B}+adalah)?|namaku|namanya|pelapor${B}*:|pemohon${B}*:|dari${B}*:|from${B}*:|name${B}*:|my${B}+name${B}+is|atas${B}+nama|a${B}?\\/${B}?n\\.?|a\\.${B}?n\\.?|an\\.|bernama(?:${B}+lengkap)?)${NOT_BEFORE_LETTER}${B}*[:,-]?${B}*`,
  'giu',
);
const HONORIFIC = new RegExp(`${NOT_AFTER_LETTER}(?:${alternatives(HONORIFICS)})\\.?${B}{1,3}`, 'giu');
const WEAK = new RegExp(
  `${NOT_AFTER_LETTER}(?:(?:saya|sy|aku)${B}*,?|(?:laporan|pengaduan|aduan|keluhan|pesan|surat)${B}+(?:dari|dr))${NOT_BEFORE_LETTER}${B}+`,
  'giu',
);
/**
 * A relation, then a name. Without a possessive or a comma between them only a capitalised
 * name counts ("pemilik ruko", "PEDAGANG SATE" are no persons; "tetangga saya darto" is).
 */
const RELATION = new RegExp(
  `${NOT_AFTER_LETTER}(?:${alternatives(RELATIONS)})(?:((?:${B}+(?:saya|sy|kami|aku|kita))|nya|ku)(?:${B}+(?:itu|tersebut|tsb))?)?${B}*(,)?${B}*`,
  'giu',
);
const LINE_START_FROM = new RegExp(`(?:^|\\n)${B}*(?:dari|dr)${B}+`, 'giu');
const SIGN_OFF = new RegExp(
  `${NOT_AFTER_LETTER}(?:salam(?:${B}+(?:hormat|sejahtera|sehat|kenal))?|hormat${B}+(?:saya|kami|kami,?)|terima${B}*kasih(?:${B}+banyak)?|makasih|trims|trimakasih|thanks|thank${B}+you|thx|tks|(?:best${B}+|kind${B}+|warm${B}+)?regards|wassalam(?:u['’]?${B}*alaikum)?(?:${B}+wr\\.?${B}*wb\\.?)?|matur${B}+nuwun|(?:hatur${B}+)?nuhun|tabik|ttd\\.?|tertanda)${NOT_BEFORE_LETTER}${B}*[,.:!]?(?:${B}*\\r?\\n){0,3}${B}*`,
  'giu',
);
const CONTACT = new RegExp(`${NOT_AFTER_LETTER}(?:cp|c\\.p|contact${B}+person|narahubung|kontak|hubungi|hub|telp|hp|wa)${NOT_BEFORE_LETTER}\\.?${B}*[:.]?${B}*`, 'giu');

/** After a sign-off's or a contact's name: the end of the line, a comma, a bracket or a number. */
const END_OF_SIGNATURE = new RegExp(`^${B}*(?:[,.(\\-–—/]|\\r?\\n|$)`, 'u');
const END_OF_CONTACT = new RegExp(`^${B}*[(:,\\-]?${B}*\\+?\\d`, 'u');

/** One word of a name, with the blanks before it; a trailing dot is an initial's or an abbreviation's. */
const WORD = new RegExp(`${B}{0,3}([\\p{L}\\p{M}][\\p{L}\\p{M}'’\\-]{0,30}\\.?)`, 'uy');

type Style = 'title' | 'upper' | 'lower';
const styleOf = (word: string): Style => (/^\p{Lu}[\p{Lu}'’\-.]+$/u.test(word) ? 'upper' : /^\p{Lu}/u.test(word) ? 'title' : 'lower');
/** A prefix that is also a chat word ("wa" for WhatsApp) is still a prefix: "Wa Ode Nurhayati". */
const isStopWordOnly = (w: string): boolean => isStopWord(w) && !NAME_PREFIXES.has(w);
const bare = (word: string): string => word.replace(/[.'’-]+$/u, '').toLowerCase();
const isInitial = (word: string): boolean => /^\p{Lu}\.$/u.test(word);

interface ReadOptions {
  mode: Mode;
  /** words of place and office names (the region table, the OPD): never a name */
  places: ReadonlySet<string>;
}

/** Is `word` (at `index` in the name, the name's first word styled `first`) part of the name? */
function accepts(word: string, index: number, first: Style | null, opts: ReadOptions): boolean {
  const w = bare(word);
  if (index > 0 && isInitial(word)) return true;
  if (!w || isStopWord(w) || TITLE_WORDS.has(w) || HONORIFIC_WORDS.has(w) || opts.places.has(w)) return false;
  const style = styleOf(word);
  // A name keeps the case it started with: "Budi Santoso tinggal", "BUDI SANTOSO Warga".
  if (first === 'title' && style === 'lower') return false;
  if (first === 'upper' && style !== 'upper') return false;
  if (first === 'lower' && style !== 'lower') return false;
  if (isInitial(word)) return true;
  if (isWesternName(w)) return true;
  if (index === 0 && opts.mode === 'weak') return looksLikeName(w);
  if (style === 'title' || index === 0 || opts.mode === 'strong') return !isFrequentWord(w) && (style === 'title' || looksLikeName(w) || opts.mode === 'strong');
  return looksLikeName(w);
}

/**
 * The end of the name that starts at `at` (titles before it skipped), or -1 when no name
 * starts there. Reads at most four words, and particles between them.
 */
export function readName(text: string, at: number, opts: ReadOptions): { start: number; end: number } | null {
  let pos = at;
  let start = -1;
  let end = -1;
  let first: Style | null = null;
  let taken = 0;
  let pendingParticle = false;
  // Words of a name's prefix ("I Made", "Wa Ode", "Anak Agung", "R. Ay."): taken without
  // judging them, as long as a judged word follows.
  let prefixStart = -1;
  let prefixWords = 0;
  let lastPrefix: { word: string; end: number } | null = null;
  for (let read = 0; read < 10 && taken < 4; read++) {
    WORD.lastIndex = pos;
    const m = WORD.exec(text);
    const word = m?.[1];
    if (!m || word === undefined) break;
    const wordStart = m.index + m[0].length - word.length;
    const w = bare(word);
    if (taken === 0 && TITLE_WORDS.has(w)) {
      pos = m.index + m[0].length;
      continue;
    }
    if (taken > 0 && NAME_PARTICLES.has(word.toLowerCase()) && !pendingParticle) {
      pendingParticle = true;
      pos = m.index + m[0].length;
      continue;
    }
    // "PTI-2025", "Blok C3": a word stuck to a number is a code or a place.
    if (/^-?\d/u.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2)) || word.endsWith('-')) break;
    if (taken === 0 && NAME_PREFIXES.has(w) && prefixWords < 3 && !isStopWordOnly(w)) {
      if (prefixStart < 0) prefixStart = wordStart;
      prefixWords += 1;
      lastPrefix = { word, end: wordStart + word.replace(/(?<=\p{L}{2})\.$/u, '').length };
      pos = m.index + m[0].length;
      continue;
    }
    if (!accepts(word, taken, first, opts)) break;
    if (taken === 0) {
      start = prefixStart >= 0 ? prefixStart : wordStart;
      first = styleOf(word) === 'upper' && word.replace(/\./gu, '').length === 1 ? 'title' : styleOf(word);
    }
    // "Budi." ends a sentence; "M." is an initial and keeps its dot.
    end = wordStart + (isInitial(word) ? word.length : word.replace(/(?<=\p{L}{2})\.$/u, '').length);
    taken += 1;
    pendingParticle = false;
    pos = m.index + m[0].length;
    if (word.endsWith('.') && !isInitial(word) && !NAME_ABBREVIATIONS.has(w)) break;
  }
  // Only prefixes: a name when the last is one on its own ("Bu Ayu datang", "Andi").
  if (taken === 0 && lastPrefix && accepts(lastPrefix.word, 0, null, opts)) return { start: prefixStart, end: lastPrefix.end };
  // An initial alone ("M.") is no name.
  if (taken === 0 || start < 0) return null;
  if (taken === 1 && isInitial(text.slice(start, end))) return null;
  return { start, end };
}

function spansAfter(text: string, re: RegExp, opts: ReadOptions, after?: RegExp): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(re)) {
    const name = readName(text, m.index + m[0].length, opts);
    if (!name) continue;
    if (re === RELATION && m[1] === undefined && m[2] === undefined && !/^\p{Lu}\p{Ll}/u.test(text.slice(name.start, name.end))) continue;
    if (after && !after.test(text.slice(name.end, name.end + 40))) continue;
    spans.push({ ...name, kind: 'person' });
  }
  return spans;
}

/** The last line when it holds only a name (and the line before, when the last is a phone or an e-mail). */
function lastLineSpans(text: string, opts: ReadOptions): Span[] {
  const lines = [...text.matchAll(/[^\n]+/gu)].filter((l) => l[0].trim().length > 0);
  if (lines.length < 2) return [];
  const candidates = [lines[lines.length - 1]];
  if (/[\d@]/u.test(candidates[0]?.[0] ?? '') && lines.length >= 3) candidates.push(lines[lines.length - 2]);
  const spans: Span[] = [];
  for (const line of candidates) {
    if (!line) continue;
    const lead = /^[ \t\u00A0]*[-~–—(]*[ \t\u00A0]*/u.exec(line[0])?.[0].length ?? 0;
    const name = readName(text, line.index + lead, { ...opts, mode: 'weak' });
    if (!name) continue;
    const rest = text.slice(name.end, line.index + line[0].length);
    if (/^[ \t\u00A0).,]*$/u.test(rest) || /^[ \t\u00A0]*[(:,\-–—]?[ \t\u00A0]*\+?\d[\d \-.()]*$/u.test(rest)) spans.push({ ...name, kind: 'person' });
  }
  return spans;
}

/** Persons found by context; `places` are the lower-case words of public place and office names. */
export function personSpans(text: string, places: ReadonlySet<string>): Span[] {
  const strong = { mode: 'strong' as const, places };
  const weak = { mode: 'weak' as const, places };
  return [
    ...spansAfter(text, STRONG, strong),
    ...spansAfter(text, HONORIFIC, { mode: 'honorific', places }),
    ...spansAfter(text, WEAK, weak),
    ...spansAfter(text, RELATION, weak),
    ...spansAfter(text, LINE_START_FROM, weak),
    ...spansAfter(text, SIGN_OFF, weak, END_OF_SIGNATURE),
    ...spansAfter(text, CONTACT, weak, END_OF_CONTACT),
    ...lastLineSpans(text, weak),
  ];
}

/**
 * The words of the persons found, to find again where they come back alone ("bernama Zaki
 * Syahrian ... pukul 18.30 Zaki menelpon saya"): those that look like a name on their own,
 * never an ordinary word that is also a name ("Indah", "Putri").
 */
export function namesToRepeat(text: string, spans: readonly Span[], places: ReadonlySet<string>): string[] {
  const words = new Set<string>();
  for (const s of spans) {
    for (const m of text.slice(s.start, s.end).matchAll(/[\p{L}\p{M}][\p{L}\p{M}'’-]*/gu)) {
      const w = m[0].toLowerCase();
      if (w.length < 3 || COMMON_NAME_WORDS.has(w) || places.has(w) || isFrequentWord(w) || !looksLikeName(w)) continue;
      words.add(w);
    }
  }
  return [...words].sort();
}
