import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { chardet } from 'jschardet';

/**
 * Mail that does not say its charset. RFC 2045 makes undeclared text US-ASCII, and
 * RFC 6532 allows raw UTF-8 in headers; old mail programs and scripts still send raw
 * 8-bit KOI8-R, windows-1252 or ISO-8859-1 without a word, in the body and in headers
 * (a display name, a subject). Read as UTF-8, every such byte becomes U+FFFD. So, before
 * mailparser reads a mail:
 *
 * - a header line that is not valid UTF-8 is decoded with the mail's declared charset
 *   (a program that writes a raw 8-bit subject writes its body in the same charset), or
 *   else the detected one, and written back as UTF-8;
 * - a text part without a charset parameter (or with no Content-Type at all) whose
 *   decoded bytes are not valid UTF-8 gets the detected charset as its parameter, for
 *   mailparser to decode.
 *
 * Valid UTF-8 is never touched (ASCII is valid UTF-8): detection runs only on bytes that
 * cannot be UTF-8. The work is on latin1 strings, one character per byte, so the bytes
 * around what changes stay exactly as they were.
 */

/** Single-byte code pages of the Latin script (names lower-cased, without separators). */
const LATIN = /^(?:windows125[0247]|iso8859(?:1|2|3|4|9|10|13|14|15|16)|maclatin2|macroman|cp85[02])$/;
/** Below this (jschardet's 0-1 scale), a Latin guess on a few bytes is no better than the default. */
const MIN_LATIN_CONFIDENCE = 0.15;
/** The default for 8-bit bytes nothing else explains: the WHATWG's for undeclared Latin text. */
const FALLBACK = 'windows-1252';
const MAX_DEPTH = 20;

/**
 * The charset of bytes that are not UTF-8, by jschardet (a port of Python's chardet,
 * with language models). On a few bytes of Latin script (a name, a subject) it picks a
 * Central European or Baltic code page about as often as a Western one; Indonesian (and
 * Javanese, Sundanese) is written in the Western letters, so a weak Latin guess reads as
 * windows-1252 (a superset of ISO-8859-1). Other scripts (KOI8-R, windows-1251,
 * Shift_JIS, GB18030, Big5, EUC-KR, ...) are taken as detected.
 */
export function detectCharset(bytes: Uint8Array): string {
  const found = chardet
    .detectAll(bytes, { preferSuperset: true, ignoreThreshold: true })
    .find((r) => r.encoding && !/^(?:utf-?8|ascii)$/i.test(r.encoding) && iconv.encodingExists(r.encoding));
  if (!found?.encoding) return FALLBACK;
  const latin = LATIN.test(found.encoding.toLowerCase().replace(/[^a-z0-9]/g, ''));
  return latin && found.confidence < MIN_LATIN_CONFIDENCE ? FALLBACK : found.encoding;
}

/** Bytes as text: a declared charset iconv knows, else UTF-8 when valid, else the detected charset. */
export function decodeText(bytes: Buffer, declared?: string | null): string {
  if (declared && !/^(?:utf-?8|us-ascii|ascii)$/i.test(declared) && iconv.encodingExists(declared)) return iconv.decode(bytes, declared);
  return isUtf8(bytes) ? bytes.toString('utf8') : iconv.decode(bytes, detectCharset(bytes));
}

/** The mail with undeclared 8-bit headers as UTF-8 and undeclared 8-bit text parts labelled; valid mail as it was. */
export function labelUndeclaredCharsets(raw: Buffer): Buffer {
  // Only 8-bit bytes, or text encoded so that they are hidden, can need this.
  if (isUtf8(raw) && !/^content-transfer-encoding:[ \t]*(?:quoted-printable|base64)/im.test(raw.toString('latin1'))) return raw;
  const text = raw.toString('latin1');
  const hint = declaredCharset(text);
  const fixed = entity(text, hint, 0);
  return fixed === text ? raw : Buffer.from(fixed, 'latin1');
}

/** The first charset a Content-Type of the mail declares other than UTF-8 and ASCII: the sender's program's. */
function declaredCharset(text: string): string | null {
  for (const m of text.matchAll(/\bcharset\s*=\s*"?([A-Za-z0-9_.:+-]+)/gi)) {
    const name = m[1]!;
    if (!/^(?:utf-?8|us-ascii|ascii)$/i.test(name) && iconv.encodingExists(name)) return name;
  }
  return null;
}

/** One MIME entity (headers, blank line, body), as latin1 text. */
function entity(text: string, hint: string | null, depth: number): string {
  // A part without headers starts with its blank line.
  const split = /^\r?\n/.exec(text) ?? /\r?\n\r?\n/.exec(text);
  const headEnd = split ? split.index : text.length;
  let head = text.slice(0, headEnd);
  let body = split ? text.slice(headEnd + split[0].length) : '';
  const separator = split ? split[0] : '';

  const contentType = headerValue(head, 'content-type');
  const type = (contentType?.split(';')[0] ?? '').trim().toLowerCase();
  const charset = param(contentType, 'charset');
  const encoding = (headerValue(head, 'content-transfer-encoding') ?? '').trim().toLowerCase();

  // The body first: an undeclared text body is the best sample for the headers' charset too.
  let bodyCharset: string | null = null;
  if (type.startsWith('multipart/')) {
    const boundary = param(contentType, 'boundary');
    if (boundary && depth < MAX_DEPTH) body = multipart(body, boundary, hint, depth);
  } else if ((!type || type.startsWith('text/')) && !charset) {
    const bytes = decodeTransfer(body, encoding);
    if (!isUtf8(bytes)) {
      bodyCharset = hint ?? detectCharset(bytes);
      head = withCharset(head, contentType, bodyCharset);
    }
  }

  head = utf8Headers(head, charset && iconv.encodingExists(charset) && !/^(?:utf-?8|us-ascii|ascii)$/i.test(charset) ? charset : (bodyCharset ?? hint));
  return head + separator + body;
}

/** Each part between the boundary's delimiter lines; the preamble and epilogue as they were. */
function multipart(body: string, boundary: string, hint: string | null, depth: number): string {
  const escaped = boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const delimiters = [...body.matchAll(new RegExp(`(?:^|\\r?\\n)--${escaped}(--)?[ \\t]*(?:\\r?\\n|$)`, 'g'))];
  let out = '';
  let at = 0;
  for (let i = 0; i < delimiters.length; i++) {
    const d = delimiters[i]!;
    const start = d.index + d[0].length;
    out += body.slice(at, start);
    at = start;
    const next = delimiters[i + 1];
    if (d[1] || !next) break; // the close delimiter, or a part that never ends: left as it is
    out += entity(body.slice(start, next.index), hint, depth + 1);
    at = next.index;
  }
  return out + body.slice(at);
}

/**
 * Header lines (with their folded continuations) that are not valid UTF-8, decoded with
 * `charset` (or, without one, the charset detected from all of them together).
 */
function utf8Headers(head: string, charset: string | null): string {
  const fields = head.split(/(?=\r?\n(?![ \t]))/);
  const bad = fields.filter((f) => !isUtf8(Buffer.from(f, 'latin1')));
  if (!bad.length) return head;
  const use = charset ?? detectCharset(Buffer.from(bad.join(''), 'latin1'));
  return fields.map((f) => (bad.includes(f) ? Buffer.from(iconv.decode(Buffer.from(f, 'latin1'), use), 'utf8').toString('latin1') : f)).join('');
}

/** The unfolded value of the first field `name` in a header block; null when absent. */
function headerValue(head: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\n)${name}[ \\t]*:([^\\n]*(?:\\r?\\n[ \\t][^\\n]*)*)`, 'i').exec(head);
  return m ? m[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

function param(value: string | null, name: string): string | null {
  const m = value ? new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value) : null;
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** The Content-Type field with the charset added, or a new one when the part has none. */
function withCharset(head: string, contentType: string | null, charset: string): string {
  const label = `charset="${charset}"`;
  if (contentType === null) return `${head}${/\r\n/.test(head) ? '\r\n' : '\n'}Content-Type: text/plain; ${label}`;
  // The end of the first Content-Type field, after any folded lines.
  return head.replace(/((?:^|\n)content-type[ \t]*:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/i, `$1; ${label}`);
}

/** A body's bytes as its transfer encoding hides them. */
function decodeTransfer(body: string, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '');
    return Buffer.from(soft.replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  }
  return Buffer.from(body, 'latin1');
}
