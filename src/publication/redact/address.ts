/**
 * Addresses of private homes. Where a complaint happens is public interest: the street,
 * the village, the market, the bridge stay ("Jalan Pemuda", "depan Pasar Puri",
 * "Jembatan Juwana", "Desa Ngembal"). What is redacted is the precision that finds one
 * house: its number, its block, its gang number and RT/RW when they come with it.
 *
 * Components: a house number ("No. 12", "Nomor 5A", "No 7/B"), a block ("Blok C-7"), a
 * lot ("Kav. 3"), a bare number right after a capitalised street name and before the
 * end of the phrase ("Jl. Kenanga 12,"), a gang number ("Gg. 3"), a block letter ("Blok
 * A No. 7"), RT and RW ("RT 02/RW 03", "RT 002 RW 005", "RT/RW 02/03"). Components
 * separated only by blanks and punctuation form one cluster, redacted from its first to
 * its last component:
 * "Jalan Melati Gg. 3 No 5 RT 02/RW 03" -> "Jalan Melati [alamat disamarkan]". A cluster
 * is redacted when it
 *  - has a block, a lot or a bare street number; or
 *  - has a house number and also a gang number or RT/RW, or follows a street, gang,
 *    housing estate, hamlet or "alamat"/"rumah" within five words on the same line (so
 *    "Perda No 3/2021", "No. 5 tahun 2024", "antrian no 12" are not addresses); or
 *  - is RT/RW alone after a private-home cue on the same line: "rumah saya", "rumah
 *    Pak ...", "alamat", "tinggal di", "domisili" ("warga RT 02 mengeluh" stays).
 * A known address (from the report) is redacted whole wherever it appears, with any
 * blanks, punctuation, case and leading zeros.
 * Limits: a number of a public building ("Kantor Dinas, Jl. Pemuda No. 5") is redacted
 * too; a house described without number ("rumah cat hijau sebelah masjid") is not.
 */
import { escapeRe } from './normalize.js';
import type { Span } from './spans.js';
import { HONORIFICS } from './words.js';

const B = '[ \\u00A0]';
const W = String.raw`(?<![\p{L}\p{M}])`;
const E = String.raw`(?![\p{L}\p{N}])`;
const SEP = `${B}{0,2}[.:]?${B}{0,2}`;

type Part = 'house' | 'block' | 'street' | 'gang' | 'rtrw';

const COMPONENTS: { part: Part; re: RegExp }[] = [
  { part: 'house', re: new RegExp(String.raw`${W}(?:no|nomor|nmr|nomer)${SEP}\d{1,4}(?:${B}?[a-z])?(?:${B}?[/\-]${B}?(?:\d{1,4}[a-z]?|[a-z]))?${E}`, 'giu') },
  { part: 'block', re: new RegExp(String.raw`${W}blok${SEP}(?:\p{L}{1,3}${B}?[.\-]?${B}?)?\d{1,4}(?:${B}?[a-z])?${E}`, 'giu') },
  { part: 'block', re: new RegExp(String.raw`${W}kav(?:ling)?${SEP}\d{1,4}(?:${B}?[a-z])?${E}`, 'giu') },
  { part: 'gang', re: new RegExp(String.raw`${W}(?:gg|gang)${SEP}(?:\d{1,3}|[ivx]{1,5})${E}`, 'giu') },
  // a block without a number ("Blok A No. 7") counts only next to a house number
  { part: 'gang', re: new RegExp(String.raw`${W}blok${SEP}\p{L}{1,3}${E}`, 'giu') },
  { part: 'rtrw', re: new RegExp(String.raw`${W}rt${B}{0,2}/${B}{0,2}rw${SEP}\d{1,3}${B}{0,2}/${B}{0,2}\d{1,3}${E}`, 'giu') },
  { part: 'rtrw', re: new RegExp(String.raw`${W}(?:rt|rw)${SEP}\d{1,3}${E}`, 'giu') },
];

const STREET_NUMBER = new RegExp(
  String.raw`${W}(?:Jl|JL|jl|Jln|jln|Jalan|jalan|JALAN)\.?${B}{1,3}((?:\p{Lu}[\p{L}'’.\-]{0,30}${B}{1,3}){1,4})([1-9]\d{0,2}[A-Za-z]?)(?=${B}*(?:[,;)\n]|$|RT${E}|RW${E}|\.(?!\d)))`,
  'gu',
);
const NOT_STREET_WORD = new Set(['km', 'kilometer', 'no', 'nomor', 'gg', 'gang', 'rt', 'rw', 'blok', 'kav', 'tahun', 'th', 'jalur', 'lajur', 'ruas', 'tol', 'pos', 'simpang', 'pintu', 'lantai', 'lt', 'tiang', 'gardu', 'sd', 'smp', 'sma', 'smk']);

const ANCHOR = new RegExp(
  String.raw`${W}(?:jl|jln|jalan|gg|gang|perum|perumahan|komplek|kompleks|komp|griya|villa|cluster|residence|asrama|alamat|beralamat|rumah|dusun|dsn|dukuh|dk|kampung|kp|desa|ds|kelurahan|kel|lingkungan|lingk)${E}\.?`,
  'giu',
);
const STOP_BETWEEN = new Set(
  'sesuai dan atau di ke dari yang dengan untuk pada berdasarkan tentang perda perbup perwali pergub permen permendagri sk surat undang uu pp pasal ayat tahun dalam oleh karena tetapi namun sudah belum tidak keputusan peraturan instruksi edaran antrian antrean tiket'.split(' '),
);
const HOME_CUE = new RegExp(
  String.raw`${W}(?:rumah${B}+(?:saya|kami|kita|pelapor|beliau|(?:${HONORIFICS.join('|')})${E})|rumahnya|rumahku|alamat|beralamat|tinggal${B}+di|bertempat${B}+tinggal|domisili|berdomisili|kediaman|kontrakan|kos${E}|kost${E})`,
  'giu',
);

interface Hit {
  start: number;
  end: number;
  part: Part;
}

const lineBefore = (text: string, at: number, n: number): string => {
  const slice = text.slice(Math.max(0, at - n), at);
  const nl = slice.lastIndexOf('\n');
  return nl < 0 ? slice : slice.slice(nl + 1);
};

/** A street, gang, estate or "alamat" at most five words before, none of them a stop word. */
function anchored(text: string, at: number): boolean {
  const head = lineBefore(text, at, 80);
  let last: RegExpExecArray | undefined;
  for (const m of head.matchAll(ANCHOR)) last = m;
  if (!last) return false;
  const between = head.slice(last.index + last[0].length);
  if (/[!?]|\.\s+\p{Lu}/u.test(between)) return false;
  const words = between.match(/[\p{L}\p{N}'’-]+/gu) ?? [];
  return words.length <= 5 && !words.some((w) => STOP_BETWEEN.has(w.toLowerCase()));
}

function homeCue(text: string, at: number): boolean {
  const head = lineBefore(text, at, 60);
  let last: RegExpExecArray | undefined;
  for (const m of head.matchAll(HOME_CUE)) last = m;
  if (!last) return false;
  return !/[!?]|\.\s+\p{Lu}/u.test(head.slice(last.index + last[0].length));
}

function hits(text: string): Hit[] {
  const found: Hit[] = [];
  for (const { part, re } of COMPONENTS) {
    for (const m of text.matchAll(re)) {
      if (part === 'house' && (/\/\s*\d{4}/u.test(m[0]) || /^\s*(?:tahun|th\.?\s)/iu.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8)))) continue;
      found.push({ start: m.index, end: m.index + m[0].length, part });
    }
  }
  for (const m of text.matchAll(STREET_NUMBER)) {
    const words = (m[1] ?? '').trim().split(/\s+/u);
    const lastWord = (words[words.length - 1] ?? '').replace(/\.$/u, '').toLowerCase();
    if (NOT_STREET_WORD.has(lastWord)) continue;
    const num = m[2] ?? '';
    const start = m.index + m[0].length - num.length;
    found.push({ start, end: start + num.length, part: 'street' });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return found;
}

/** Spans of the precise parts of private addresses. */
export function addressSpans(text: string, knownAddresses: readonly string[]): Span[] {
  const spans: Span[] = [];
  const all = hits(text);
  let i = 0;
  while (i < all.length) {
    const first = all[i] as Hit;
    const cluster: Hit[] = [first];
    let end = first.end;
    let j = i + 1;
    for (; j < all.length; j++) {
      const next = all[j] as Hit;
      if (next.start < end) {
        end = Math.max(end, next.end);
        cluster.push(next);
      } else if (next.start - end <= 4 && /^[\s,.;:/-]*$/u.test(text.slice(end, next.start)) && !text.slice(end, next.start).includes('\n')) {
        end = next.end;
        cluster.push(next);
      } else break;
    }
    const parts = new Set(cluster.map((h) => h.part));
    const redact =
      parts.has('block') ||
      parts.has('street') ||
      (parts.has('house') && (parts.has('gang') || parts.has('rtrw') || anchored(text, first.start))) ||
      (parts.has('rtrw') && homeCue(text, first.start));
    if (redact) spans.push({ start: first.start, end, kind: 'address' });
    i = j;
  }
  for (const address of knownAddresses) {
    const re = knownAddressPattern(address);
    if (re) for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'address' });
  }
  return spans;
}

/** A known address as a pattern: its words and numbers in order, anything small between. */
function knownAddressPattern(address: string): RegExp | null {
  const tokens = address.match(/\p{L}+|\p{N}+/gu) ?? [];
  if (tokens.length < 2) return null;
  const body = tokens.map((t) => (/^\d+$/u.test(t) ? `0*${t.replace(/^0+(?=\d)/u, '')}` : escapeRe(t))).join(String.raw`[^\p{L}\p{N}]{0,4}`);
  return new RegExp(`${W}${body}${E}`, 'giu');
}
