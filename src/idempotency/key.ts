import { parseItem, Token } from 'structured-headers';
import { InputError } from '../shared/errors.js';

/**
 * The idempotency key a client sends with a report, as the IETF draft "The Idempotency-Key
 * HTTP Header Field" (draft-ietf-httpapi-idempotency-key-header) writes it: a Structured
 * Field String (RFC 8941, `Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"`), its
 * parameters ignored as RFC 8941 asks of unknown ones. A bare value is taken too, as Stripe's
 * clients and most SDKs send it (`Idempotency-Key: 8e03978e-...`).
 *
 * The Structured Field is read by `structured-headers`; a value it does not read as a
 * String or a Token (a bare UUID starting with a digit) is taken as it came. Only the safe
 * set below is a key: it is what UUIDs, ULIDs, base64 and base64url are made of. 16 characters at least:
 * the key is the only thing that opens the kept answer (it holds the tracking secret), so a
 * short guessable one must not be accepted.
 */
export const KEY_PATTERN = /^[A-Za-z0-9\-_.:~+/=]{16,255}$/;

/**
 * The key of a header or form value: undefined when none was sent (the request goes on as
 * without one), the key when it is one, and an InputError on `field` otherwise (422).
 */
export function parseIdempotencyKey(raw: string | undefined | null, field: string, message = 'idempotency:errors.badKey'): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const key = structuredOrBare(value);
  if (!KEY_PATTERN.test(key)) throw new InputError({ [field]: message });
  return key;
}

function structuredOrBare(value: string): string {
  try {
    const [item] = parseItem(value);
    if (typeof item === 'string') return item;
    if (item instanceof Token) return item.toString();
  } catch {
    // Not a Structured Field: a bare key.
  }
  return value;
}
