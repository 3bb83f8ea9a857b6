import { InputError } from '../shared/errors.js';

/**
 * The idempotency key a client sends with a report, as the IETF draft "The Idempotency-Key
 * HTTP Header Field" (draft-ietf-httpapi-idempotency-key-header) writes it: a Structured
 * Field String (RFC 8941, `Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"`), its
 * parameters ignored as RFC 8941 asks of unknown ones. A bare value is taken too, as Stripe's
 * clients and most SDKs send it (`Idempotency-Key: 8e03978e-...`).
 *
 * Only the safe set below is a key: it is what UUIDs, ULIDs, base64 and base64url are made
 * of, and it has neither `"` nor `\`, so the String's escapes never occur in a valid key and
 * the quoted form needs no more of RFC 8941 than a quote at each end. 16 characters at least:
 * the key is the only thing that opens the kept answer (it holds the tracking secret), so a
 * short guessable one must not be accepted.
 */
export const KEY_PATTERN = /^[A-Za-z0-9\-_.:~+/=]{16,255}$/;

/** An sf-string (without escapes, see above), then any parameters: `"k";a=1;b`. */
const SF_STRING = /^"([^"\\]*)"((?:\s*;\s*[a-z*][a-z0-9_.*-]*(?:=[^;]*)?)*)$/;

/**
 * The key of a header or form value: undefined when none was sent (the request goes on as
 * without one), the key when it is one, and an InputError on `field` otherwise (422).
 */
export function parseIdempotencyKey(raw: string | undefined | null, field: string, message = 'idempotency:errors.badKey'): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const quoted = SF_STRING.exec(value);
  const key = quoted ? quoted[1]! : value;
  if (!KEY_PATTERN.test(key)) throw new InputError({ [field]: message });
  return key;
}
