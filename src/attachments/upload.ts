import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import type { Config } from '../config.js';
import { AppError, InputError } from '../shared/errors.js';
import { displayName } from './names.js';
import { megabytes, uploadLimits } from './policy.js';

/**
 * The one upload middleware (STYLE habit 13). It only receives: files go to a temp
 * folder under random names, counts and sizes are enforced while the bytes arrive, and
 * nothing here trusts the client's name or declared type (inspect.ts reads the bytes).
 *
 * Temp files live in UPLOAD_DIR/.tmp, on the same file system as the final folders,
 * so storing a file is a rename (atomic), not a copy.
 */
export function tempDir(uploadDir: string): string {
  return path.join(uploadDir, '.tmp');
}

/** Text fields a form may send (the report form has about 20). */
const MAX_FIELDS = 50;
/**
 * Bytes per text field. A report body is up to 20,000 characters, which is up to
 * 80,000 bytes of UTF-8 for non-Latin scripts and emoji; a byte limit below that would
 * refuse a valid report with a message the citizen cannot act on.
 */
const MAX_FIELD_BYTES = 20_000 * 4 + 1024;
/**
 * Browsers send an empty part for a file input left empty; several inputs on one form
 * would each send one. Busboy counts those as files, so its count gets this headroom
 * and the exact count is multer's maxCount on the field (empty parts are skipped).
 */
const EMPTY_PART_HEADROOM = 5;

/**
 * Every temp file multer starts for a request. On a failed write (ENOSPC) multer deletes
 * the files it finished but not the one it was writing, and req.files is never set: the
 * partial file would stay, taking room on a disk that is already full.
 */
const tempNames = new WeakMap<Request, string[]>();

export function uploadMiddleware(config: Pick<Config, 'uploads' | 'uploadDir'>, field = 'files'): RequestHandler {
  const limits = uploadLimits(config);
  const upload = multer({
    storage: multer.diskStorage({
      // Made on first use (a string here would be mkdir'd while the app is built).
      destination: (_req, _file, cb) => {
        const dir = tempDir(config.uploadDir);
        fs.promises.mkdir(dir, { recursive: true }).then(() => cb(null, dir), (err: Error) => cb(err, dir));
      },
      // Random, and never the client's name: no path in a name can reach the disk.
      filename: (req, _file, cb) => {
        const name = crypto.randomBytes(16).toString('hex');
        tempNames.set(req, [...(tempNames.get(req) ?? []), path.join(tempDir(config.uploadDir), name)]);
        cb(null, name);
      },
    }),
    limits: {
      fileSize: limits.maxFileBytes,
      files: limits.maxFiles + EMPTY_PART_HEADROOM,
      fields: MAX_FIELDS,
      fieldSize: MAX_FIELD_BYTES,
      fieldNameSize: 100,
      fieldNestingDepth: 2,
      fieldArrayIndexLimit: 100,
      parts: MAX_FIELDS + limits.maxFiles + EMPTY_PART_HEADROOM,
      headerPairs: 20,
    },
    // Browsers send file names as UTF-8; multer's default (latin1) garbles "jalan rusak é.jpg".
    defParamCharset: 'utf8',
  }).array(field, limits.maxFiles);

  return (req: Request, res: Response, next: NextFunction) => {
    // Whatever becomes of the request, its temp files go when the response ends. Files
    // already stored have been renamed away; removing them again is a no-op. A client
    // that leaves mid-request abandons it: a handler still inspecting or storing then
    // fails on the missing file, and the store protocol discards what it had moved.
    res.once('close', () => void removeTempFiles(req));
    upload(req, res, (err?: unknown) => {
      if (!err) return next();
      // multer has already deleted what it wrote for this request.
      refused.add(req);
      next(translateUploadError(err, field, limits));
    });
  };
}

const refused = new WeakSet<Request>();

/**
 * Whether the upload step refused this request (too large, too many): then none of its
 * files was kept, whatever req.files still lists, and the fields after the refused file
 * were not read.
 */
export function uploadRefused(req: Request): boolean {
  return refused.has(req);
}

type Limits = ReturnType<typeof uploadLimits>;

/** multer's and busboy's errors, as messages the citizen can act on. */
function translateUploadError(err: unknown, field: string, limits: Limits): unknown {
  if (err instanceof multer.MulterError) {
    const name = displayName(err.field === field ? (err as { filename?: string }).filename : undefined);
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return new InputError({ [field]: 'attachments:errors.tooLarge' }, { [field]: { name, maxMb: megabytes(limits.maxFileBytes) } });
      case 'LIMIT_FILE_COUNT':
      case 'LIMIT_UNEXPECTED_FILE':
        if (limits.maxFiles === 0) return new InputError({ [field]: 'attachments:errors.disabled' });
        if (err.code === 'LIMIT_UNEXPECTED_FILE' && err.field !== field) {
          return new InputError({ [field]: 'attachments:errors.unexpectedField' }, { [field]: { field } });
        }
        return new InputError({ [field]: 'attachments:errors.tooMany' }, { [field]: { maxFiles: limits.maxFiles } });
      case 'LIMIT_FIELD_VALUE':
        return new InputError({ [err.field ?? '_form']: 'attachments:errors.fieldTooLong' });
      case 'LIMIT_PART_COUNT':
      case 'LIMIT_FIELD_COUNT':
      case 'LIMIT_FIELD_KEY':
        return new InputError({ _form: 'attachments:errors.tooManyFields' });
      default:
        // Malformed field names: no browser sends them.
        return badRequest();
    }
  }
  // The disk failed: our fault, never the citizen's (ENOSPC: 507 in http/libraryErrors.ts; EACCES: 500).
  if ((err as NodeJS.ErrnoException)?.syscall) return err;
  // Busboy's parse errors ("Unexpected end of form", "Malformed part header") and a
  // client that went away mid-upload: bad input, not a server error.
  return badRequest();
}

const badRequest = () => new AppError(400, 'bad_request', { message: 'web:errors.badRequestBody' });

/**
 * Deletes the request's temp files, and what inspection derived from them. Safe to
 * call more than once and after the files were stored. Never rejects (callers fire and
 * forget it): a file it cannot delete is logged and left to the orphan sweep.
 */
export async function removeTempFiles(req: Request): Promise<void> {
  const files = Array.isArray(req.files) ? req.files : Object.values(req.files ?? {}).flat();
  const started = tempNames.get(req) ?? [];
  const paths = [...new Set([...files.map((f) => f.path).filter(Boolean), ...started])].flatMap(tempFamily);
  const results = await Promise.allSettled(paths.map((p) => fs.promises.rm(p, { force: true })));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) req.log?.warn({ err: failed[0]!.reason, count: failed.length }, 'temp upload files not removed');
}

/** The upload and the files inspection writes next to it (see inspect.ts). */
export function tempFamily(uploadPath: string): string[] {
  return [uploadPath, derivedTempPath(uploadPath, 'main'), derivedTempPath(uploadPath, 'thumb')];
}

export function derivedTempPath(uploadPath: string, role: 'main' | 'thumb'): string {
  return `${uploadPath}.${role}`;
}

/** Whatever happens to the request, its temporary upload files go when it ends. */
export const cleanupTempFiles: RequestHandler = (req, res, next) => {
  res.on('close', () => void removeTempFiles(req));
  next();
};
