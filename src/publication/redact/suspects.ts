/**
 * Words left in a redacted text that look like a person's name: capitalised, not a word
 * of the frequency list, not an office, a place or a title. They are not redacted (a
 * shop, a street named after a hero, a brand look the same), but listed for the
 * coordinator, who removes or keeps each with one click.
 *
 * Not listed: a word after a capitalised office or place word ("Jalan Diponegoro", "Toko
 * Sumber", "Masjid Baitunnur": the name of a place), words in capitals (acronyms), and
 * what the coordinator already kept. At the start of a sentence, where every word has a
 * capital ("Ruas jalan ..."), only a given name the lists know is listed.
 */
import { isFrequentWord, isGivenName, isStopWord, looksLikeName } from './lexicon.js';
import { tokenSpans } from './spans.js';

const WORD = /[\p{L}\p{M}][\p{L}\p{M}'’-]*/gu;

export function suspectsIn(text: string, places: ReadonlySet<string>, keep: RegExp | null): string[] {
  const guarded = [...tokenSpans(text), ...(keep ? [...text.matchAll(keep)].map((m) => ({ start: m.index, end: m.index + m[0].length })) : [])];
  const seen = new Map<string, string>();
  let previous = '';
  let previousEnd = 0;
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const before = previous;
    const sentenceStart = previousEnd === 0 || /[.!?:;\n]/u.test(text.slice(previousEnd, m.index));
    previous = word;
    previousEnd = m.index + word.length;
    if (!/^\p{Lu}\p{Ll}/u.test(word) || word.length < 3) continue;
    const lower = word.toLowerCase();
    if (seen.has(lower) || places.has(lower) || isStopWord(lower) || isFrequentWord(lower) || !looksLikeName(lower)) continue;
    if (sentenceStart && !isGivenName(lower)) continue;
    if (/^\p{Lu}/u.test(before) && isStopWord(before)) continue;
    if (guarded.some((g) => m.index >= g.start && m.index < g.end)) continue;
    seen.set(lower, word);
  }
  return [...seen.values()];
}
