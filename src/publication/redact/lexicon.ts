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
import { dictionary } from '@zxcvbn-ts/language-id';
import { COMMON_NAME_WORDS, NAME_LIKE, NOT_A_NAME, RELIGIOUS, SLANG } from './words.js';

const rank = new Map<string, number>();
dictionary['commonWords-id'].forEach((w, i) => {
  if (!rank.has(w)) rank.set(w, i);
});
const givenNames = new Set(dictionary['names-id']);

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
  if (NAME_LIKE.has(w) || givenNames.has(w)) return true;
  return !rank.has(w) && !COMMON_NAME_WORDS.has(w);
}

/** One of the most frequent words (stops a capitalised name: "Budi Santoso Tinggal di ..."). */
export function isFrequentWord(word: string): boolean {
  const w = word.toLowerCase();
  if (NAME_LIKE.has(w) || givenNames.has(w)) return false;
  return (rank.get(w) ?? Infinity) < FREQUENT;
}
