/**
 * Personal data removed from a complaint or an answer before it is published.
 *
 * `redact(text, known)` is pure: no database, no clock. Every detector reads the same
 * normalised text (see redact/normalize.ts) and returns spans; overlapping spans merge
 * and each span becomes a public token ("[nama disamarkan]", "[NIK disamarkan]",
 * "[nomor telepon disamarkan]", "[e-mail disamarkan]", "[alamat disamarkan]",
 * "[nomor kendaraan disamarkan]", "[nomor rekening/NPWP disamarkan]").
 *
 * Properties the tests hold it to:
 *  - idempotent: a token is never matched again, and the passes repeat until one finds
 *    nothing, so redact(redact(t)) = redact(t);
 *  - order-independent: the order of the detectors and of the known values is irrelevant;
 *  - linear: every pattern has bounded repetitions and starts only where its first
 *    character class starts; a 100 KB adversarial text takes milliseconds;
 *  - never touched: dates ("12-11-2026"), amounts ("Rp 1.250.000"), times ("10.30",
 *    "08.00-16.00"), years, kilometres ("KM 12"), regulation numbers ("Perda No 3/2021",
 *    "No. 5 tahun 2024"), tracking codes ("64GX-3L6Q", "95D4-K7XW", and the report's own
 *    however written), letter numbers ("800/A1B/DPUPR/2024"), RT/RW of a neighbourhood.
 *
 * The rules, each with its limits, are described where they live:
 *  - redact/names.ts: the known names;
 *  - redact/persons.ts: persons found by context (a label, an honorific, a relation, a
 *    sign-off, a contact, a name alone on the last line), judged word by word with the
 *    lexicon (redact/lexicon.ts, words in redact/words.ts); a name found so is found
 *    again where it comes back alone;
 *  - redact/numbers.ts: NIK, phone numbers, accounts and NPWP, vehicle plates;
 *  - redact/email.ts: e-mail addresses, also "[at]"/"(dot)" forms;
 *  - redact/address.ts: house-level precision of private addresses.
 * Everything found is redacted; the coordinator restores what is public (an office's
 * own phone or e-mail, a public building's street number) with `keep`, and adds what was
 * missed with `names`. What looks like a name and was left (`suspects`) is listed for them.
 */
import { addressSpans } from './redact/address.js';
import { emailSpans } from './redact/email.js';
import { knownNameSpans } from './redact/names.js';
import { escapeRe, normalize } from './redact/normalize.js';
import { namesToRepeat, personSpans } from './redact/persons.js';
import { suspectsIn } from './redact/suspects.js';
import { type KnownNumbers, nationalNumber, numberSpans, plateSpans } from './redact/numbers.js';
import { applySpans, KIND_ORDER, mergeSpans, type RedactionKind, type Span, tokenSpans } from './redact/spans.js';

export { TOKENS } from './redact/spans.js';
export type { RedactionKind } from './redact/spans.js';

/** What the caller knows of the persons in the report (the reporter, first of all). */
export interface KnownPersonalData {
  names?: string[];
  emails?: string[];
  phones?: string[];
  niks?: string[];
  addresses?: string[];
  /** Our tracking codes in the text (the report's own, first of all): never personal data, however written. */
  codes?: string[];
  /** Public place and office names (the region table, the OPD): never part of a person's name. */
  places?: string[];
  /** What the coordinator decided to show (an official's name, a shop's): never redacted, any case. */
  keep?: string[];
}

/** One piece of personal data removed, as it was written. */
export interface Found {
  kind: RedactionKind;
  text: string;
}

export interface Redaction {
  kind: RedactionKind;
  /** tokens of this kind in the result */
  count: number;
}

export interface RedactionResult {
  text: string;
  /** kinds with at least one token, in a fixed order (email, nik, account, phone, plate, name, person, address) */
  redactions: Redaction[];
  /** what each token replaced, in the order of the tokens in `text` */
  found: Found[];
  /** words left in the text that look like a person's name, for the coordinator to decide */
  suspects: string[];
}

const digitsOf = (s: string): string => normalize(s).replace(/\D+/gu, '');
const clean = (values: string[] | undefined): string[] =>
  [...new Set((values ?? []).map((v) => normalize(v).trim()).filter((v) => v.length > 0))].sort();

/** Passes at most: see redact(). */
const MAX_PASSES = 3;

/**
 * Redacts `text`. A pass can uncover data it could not see: in "Aminah0899-1122-3344"
 * or "a@b.c.d@e.com" one redaction changes the edge of the next. So the passes repeat
 * until one finds nothing (in practice the second), which makes the result idempotent.
 */
export function redact(text: string, known: KnownPersonalData = {}): RedactionResult {
  const prepared = prepare(known);
  let current = normalize(text);
  const counts = new Map<RedactionKind, number>();
  // What each token of `current` replaced; null for a token that was in the text before.
  let found: (Found | null)[] = tokenSpans(current).map(() => null);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = redactOnce(current, prepared);
    if (!result.redactions.length) break;
    for (const r of result.redactions) counts.set(r.kind, (counts.get(r.kind) ?? 0) + r.count);
    found = inOrder(found, result.found);
    current = result.text;
  }
  return {
    text: current,
    redactions: KIND_ORDER.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 })),
    found: found.filter((f): f is Found => f !== null),
    suspects: suspectsIn(current, prepared.placeWords, prepared.keep),
  };
}

/** The tokens after a pass, in order: the new ones where they stand, the earlier ones in their order around them. */
function inOrder(earlier: (Found | null)[], added: (Found & { token: number })[]): (Found | null)[] {
  const at = new Map(added.map((f) => [f.token, { kind: f.kind, text: f.text }]));
  const out: (Found | null)[] = [];
  let e = 0;
  for (let i = 0; i < earlier.length + added.length; i++) out.push(at.get(i) ?? earlier[e++] ?? null);
  return out;
}

interface Prepared {
  names: string[];
  emails: string[];
  addresses: string[];
  numbers: KnownNumbers;
  codes: RegExp | null;
  placeWords: ReadonlySet<string>;
  keep: RegExp | null;
}

function prepare(known: KnownPersonalData): Prepared {
  return {
    names: clean(known.names),
    emails: clean(known.emails),
    addresses: clean(known.addresses),
    numbers: {
      niks: new Set(clean(known.niks).map(digitsOf).filter((d) => d.length >= 8)),
      phones: new Set(clean(known.phones).map(digitsOf).filter((d) => d.length >= 8).map(nationalNumber)),
    },
    codes: codesPattern(known.codes ?? []),
    placeWords: new Set(clean(known.places).flatMap((p) => p.toLowerCase().split(/[^\p{L}\p{M}]+/u)).filter((w) => w.length >= 3)),
    keep: keepPattern(clean(known.keep)),
  };
}

/** The kept terms, any case, whole words. */
function keepPattern(terms: string[]): RegExp | null {
  if (!terms.length) return null;
  const alt = [...terms].sort((a, b) => b.length - a.length).map((t) => escapeRe(t).replace(/[ \u00A0]+/gu, '[ \\u00A0]+'));
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${alt.join('|')})(?![\\p{L}\\p{M}\\p{N}])`, 'giu');
}

/** A known code as people write it: any case, with or without its dash (or a blank) in the middle. */
function codesPattern(codes: string[]): RegExp | null {
  const written = [...new Set(codes.map((c) => normalize(c).replace(/[^0-9A-Za-z]/gu, '').toUpperCase()).filter((c) => c.length === 8))].sort();
  if (!written.length) return null;
  const alternatives = written.map((c) => `${c.slice(0, 4)}[-\u2010-\u2015 \u00A0]?${c.slice(4)}`);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

const occurrences = (text: string, re: RegExp | null): { start: number; end: number }[] =>
  re ? [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length })) : [];

function redactOnce(input: string, known: Prepared): { text: string; redactions: Redaction[]; found: (Found & { token: number })[] } {
  // Codes are never personal data; a kept term is not redacted, nor anything inside it.
  const codes = occurrences(input, known.codes);
  const keep = occurrences(input, known.keep);
  const allowed = (s: Span): boolean =>
    !codes.some((c) => s.start < c.end && s.end > c.start) && !keep.some((k) => s.start >= k.start && s.end <= k.end);
  const persons = personSpans(input, known.placeWords).filter(allowed);
  const spans: Span[] = [
    ...knownNameSpans(input, known.names),
    ...persons,
    ...knownNameSpans(input, namesToRepeat(input, persons, known.placeWords), 'person'),
    ...numberSpans(input, known.numbers),
    ...plateSpans(input),
    ...emailSpans(input, known.emails),
    ...addressSpans(input, known.addresses),
  ];
  const merged = mergeSpans(input, spans.filter(allowed));
  const result = applySpans(input, merged);
  // A new token's place among all the tokens of the result: the tokens before it, old and new.
  const old = tokenSpans(input);
  let before = 0;
  const found = merged.map((s, i) => {
    while (before < old.length && (old[before]?.end ?? 0) <= s.start) before++;
    return { kind: s.kind, text: input.slice(s.start, s.end), token: before + i };
  });
  return { ...result, found };
}
