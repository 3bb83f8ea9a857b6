/**
 * Numbers: NIK, phone numbers, bank accounts and NPWP, vehicle plates.
 *
 * The text's digits are read once as groups ("0812", "3456", "7890") joined into runs
 * by the separators people type inside one number: a blank or two, a dot or a dash
 * (with blanks around), parentheses. Every window of up to eight consecutive groups of
 * a run is then judged as a whole, by digit count, group shape and the few words
 * before it; all windows that qualify are redacted (overlaps merge). No regular
 * expression here repeats an unbounded pattern inside another, so the work is linear.
 *
 * Never a number:
 *  - an amount: after "Rp"/"IDR", or thousands written with dots ("1.250.000");
 *  - digits stuck to a letter ("64GX-3L6Q", "KM12") unless the number has 9+ digits;
 *  - dates, times, years, regulation numbers: too few digits, or the wrong first digit.
 *
 * Phone: 0, 62 or +62, then 8x (mobile, 10 to 13 digits with the 0) or an area code
 * (landline, 9 to 11 digits with the 0, the area code as its own first group when the
 * number is split: "(0295) 381234", "021-555-1234"). Groups after the first have 3+
 * digits, so "08.15 09.30" is two times and "0812345678 2 kali" keeps its "2". After
 * "HP", "WA", "telp" and the like the leading 0 may be missing.
 * NIK: 16 digits not starting with 0, in groups of 2+ (4-4-4-4, 6-6-4, 2-2-2-6-4 ...);
 * after "NIK", "KTP", "KK" any 12 to 20 digits (a mistyped NIK is still one).
 * Account: the NPWP shape 99.999.999.9-999.999, 15-16 digits after "NPWP", or 8 to 20
 * digits after "rek", "rekening", a bank's name, "kartu", "ATM".
 * Plate: region code, 1-4 digits, 1-3 letters, upper case: "H 1234 AB", "B1234XYZ"; never
 * inside one of our tracking codes ("95D4-K7XW") nor glued to a dash or slash (letter
 * numbers, references).
 */
import { CODE_ALPHABET } from '../../reports/tracking.js';
import type { RedactionKind, Span } from './spans.js';

interface Group {
  start: number;
  end: number;
  digits: string;
  glued: boolean;
}

/** What may stand between two groups of one number. */
const GAP = /^(?:\)?[ \u00A0]{0,2}[.\-\u2010-\u2015]?[ \u00A0]{0,2}\(?)$/u;
const MAX_GROUPS = 8;
const MAX_DIGITS = 20;

const CTX_PHONE = /(?<!\p{L})(?:hp|wa|whatsapp|whats\s?app|telp|telpon|telepon|tlp|tlpn|tel|ponsel|handphone|kontak|hubungi|nomor|nomer|no|call|sms|gsm)(?!\p{L})[^\n\d]{0,12}$/iu;
const CTX_NIK = /(?<!\p{L})(?:nik|ktp|e-ktp|kk|no\.?\s*kk|kartu\s+keluarga|nomor\s+induk\s+kependudukan)(?!\p{L})[^\n\d]{0,12}$/iu;
const CTX_NPWP = /(?<!\p{L})npwp(?!\p{L})[^\n\d]{0,12}$/iu;
const CTX_ACCOUNT = /(?<!\p{L})(?:rek|rekening|norek|no\.?\s*rek|account|a\/c|va|virtual\s+account|bri|bca|bni|mandiri|btn|bsi|cimb|danamon|permata|jatim|jateng|bjb|muamalat|kartu|atm|debit|kredit|cif)(?!\p{L})[^\n\d]{0,15}$/iu;
const CTX_AMOUNT = /(?<!\p{L})(?:rp|idr)\.?\s{0,2}$/iu;

const before = (text: string, at: number, n = 32): string => {
  const slice = text.slice(Math.max(0, at - n), at);
  const nl = slice.lastIndexOf('\n');
  return nl < 0 ? slice : slice.slice(nl + 1);
};

export interface KnownNumbers {
  /** digits of known NIKs */
  niks: ReadonlySet<string>;
  /** national significant numbers of known phones (no 0, no 62) */
  phones: ReadonlySet<string>;
}

/** The national significant number: the digits after +62, 62 or 0. */
export function nationalNumber(digits: string): string {
  if (digits.startsWith('620')) return digits.slice(3);
  if (digits.startsWith('62')) return digits.slice(2);
  if (digits.startsWith('0')) return digits.slice(1);
  return digits;
}

function groupsOf(text: string): Group[] {
  const groups: Group[] = [];
  for (const m of text.matchAll(/\d+/gu)) {
    const start = m.index;
    const end = start + m[0].length;
    const glued = /\p{L}/u.test(text.charAt(start - 1)) || /\p{L}/u.test(text.charAt(end));
    groups.push({ start, end, digits: m[0], glued });
  }
  return groups;
}

function runsOf(text: string, groups: Group[]): Group[][] {
  const runs: Group[][] = [];
  let run: Group[] = [];
  for (const g of groups) {
    const prev = run[run.length - 1];
    if (prev && g.start - prev.end <= 6 && GAP.test(text.slice(prev.end, g.start))) run.push(g);
    else {
      if (run.length) runs.push(run);
      run = [g];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

/** Marks the groups of amounts: after "Rp", or 1.250.000-style thousands. */
function amountGroups(text: string, run: Group[]): boolean[] {
  const amount = run.map(() => false);
  for (let i = 0; i < run.length; i++) {
    const g = run[i] as Group;
    const afterRp = g.digits.charAt(0) !== '0' && CTX_AMOUNT.test(before(text, g.start, 8));
    let j = i;
    if (afterRp || (/^[1-9]\d{0,2}$/u.test(g.digits) && text.charAt(g.end) === '.')) {
      while (j + 1 < run.length) {
        const next = run[j + 1] as Group;
        const cur = run[j] as Group;
        if (text.slice(cur.end, next.start) !== '.' || next.digits.length !== 3) break;
        j++;
      }
      // 12.345.678.9-012.345 is an NPWP, not thousands: the dots go on past the triples
      const after = run[j + 1];
      const more = after !== undefined && text.slice((run[j] as Group).end, after.start) === '.';
      if (afterRp || (j > i && !more)) {
        for (let k = i; k <= j; k++) amount[k] = true;
        i = j;
      }
    }
  }
  return amount;
}

function isPhone(digits: string, lengths: number[], plus: boolean, ctxPhone: () => boolean): boolean {
  const first = lengths[0] ?? 0;
  const country = digits.startsWith('62') && (plus || first === 2 || digits.startsWith('628') || digits.startsWith('6208'));
  // groups after the first have 3+ digits, except right after a lone 62 ("(0)", "21")
  // and the last of a landline split after its area code ("(0291) 4321 98")
  const areaFirst = !country && digits.startsWith('0') && digits.charAt(1) !== '8' && first >= 3 && first <= 4;
  const short = (n: number, i: number): boolean => n < 3 && !(country && i === 0 && first === 2) && !(areaFirst && n === 2 && i === lengths.length - 2);
  if (lengths.slice(1).some(short)) return false;
  if (!country && !digits.startsWith('0')) {
    // "HP 812-3456-7890": a mobile number without its 0, only after a phone word or "+"
    return /^8[1-9]\d{7,10}$/u.test(digits) && (plus || ctxPhone());
  }
  const nsn = nationalNumber(digits);
  if (/^8[1-9]\d{7,10}$/u.test(nsn)) return true;
  if (!/^[2-79]\d{7,9}$/u.test(nsn)) return false;
  if (lengths.length === 1) return true;
  // a split landline starts with its area code: 0 + 2-3 digits, or 62 / 62 + area
  return country ? first >= 2 && first <= 5 : first >= 3 && first <= 4;
}

/** The words before a number, each looked at only when a rule asks. */
class Context {
  private readonly memo = new Map<RegExp, boolean>();
  readonly plus: boolean;
  private readonly words: boolean;

  constructor(private readonly head: string) {
    this.plus = /\+[ \u00A0]?\(?$|\(\+$/u.test(head);
    this.words = /\p{L}/u.test(head);
  }

  has(re: RegExp): boolean {
    if (!this.words) return false;
    let found = this.memo.get(re);
    if (found === undefined) {
      found = re.test(this.head);
      this.memo.set(re, found);
    }
    return found;
  }
}

function judge(digits: string, lengths: number[], ctx: Context, known: KnownNumbers): RedactionKind | null {
  const n = digits.length;
  if (n < 8) return null;
  if (known.niks.has(digits)) return 'nik';
  if (known.phones.has(nationalNumber(digits))) return 'phone';
  if (n >= 12 && n <= 20 && ctx.has(CTX_NIK)) return 'nik';
  if ((n === 15 || n === 16) && ctx.has(CTX_NPWP)) return 'account';
  if (n === 15 && lengths.join() === '2,3,3,1,3,3') return 'account';
  if (ctx.has(CTX_ACCOUNT)) return 'account';
  if (n === 16 && digits.charAt(0) !== '0' && lengths.length <= 7 && (lengths.length === 1 || lengths.every((l) => l >= 2))) return 'nik';
  if (isPhone(digits, lengths, ctx.plus, () => ctx.has(CTX_PHONE))) return 'phone';
  return null;
}

/** Spans of NIK, phone and account numbers. */
export function numberSpans(text: string, known: KnownNumbers): Span[] {
  const spans: Span[] = [];
  for (const run of runsOf(text, groupsOf(text))) {
    const amount = amountGroups(text, run);
    for (let i = 0; i < run.length; i++) {
      if (amount[i]) continue;
      const first = run[i] as Group;
      const ctx = new Context(before(text, first.start));
      let digits = '';
      let glued = false;
      const lengths: number[] = [];
      for (let j = i; j < run.length && j < i + MAX_GROUPS; j++) {
        const g = run[j] as Group;
        if (amount[j]) break;
        glued ||= g.glued;
        digits += g.digits;
        lengths.push(g.digits.length);
        if (digits.length > MAX_DIGITS) break;
        // digits stuck to letters ("64GX-3L6Q", "KM12") count only as a long number
        const kind = glued && digits.length < 9 ? null : judge(digits, lengths, ctx, known);
        if (kind) spans.push(widen(text, { start: first.start, end: g.end, kind }));
      }
    }
  }
  return spans;
}

/** Takes in a leading "+", and a "(" when the number also holds its ")": "(0295) 381234". */
function widen(text: string, span: Span): Span {
  let { start } = span;
  const plus = /\+[ \u00A0]?$/u.exec(text.slice(Math.max(0, start - 2), start));
  if (plus) start -= plus[0].length;
  if (text.charAt(start - 1) === '(' && text.slice(start, span.end).includes(')')) start -= 1;
  return { start, end: span.end, kind: span.kind };
}

const PLATE_REGIONS = 'AA|AB|AD|AE|AG|BA|BB|BD|BE|BG|BH|BK|BL|BM|BN|BP|DA|DB|DC|DD|DE|DG|DH|DK|DL|DM|DN|DR|DS|DT|EA|EB|ED|KB|KH|KT|KU|PA|PB|A|B|D|E|F|G|H|K|L|M|N|P|R|S|T|W|Z';
const PLATE = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${PLATE_REGIONS})[ \u00A0]?[1-9]\d{0,3}[ \u00A0]?[A-Z]{1,3}(?![\p{L}\p{N}])`, 'gu');
const NOT_PLATE_SUFFIX = /(?:^|[ \u00A0\d])(?:RT|RW|KM|NO)$/u;
/**
 * Our tracking codes, as we write them (ABCD-EFGH) or as people retype them (ABCD EFGH):
 * two groups of four from the code alphabet. Either half can look like a plate ("K7XW" in
 * "95D4-K7XW"), but no plate is written as four and four, so nothing inside one is a plate.
 */
const CODE_CHAR = `[${CODE_ALPHABET}]`;
const TRACKING_CODE = new RegExp(String.raw`(?<![\p{L}\p{N}])${CODE_CHAR}{4}[\-\u2010-\u2015 \u00A0]${CODE_CHAR}{4}(?![\p{L}\p{N}])`, 'gu');
/**
 * A plate stands between blanks or punctuation. Glued to a dash or a slash it is part of a
 * code: a letter number ("800/A1B/DPUPR/2024", "B-12/KL.01"), a reference ("SP4N-K12AB").
 */
const JOINED = /[/\\\-\u2010-\u2015]/u;

/** Spans of vehicle plates. */
export function plateSpans(text: string): Span[] {
  const codes = [...text.matchAll(TRACKING_CODE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  return [...text.matchAll(PLATE)]
    .filter((m) => !NOT_PLATE_SUFFIX.test(m[0]))
    .filter((m) => !JOINED.test(text.charAt(m.index - 1)) && !JOINED.test(text.charAt(m.index + m[0].length)))
    .filter((m) => !codes.some((c) => m.index < c.end && m.index + m[0].length > c.start))
    .map((m) => ({ start: m.index, end: m.index + m[0].length, kind: 'plate' as const }));
}
