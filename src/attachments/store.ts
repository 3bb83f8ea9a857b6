import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { InspectedFile } from './inspect.js';

/**
 * Storing attachments so that the database and the folder never disagree in the
 * dangerous direction:
 *
 *   1. storeFiles: each inspected file is renamed from .tmp to its final place under a
 *      random key (YYYY/MM/<uuid>.<ext>) and fsync'd, before the transaction commits;
 *   2. insertAttachments (commands/insertAttachments.ts): the rows are written inside the
 *      caller's transaction;
 *   3. discardStored: if the transaction fails, the files are deleted.
 *
 * A row therefore only ever commits after its file is durably on disk. A crash between
 * 1 and the commit leaves a file without a row, which removeOrphanFiles (orphans.ts)
 * deletes later; it never leaves a row without its file.
 */
export interface StoredFile extends InspectedFile {
  /** Path under UPLOAD_DIR, with '/' separators; the attachments row's storage_key. */
  storageKey: string;
  thumbnailKey: string | null;
  /** `path` and `thumbnailPath` now name the final files. */
}

/**
 * Runs `work` (the transaction that writes the rows) with the files stored; discards
 * them if it throws. Pass `{ db }`: then a throw after the COMMIT (a lost COMMIT answer,
 * or work that does more after its transaction) keeps the files the rows name.
 */
export async function withStoredAttachments<T>(
  files: InspectedFile[],
  uploadDir: string,
  work: (stored: StoredFile[]) => Promise<T>,
  opts: DiscardOptions = {},
): Promise<T> {
  const stored = await storeFiles(files, uploadDir);
  try {
    return await work(stored);
  } catch (err) {
    // A file that cannot be deleted now is an orphan for the sweep; the caller's error matters more.
    await discardStored(stored, opts).catch(() => undefined);
    throw err;
  }
}

/** Moves inspected files into place under new random keys, durably. All or none. */
export async function storeFiles(files: InspectedFile[], uploadDir: string, now = new Date()): Promise<StoredFile[]> {
  const stored: StoredFile[] = [];
  try {
    for (const file of files) {
      const folder = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
      const id = crypto.randomUUID();
      const storageKey = `${folder}/${id}.${file.ext}`;
      const thumbnailKey = file.thumbnailPath ? `${folder}/${id}-thumb.webp` : null;
      const target = attachmentPath(uploadDir, storageKey);
      const thumbTarget = thumbnailKey ? attachmentPath(uploadDir, thumbnailKey) : null;
      await moveDurably(file.path, target, uploadDir);
      // Recorded at once, so a failure on the thumbnail still discards the main file.
      const entry: StoredFile = { ...file, storageKey, thumbnailKey: null, path: target, thumbnailPath: null };
      stored.push(entry);
      if (file.thumbnailPath && thumbTarget) {
        await moveDurably(file.thumbnailPath, thumbTarget, uploadDir);
        Object.assign(entry, { thumbnailKey, thumbnailPath: thumbTarget });
      }
    }
    return stored;
  } catch (err) {
    await discardStored(stored).catch(() => undefined);
    throw err;
  }
}

export interface DiscardOptions {
  /**
   * When given, files whose key a committed row references are kept. That covers a
   * COMMIT whose answer was lost (the connection dropped after the server committed):
   * the caller sees an error, but the rows exist and need their files. If this check
   * itself fails, every file is kept; the orphan sweep removes the unreferenced ones.
   */
  db?: Kysely<DB>;
}

/** Deletes stored files whose transaction failed. */
export async function discardStored(stored: StoredFile[], opts: DiscardOptions = {}): Promise<void> {
  if (!stored.length) return;
  let referenced = new Set<string>();
  if (opts.db) {
    const keys = stored.map((s) => s.storageKey);
    const rows = await opts.db.selectFrom('attachments').select('storage_key').where('storage_key', 'in', keys).execute();
    referenced = new Set(rows.map((r) => r.storage_key));
  }
  const paths = stored.filter((s) => !referenced.has(s.storageKey)).flatMap((s) => [s.path, s.thumbnailPath]);
  await Promise.all(paths.filter((p): p is string => Boolean(p)).map((p) => fs.promises.rm(p, { force: true })));
}

/**
 * The file of a storage key. Keys come from our own rows, but a path built from data is
 * checked anyway: no absolute paths, no '..', no hidden segments (.tmp), nothing outside.
 */
export function attachmentPath(uploadDir: string, storageKey: string): string {
  const segments = storageKey.split('/');
  const valid =
    storageKey.length > 0 &&
    storageKey.length <= 200 &&
    !/[\\\0:]/.test(storageKey) &&
    segments.every((s) => s.length > 0 && !s.startsWith('.'));
  const root = path.resolve(uploadDir);
  const full = path.resolve(root, ...segments);
  if (!valid || !full.startsWith(root + path.sep)) throw new Error(`invalid storage key: ${JSON.stringify(storageKey)}`);
  return full;
}

/**
 * rename(2) within UPLOAD_DIR: atomic, so the final name never shows half a file. The
 * content is fsync'd before and the folder after, so a power cut after the COMMIT cannot
 * lose a file its row names.
 */
async function moveDurably(from: string, to: string, uploadDir: string): Promise<void> {
  const folder = path.dirname(to);
  const created = await fs.promises.mkdir(folder, { recursive: true });
  await fsyncPath(from);
  try {
    await fs.promises.rename(from, to);
  } catch (err) {
    // UPLOAD_DIR/.tmp on another file system (a mount under UPLOAD_DIR): copy instead.
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await fs.promises.copyFile(from, to, fs.constants.COPYFILE_EXCL);
    await fsyncPath(to);
    await fs.promises.rm(from, { force: true });
  }
  // The orphan sweep judges age by mtime: a file stored now is young, however old the upload.
  const now = new Date();
  await fs.promises.utimes(to, now, now);
  await fsyncDir(folder);
  // New YYYY and MM folders are entries in their parents, which need syncing too.
  if (created) {
    for (let dir = path.dirname(folder); dir.length >= path.resolve(uploadDir).length; dir = path.dirname(dir)) {
      await fsyncDir(dir);
      if (dir === path.resolve(uploadDir)) break;
    }
  }
}

async function fsyncPath(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    await fsyncPath(dir);
  } catch (err) {
    // Some platforms (Windows) cannot open or sync a folder; the file itself is synced.
    if (!['EISDIR', 'EPERM', 'EACCES', 'EINVAL'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  }
}
