import crypto from 'node:crypto';

/**
 * Tracking codes and secrets. The code is what a citizen reads aloud or types on a phone:
 * 8 characters from an alphabet without 0/O and 1/I (and shown as ABCD-EFGH), random, so
 * codes say nothing about how many reports exist or which came next. 32^8 = 2^40 codes.
 * The secret is the key to the report: 16 characters from the same alphabet (80 random
 * bits), so it can also be typed from a note (ABCD-EFGH-JKLM-NPQR), stored only as a
 * SHA-256 hash: 2^80 guesses are out of reach even offline, so a slow hash buys nothing.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

export const SECRET_LENGTH = 16;

function randomString(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return out;
}

export function newTrackingCode(): string {
  return randomString(CODE_LENGTH);
}

export function newTrackingSecret(): string {
  return randomString(SECRET_LENGTH);
}

export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function secretMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * What a person typed, made into a code: case, spaces and dashes do not matter, and the
 * look-alikes that are not in the alphabet are read as the letters people meant.
 * Returns undefined when it cannot be a code.
 */
export function normalizeCode(input: unknown, length = CODE_LENGTH): string | undefined {
  if (typeof input !== 'string' || input.length > 64) return undefined;
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/0/g, 'O')
    .replace(/1/g, 'I');
  // O and I are not in the alphabet either: a code containing them does not exist.
  return code.length === length && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : undefined;
}

export function normalizeSecret(input: unknown): string | undefined {
  return normalizeCode(input, SECRET_LENGTH);
}

/** ABCDEFGHJKLMNPQR -> ABCD-EFGH-JKLM-NPQR. */
export function formatSecret(secret: string): string {
  return secret.match(/.{1,4}/g)!.join('-');
}

/** ABCD2345 -> ABCD-2345, for reading and typing. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Where a citizen who lost the secret asks for a new link ("Kirim ulang tautan"), with the code filled in. */
export function resendPath(code?: string | null): string {
  return code ? `/lacak/kirim-ulang?kode=${code}` : '/lacak/kirim-ulang';
}
