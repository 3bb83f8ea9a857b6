import crypto from 'node:crypto';
import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, 3 passes): OWASP's recommended floor. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/**
 * For a password drawn at random by the app (about 96 bits, never chosen by a person):
 * no guessing attack gets near it, whatever the hash's cost, so OWASP's lighter argon2id
 * setting (19 MiB, 2 passes, 1 lane) is enough. The demo's 19 accounts then cost half a
 * second of a first start instead of eight. verifyPassword reads the setting from the hash.
 */
export function hashRandomPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// Verified against when the e-mail is unknown, so both failures take the same time.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
}

/**
 * A password for a new or reset account, shown once: 16 characters from an alphabet
 * without look-alikes (0/O, 1/l/I), about 90 bits, easy to read off a screen.
 */
export function generatePassword(length = 16): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[crypto.randomInt(alphabet.length)];
  return out;
}

export const PASSWORD_MIN_LENGTH = 10;
