import { ERASED_NAME } from '../reports/reporter.js';
import { InvalidInputError } from '../shared/errors.js';
import type { Translate } from '../shared/i18n.js';
import { PLACEHOLDERS } from './placeholders.js';

/**
 * Blanks left from a template: the places where whoever wrote the template meant staff to
 * write the real thing ("menemukan bahwa ...", "paling lambat tanggal ....", "hubungi ...
 * di nomor ....", "{isian}", "[ ]", "[NAMA PETUGAS]", "<tanggal>", "________").
 *
 * No blank ever leaves the building: every step that lets an answer out (submitting it to
 * the Kepala OPD, approving, validating, sending, publishing) calls refuseBlanks on the
 * server; the editor shows the same findings while staff type. The rule lives only here.
 *
 * What is a blank, and what is not:
 *  - three or more dots, spaced or not ("...", "....", ". . ."), or the ellipsis "…";
 *  - three or more underscores;
 *  - anything in braces except our own placeholders ({nama_pelapor}, {kode}, ...), which
 *    are filled when the answer is sent; double braces always;
 *  - square or angle brackets that are empty, hold only dots, dashes or x's, an
 *    instruction or the name of what belongs there ("[isi alasan]", "<tanggal>",
 *    "[nomor telepon]"), or capitals only ("[NAMA OPD]"); never the publication's
 *    redaction tokens ("[nama disamarkan]") or an erased name;
 *  - parentheses that are empty or hold an instruction ("(diisi)", "(isi tanggal)");
 *  - "xxx" as a word, and date masks such as "dd/mm/yyyy" or "xx-xx-xxxx".
 * A citizen's own words are not checked here: "jalannya rusak..." is how people write.
 *
 * Linear: every pattern is bounded and anchored on its first character.
 */

export interface Blank {
  /** The blank as written: "....", "{isian}", "[ ]". */
  text: string;
  /** Where it starts in the text (0-based), and its line and column (1-based). */
  index: number;
  line: number;
  column: number;
  /** The words around it on its line, to find it by: "…paling lambat tanggal ....". */
  excerpt: string;
}

/** What may be written inside brackets to say what belongs there. */
const NAMED =
  String.raw`(?:isi|isian|diisi|tulis|tuliskan|masukkan|lengkapi|sebutkan|ketik|nama|tanggal|tgl|nomor|no|alamat|jam|waktu|hari|lokasi|tempat|kontak|telepon|telp|hp|unit|jabatan|petugas|instansi|dinas|opd|kegiatan|tindakan|temuan|alasan|hasil|jumlah|keterangan|fill|name|date|number|phone|reason)(?![\p{L}\p{N}])`;
const INSTRUCTION = String.raw`(?:isi|isian|diisi|tulis|tuliskan|masukkan|lengkapi|sebutkan|ketik)(?![\p{L}\p{N}])`;
const FILLER = /^[\s.\u2026_\-xX]*$/u;
const CAPITALS = /^(?=(?:.*\p{Lu}){2})[\p{Lu}\s_/-]+$/u;
const NAMED_START = new RegExp(`^\\s*${NAMED}`, 'iu');
const INSTRUCTION_START = new RegExp(`^\\s*${INSTRUCTION}`, 'iu');

interface Rule {
  pattern: RegExp;
  /** Whether a match is a blank (the pattern alone may be too wide). */
  blank?: (inner: string, match: string) => boolean;
}

const isBracketBlank = (inner: string): boolean =>
  !/disamarkan\s*$/iu.test(inner) && `[${inner}]` !== ERASED_NAME && (FILLER.test(inner) || NAMED_START.test(inner) || CAPITALS.test(inner.trim()));

const RULES: Rule[] = [
  { pattern: /\.(?:[ \u00A0]?\.){2,}|\u2026+/gu },
  { pattern: /_{3,}/gu },
  {
    pattern: /\{\{[^{}\n]{0,60}\}\}|\{([^{}\n]{0,60})\}/gu,
    // A placeholder of ours is filled when the answer is sent (templates.ts).
    blank: (inner, match) => match.startsWith('{{') || !(PLACEHOLDERS as readonly string[]).includes(inner),
  },
  { pattern: /\[([^[\]\n]{0,60})\]/gu, blank: isBracketBlank },
  { pattern: /<([^<>\n]{0,60})>/gu, blank: (inner) => FILLER.test(inner) || NAMED_START.test(inner) || CAPITALS.test(inner.trim()) },
  { pattern: /\(([^()\n]{0,60})\)/gu, blank: (inner) => /^\s*$/u.test(inner) || INSTRUCTION_START.test(inner) },
  { pattern: /(?<![\p{L}\p{N}])[xX]{3,}(?![\p{L}\p{N}])/gu },
  { pattern: /(?<![\p{L}\p{N}])(?:xx|dd|tt|hh)[/.-](?:xx|mm|bb)[/.-](?:xxxx|yyyy|tttt|xx|yy|tt)(?![\p{L}\p{N}])/giu },
];

/** Every blank in `text`, in the order they appear; overlapping finds count once. */
export function findBlanks(text: string): Blank[] {
  const found: { index: number; end: number }[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      if (rule.blank && !rule.blank(m[1] ?? '', m[0])) continue;
      found.push({ index: m.index, end: m.index + m[0].length });
    }
  }
  found.sort((a, b) => a.index - b.index || b.end - a.end);
  const blanks: Blank[] = [];
  let last = -1;
  for (const f of found) {
    if (f.index < last) continue;
    last = f.end;
    blanks.push(describe(text, f.index, f.end));
  }
  return blanks;
}

const EXCERPT = 32;

function describe(text: string, index: number, end: number): Blank {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const lineEndAt = text.indexOf('\n', end);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  const line = text.slice(0, index).split('\n').length;
  // Whole words only: each side is cut at the space nearest the edge.
  let from = index - EXCERPT;
  if (from <= lineStart) from = lineStart;
  else {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < index) from = space + 1;
  }
  let to = end + EXCERPT;
  if (to >= lineEnd) to = lineEnd;
  else {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  const excerpt = `${from > lineStart ? '…' : ''}${text.slice(from, to).trim()}${to < lineEnd ? '…' : ''}`;
  return { text: text.slice(index, end), index, line, column: index - lineStart + 1, excerpt };
}

/** How many blanks a message lists; the rest are counted. */
const LISTED = 5;

/** The blanks as one sentence in the reader's language, naming each and where it is. */
export function describeBlanks(blanks: Blank[], t: Translate): string {
  const items = blanks.slice(0, LISTED).map((b) => t('answers:blanks.item', { blank: b.text, line: b.line, excerpt: b.excerpt }));
  const more = blanks.length > LISTED ? t('answers:blanks.more', { count: blanks.length - LISTED }) : '';
  return t('answers:blanks.found', { count: blanks.length, list: [...items, ...(more ? [more] : [])].join('; ') });
}

/**
 * A text that still holds a template's blanks may not go further (422). `field` names the
 * form field the message belongs beside ('body' for a draft, 'answer' for a publication).
 */
export class BlanksError extends InvalidInputError {
  constructor(
    readonly field: string,
    readonly blanks: Blank[],
  ) {
    super();
  }

  fields(t: Translate) {
    return { [this.field]: describeBlanks(this.blanks, t) };
  }
}

export function refuseBlanks(text: string, field = 'body'): void {
  const blanks = findBlanks(text);
  if (blanks.length) throw new BlanksError(field, blanks);
}
