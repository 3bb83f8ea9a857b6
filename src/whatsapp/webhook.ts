import crypto from 'node:crypto';

/**
 * What Meta's webhook asks of us (developers.facebook.com, "Webhooks" of the WhatsApp
 * Cloud API): the subscription handshake and the signature on every delivery.
 */

/** Compares two strings in constant time (for their length only the length leaks). */
function sameText(a: string, b: string): boolean {
  const x = crypto.createHash('sha256').update(a, 'utf8').digest();
  const y = crypto.createHash('sha256').update(b, 'utf8').digest();
  // Hashing first gives equal lengths, so timingSafeEqual never throws and leaks nothing of either.
  return crypto.timingSafeEqual(x, y) && a.length === b.length;
}

/**
 * The handshake: Meta sends GET ?hub.mode=subscribe&hub.verify_token=<ours>&hub.challenge=<n>
 * and expects the challenge back. Returns the challenge to answer, or null (403).
 */
export function handshakeChallenge(query: Record<string, unknown>, verifyToken: string): string | null {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') return null;
  // Meta's challenge is a number; anything else is not Meta and is never echoed.
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(challenge)) return null;
  return sameText(token, verifyToken) ? challenge : null;
}

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * X-Hub-Signature-256: "sha256=" and the hex HMAC-SHA256 of the raw body, keyed with the
 * app secret. Checked over the bytes as received (never a re-serialised JSON), in constant time.
 */
export function validSignature(rawBody: Buffer, header: unknown, appSecret: string): boolean {
  if (typeof header !== 'string') return false;
  const m = SIGNATURE.exec(header.trim());
  if (!m) return false;
  const expected = crypto.createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(m[1]!, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
