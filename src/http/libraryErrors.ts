import { isDatabaseUnavailable } from '../db/errors.js';
import { AppError } from '../shared/errors.js';

/** Errors thrown by body parsers, the database driver and the file system, given their meaning. */
export function fromLibrary(err: unknown): AppError | undefined {
  const e = err as { status?: number; type?: string; code?: string };
  // Outages, not bugs: the user can do something (wait, or send without files).
  if (isDatabaseUnavailable(err)) {
    return new AppError(503, 'service_unavailable', { title: 'web:errors.unavailableTitle', message: 'web:errors.unavailableBody' });
  }
  // ENOSPC/EDQUOT from the upload folder; 53100 (disk_full) from PostgreSQL.
  if (e?.code === 'ENOSPC' || e?.code === 'EDQUOT' || e?.code === '53100') {
    return new AppError(507, 'storage_full', { title: 'web:errors.storageFullTitle', message: 'web:errors.storageFullBody' });
  }
  if (e?.status === 413 || e?.type === 'entity.too.large') {
    return new AppError(413, 'payload_too_large', { title: 'web:errors.tooLargeTitle', message: 'web:errors.tooLargeBody' });
  }
  // Body parsers set `type`; the router's URIError is a path with broken %-escapes (/publik/%%27).
  // PostgreSQL refuses a NUL character in text (22021; 22P05 in JSON): the input was malformed.
  if ((e?.status === 400 && (typeof e.type === 'string' || err instanceof URIError)) || e?.code === '22021' || e?.code === '22P05') {
    return new AppError(400, 'bad_request', { message: 'web:errors.badRequestBody' });
  }
  return undefined;
}
