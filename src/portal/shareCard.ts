import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from 'fontkit';
import type { Config } from '../config.js';
import { translator } from '../shared/i18n.js';
import { loadSharp } from '../shared/sharp.js';
import { formatDays } from './presenter.js';
import type { PublishedCase } from './queries.js';

/**
 * The share card of a published case (issue 23): the 1200×630 image WhatsApp, Facebook
 * and X show when someone shares the case's link. sharp renders an SVG composed here.
 *
 * Everything on it comes from the published, redacted publication (its public title, the
 * OPD, the working days to the answer) and the settings (ORG_NAME, APP_NAME, ORG_LOGO_PATH):
 * never the report itself, so no personal data can reach it.
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** Raise when the drawing changes: every case then gets a new card (its key changes). */
const DESIGN = 3;

/**
 * The fonts come with the app (dejavu-fonts-ttf, as the letters' PDFs do), so the card
 * looks the same on every server, with or without fonts installed. fontkit measures the
 * lines with the very files librsvg draws them with (through fontconfig, see useOurFonts).
 */
const FONT_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FAMILY = 'DejaVu Sans';
type Font = Fontkit.Font;
function openFont(file: string): Font {
  // Required at the first card drawn, not at every start: fontkit and its decoders cost ~40 ms to load.
  const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;
  const f = fontkit.openSync(path.join(FONT_DIR, file));
  if (!('layout' in f)) throw new Error(`${file} is a font collection`);
  return f;
}
let fonts: { regular: Font; bold: Font } | undefined;
function loadFonts() {
  fonts ??= { regular: openFont('DejaVuSans.ttf'), bold: openFont('DejaVuSans-Bold.ttf') };
  return fonts;
}

/**
 * librsvg finds fonts through fontconfig, which reads its configuration once, when the
 * first text is drawn in the process. Pointing FONTCONFIG_FILE at a configuration listing
 * only our font directory (before that) makes "DejaVu Sans" our file everywhere, and a
 * character it lacks is dropped by `drawable` rather than drawn from whatever a server
 * has. An operator's own FONTCONFIG_FILE is respected. rescan 0: the file is read once and
 * never again, so a later cleanup of the data directory cannot take the fonts away.
 */
let fontsConfigured = false;
export function useOurFonts(dataDir: string): void {
  if (fontsConfigured) return;
  fontsConfigured = true;
  if (process.env.FONTCONFIG_FILE) return;
  const dir = path.join(dataDir, 'share-cards');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'fonts.conf');
  const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${xml(FONT_DIR)}</dir>\n  <cachedir>${xml(path.join(dir, 'fontcache'))}</cachedir>\n  <config><rescan><int>0</int></rescan></config>\n</fontconfig>\n`,
  );
  process.env.FONTCONFIG_FILE = file;
}

/** What the card shows: only public values. */
export interface CardInput {
  /** The publication's public (redacted) title. */
  title: string;
  agency: string | null;
  /** Working days to the answer; null when not known. */
  answerDays: number | null;
  orgName: string;
  appName: string;
}

/** The card's text from a published case and the settings: nothing else goes on it. */
export function cardInput(row: Pick<PublishedCase, 'title' | 'agency' | 'answer_days'>, config: Pick<Config, 'orgName' | 'appName'>): CardInput {
  return {
    title: row.title,
    agency: row.agency ?? null,
    answerDays: row.answer_days === null ? null : Number(row.answer_days),
    orgName: config.orgName,
    appName: config.appName,
  };
}

/**
 * The card's version: a digest of everything drawn (its text, the logo's version, the
 * design). It is in the image's address, so a republished case with a new title gets a new
 * address that platforms fetch afresh, and an unchanged one keeps its cached card.
 */
export function cardKey(input: CardInput, config: Pick<Config, 'orgLogo' | 'defaultLocale'>): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([DESIGN, config.defaultLocale, config.orgLogo?.version ?? null, input]))
    .digest('hex')
    .slice(0, 16);
}

/** "Dijawab dalam 3 hari kerja", "Answered in 1 working day", "Sudah dijawab" without a figure. */
export function answerLine(days: number | null, locale: Config['defaultLocale']): string {
  const t = translator(locale);
  if (days === null || !Number.isFinite(days) || days < 0) return t('portal:card.answered');
  const shown = formatDays(days, locale);
  // Under a twentieth of a day prints as "0": the same working day.
  if (Number(shown.replace(',', '.')) === 0) return t('portal:card.sameDay');
  return t('portal:card.days', { count: days, days: shown });
}

/** XML text and attribute content: titles may hold < & " ' and anything else. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * The text as the font can draw it: one line, NFC, without control characters (XML
 * refuses most of them), and without characters DejaVu has no glyph for (most emoji, with
 * their joiners and variation selectors), which would otherwise show as empty boxes.
 */
export function drawable(text: string, font: Font = loadFonts().bold): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (/\s/u.test(ch)) out += ' ';
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp < 0xe000) || cp === 0xfffe || cp === 0xffff) continue;
    else if (font.hasGlyphForCodePoint(cp)) out += ch;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

function width(text: string, font: Font, size: number): number {
  return (font.layout(text).advanceWidth * size) / font.unitsPerEm;
}

/** A line's drawn width in pixels, in the card's font (the tests check nothing overflows). */
export function lineWidth(text: string, size: number, weight: 'normal' | 'bold'): number {
  const f = loadFonts();
  return width(text, weight === 'bold' ? f.bold : f.regular, size);
}

/** The card's usable width: no line is drawn wider. */
export const CARD_TEXT_WIDTH = 1200 - 2 * 72;

/** The longest start of `word` that fits with a hyphen after it (at least one character). */
function splitWord(word: string, font: Font, size: number, max: number): [string, string] {
  const chars = [...word];
  let n = 1;
  while (n < chars.length - 1 && width(`${chars.slice(0, n + 1).join('')}-`, font, size) <= max) n++;
  return [`${chars.slice(0, n).join('')}-`, chars.slice(n).join('')];
}

/** `text` cut to fit `max` with an ellipsis, at a word boundary when one is near. */
function ellipsize(text: string, font: Font, size: number, max: number): string {
  if (width(text, font, size) <= max) return text;
  const chars = [...text];
  let n = chars.length;
  while (n > 0 && width(`${chars.slice(0, n).join('').trimEnd()}…`, font, size) > max) n--;
  let cut = chars.slice(0, n).join('');
  const space = cut.lastIndexOf(' ');
  // Back to the last whole word unless that loses more than a third of the line.
  if (space > cut.length * 0.66) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,.;:–-]+$/u, '')}…`;
}

/**
 * Lines of at most `max` pixels, at most `maxLines` of them: words wrap; a word longer than
 * a line is broken with a hyphen; what does not fit ends the last line with an ellipsis.
 */
export function wrap(text: string, font: Font, size: number, max: number, maxLines: number): { lines: string[]; cut: boolean } {
  const words = text.split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    const candidate = line ? `${line} ${word}` : word;
    if (width(candidate, font, size) <= max) {
      line = candidate;
      i++;
      continue;
    }
    if (line) {
      lines.push(line);
      line = '';
    } else {
      // Alone on its line and still too long: break it.
      const [head, rest] = splitWord(word, font, size, max);
      lines.push(head);
      words[i] = rest;
    }
    if (lines.length === maxLines) break;
  }
  if (line && lines.length < maxLines) {
    lines.push(line);
    line = '';
  }
  const cut = i < words.length || line !== '';
  if (cut) {
    const last = lines.pop() ?? '';
    const rest = [last.replace(/-$/, ''), ...(line ? [line] : []), ...words.slice(i)].join(last.endsWith('-') ? '' : ' ');
    lines.push(ellipsize(rest, font, size, max));
  }
  return { lines, cut };
}

// The portal's colours (public/css/app.css).
const BRAND = '#0b5394';
const BRAND_DARK = '#083d6e';
const INK = '#1b1f24';
const MUTED = '#4b5563';

const PAD = (CARD_WIDTH - CARD_TEXT_WIDTH) / 2;
const LOGO = 96;
const FOOTER_TOP = 438;
/** Title sizes tried in turn, largest first, until the title fits in three lines. */
const TITLE_SIZES = [64, 56, 50];

function text(x: number, y: number, size: number, weight: 'normal' | 'bold', fill: string, content: string, extra = ''): string {
  return `<text x="${x}" y="${y}" font-family="${FAMILY}" font-size="${size}" font-weight="${weight}" fill="${fill}"${extra}>${escapeXml(content)}</text>`;
}

/**
 * The card's SVG. Exported for the tests: what they read here is all the image can show.
 * `logo`: leave room for the logo, which `renderCard` lays over the drawing.
 */
export function cardSvg(input: CardInput, opts: { logo: boolean; locale: Config['defaultLocale'] }): string {
  const { regular, bold } = loadFonts();
  const inner = CARD_TEXT_WIDTH;
  const parts: string[] = [];

  // Header: the Pemkab, the app, beside the logo when there is one.
  const headX = opts.logo ? PAD + LOGO + 28 : PAD;
  const headMax = CARD_WIDTH - PAD - headX;
  parts.push(text(headX, 92, 32, 'bold', INK, ellipsize(drawable(input.orgName, bold), bold, 32, headMax)));
  parts.push(text(headX, 134, 26, 'normal', MUTED, ellipsize(drawable(input.appName, regular), regular, 26, headMax)));

  // The question, as large as three lines allow, centred between header and footer.
  const title = drawable(input.title, bold);
  let size = TITLE_SIZES[0]!;
  let lines: string[] = [];
  for (size of TITLE_SIZES) {
    const w = wrap(title, bold, size, inner, 3);
    lines = w.lines;
    if (!w.cut) break;
  }
  const lineHeight = Math.round(size * 1.2);
  const top = 176;
  const space = FOOTER_TOP - 28 - top;
  const block = lines.length * lineHeight;
  const firstBaseline = top + Math.max(0, (space - block) / 2) + size * 0.95;
  lines.forEach((l, n) => parts.push(text(PAD, Math.round(firstBaseline + n * lineHeight), size, 'bold', INK, l)));

  // Footer: who answered, and how fast.
  const agency = input.agency ? drawable(input.agency, bold) : '';
  const answer = answerLine(input.answerDays, opts.locale);
  const answerSize = 32;
  const pillText = `✓ ${answer}`;
  const pillW = Math.min(inner, Math.ceil(width(pillText, bold, answerSize)) + 48);
  const pillY = agency ? 530 : 498;
  if (agency) parts.push(text(PAD, 500, 34, 'bold', '#ffffff', ellipsize(agency, bold, 34, inner)));
  parts.push(`<rect x="${PAD}" y="${pillY}" width="${pillW}" height="60" rx="30" fill="#ffffff"/>`);
  parts.push(text(PAD + 24, pillY + 41, answerSize, 'bold', BRAND_DARK, ellipsize(pillText, bold, answerSize, inner - 48)));

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#ffffff"/>`,
    `<rect width="${CARD_WIDTH}" height="10" fill="${BRAND}"/>`,
    `<rect y="${FOOTER_TOP}" width="${CARD_WIDTH}" height="${CARD_HEIGHT - FOOTER_TOP}" fill="${BRAND}"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

/**
 * The card as PNG: the SVG drawn by sharp, the logo (any format sharp reads, fitted in a
 * square) laid over it. A PNG with a 256-colour palette: flat colours and text stay crisp,
 * and the file is a few dozen KB, well under what WhatsApp fetches for a preview.
 */
export async function renderCard(input: CardInput, config: Pick<Config, 'orgLogo' | 'defaultLocale' | 'dataDir'>): Promise<Buffer> {
  useOurFonts(config.dataDir);
  const svg = cardSvg(input, { logo: !!config.orgLogo, locale: config.defaultLocale });
  const sharp = await loadSharp();
  let image = sharp(Buffer.from(svg));
  if (config.orgLogo) {
    const logo = await sharp(config.orgLogo.path, { density: 300 })
      .resize(LOGO, LOGO, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png()
      .toBuffer();
    image = image.composite([{ input: logo, left: PAD, top: 48 }]);
  }
  return image.png({ palette: true, quality: 90, compressionLevel: 9 }).toBuffer();
}
