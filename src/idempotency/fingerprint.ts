import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IdempotencyScope } from '../db/schema.js';
import type { DerivedKeys } from './seal.js';

/**
 * What tells a repeat from another request under the same key (the draft's "Idempotency-Key
 * reused with a different payload"): the validated input and each uploaded file's name,
 * size and SHA-256, in a canonical form, under an HMAC keyed from the idempotency key. The
 * input is the validated one, so what validation makes the same (spaces trimmed, a phone
 * written 0812 or +62812) is the same request.
 */
export interface FileDescription {
  name: string;
  size: number;
  sha256: string;
}

/** The files as sent, in order; read from the upload's temp files (before any inspection moves them). */
export async function describeFiles(files: readonly { path: string; originalname: string }[]): Promise<FileDescription[]> {
  return Promise.all(
    files.map(async (f) => {
      const hash = crypto.createHash('sha256');
      let size = 0;
      for await (const chunk of fs.createReadStream(f.path) as AsyncIterable<Buffer>) {
        size += chunk.length;
        hash.update(chunk);
      }
      return { name: f.originalname, size, sha256: hash.digest('hex') };
    }),
  );
}

export function fingerprintOf(keys: DerivedKeys, scope: IdempotencyScope, request: unknown): Buffer {
  return crypto.createHmac('sha256', keys.fingerprint).update(canonicalJson({ scope, request })).digest();
}

/** JSON with object keys sorted at every level, and undefined members left out: one text per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sorted(value));
}

function sorted(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
