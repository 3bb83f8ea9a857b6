/** PostgreSQL's unique_violation, optionally on a named constraint or index. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
}

/** Node's errors for a connection that could not be made or was cut. */
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * The database is away (restarting, unreachable, shutting down), as opposed to a query
 * that is wrong: SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash,
 * cannot connect now), a refused or cut connection, or pg's own messages for a
 * connection that ended or could not be made in time. Answered with 503, not 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code) || NETWORK_ERRORS.has(code)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /^Connection terminated|timeout exceeded when trying to connect|is not queryable|Client was closed/.test(message);
}
