import crypto from 'node:crypto';
import type { IdempotencyScope } from '../db/schema.js';

/**
 * What is derived from an idempotency key (HKDF-SHA256, RFC 5869), one key per use, so that
 * knowing one tells nothing of the others:
 * - lookup: the row's primary key. Stored; it finds the row but opens nothing;
 * - seal: AES-256-GCM key of the kept answer. Never stored;
 * - fingerprint: HMAC key of the request's fingerprint. Never stored.
 * The salt is fixed: the key itself is the secret (a UUID has 122 random bits), and the
 * same key must find the same row from any process.
 */
export interface DerivedKeys {
  lookup: Buffer;
  seal: Buffer;
  fingerprint: Buffer;
}

const SALT = Buffer.from('e-pengaduan idempotency v1');

function hkdf(key: string, info: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', Buffer.from(key, 'utf8'), SALT, Buffer.from(info), 32));
}

export function deriveKeys(key: string): DerivedKeys {
  return { lookup: hkdf(key, 'lookup'), seal: hkdf(key, 'seal answer'), fingerprint: hkdf(key, 'fingerprint') };
}

/** Version byte, then the 12-byte nonce, the 16-byte tag and the ciphertext. */
const VERSION = 1;
const NONCE = 12;
const TAG = 16;

/**
 * The row's own lookup hash and scope are authenticated with the answer, so a sealed answer
 * copied onto another row (of the same key's holder or anyone's) does not open.
 */
function aad(keys: DerivedKeys, scope: IdempotencyScope): Buffer {
  return Buffer.concat([keys.lookup, Buffer.from(scope)]);
}

export function sealAnswer(keys: DerivedKeys, scope: IdempotencyScope, answer: unknown): Buffer {
  const nonce = crypto.randomBytes(NONCE);
  const cipher = crypto.createCipheriv('aes-256-gcm', keys.seal, nonce);
  cipher.setAAD(aad(keys, scope));
  const body = Buffer.concat([cipher.update(JSON.stringify(answer), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
}

/** The answer sealed under these keys; throws when it was not (tampered, or another key's). */
export function openAnswer<A>(keys: DerivedKeys, scope: IdempotencyScope, sealed: Uint8Array): A {
  const bytes = Buffer.from(sealed);
  if (bytes[0] !== VERSION) throw new Error('kept answer: unknown seal version');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keys.seal, bytes.subarray(1, 1 + NONCE));
  decipher.setAAD(aad(keys, scope));
  decipher.setAuthTag(bytes.subarray(1 + NONCE, 1 + NONCE + TAG));
  const text = Buffer.concat([decipher.update(bytes.subarray(1 + NONCE + TAG)), decipher.final()]).toString('utf8');
  return JSON.parse(text) as A;
}
