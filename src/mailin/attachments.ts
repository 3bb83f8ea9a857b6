import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { AttachmentStream } from 'mailparser';
import { displayName } from '../attachments/names.js';
import { allowedType } from '../attachments/policy.js';
import { tempFamily } from '../attachments/upload.js';
import { loadSharp } from '../shared/sharp.js';

/**
 * A mail's attachments, written to temp files as they are decoded: never more than one
 * chunk of an attachment is held in memory, and nothing past the limits is written.
 * The files have the shape inspectUploads() takes; it still checks every byte.
 */

/** An attachment kept: a temp file for inspectUpload(); `originalname` is the sender's name, unsafe until displayName(). */
export interface MailAttachment {
  path: string;
  originalname: string;
  size: number;
  /** The type the mail declared; inspection trusts only the bytes. */
  contentType: string;
  /** Shown inside the text (a photo pasted into the mail) rather than attached. */
  inline: boolean;
}

export type SkipReason =
  /** More attachments than uploads.maxFiles: the first ones are kept. */
  | 'too_many'
  /** Over uploads.maxFileBytes. */
  | 'too_large'
  /** Not a type the web form accepts either (by its bytes). */
  | 'type'
  | 'empty'
  /** A small picture inside the text: a logo or icon of a signature, not evidence. */
  | 'logo'
  /** A digital signature of the mail (S/MIME .p7s, OpenPGP .asc): it proves nothing to staff once the mail is taken apart. */
  | 'signature'
  /** A forwarded message (message/rfc822, .eml): its text is in the report's text, its files among the attachments. */
  | 'forwarded'
  /** A text file (.txt): its text is in the report's text. */
  | 'text';

export interface SkippedAttachment {
  /** Safe to show (displayName). */
  name: string;
  contentType: string;
  /** Decoded bytes. */
  size: number;
  reason: SkipReason;
}

/** Bytes file-type needs to recognise every allowed type. */
const SNIFF_BYTES = 4100;
/**
 * Pictures in the text no larger than this on their longest side are signature logos,
 * social icons and tracking pixels; a photo pasted into a mail is far larger.
 */
const LOGO_MAX_SIDE = 256;

export interface AttachmentLimits {
  maxFiles: number;
  maxFileBytes: number;
}

/** Collects one mail's attachments; `remove()` deletes what it wrote. */
export class AttachmentSink {
  readonly kept: MailAttachment[] = [];
  readonly skipped: SkippedAttachment[] = [];

  constructor(
    private readonly dir: string,
    private readonly limits: AttachmentLimits,
  ) {}

  /** Reads the attachment to its end (the parser waits for that), keeping or skipping it. */
  async take(part: AttachmentStream): Promise<void> {
    const skip = (reason: SkipReason, size: number) => {
      this.skipped.push({ name: displayName(part.filename), contentType: part.contentType, size, reason });
    };

    if (isSignature(part)) return skip('signature', await drain(part.content));
    if (this.kept.length >= this.limits.maxFiles) return skip('too_many', await drain(part.content));

    const file = path.join(this.dir, crypto.randomBytes(16).toString('hex'));
    const written = await this.write(part.content, file);
    if (written.refused) return skip(written.refused, written.size);

    const inline = part.related === true && part.contentDisposition !== 'attachment';
    if (inline && written.image && (await isSmallPicture(file))) {
      await fs.promises.rm(file, { force: true });
      return skip('logo', written.size);
    }
    this.kept.push({ path: file, originalname: part.filename ?? '', size: written.size, contentType: part.contentType, inline });
  }

  /** A part read elsewhere (a forwarded message, a text file), named among the skipped ones. */
  note(part: Pick<AttachmentStream, 'filename' | 'contentType'>, reason: SkipReason, size: number): void {
    this.skipped.push({ name: displayName(part.filename), contentType: part.contentType, size, reason });
  }

  /** Deletes every file kept, and what inspection derived from them. */
  async remove(): Promise<void> {
    await removeAttachmentFiles(this.kept);
  }

  /**
   * Writes the stream to `file` once its first bytes show an allowed type, stopping at
   * maxFileBytes; reads on to the end either way, counting.
   */
  private async write(content: AsyncIterable<Buffer>, file: string): Promise<{ size: number; image: boolean; refused?: SkipReason }> {
    let size = 0;
    let head: Buffer[] = [];
    let out: { handle: fs.promises.FileHandle; image: boolean } | null = null;
    let refused: SkipReason | undefined;
    let complete = false;
    // Opens the file once the head shows an allowed type; null for any other type.
    const open = async () => {
      const bytes = Buffer.concat(head);
      head = [];
      const type = allowedType(await fileTypeFromBuffer(bytes));
      if (!type) return null;
      const handle = await fs.promises.open(file, 'wx', 0o600);
      await handle.write(bytes).catch(async (err: unknown) => {
        await handle.close();
        throw err;
      });
      return { handle, image: type.kind === 'image' };
    };
    try {
      for await (const chunk of content) {
        size += chunk.length;
        if (refused) continue;
        if (size > this.limits.maxFileBytes) refused = 'too_large';
        else if (out) await out.handle.write(chunk);
        else {
          head.push(chunk);
          if (size >= SNIFF_BYTES && !(out = await open())) refused = 'type';
        }
      }
      if (size === 0) refused = 'empty';
      else if (!out && !refused && !(out = await open())) refused = 'type';
      complete = true;
    } finally {
      await out?.handle.close();
      // A refused file, or half a file when the mail broke off mid-attachment.
      if (refused || !complete) await fs.promises.rm(file, { force: true });
    }
    return { size, image: out?.image ?? false, refused };
  }
}

/** Deletes attachments' temp files and inspection's derived files; already moved ones are no-ops. */
export async function removeAttachmentFiles(files: readonly Pick<MailAttachment, 'path'>[]): Promise<void> {
  await Promise.all(files.flatMap((f) => tempFamily(f.path)).map((p) => fs.promises.rm(p, { force: true })));
}

const SIGNATURE_TYPES = ['application/pkcs7-signature', 'application/x-pkcs7-signature', 'application/pgp-signature'];

function isSignature(part: AttachmentStream): boolean {
  return SIGNATURE_TYPES.includes(part.contentType.toLowerCase()) || /\.p7s$/i.test(part.filename ?? '');
}

async function drain(content: AsyncIterable<Buffer>): Promise<number> {
  let size = 0;
  for await (const chunk of content) size += chunk.length;
  return size;
}

/** Reads only the image's header. Unreadable ones are left for inspection to refuse. */
async function isSmallPicture(file: string): Promise<boolean> {
  const sharp = await loadSharp();
  const meta = await sharp(file).metadata().catch(() => null);
  return !!meta?.width && !!meta.height && Math.max(meta.width, meta.height) <= LOGO_MAX_SIDE;
}
