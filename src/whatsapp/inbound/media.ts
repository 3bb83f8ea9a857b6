import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WhatsAppConfig } from '../../config.js';

/**
 * Media a citizen sent, from Meta's Graph API: GET /{media-id} gives a short-lived URL (and
 * the type and size Meta knows), then GET that URL with the same Bearer token gives the
 * bytes. Sizes are checked before (file_size) and while (counted) the bytes come.
 */
export interface MediaInfo {
  url: string;
  mime: string;
  size: number | null;
}

/** Meta or the network failed: the caller tries again later. */
export class MediaUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MediaUnavailableError';
  }
}

/** Over the upload limit: refused, told to the citizen. */
export class MediaTooLargeError extends Error {
  constructor() {
    super('media over the upload limit');
    this.name = 'MediaTooLargeError';
  }
}

const TIMEOUT_MS = 30_000;

export async function mediaInfo(wa: WhatsAppConfig, mediaId: string): Promise<MediaInfo> {
  let res: Response;
  try {
    res = await fetch(`${wa.graphUrl}/${encodeURIComponent(mediaId)}`, {
      headers: { Authorization: `Bearer ${wa.accessToken}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new MediaUnavailableError(`media ${mediaId}: ${(err as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as { url?: unknown; mime_type?: unknown; file_size?: unknown } | null;
  if (!res.ok || !body || typeof body.url !== 'string') throw new MediaUnavailableError(`media ${mediaId}: HTTP ${res.status}`);
  const size = Number(body.file_size);
  return { url: body.url, mime: typeof body.mime_type === 'string' ? body.mime_type : 'application/octet-stream', size: Number.isFinite(size) && size >= 0 ? size : null };
}

/** The bytes to a new temp file in `dir`; at most maxBytes. Returns the file's path. */
export async function downloadMedia(wa: WhatsAppConfig, info: MediaInfo, dir: string, maxBytes: number): Promise<string> {
  if (info.size !== null && info.size > maxBytes) throw new MediaTooLargeError();
  let res: Response;
  try {
    res = await fetch(info.url, { headers: { Authorization: `Bearer ${wa.accessToken}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new MediaUnavailableError(`media download: ${(err as Error).message}`);
  }
  if (!res.ok || !res.body) throw new MediaUnavailableError(`media download: HTTP ${res.status}`);
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) throw new MediaTooLargeError();
  await fs.promises.mkdir(dir, { recursive: true });
  // The same temp names the upload middleware writes, so the orphan sweep knows them.
  const file = path.join(dir, crypto.randomBytes(16).toString('hex'));
  const out = fs.createWriteStream(file);
  let bytes = 0;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw new MediaTooLargeError();
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return file;
  } catch (err) {
    out.destroy();
    await fs.promises.rm(file, { force: true });
    if (err instanceof MediaTooLargeError) throw err;
    throw new MediaUnavailableError(`media download: ${(err as Error).message}`);
  }
}
