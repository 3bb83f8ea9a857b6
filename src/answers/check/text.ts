/**
 * How the checker reads a text: words, sentences, and the stems that let "kerusakan" in
 * an answer meet "rusak" in a report's title. Plain and linear; no dictionary.
 */

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/** The words of a text, as written. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** One sentence: its text and where it starts. */
export interface Sentence {
  text: string;
  index: number;
}

/**
 * Words written with a full stop that do not end a sentence ("Jl. Pemuda", "No. 12",
 * "Telp. 0295...", "Bpk. Hadi", "S.T.").
 */
const ABBREVIATED = new Set([
  'jl', 'jln', 'no', 'nomor', 'telp', 'tlp', 'hp', 'wa', 'kab', 'kec', 'kel', 'ds', 'dk', 'dsn', 'rt', 'rw', 'sdr', 'sdri', 'bpk', 'bp', 'yth',
  'dr', 'drs', 'dra', 'ir', 'h', 'hj', 'st', 'sh', 'prof', 'dsb', 'dst', 'tgl', 'ttd', 'u.p', 'pt', 'cv',
]);

/**
 * The sentences of a text. A sentence ends at ".", "!" or "?" followed by a space and a
 * capital, a digit or a quote, or at a line break; never after an abbreviation that takes
 * a full stop, nor inside a number ("381.234").
 */
export function sentences(text: string): Sentence[] {
  const found: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) found.push({ text: trimmed, index: start + lead });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      push(i);
      start = i + 1;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    const next = text[i + 1];
    if (next !== undefined && next !== ' ' && next !== '\u00A0') continue;
    let j = i + 1;
    while (text[j] === ' ' || text[j] === '\u00A0') j++;
    const after = text[j];
    if (after !== undefined && !/[\p{Lu}\p{N}"“'(]/u.test(after)) continue;
    if (c === '.') {
      const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(start, i - 12), i))?.[1]?.toLowerCase();
      // An initial ("H. Ahmad", "S.T.") does not end a sentence; a Roman numeral ("Puskesmas Tayu I.") may.
      if (before && (ABBREVIATED.has(before) || /^(?:\p{L}\.)+\p{L}?$/u.test(before) || (before.length === 1 && !/[ivx]/.test(before)))) continue;
    }
    push(i + 1);
    start = i + 1;
  }
  push(text.length);
  return found;
}

const PREFIXES = ['memper', 'member', 'menge', 'meng', 'meny', 'mem', 'men', 'me', 'diper', 'di', 'ke', 'se', 'ter', 'ber', 'be', 'peng', 'peny', 'pem', 'pen', 'per', 'pe'];
/** A nasal prefix hides the first letter of the root: "menyapu" is s-apu, "pemadaman" p-adam. */
const NASAL: Record<string, string[]> = { meny: ['s'], peny: ['s'], mem: ['p'], pem: ['p'], men: ['t'], pen: ['t'], meng: ['k'], peng: ['k'] };
const SUFFIXES = ['nya', 'kan', 'lah', 'kah', 'pun', 'an', 'i', 'ku', 'mu'];
const MIN_ROOT = 3;

/**
 * The forms a word's root may take, lower case: "kerusakan" -> {kerusakan, rusak, ...},
 * "diperbaiki" -> {diperbaiki, perbaiki, baik, ...}. Two words share a root when their sets
 * meet. Crude on purpose: a wrong root costs a missed or a spurious match of a key word,
 * never a wrong verdict on its own.
 */
export function roots(word: string): Set<string> {
  const out = new Set<string>();
  const add = (w: string) => {
    if (w.length >= MIN_ROOT) out.add(w);
  };
  const strip = (w: string, depth: number) => {
    add(w);
    if (depth > 2) return;
    for (const suffix of SUFFIXES) {
      if (w.endsWith(suffix) && w.length - suffix.length >= MIN_ROOT + 1) strip(w.slice(0, -suffix.length), depth + 1);
    }
    for (const prefix of PREFIXES) {
      if (!w.startsWith(prefix) || w.length - prefix.length < MIN_ROOT + 1) continue;
      const rest = w.slice(prefix.length);
      strip(rest, depth + 1);
      for (const letter of NASAL[prefix] ?? []) strip(letter + rest, depth + 1);
    }
  };
  strip(word.toLowerCase(), 0);
  return out;
}

/** The text with every run of whitespace made one space, lower case: what phrase rules read. */
export function flat(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

/** Escapes a phrase for a regular expression. */
export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern for a phrase as whole words (letters or digits on neither side). */
export function phrasePattern(phrase: string, flags = 'giu'): RegExp {
  const body = phrase.trim().split(/\s+/).map(escape).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, flags);
}
