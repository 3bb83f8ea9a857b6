import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileTypeFromFile } from 'file-type';
import type { Config } from '../config.js';
import { InputError } from '../shared/errors.js';
import { displayName } from './names.js';
import { ALLOWED_LABELS, ALLOWED_LABELS_WITH_AUDIO, type AllowedType, allowedType, megabytes, type UploadLimits, uploadLimits } from './policy.js';
import { derivedTempPath } from './upload.js';
import { loadSharp } from '../shared/sharp.js';

/**
 * What a file is, read from its bytes: never from its name or declared type. Images are
 * decoded and written again, which is what removes EXIF (GPS, camera serials), XMP and
 * IPTC, and what turns a polyglot (an image that is also HTML or a script) into plain
 * pixels. PDF and MP4 are kept as sent: their magic bytes are checked, and they are
 * served as downloads, never inline.
 */
export interface InspectedFile {
  /** Temp file holding the bytes to store: the re-encoded image, or the upload itself. */
  path: string;
  /** Temp file of the thumbnail (WebP), for images. */
  thumbnailPath: string | null;
  /** The client's name made safe to show, ending in the detected type's extension. */
  originalName: string;
  mime: AllowedType['mime'];
  ext: AllowedType['ext'];
  kind: AllowedType['kind'];
  /** Size and SHA-256 of the bytes that will be stored. */
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
}

/** What inspection needs of an upload; a multer file fits, so does a mail attachment written to a temp file. */
export type UploadedFile = Pick<Express.Multer.File, 'path' | 'originalname'>;

type LimitsSource = UploadLimits | Pick<Config, 'uploads'>;
const limitsOf = (s: LimitsSource): UploadLimits => ('uploads' in s ? uploadLimits(s) : s);

const JPEG_QUALITY = 82;
const WEBP_QUALITY = 82;
const THUMB_QUALITY = 70;
/**
 * Images decoded at once in this process. Each one keeps every core busy for 0.3-2 s
 * (a 10 MB phone JPEG about 0.5 s, a 100 MP PNG 2 s on two cores) and takes 60-100 MB;
 * without a bound, a burst of uploads would pile all of that up at the same moment.
 */
const IMAGE_SLOTS = 2;

/** Inspects the files of one request in turn; on a refusal, removes what it had written. */
export async function inspectUploads(files: UploadedFile[], limits: LimitsSource): Promise<InspectedFile[]> {
  const done: InspectedFile[] = [];
  try {
    for (const file of files) done.push(await inspectUpload(file, limits));
    return done;
  } catch (err) {
    const written = done.flatMap((f) => [f.path, f.thumbnailPath]).filter((p): p is string => Boolean(p));
    await Promise.all(written.map((p) => fs.promises.rm(p, { force: true })));
    throw err;
  }
}

/**
 * Checks one upload and prepares its bytes for storing. Throws InputError (field
 * `files`, with the file's safe name) for anything not in the whitelist.
 * For images the upload's temp file is deleted once re-encoded (it still holds the GPS
 * position); for PDF and MP4 it becomes `path`, which storing moves.
 */
export async function inspectUpload(file: UploadedFile, source: LimitsSource, options: { audio?: boolean } = {}): Promise<InspectedFile> {
  const limits = limitsOf(source);
  const shownName = displayName(file.originalname);
  const refuse = (key: string, params: Record<string, unknown> = {}) =>
    new InputError({ files: `attachments:errors.${key}` }, { files: { name: shownName, ...params } });

  const { size } = await fs.promises.stat(file.path);
  if (size === 0) throw refuse('empty');
  // The middleware enforces this while receiving; callers without it (mail) rely on this.
  if (size > limits.maxFileBytes) throw refuse('tooLarge', { maxMb: megabytes(limits.maxFileBytes) });

  const type = allowedType(await fileTypeFromFile(file.path), options);
  if (!type) throw refuse('type', { types: options.audio ? ALLOWED_LABELS_WITH_AUDIO : ALLOWED_LABELS });

  const base = { originalName: displayName(file.originalname, type.ext), mime: type.mime, ext: type.ext, kind: type.kind };
  if (type.kind !== 'image') {
    return { ...base, path: file.path, thumbnailPath: null, size, sha256: await sha256File(file.path), width: null, height: null };
  }
  const image = await withImageSlot(() => reencode(file.path, type, limits, refuse));
  await fs.promises.rm(file.path, { force: true });
  return { ...base, ...image, sha256: await sha256File(image.path) };
}

async function reencode(
  input: string,
  type: AllowedType,
  limits: UploadLimits,
  refuse: (key: string, params?: Record<string, unknown>) => InputError,
) {
  const main = derivedTempPath(input, 'main');
  const thumb = derivedTempPath(input, 'thumb');
  // 'error' refuses truncated and corrupt images; mere warnings (odd but harmless
  // metadata from some phones) pass, since the output is rebuilt from pixels anyway.
  const options = { limitInputPixels: limits.maxInputPixels, failOn: 'error' as const };
  const tooManyPixels = () => refuse('tooManyPixels', { maxMp: Math.floor(limits.maxInputPixels / 1_000_000) });
  const sharp = await loadSharp();
  try {
    // The header alone says how large the decoded image would be: refuse before decoding.
    const meta = await sharp(input, options).metadata();
    // sharp picks its decoder by sniffing too; it must agree with file-type.
    if (meta.format !== sharpFormat[type.mime as keyof typeof sharpFormat]) throw refuse('unreadable');
    if (!meta.width || !meta.height) throw refuse('unreadable');
    if (meta.width * meta.height > limits.maxInputPixels) throw tooManyPixels();

    const pipeline = sharp(input, options)
      // Apply the EXIF orientation to the pixels, since the tag itself goes away
      // (the same as .rotate() without an angle).
      .autoOrient()
      .resize({ width: limits.maxImageSide, height: limits.maxImageSide, fit: 'inside', withoutEnlargement: true });
    // No withMetadata/keep*: sharp writes no EXIF, XMP or IPTC, and converts to sRGB.
    const encoded =
      type.mime === 'image/jpeg'
        ? pipeline.jpeg({ quality: JPEG_QUALITY })
        : type.mime === 'image/png'
          ? pipeline.png({ compressionLevel: 9, adaptiveFiltering: true })
          : pipeline.webp({ quality: WEBP_QUALITY });
    const info = await encoded.toFile(main);
    // From the re-encoded image: already small, upright and without metadata.
    await sharp(main)
      .resize({ width: limits.thumbnailSide, height: limits.thumbnailSide, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: THUMB_QUALITY })
      .toFile(thumb);
    return { path: main, thumbnailPath: thumb, size: info.size, width: info.width, height: info.height };
  } catch (err) {
    await Promise.all([main, thumb].map((p) => fs.promises.rm(p, { force: true })));
    if (err instanceof InputError) throw err;
    // Our disk, not their file: libvips tells of a failed write in its message only.
    const message = String((err as Error)?.message);
    if (/write error/i.test(message)) {
      const full = /No space left on device|Disk quota exceeded/i.exec(message);
      throw full ? Object.assign(new Error(`re-encoded image not written: ${full[0]}`), { code: /quota/i.test(full[0]) ? 'EDQUOT' : 'ENOSPC' }) : err;
    }
    // sharp's own pixel guard, for formats whose header it reads lazily.
    if (/pixel limit/i.test(String((err as Error)?.message))) throw tooManyPixels();
    throw refuse('unreadable');
  }
}

const sharpFormat = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' } as const;

async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

let busy = 0;
const waiting: Array<() => void> = [];

async function withImageSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy >= IMAGE_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else busy++;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line, or free it.
    const next = waiting.shift();
    if (next) next();
    else busy--;
  }
}
