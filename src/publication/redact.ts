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
 *  - redact/names.ts: the known names, and persons after an honorific, a label or in a
 *    signature (words in redact/words.ts);
 *  - redact/numbers.ts: NIK, phone numbers, accounts and NPWP, vehicle plates;
 *  - redact/email.ts: e-mail addresses, also "[at]"/"(dot)" forms;
 *  - redact/address.ts: house-level precision of private addresses.
 * Everything found is redacted; the coordinator restores what is public (an office's
 * own phone or e-mail, a public building's street number) when correcting the draft.
 */
import { addressSpans } from './redact/address.js';
import { emailSpans } from './redact/email.js';
import { knownNameSpans, personSpans } from './redact/names.js';
import { normalize } from './redact/normalize.js';
import { type KnownNumbers, nationalNumber, numberSpans, plateSpans } from './redact/numbers.js';
import { applySpans, KIND_ORDER, mergeSpans, type RedactionKind, type Span } from './redact/spans.js';

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
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = redactOnce(current, prepared);
    if (!result.redactions.length) break;
    for (const r of result.redactions) counts.set(r.kind, (counts.get(r.kind) ?? 0) + r.count);
    current = result.text;
  }
  return { text: current, redactions: KIND_ORDER.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 })) };
}

interface Prepared {
  names: string[];
  emails: string[];
  addresses: string[];
  numbers: KnownNumbers;
  codes: RegExp | null;
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
  };
}

/** A known code as people write it: any case, with or without its dash (or a blank) in the middle. */
function codesPattern(codes: string[]): RegExp | null {
  const written = [...new Set(codes.map((c) => normalize(c).replace(/[^0-9A-Za-z]/gu, '').toUpperCase()).filter((c) => c.length === 8))].sort();
  if (!written.length) return null;
  const alternatives = written.map((c) => `${c.slice(0, 4)}[-\u2010-\u2015 \u00A0]?${c.slice(4)}`);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

function redactOnce(input: string, known: Prepared): RedactionResult {
  const spans: Span[] = [
    ...knownNameSpans(input, known.names),
    ...personSpans(input),
    ...numberSpans(input, known.numbers),
    ...plateSpans(input),
    ...emailSpans(input, known.emails),
    ...addressSpans(input, known.addresses),
  ];
  const codes = known.codes ? [...input.matchAll(known.codes)].map((m) => ({ start: m.index, end: m.index + m[0].length })) : [];
  const kept = codes.length ? spans.filter((s) => !codes.some((c) => s.start < c.end && s.end > c.start)) : spans;
  return applySpans(input, mergeSpans(input, kept));
}
