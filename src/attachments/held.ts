import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../shared/errors.js';
import { type InspectedFile, inspectUpload, type UploadedFile } from './inspect.js';
import type { UploadLimits } from './policy.js';
import { tempDir } from './upload.js';

/**
 * Files held between two tries of a form (issue 19 item 12, issue 24 item 3): a citizen's
 * photos, already inspected, kept when the form comes back with an error in another
 * field, so they need not be chosen again.
 *
 * A held file is an inspected file renamed to a name of its own in UPLOAD_DIR/.tmp
 * (32 hex; its thumbnail with ".thumb"), away from the request's temp names that the
 * upload middleware removes when the response ends. No row names it: the orphan sweep
 * (orphans.ts) removes what is never sent, a day after it was held. Whoever keeps the
 * list (the form's session) keeps it for less than that (HOLD_MS).
 */
export const HOLD_MS = 6 * 3600_000;

/** An inspected file (inspect.ts) kept under a name of its own instead of its temp paths. */
export interface HeldFile extends Omit<InspectedFile, 'path' | 'thumbnailPath'> {
  /** The held name under .tmp: 32 hex characters. */
  name: string;
  /** Whether a thumbnail is held beside it (`name`.thumb). */
  thumbnail: boolean;
}

const HELD_NAME = /^[0-9a-f]{32}$/;

/** A held file as a list read back from storage (a session) may hold it, or undefined if it is not one. */
export function asHeldFile(v: unknown): HeldFile | undefined {
  const f = v as Partial<HeldFile> | null;
  if (!f || typeof f !== 'object' || typeof f.name !== 'string' || !HELD_NAME.test(f.name)) return undefined;
  if (typeof f.originalName !== 'string' || typeof f.mime !== 'string' || typeof f.size !== 'number') return undefined;
  return f as HeldFile;
}

const heldPath = (uploadDir: string, name: string, thumb = false) => path.join(tempDir(uploadDir), thumb ? `${name}.thumb` : name);

export interface HoldResult {
  held: HeldFile[];
  /** The first file refused (its type, its size, one too many), naming it; the others are held. */
  refusal?: InputError;
}

/**
 * Inspects each upload and holds the ones that pass, up to `room` files. A refused file
 * does not stop the others: the citizen is told which one, and keeps the rest.
 */
export async function holdUploads(files: UploadedFile[], limits: UploadLimits, uploadDir: string, room: number): Promise<HoldResult> {
  const held: HeldFile[] = [];
  let refusal: InputError | undefined;
  for (const file of files) {
    if (held.length >= room) {
      refusal ??= new InputError({ files: 'attachments:errors.tooMany' }, { files: { maxFiles: limits.maxFiles } });
      break;
    }
    let inspected: InspectedFile;
    try {
      inspected = await inspectUpload(file, limits);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      refusal ??= err;
      continue;
    }
    held.push(await hold(inspected, uploadDir));
  }
  return { held, refusal };
}

async function hold(file: InspectedFile, uploadDir: string): Promise<HeldFile> {
  const name = crypto.randomBytes(16).toString('hex');
  await fs.promises.rename(file.path, heldPath(uploadDir, name));
  if (file.thumbnailPath) await fs.promises.rename(file.thumbnailPath, heldPath(uploadDir, name, true));
  return {
    name,
    thumbnail: Boolean(file.thumbnailPath),
    originalName: file.originalName,
    mime: file.mime,
    ext: file.ext,
    kind: file.kind,
    size: file.size,
    sha256: file.sha256,
    width: file.width,
    height: file.height,
  };
}

/** The held files still on disk (the sweep, or a send that took them, removes them). */
export async function stillHeld(files: HeldFile[], uploadDir: string): Promise<HeldFile[]> {
  const present = await Promise.all(files.map((f) => fs.promises.access(heldPath(uploadDir, f.name)).then(() => true, () => false)));
  return files.filter((_, i) => present[i]);
}

/**
 * Takes held files for storing: each is renamed to a new name first, so two sends of the
 * same form (a double tap) cannot both take one file; the one that comes second is told
 * they are gone (InputError on `files`), with nothing taken.
 */
export async function claimHeld(files: HeldFile[], uploadDir: string): Promise<InspectedFile[]> {
  const claimed: { from: string; to: string }[] = [];
  const out: InspectedFile[] = [];
  try {
    for (const f of files) {
      const name = crypto.randomBytes(16).toString('hex');
      const main = { from: heldPath(uploadDir, f.name), to: heldPath(uploadDir, name) };
      await fs.promises.rename(main.from, main.to);
      claimed.push(main);
      let thumbnailPath: string | null = null;
      if (f.thumbnail) {
        const thumb = { from: heldPath(uploadDir, f.name, true), to: heldPath(uploadDir, name, true) };
        await fs.promises.rename(thumb.from, thumb.to);
        claimed.push(thumb);
        thumbnailPath = thumb.to;
      }
      out.push({
        path: main.to, thumbnailPath, originalName: f.originalName, mime: f.mime, ext: f.ext, kind: f.kind,
        size: f.size, sha256: f.sha256, width: f.width, height: f.height,
      });
    }
    return out;
  } catch (err) {
    // Put back what was taken, so the form can still show and send it.
    await Promise.all(claimed.map((c) => fs.promises.rename(c.to, c.from).catch(() => undefined)));
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError({ files: 'attachments:errors.heldGone' });
    throw err;
  }
}

/** Removes held files the citizen took off the form. Never rejects: what stays is the sweep's. */
export async function discardHeld(files: HeldFile[], uploadDir: string): Promise<void> {
  await Promise.allSettled(files.flatMap((f) => [heldPath(uploadDir, f.name), heldPath(uploadDir, f.name, true)]).map((p) => fs.promises.rm(p, { force: true })));
}
