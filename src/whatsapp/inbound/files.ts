import fs from 'node:fs';
import { type InspectedFile, inspectUpload } from '../../attachments/inspect.js';
import { megabytes } from '../../attachments/policy.js';
import { tempDir } from '../../attachments/upload.js';
import type { Config, WhatsAppConfig } from '../../config.js';
import { InputError } from '../../shared/errors.js';
import { translator } from '../../shared/i18n.js';
import { downloadMedia, MediaTooLargeError, mediaInfo } from './media.js';

/**
 * A citizen's media as an attachment: fetched from Meta (media.ts) into the uploads' temp
 * folder, then through the same inspection as every upload (attachments/inspect.ts: type
 * by the bytes, images re-encoded without EXIF), with voice notes allowed. A refusal is
 * a sentence for the citizen; Meta being unreachable throws MediaUnavailableError (the
 * caller tries again later).
 */
export type FetchedFile = { ok: true; file: InspectedFile } | { ok: false; refusal: string };

/** Types Meta declares that inspection can accept; others are refused before any download. */
const DECLARED = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'video/mp4', 'audio/ogg', 'audio/opus', 'audio/mpeg', 'audio/mp4', 'audio/x-m4a']);

export function declaredTypeAccepted(mime: string): boolean {
  return DECLARED.has(mime.split(';')[0]!.trim().toLowerCase());
}

export function displayedName(media: { kind: string; filename: string | null }): string {
  return media.filename ?? (media.kind === 'audio' ? 'pesan-suara' : media.kind === 'image' ? 'foto' : media.kind);
}

/** The refusal for a type Meta declared and we never take. */
export function typeRefusal(name: string): string {
  return translator('id')('whatsapp:refused.type', { name, types: 'JPEG, PNG, WebP, PDF, MP4, OGG/Opus, MP3, M4A' });
}

/** Checks what Meta says of the media (size, type) without downloading it: for an early refusal. */
export async function precheckMedia(wa: WhatsAppConfig, config: Config, media: { id: string; kind: string; mime: string; filename: string | null }): Promise<string | null> {
  const name = displayedName(media);
  if (!declaredTypeAccepted(media.mime)) return typeRefusal(name);
  const info = await mediaInfo(wa, media.id);
  if (info.size !== null && info.size > config.uploads.maxFileBytes) {
    return translator('id')('whatsapp:refused.tooLarge', { name, maxMb: megabytes(config.uploads.maxFileBytes) });
  }
  return null;
}

export async function fetchFile(wa: WhatsAppConfig, config: Config, media: { id: string; kind: string; mime: string; filename: string | null }): Promise<FetchedFile> {
  const name = displayedName(media);
  const t = translator('id');
  if (!declaredTypeAccepted(media.mime)) return { ok: false, refusal: typeRefusal(name) };
  const info = await mediaInfo(wa, media.id);
  let downloaded: string;
  try {
    downloaded = await downloadMedia(wa, info, tempDir(config.uploadDir), config.uploads.maxFileBytes);
  } catch (err) {
    if (err instanceof MediaTooLargeError) return { ok: false, refusal: t('whatsapp:refused.tooLarge', { name, maxMb: megabytes(config.uploads.maxFileBytes) }) };
    throw err;
  }
  try {
    return { ok: true, file: await inspectUpload({ path: downloaded, originalname: name }, config, { audio: true }) };
  } catch (err) {
    await fs.promises.rm(downloaded, { force: true });
    if (err instanceof InputError) return { ok: false, refusal: err.fields(t).files ?? t('whatsapp:refused.unreadable', { name }) };
    throw err;
  }
}

/** Removes inspected files that were not stored (stored ones were moved away: nothing to remove). */
export async function removeFiles(files: InspectedFile[]): Promise<void> {
  const paths = files.flatMap((f) => [f.path, f.thumbnailPath]).filter((p): p is string => Boolean(p));
  await Promise.all(paths.map((p) => fs.promises.rm(p, { force: true })));
}
