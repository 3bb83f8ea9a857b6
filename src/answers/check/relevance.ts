import { phrasePattern, roots, words } from './text.js';

/** How many of its first words an answer has to greet the citizen. */
const OPENING = 25;

/** The text up to the end of its OPENING-th word, as written: greetings may hold "/" or "{}". */
function opening(text: string): string {
  let n = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (++n === OPENING) return text.slice(0, m.index + m[0].length + 1);
  }
  return text;
}

/** Whether the answer greets the citizen in its first words ("Yth. Bapak/Ibu", "Terima kasih atas laporan..."). */
export function greets(text: string, greetings: string[]): boolean {
  const head = opening(text);
  const lower = head.toLowerCase();
  // A greeting that starts with a letter is a phrase of whole words; "{nama_pelapor}" is matched as written.
  return greetings.some((g) => (/^[\p{L}\p{N}]/u.test(g) ? phrasePattern(g, 'iu').test(head) : lower.includes(g.toLowerCase())));
}

/** The words of a report's title that say what it is about: no stop words, no numbers, three letters or more. */
export function keywords(title: string, stopWords: string[]): string[] {
  const stop = new Set(stopWords.map((w) => w.toLowerCase()));
  const seen = new Set<string>();
  return words(title)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length >= 3 && !/^\d+$/.test(w) && !stop.has(w) && !seen.has(w) && (seen.add(w), true));
}

/** The title's key words the answer uses, in any form of the same root ("rusak" and "kerusakan"). */
export function sharedKeywords(text: string, title: string, stopWords: string[]): { keywords: string[]; shared: string[] } {
  const wanted = keywords(title, stopWords);
  const used = new Set<string>();
  for (const w of words(text)) for (const r of roots(w)) used.add(r);
  return { keywords: wanted, shared: wanted.filter((k) => [...roots(k)].some((r) => used.has(r))) };
}
