import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Anything that could carry a secret or personal data is redacted
 * here, once, so no call site has to remember it.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.passwordHash',
        '*.nik',
        '*.reporterNik',
        '*.token',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  });
}
