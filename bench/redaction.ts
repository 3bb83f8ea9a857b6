import { patiRegions } from '../src/db/seed/reference.js';
import { PATI_AGENCIES } from '../src/db/seed/pati-agencies.js';
import { redact } from '../src/publication/redact.js';
import { HONORIFICS, NAME_PARTICLES, TITLES } from '../src/publication/redact/words.js';
import { CORPUS, type CorpusClass, type CorpusText } from './redaction/corpus.js';

/**
 * Names in the text, measured on a corpus written for this apart from the rules
 * (bench/redaction/corpus*.ts: complaints with names from many regions, every way of
 * introducing one, sign-offs, long names, names that come back, third persons, and texts
 * with no personal data full of places, offices, codes and prayers).
 *
 * Recall: of every occurrence of every word of every private name (honorifics and titles
 * aside), the share gone from the published text; for third persons, gone or listed among
 * the suspects for the coordinator. Precision: of the name tokens the redaction wrote, the
 * share that replaced a private name. `keep` strings lost are counted apart. The places and
 * OPD names are those the app passes (the region table and the OPD of Kabupaten Pati).
 * False flags: words listed for the coordinator as looking like a name that are none (the
 * cost of the list: each is one click).
 */
const NOT_TARGET = new Set([...HONORIFICS, ...TITLES].map((w) => w.toLowerCase()));

const wordsOf = (names: readonly string[]): string[] =>
  [...new Set(names.flatMap((n) => n.split(/[^\p{L}\p{M}'’-]+/u)).map((w) => w.toLowerCase()).filter((w) => w.length >= 2 && !NOT_TARGET.has(w) && !NAME_PARTICLES.has(w)))];

const countWord = (text: string, word: string): number =>
  [...text.toLowerCase().matchAll(new RegExp(`(?<![\\p{L}\\p{M}])${word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?![\\p{L}\\p{M}])`, 'gu'))].length;

interface Tally {
  texts: number;
  targets: number;
  removed: number;
  tokens: number;
  correct: number;
  keepLost: number;
  /** words listed for the coordinator that are no private name */
  falseFlags: number;
  misses: string[];
  wrong: string[];
}

function score(c: CorpusText, places: string[]): Tally {
  const result = redact(c.text, { names: c.knownNames ?? [], places, codes: [] });
  const t: Tally = { texts: 1, targets: 0, removed: 0, tokens: 0, correct: 0, keepLost: 0, falseFlags: 0, misses: [], wrong: [] };
  const mustGo = wordsOf(c.names);
  const flaggedOk = wordsOf(c.others ?? []);
  const suspects = new Set(result.suspects.map((s) => s.toLowerCase()));
  for (const word of [...mustGo, ...flaggedOk]) {
    const before = countWord(c.text, word);
    const after = countWord(result.text, word);
    const flagged = flaggedOk.includes(word) && suspects.has(word) ? after : 0;
    t.targets += before;
    t.removed += Math.min(before, before - after + flagged);
    if (after > flagged) t.misses.push(`${c.id}: "${word}"`);
  }
  const targets = [...mustGo, ...flaggedOk];
  for (const s of result.suspects) if (!targets.includes(s.toLowerCase())) t.falseFlags += 1;
  for (const f of result.found) {
    if (f.kind !== 'name' && f.kind !== 'person') continue;
    t.tokens += 1;
    if (targets.some((w) => countWord(f.text, w) > 0)) t.correct += 1;
    else t.wrong.push(`${c.id}: "${f.text}"`);
  }
  for (const k of c.keep ?? []) {
    if (!result.text.includes(k)) {
      t.keepLost += 1;
      t.wrong.push(`${c.id}: kept "${k}" lost`);
    }
  }
  return t;
}

const add = (a: Tally, b: Tally): Tally => ({
  texts: a.texts + b.texts,
  targets: a.targets + b.targets,
  removed: a.removed + b.removed,
  tokens: a.tokens + b.tokens,
  correct: a.correct + b.correct,
  keepLost: a.keepLost + b.keepLost,
  falseFlags: a.falseFlags + b.falseFlags,
  misses: [...a.misses, ...b.misses],
  wrong: [...a.wrong, ...b.wrong],
});
const empty = (): Tally => ({ texts: 0, targets: 0, removed: 0, tokens: 0, correct: 0, keepLost: 0, falseFlags: 0, misses: [], wrong: [] });
const ratio = (n: number, d: number): string => (d ? (n / d).toFixed(3) : '–');

export async function benchRedaction(): Promise<void> {
  const regions = await patiRegions();
  const places = [...regions.map((r) => r.name), ...PATI_AGENCIES.map((a) => a.name)];
  const classes: CorpusClass[] = ['intro', 'signoff', 'long', 'repeat', 'third', 'none'];
  const started = process.hrtime.bigint();
  const tallies = new Map(classes.map((c) => [c, empty()]));
  for (const c of CORPUS) tallies.set(c.cls, add(tallies.get(c.cls) ?? empty(), score(c, places)));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const total = [...tallies.values()].reduce(add, empty());

  console.log(`\nredaction of names in the text: ${CORPUS.length} texts, ${ms.toFixed(0)} ms (${(ms / CORPUS.length).toFixed(2)} ms a text)`);
  console.log('class     texts  targets  recall  tokens  precision  keep lost  false flags');
  for (const [cls, t] of [...tallies, ['all', total] as const]) {
    console.log(
      `${cls.padEnd(9)} ${String(t.texts).padStart(5)}  ${String(t.targets).padStart(7)}  ${ratio(t.removed, t.targets).padStart(6)}  ${String(t.tokens).padStart(6)}  ${ratio(t.correct, t.tokens).padStart(9)}  ${String(t.keepLost).padStart(9)}  ${String(t.falseFlags).padStart(11)}`,
    );
  }
  if (process.env.BENCH_VERBOSE) {
    console.log('\nleft in the text:');
    for (const m of total.misses) console.log(`  ${m}`);
    console.log('\nredacted but not a private name, or a kept word lost:');
    for (const w of total.wrong) console.log(`  ${w}`);
  } else {
    console.log(`(${total.misses.length} misses, ${total.wrong.length} wrong: BENCH_VERBOSE=1 lists them)`);
  }
}
