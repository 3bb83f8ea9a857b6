import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { ALLOWED_TYPES, AUDIO_TYPES } from './policy.js';

/**
 * The sweep behind store.ts's guarantee: files that no attachments row names (left by a
 * crash between storing and COMMIT, or by a request killed mid-upload) are deleted once
 * they are old enough that no transaction can still be about to reference them.
 *
 * Only names this module writes are touched: YYYY/MM/<uuid>[-thumb].<ext> and
 * .tmp/<32 hex>[.main|.thumb]. A wrong UPLOAD_DIR (the project folder, a home folder)
 * loses nothing.
 */
const EXTENSIONS = [...new Set([...ALLOWED_TYPES.map((t) => t.ext), ...AUDIO_TYPES.map((t) => t.ext), 'webp'])].join('|');
const STORED_NAME = new RegExp(`^\\d{4}/\\d{2}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(-thumb)?\\.(${EXTENSIONS})$`);
const TEMP_NAME = /^\.tmp\/[0-9a-f]{32}(\.main|\.thumb)?$/;
/** Keys asked about in one query. */
const BATCH = 500;

export interface SweepResult {
  /** Files old enough to be judged. */
  checked: number;
  /** Keys (paths under UPLOAD_DIR) deleted. */
  removed: string[];
}

/**
 * Deletes our files under `uploadDir` that are older than `olderThanMs` (by mtime) and
 * that no attachments row references. Pick an age far above the longest request and
 * transaction: a file stored a moment ago waits for its COMMIT.
 */
export async function removeOrphanFiles(db: Kysely<DB>, uploadDir: string, olderThanMs: number, now = Date.now()): Promise<SweepResult> {
  const cutoff = now - olderThanMs;
  const candidates: string[] = [];
  for await (const key of ourFiles(uploadDir)) {
    const stat = await fs.promises.lstat(path.join(uploadDir, ...key.split('/'))).catch(() => undefined);
    if (stat?.isFile() && stat.mtimeMs < cutoff) candidates.push(key);
  }
  const removed: string[] = [];
  for (let i = 0; i < candidates.length; i += BATCH) {
    const batch = candidates.slice(i, i + BATCH);
    // Temp files are never referenced; only stored names need the question.
    const stored = batch.filter((k) => !k.startsWith('.tmp/'));
    const referenced = new Set<string>();
    if (stored.length) {
      const rows = await db
        .selectFrom('attachments')
        .select(['storage_key', 'thumbnail_key'])
        .where((eb) => eb.or([eb('storage_key', 'in', stored), eb('thumbnail_key', 'in', stored)]))
        .execute();
      for (const r of rows) {
        referenced.add(r.storage_key);
        if (r.thumbnail_key) referenced.add(r.thumbnail_key);
      }
    }
    for (const key of batch) {
      if (referenced.has(key)) continue;
      await fs.promises.rm(path.join(uploadDir, ...key.split('/')), { force: true });
      removed.push(key);
    }
  }
  return { checked: candidates.length, removed };
}

/** Our files under uploadDir, as keys; descends only into folders we create. */
async function* ourFiles(uploadDir: string): AsyncGenerator<string> {
  const folders = [''];
  while (folders.length) {
    const rel = folders.pop()!;
    const entries = await fs.promises.readdir(path.join(uploadDir, ...rel.split('/').filter(Boolean)), { withFileTypes: true }).catch(() => []);
    const depth = rel ? rel.split('/').length : 0;
    for (const entry of entries) {
      const key = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        // .tmp, then YYYY, then MM: nothing deeper is ours.
        if (depth === 0 && (entry.name === '.tmp' || /^\d{4}$/.test(entry.name))) folders.push(key);
        else if (depth === 1 && /^\d{4}$/.test(rel) && /^\d{2}$/.test(entry.name)) folders.push(key);
      } else if (entry.isFile() && (STORED_NAME.test(key) || TEMP_NAME.test(key))) {
        yield key;
      }
    }
  }
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * Sweeps at start and then every `everyMs` (a day by default), never two at once. The
 * timer does not keep the process alive. Returns a function that stops it.
 */
export function scheduleOrphanSweep(
  db: Kysely<DB>,
  uploadDir: string,
  logger: Pick<Logger, 'info' | 'error'>,
  { olderThanMs = DAY_MS, everyMs = DAY_MS }: { olderThanMs?: number; everyMs?: number } = {},
): () => void {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const { checked, removed } = await removeOrphanFiles(db, uploadDir, olderThanMs);
      if (removed.length) logger.info({ checked, removed: removed.length }, 'orphan upload files removed');
    } catch (err) {
      logger.error({ err }, 'orphan upload sweep failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void sweep(), 0);
  const timer = setInterval(() => void sweep(), everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
