/**
 * Is this word a name? The redaction judges words written in lower case ("nama saya budi
 * santoso warga ...") or all in capitals ("ATAS NAMA MUHAMMAD RIZKI RAMADAN") by what they
 * are, since their case says nothing. Three sources, all lower case:
 *  - the Indonesian word frequency list and given-name list that the password checker
 *    already loads (@zxcvbn-ts/language-id, from subtitles: it also holds some names);
 *  - NAME_LIKE: given names that are also frequent words ("dewi", "made", "putri"), so
 *    that the frequency list does not hide them;
 *  - STOP_WORDS (words.ts): never part of a name.
 */
import { createRequire } from 'node:module';
import type * as En from '@zxcvbn-ts/language-en';
import type * as Id from '@zxcvbn-ts/language-id';
import { COMMON_NAME_WORDS, NAME_LIKE, NOT_A_NAME, RELIGIOUS, SLANG } from './words.js';

interface Lists {
  /** Each frequent Indonesian word's place in the frequency list. */
  rank: Map<string, number>;
  givenNames: Set<string>;
  /**
   * Western given names and surnames (William, Kevin, Samuel, Andreas: Indonesian Christians
   * and Chinese-Indonesians carry them), from the English first-name and US surname lists,
   * except those among the 1,000 most frequent Indonesian words ("dan", "ada", "sama").
   * Subtitles made most of them frequent in the Indonesian list too, which would hide them.
   */
  westernNames: Set<string>;
}

const require = createRequire(import.meta.url);
let loaded: Lists | undefined;

/** The lists, made at the first word judged: unpacking the dictionaries is a tenth of a second, not for every start. */
function lists(): Lists {
  if (loaded) return loaded;
  const { dictionary } = require('@zxcvbn-ts/language-id') as typeof Id;
  const { dictionary: english } = require('@zxcvbn-ts/language-en') as typeof En;
  const rank = new Map<string, number>();
  dictionary['commonWords-id'].forEach((w, i) => {
    if (!rank.has(w)) rank.set(w, i);
  });
  const westernNames = new Set(
    [...english['firstnames-en'], ...english['lastnames-en'].slice(0, 30_000)].filter((n) => n.length >= 3 && (rank.get(n) ?? Infinity) >= 1000),
  );
  loaded = { rank, givenNames: new Set(dictionary['names-id']), westernNames };
  return loaded;
}

/** The most frequent words: ordinary even when written with a capital ("Sangat", "Tinggal"). */
const FREQUENT = 3000;

/** Never part of a name, whatever the case. */
export function isStopWord(word: string): boolean {
  const w = word.toLowerCase();
  return NOT_A_NAME.has(w) || SLANG.has(w) || RELIGIOUS.has(w);
}

/** A name more often than a word: a known given name, or a word absent from the frequency list. */
export function looksLikeName(word: string): boolean {
  const w = word.toLowerCase();
  if (isStopWord(w) || w.length < 2 || /[^\p{L}\p{M}'’-]/u.test(w)) return false;
  if (NAME_LIKE.has(w) || lists().givenNames.has(w)) return true;
  return !lists().rank.has(w) && !COMMON_NAME_WORDS.has(w) && !isInflected(w);
}

/** A Western given name or surname, when the word is written as a name (capitalised, or in a name's context). */
export function isWesternName(word: string): boolean {
  const w = word.toLowerCase();
  return lists().westernNames.has(w) && !isStopWord(w) && !COMMON_NAME_WORDS.has(w);
}

const PREFIXES = ['memper', 'diper', 'meng', 'meny', 'peng', 'peny', 'mem', 'men', 'pem', 'pen', 'per', 'ber', 'ter', 'me', 'pe', 'be', 'di', 'ke', 'se'];
const SUFFIXES = ['kannya', 'annya', 'kan', 'nya', 'lah', 'kah', 'an', 'in', 'i'];
/** The nasal of meN-/peN- replaces a stem's first letter: menyapu < sapu, memukul < pukul, menulis < tulis, mengirim < kirim. */
const NASAL: Readonly<Record<string, string[]>> = { meny: ['s'], peny: ['s'], mem: ['p', 'b'], pem: ['p', 'b'], men: ['t', 'd'], pen: ['t', 'd'], meng: ['k', 'g', ''], peng: ['k', 'g', ''] };

/**
 * An affixed form of a word in the frequency list: "dipungut", "tergenang", "kebanjiran",
 * "lampirkan", "tunjukin". A stem of at least four letters must be found, so "Dimas",
 * "Kevin" and "Teresa" stay names.
 */
function isInflected(w: string): boolean {
  const stems = new Set<string>([w]);
  for (const suffix of SUFFIXES) if (w.endsWith(suffix) && w.length - suffix.length >= 4) stems.add(w.slice(0, -suffix.length));
  for (const stem of [...stems]) {
    for (const prefix of PREFIXES) {
      if (!stem.startsWith(prefix)) continue;
      const rest = stem.slice(prefix.length);
      stems.add(rest);
      for (const first of NASAL[prefix] ?? []) stems.add(first + rest);
    }
  }
  stems.delete(w);
  for (const stem of stems) {
    if (stem.length < 4) continue;
    if (lists().rank.has(stem) || lists().rank.has(`${stem}an`) || lists().rank.has(`${stem}kan`)) return true;
  }
  return false;
}

/** One of the most frequent words (stops a capitalised name: "Budi Santoso Tinggal di ..."). */
export function isFrequentWord(word: string): boolean {
  const w = word.toLowerCase();
  if (NAME_LIKE.has(w) || lists().givenNames.has(w)) return false;
  return (lists().rank.get(w) ?? Infinity) < FREQUENT;
}

/** A given name the lists know (not merely a word they lack). */
export function isGivenName(word: string): boolean {
  const w = word.toLowerCase();
  return !isStopWord(w) && (NAME_LIKE.has(w) || lists().givenNames.has(w) || lists().westernNames.has(w));
}
