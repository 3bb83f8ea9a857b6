import type { Config } from '../config.js';

/**
 * The one whitelist of attachments (STYLE habit 13). Every check reads it: the upload
 * middleware for counts and sizes, inspection for types. A type is added here or nowhere.
 *
 * `ext` is what file-type reports for the bytes and what the stored file is named with;
 * a file is accepted only when both its detected mime and ext match an entry, so
 * look-alikes that share a mime (file-type calls DRM'd .m4p and Flash .f4v "video/mp4")
 * stay out.
 */
export const ALLOWED_TYPES = [
  { mime: 'image/jpeg', ext: 'jpg', kind: 'image', label: 'JPEG' },
  { mime: 'image/png', ext: 'png', kind: 'image', label: 'PNG' },
  { mime: 'image/webp', ext: 'webp', kind: 'image', label: 'WebP' },
  { mime: 'application/pdf', ext: 'pdf', kind: 'document', label: 'PDF' },
  { mime: 'video/mp4', ext: 'mp4', kind: 'video', label: 'MP4' },
] as const;

/**
 * Voice notes and audio files, taken from WhatsApp only (a voice note is how many citizens
 * describe a problem there); the web form, the API and mail do not offer them. Kept as sent
 * after the same checks as PDF and MP4 (magic bytes; served as downloads, never inline).
 * WhatsApp's voice notes are OGG/Opus; audio files come as MP3 or M4A (AAC in MP4).
 */
export const AUDIO_TYPES = [
  { mime: 'audio/ogg; codecs=opus', ext: 'opus', kind: 'audio', label: 'OGG/Opus' },
  { mime: 'audio/ogg', ext: 'ogg', kind: 'audio', label: 'OGG' },
  { mime: 'audio/mpeg', ext: 'mp3', kind: 'audio', label: 'MP3' },
  { mime: 'audio/x-m4a', ext: 'm4a', kind: 'audio', label: 'M4A' },
] as const;

export type AllowedType = (typeof ALLOWED_TYPES)[number] | (typeof AUDIO_TYPES)[number];
export type AllowedMime = AllowedType['mime'];
export type AttachmentKind = AllowedType['kind'];

/** The entry for a detected type, or undefined when the type is not allowed (audio only when asked for). */
export function allowedType(detected: { mime: string; ext: string } | undefined, options: { audio?: boolean } = {}): AllowedType | undefined {
  if (!detected) return undefined;
  const types: readonly AllowedType[] = options.audio ? [...ALLOWED_TYPES, ...AUDIO_TYPES] : ALLOWED_TYPES;
  return types.find((t) => t.mime === detected.mime && t.ext === detected.ext);
}

/** The labels with audio, for WhatsApp's refusals. */
export const ALLOWED_LABELS_WITH_AUDIO = [...ALLOWED_TYPES, ...AUDIO_TYPES].map((t) => t.label).join(', ');

/** "JPEG, PNG, WebP, PDF, MP4" for messages, so they never disagree with the list. */
export const ALLOWED_LABELS = ALLOWED_TYPES.map((t) => t.label).join(', ');

/** For <input type="file" accept="...">: a hint to the browser, never a check. */
export const ACCEPT_ATTRIBUTE = ALLOWED_TYPES.map((t) => t.mime).join(',');

export interface UploadLimits {
  /** Files per request (UPLOAD_MAX_FILES); 0 turns attachments off. */
  maxFiles: number;
  /** Bytes per file as uploaded (UPLOAD_MAX_MB). */
  maxFileBytes: number;
  /**
   * Decoded pixels an image may have. Guards against decompression bombs: a PNG of a
   * few KB can claim 50000x50000 pixels (10 GB decoded). 110 MP admits every phone
   * camera's normal mode (48-50 MP) and 108 MP sensors at full resolution.
   */
  maxInputPixels: number;
  /** Longest side of a stored image; larger photos are scaled down. */
  maxImageSide: number;
  /** Longest side of a thumbnail. */
  thumbnailSide: number;
}

export function uploadLimits(config: Pick<Config, 'uploads'>): UploadLimits {
  return {
    maxFiles: config.uploads.maxFiles,
    maxFileBytes: config.uploads.maxFileBytes,
    maxInputPixels: 110_000_000,
    maxImageSide: 2560,
    thumbnailSide: 320,
  };
}

/** Bytes as megabytes for messages ("10", "2.5"); the message formats the number per locale. */
export function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}
