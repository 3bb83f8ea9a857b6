import fs from 'node:fs';
import os from 'node:os';
import { type AddressObject, type AttachmentStream, MailParser, type MessageText, type StructuredHeader } from 'mailparser';
import type { Config } from '../config.js';
import { LIMITS } from '../reports/limits.js';
import { displayName } from '../attachments/names.js';
import { AttachmentSink, type MailAttachment, type SkippedAttachment } from './attachments.js';
import { appendParts, mailBody } from './body.js';
import { decodeText, labelUndeclaredCharsets } from './charset.js';
import type { ReportParts } from './delivery.js';
import { firstHeader, messageIds, type RawHeaders, rawHeaders } from './headers.js';
import { isForwardSubject } from './quotes.js';

/**
 * One raw mail (RFC 822 bytes, as IMAP hands it over) turned into what the intake worker
 * needs, and nothing it should not trust: plain text only, addresses lower-cased, IDs
 * normalised, attachments on disk within the upload limits. MIME, charsets (UTF-8,
 * ISO-8859-1, windows-1252, ...), transfer encodings and RFC 2047 words are mailparser's;
 * 8-bit text that declares no charset is labelled first (charset.ts).
 *
 * What a forward carries is kept: a forwarded message (message/rfc822, an attached .eml)
 * is parsed in turn, its text appended to the text with its From, Date and Subject, its
 * files among the attachments; a text file's text is appended too. Both are still named
 * among the skipped parts (they are not stored as files), with why.
 */

export interface MailAddress {
  /** The display name, decoded; null when the header gave none. */
  name: string | null;
  /** Lower-cased (mail systems treat addresses case-insensitively in practice). */
  address: string;
}

export interface InboundMail {
  /** Without angle brackets; null when the mail has none. */
  messageId: string | null;
  inReplyTo: string | null;
  /** Oldest first, as in the header; without angle brackets. */
  references: string[];
  /** Decoded, on one line; '' when none. */
  subject: string;
  /** null when the mail has no Date header; the parse time when it has one that cannot be read. */
  date: Date | null;
  from: MailAddress | null;
  replyTo: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /**
   * What the sender wrote now, as plain text: quoted history and signature cut, "\n" line
   * ends, trimmed, at most maxTextChars. '' for an empty mail.
   */
  text: string;
  /** The whole body as text, uncut (up to 100,000 characters), for staff when the cut was wrong. */
  fullText: string;
  /** True when history or a signature was cut from `text`. */
  quoteCut: boolean;
  /** True when `text` was shortened to maxTextChars. */
  truncated: boolean;
  /** Temp files, within uploads.maxFiles and maxFileBytes; the caller must remove them (see removeAttachmentFiles). */
  attachments: MailAttachment[];
  /** Attachments not kept, and why, to tell staff (and the citizen) what did not arrive. */
  skipped: SkippedAttachment[];
  /** The top-level Content-Type, lower-cased, with its parameters (e.g. report-type). */
  contentType: StructuredHeader;
  /** Every header of the message, raw (not decoded), for classification and logs. */
  headers: RawHeaders;
  /** The heads of a multipart/report's machine-readable parts (bounces); nulls otherwise. */
  deliveryParts: ReportParts;
}

export interface ParseMailOptions {
  /** Attachment limits, the web form's (UPLOAD_MAX_FILES, UPLOAD_MAX_MB). */
  uploads: Config['uploads'];
  /**
   * Where attachments are written. Pass tempDir(config.uploadDir): storing is then a
   * rename, and the orphan sweep removes what a crash leaves. Default: os.tmpdir().
   */
  tmpDir?: string;
  /** Length cap of `text`. Default: the web form's report body limit (LIMITS.bodyMax). */
  maxTextChars?: number;
  /** How many forwards deep this mail is (a forwarded message inside a forwarded one...). */
  depth?: number;
}

export class MailParseError extends Error {
  constructor(
    /** empty: no bytes at all; malformed: the MIME structure cannot be read. */
    readonly code: 'empty' | 'malformed',
    message: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'MailParseError';
  }
}

/** Parts of a delivery report read into memory: they are small, and only their head matters. */
const REPORT_PART_BYTES = 64 * 1024;
const DELIVERY_STATUS_TYPES = ['message/delivery-status', 'message/global-delivery-status'];
const RETURNED_TYPES = ['text/rfc822-headers', 'message/rfc822', 'message/global', 'message/global-headers'];
const MAX_SUBJECT_CHARS = 1000;
const FORWARDED_TYPES = ['message/rfc822', 'message/global'];
/** Forwards inside forwards are read this deep; deeper ones are only named. */
const MAX_FORWARD_DEPTH = 3;
/** A text file's text kept: more than a report's body can hold. */
const TEXT_FILE_BYTES = 100 * 1024;
/** References lists grow with each reply; ours are among the most recent (the end). */
const MAX_REFERENCES = 100;

/**
 * Parses one mail. Throws MailParseError for no bytes or an unreadable structure (and
 * then leaves no files behind); a disk error is thrown as it is. Any other bytes give a
 * mail, possibly without sender or text: the caller decides what to do with it.
 */
export async function parseMail(raw: Buffer, opts: ParseMailOptions): Promise<InboundMail> {
  if (raw.length === 0) throw new MailParseError('empty', 'the mail has no bytes');
  const dir = opts.tmpDir ?? os.tmpdir();
  await fs.promises.mkdir(dir, { recursive: true });
  const sink = new AttachmentSink(dir, opts.uploads);
  const deliveryParts: ReportParts = { deliveryStatus: null, machine: null, returned: null };
  const appendix: string[] = [];
  const depth = opts.depth ?? 0;
  const parser = new MailParser({
    // HTML is turned into text by body.ts, with our options, and only when there is no text part.
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
    // A bounce's status part and returned mail come as attachments, for delivery.ts.
    keepDeliveryStatus: true,
    ignoreEmbedded: true,
    checksumAlgo: false,
  });

  let isReport = false;
  parser.once('headers', (headers) => {
    isReport = contentTypeOf(headers.get('content-type')).value === 'multipart/report';
  });
  let body: MessageText = { type: 'text' };
  try {
    parser.end(labelUndeclaredCharsets(raw));
    for await (const data of parser as AsyncIterable<AttachmentStream | MessageText>) {
      if (data.type === 'text') {
        body = data;
        continue;
      }
      try {
        const type = data.contentType.toLowerCase();
        if (isReport && DELIVERY_STATUS_TYPES.includes(type)) deliveryParts.deliveryStatus = await readHead(data.content);
        else if (isReport && RETURNED_TYPES.includes(type)) deliveryParts.returned = await readHead(data.content);
        // Any other report's machine-readable part (RFC 6522): ARF's message/feedback-report, an MDN's.
        else if (isReport && type.startsWith('message/') && deliveryParts.machine === null) deliveryParts.machine = await readHead(data.content);
        else if (FORWARDED_TYPES.includes(type) && depth < MAX_FORWARD_DEPTH) appendix.push(await forwarded(data, sink, { ...opts, tmpDir: dir, depth: depth + 1 }));
        else if (type === 'text/plain') appendix.push(await textFile(data, sink));
        else await sink.take(data);
      } finally {
        data.release?.();
      }
    }
  } catch (err) {
    await sink.remove();
    // The disk (ENOSPC, EACCES) is our problem, not the mail's: the caller retries.
    if ((err as NodeJS.ErrnoException)?.syscall) throw err;
    throw new MailParseError('malformed', `the mail cannot be parsed: ${(err as Error)?.message ?? err}`, { cause: err });
  }

  const headers = rawHeaders(parser.headerLines || []);
  const subject = oneLine(parser.subject ?? '').slice(0, MAX_SUBJECT_CHARS);
  const maxChars = opts.maxTextChars ?? LIMITS.bodyMax;
  const text = appendParts(mailBody({ text: body.text, html: body.html }, { forwarded: isForwardSubject(subject), maxChars }), appendix, maxChars);
  return {
    messageId: messageIds(firstHeader(headers, 'message-id'))[0] ?? null,
    inReplyTo: messageIds(firstHeader(headers, 'in-reply-to'))[0] ?? null,
    references: messageIds((headers.get('references') ?? []).join(' ')).slice(-MAX_REFERENCES),
    subject,
    date: headers.has('date') && parser.date ? parser.date : null,
    from: addresses(parser.from)[0] ?? null,
    replyTo: addresses(parser.replyTo)[0] ?? null,
    to: addresses(parser.to),
    cc: addresses(parser.cc),
    ...text,
    attachments: sink.kept,
    skipped: sink.skipped,
    contentType: contentTypeOf(parser.headers ? parser.headers.get('content-type') : undefined),
    headers,
    deliveryParts,
  };
}

/**
 * A forwarded message, parsed as a mail of its own (its charset, its attachments): its
 * files join this mail's, within what is left of the limits; its text comes back as a
 * block with the forward's headers, as mail programs write a forward inline.
 */
async function forwarded(part: AttachmentStream, sink: AttachmentSink, opts: ParseMailOptions): Promise<string> {
  const { bytes, size } = await readUpTo(part.content, opts.uploads.maxFiles * opts.uploads.maxFileBytes * 1.4 + 2 * 1024 * 1024);
  let inner: InboundMail;
  try {
    if (bytes.length < size) throw new MailParseError('malformed', 'too large');
    const room = Math.max(0, opts.uploads.maxFiles - sink.kept.length);
    inner = await parseMail(bytes, { ...opts, uploads: { ...opts.uploads, maxFiles: room } });
  } catch (err) {
    if (!(err instanceof MailParseError)) throw err;
    sink.note(part, bytes.length < size ? 'too_large' : 'type', size);
    return '';
  }
  sink.kept.push(...inner.attachments);
  sink.skipped.push(...inner.skipped);
  sink.note({ contentType: part.contentType, filename: part.filename ?? `${inner.subject || 'pesan'}.eml` }, 'forwarded', size);
  const who = (a: MailAddress) => (a.name ? `${a.name} <${a.address}>` : a.address);
  const head = [
    ['Dari', inner.from ? who(inner.from) : null],
    ['Tanggal', firstHeader(inner.headers, 'date')],
    ['Subjek', inner.subject || null],
    ['Kepada', inner.to.map(who).join(', ') || null],
  ].flatMap(([k, v]) => (v ? [`${k}: ${v}`] : []));
  return ['---------- Pesan diteruskan ----------', ...head, '', inner.fullText].join('\n');
}

/** A text file's text (its first TEXT_FILE_BYTES), in its declared charset or the one it looks like. */
async function textFile(part: AttachmentStream, sink: AttachmentSink): Promise<string> {
  const { bytes, size } = await readUpTo(part.content, TEXT_FILE_BYTES);
  sink.note(part, 'text', size);
  const declared = contentTypeOf(part.headers?.get('content-type')).params.charset ?? null;
  const text = decodeText(bytes, declared);
  return text.trim() ? `---------- Lampiran teks: ${displayName(part.filename)} ----------\n${text}` : '';
}

/** Up to `max` bytes of a stream, which is read to its end (the parser waits for that). */
async function readUpTo(content: AsyncIterable<Buffer>, max: number): Promise<{ bytes: Buffer; size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of content) {
    if (size < max) chunks.push(chunk);
    size += chunk.length;
  }
  return { bytes: Buffer.concat(chunks).subarray(0, max), size };
}

function contentTypeOf(value: unknown): StructuredHeader {
  const header = value as Partial<StructuredHeader> | undefined;
  return { value: (header?.value ?? 'text/plain').toLowerCase(), params: header?.params ?? {} };
}

/** Every mailbox of one or more address headers, groups flattened, without entries lacking an address. */
function addresses(header: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const entries = [header ?? []].flat().flatMap((h) => h.value);
  return entries
    .flatMap((e) => (e.group ? e.group : [e]))
    .filter((e) => e.address?.includes('@'))
    .map((e) => ({ name: oneLine(e.name) || null, address: e.address!.trim().toLowerCase() }));
}

/** Decoded header text may hold newlines and control characters (RFC 2047 can encode them). */
function oneLine(value: string): string {
  return value
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first REPORT_PART_BYTES as text; the rest is read and dropped (the parser waits for the end). */
async function readHead(content: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of content) {
    if (size < REPORT_PART_BYTES) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, REPORT_PART_BYTES).toString('utf8');
}
