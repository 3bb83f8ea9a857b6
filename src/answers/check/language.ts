import type { AnswerCheckSettings } from '../../settings/answerCheck.js';
import { escape, phrasePattern, sentences, words } from './text.js';

/**
 * Plain language (Bahasa Indonesia yang mudah dipahami): short sentences, abbreviations
 * explained, everyday words instead of the letter office's. Each function returns what it
 * found, for the message to name it.
 */

/** How many words of a long sentence the message quotes to find it by. */
const QUOTED = 8;

/** Sentences longer than `max` words: how many, and the start of the first as written. */
export function longSentences(text: string, max: number): { count: number; excerpt: string } {
  const long = sentences(text).filter((s) => words(s.text).length > max);
  const first = long[0]?.text ?? '';
  let end = first.length;
  let n = 0;
  for (const m of first.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (++n === QUOTED) {
      end = m.index + m[0].length;
      break;
    }
  }
  return { count: long.length, excerpt: first ? `${first.slice(0, end)}…` : '' };
}

/** How far after an abbreviation's first use its long form may come and still explain it. */
const AFTER = 150;

/**
 * Abbreviations of the list used and not explained. One counts as explained when its first
 * use stands in brackets after words ("Organisasi Perangkat Daerah (OPD)"), is followed by
 * its meaning in brackets ("OPD (Organisasi Perangkat Daerah)"), or when its long form, as
 * the list gives it, is written before it or soon after. Capitals-only entries ("OPD") match
 * as written; others ("Perbup") in any case.
 */
export function undefinedAbbreviations(text: string, list: AnswerCheckSettings['abbreviations']): AnswerCheckSettings['abbreviations'] {
  const lower = text.toLowerCase();
  return list.filter(({ short, long }) => {
    const flags = /\p{Ll}/u.test(short) ? 'iu' : 'u';
    const first = new RegExp(`(?<![\\p{L}\\p{N}])${escape(short)}(?![\\p{L}\\p{N}])`, flags).exec(text);
    if (!first) return false;
    const at = first.index;
    const end = at + first[0].length;
    const before = text.slice(Math.max(0, at - 80), at);
    if (/\p{L}+\s+\p{L}+\s*\(\s*$/u.test(before) && /^\s*\)/u.test(text.slice(end))) return false;
    if (/^\s*\(\s*[\p{L}]+\s+[\p{L}][^()]{0,100}\)/u.test(text.slice(end))) return false;
    if (long) {
      const where = lower.indexOf(long.toLowerCase());
      if (where >= 0 && where < end + AFTER) return false;
    }
    return true;
  });
}

/**
 * The list's bureaucratic phrases found in the text, each once; a phrase inside a longer one
 * that was found ("sehubungan dengan" in "sehubungan dengan hal tersebut di atas") is not
 * named twice.
 */
export function bureaucraticPhrases(text: string, list: AnswerCheckSettings['phrases']): AnswerCheckSettings['phrases'] {
  const taken: [number, number][] = [];
  const found: AnswerCheckSettings['phrases'] = [];
  for (const entry of [...list].sort((a, b) => b.phrase.length - a.phrase.length)) {
    let hit = false;
    for (const m of text.matchAll(phrasePattern(entry.phrase))) {
      const span: [number, number] = [m.index, m.index + m[0].length];
      if (taken.some(([s, e]) => span[0] >= s && span[1] <= e)) continue;
      taken.push(span);
      hit = true;
    }
    if (hit) found.push(entry);
  }
  // In the order they appear in the list admins wrote.
  return list.filter((e) => found.includes(e));
}
