import type { IdempotencyScope } from '../db/schema.js';
import { InputError } from '../shared/errors.js';
import { fingerprintOf } from './fingerprint.js';
import { type DerivedKeys, deriveKeys } from './seal.js';

/** A request made with an idempotency key: where it goes, what is derived from the key, and its fingerprint. */
export interface KeyedRequest {
  scope: IdempotencyScope;
  keys: DerivedKeys;
  fingerprint: Buffer;
  /** Where a refusal is shown: the header's name for the API, `_form` on a page. */
  field: string;
}

/**
 * `request`: what makes this request this one (the validated input, the files' names,
 * sizes and hashes). The key itself goes no further than here.
 */
export function keyedRequest(key: string, scope: IdempotencyScope, request: unknown, field: string): KeyedRequest {
  const keys = deriveKeys(key);
  return { scope, keys, fingerprint: fingerprintOf(keys, scope, request), field };
}

/**
 * The key was used before for another request (another report, or the same key on the
 * other route): 422, as the draft says ("Idempotency-Key reused with a different
 * payload"). Nothing is written.
 */
export class KeyReusedError extends InputError {
  constructor(request: KeyedRequest) {
    super({ [request.field]: request.scope === 'web_report' ? 'idempotency:errors.formReused' : 'idempotency:errors.reused' });
  }
}
