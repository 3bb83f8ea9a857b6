import { convert, type HtmlToTextOptions } from 'html-to-text';
import { cutQuotedHistory } from './quotes.js';

/**
 * A mail's body as the plain text staff read: the text/plain part when the mail has
 * one, else its HTML turned into text. HTML is never kept: it is parsed (htmlparser2,
 * under html-to-text) and only its text comes out, so <script>, <style>, event handlers
 * and images cannot survive; links stay readable as "text [url]".
 */

/**
 * HTML beyond this is not converted (a few hundred KB is already a very long mail;
 * marketing mail and pasted documents can reach megabytes). The text would be cut to
 * a few thousand characters anyway.
 */
const MAX_HTML_CHARS = 1_000_000;
/** What is kept uncut for staff (fullText): the cut may be wrong, but no mail needs more. */
export const FULL_TEXT_MAX_CHARS = 100_000;

const HTML_OPTIONS: HtmlToTextOptions = {
  // Staff screens wrap; hard line breaks at 80 columns would only break sentences.
  wordwrap: false,
  limits: { maxInputLength: MAX_HTML_CHARS, maxDepth: 200 },
  selectors: [
    // Images say nothing in text, and their URLs are often trackers.
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    // Cells side by side ("RT 03"), not run together ("RT03"); no re-wrapping of long cells.
    { selector: 'table', format: 'dataTable', options: { maxColumnWidth: 10_000 } },
    // The citizen's headings as they wrote them, not upper-cased.
    ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({ selector, options: { uppercase: false } })),
  ],
};

export interface MailBody {
  /** The newest part of the mail (quoted history and signature cut), at most maxChars. */
  text: string;
  /** The whole body as text, uncut (at most FULL_TEXT_MAX_CHARS). */
  fullText: string;
  /** True when quoted history or a signature was cut from `text`. */
  quoteCut: boolean;
  /** True when `text` was shortened to maxChars. */
  truncated: boolean;
}

export function mailBody(parts: { text?: string; html?: string }, opts: { forwarded: boolean; maxChars: number }): MailBody {
  const plain = parts.text && parts.text.trim() ? parts.text : parts.html ? htmlToText(parts.html) : '';
  const whole = normalize(plain);
  const { text: newest, cut } = cutQuotedHistory(whole, { forwarded: opts.forwarded });
  const text = tidy(newest);
  const capped = capChars(text, opts.maxChars);
  return { text: capped, fullText: capChars(tidy(whole), FULL_TEXT_MAX_CHARS), quoteCut: cut, truncated: capped.length < text.length };
}

/**
 * Text that came in other parts (a forwarded message, a text file) after the body, each
 * block as its own paragraph, in both the newest text and the whole: it is what the
 * sender sent, not quoted history, so the quote cut never takes it.
 */
export function appendParts(body: MailBody, blocks: string[], maxChars: number): MailBody {
  const extra = blocks.map((b) => tidy(normalize(b))).filter(Boolean);
  if (!extra.length) return body;
  const join = (first: string) => [first, ...extra].filter(Boolean).join('\n\n');
  const uncapped = join(body.text);
  const text = capChars(uncapped, maxChars);
  return { ...body, text, fullText: capChars(join(body.fullText), FULL_TEXT_MAX_CHARS), truncated: body.truncated || text.length < uncapped.length };
}

function htmlToText(html: string): string {
  return convert(html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html, HTML_OPTIONS);
}

/**
 * One form for every sender: NFC (a decomposed "é" from a Mac equals the composed one),
 * "\n" line ends, no control characters but tab and newline (NUL cannot even be stored
 * in PostgreSQL text), no-break spaces as spaces, no image placeholders. Trailing spaces stay until the quote
 * cut, which needs the "-- " signature delimiter.
 */
function normalize(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    // Control characters (not tab or newline) are the point of this pattern: they go.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/\u00A0/g, ' ')
    // Outlook's plain text marks where an inline image sat ("[cid:image001.png@01DB...]").
    .replace(/\[cid:[^\]\s]*\]/g, '');
}

/** No trailing spaces, at most one blank line in a row, no blank lines around. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** At most `max` UTF-16 units (what the form's validation counts), never half a surrogate pair. */
function capChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end).trimEnd();
}
