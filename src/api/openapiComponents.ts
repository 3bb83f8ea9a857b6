import { jsonOf, ref, schemas } from './openapiSchemas.js';
import type { Components, Response } from './openapiTypes.js';

/** The reusable parts of the OpenAPI document: data shapes, parameters, error answers, headers. */

const error = (description: string): Response => ({ description, content: jsonOf('Error') });

const responses: Record<string, Response> = {
  BadRequest: error('The body could not be read (malformed JSON or multipart).'),
  NotFound: error('Unknown code, wrong or missing X-Tracking-Token: the same answer for all three.'),
  Conflict: error('Not possible in the report’s current status: `closed`, `not_answered`, `letter_withdrawn` or `not_allowed`.'),
  PayloadTooLarge: error('The JSON body is larger than the limit (100 kB unless configured).'),
  UnsupportedMediaType: error('The body is neither JSON nor multipart/form-data (where multipart is accepted).'),
  ValidationFailed: { description: 'Invalid fields, each with a message in the requested language.', content: jsonOf('ValidationErrors') },
  TooManyRequests: {
    description: 'Too many requests from this network address. Submissions and messages share one hourly limit with the web form.',
    headers: { RateLimit: ref('headers', 'RateLimit'), 'RateLimit-Policy': ref('headers', 'RateLimitPolicy'), 'Retry-After': ref('headers', 'RetryAfter') },
    content: jsonOf('Error'),
  },
  Unauthorized: error('Not signed in: no staff session and no valid API token.'),
  Forbidden: error('Signed in, but this role or OPD may not do this (or the CSRF token is missing).'),
  CsrfInvalid: error('A session cookie was sent without a valid X-CSRF-Token. Requests without a session cookie need no token.'),
};

export const components: Components = {
  schemas,
  parameters: {
    Code: { name: 'code', in: 'path', required: true, description: 'Tracking code (ABCD2345 or ABCD-2345).', schema: { type: 'string', maxLength: 64 } },
    TrackingToken: {
      name: 'X-Tracking-Token',
      in: 'header',
      required: true,
      description: 'The secret returned when the report was made (dashes and case do not matter).',
      schema: { type: 'string', maxLength: 64 },
    },
    AcceptLanguage: {
      name: 'Accept-Language',
      in: 'header',
      description: 'id (default) or en: the language of messages and texts.',
      schema: { type: 'string', examples: ['en'] },
    },
    IdempotencyKey: {
      name: 'Idempotency-Key',
      in: 'header',
      description:
        'Optional (draft-ietf-httpapi-idempotency-key-header): one key per report, e.g. a UUID, as a Structured Field String ' +
        '(`Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"`) or bare. 16–255 characters of letters, digits and `-_.:~+/=`. ' +
        'A repeat of the same request with the same key within 24 hours answers the first 201 again, secret included, with ' +
        '`Idempotent-Replayed: true`, and makes nothing new, also when the repeats arrive at the same time. The same key with a ' +
        'different request (another body, other files) is refused with 422. The answer is kept sealed under the key: the server ' +
        'cannot read it without the key, and it is deleted after 24 hours or when the reporter’s personal data is erased.',
      schema: { type: 'string', minLength: 16, maxLength: 257 },
    },
    CsrfToken: {
      name: 'X-CSRF-Token',
      in: 'header',
      description: 'Only when a session cookie is sent: the token from GET or POST /api/v1/session.',
      schema: { type: 'string' },
    },
  },
  responses,
  headers: {
    RateLimit: { description: 'limit, remaining and reset of the current window (IETF draft 7).', schema: { type: 'string' } },
    RateLimitPolicy: { description: 'The limit and its window in seconds, e.g. 20;w=3600.', schema: { type: 'string' } },
    RetryAfter: { description: 'Seconds until the window resets.', schema: { type: 'integer' } },
    IdempotentReplayed: {
      description: '`true` when this is the first answer given again for a repeat of the same Idempotency-Key; absent on the first.',
      schema: { type: 'string', enum: ['true'] },
    },
  },
  securitySchemes: {
    session: {
      type: 'apiKey',
      in: 'cookie',
      name: 'epengaduan.sid',
      description: 'Staff session from POST /api/v1/session. Citizen endpoints need none.',
    },
    bearer: {
      type: 'http',
      scheme: 'bearer',
      description: 'An API token an admin issued to a staff account (epg_...). No CSRF token needed.',
    },
  },
};
