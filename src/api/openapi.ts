import type { Config } from '../config.js';
import { components } from './openapiComponents.js';
import { jsonOf, ref, schema } from './openapiSchemas.js';
import { answerPaths } from './openapiAnswers.js';
import { staffPaths } from './openapiStaff.js';
import type { Encoding, OpenApiDocument, Operation, RequestBody } from './openapiTypes.js';

/**
 * The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json. A test checks it
 * both ways against the app's routes: every operation here answers, and every /api/v1
 * route is here.
 */

const lang = ref('parameters', 'AcceptLanguage');
const csrf = ref('parameters', 'CsrfToken');
const tracked = [ref('parameters', 'Code'), ref('parameters', 'TrackingToken'), lang];
const err = (name: string) => ref('responses', name);

/** The answers every body-taking citizen endpoint may give besides its own. */
const bodyErrors = {
  '400': err('BadRequest'),
  '403': err('CsrfInvalid'),
  '413': err('PayloadTooLarge'),
  '415': err('UnsupportedMediaType'),
  '422': err('ValidationFailed'),
};

const fileEncoding: Record<string, Encoding> = {
  files: { contentType: 'image/jpeg, image/png, image/webp, application/pdf, video/mp4' },
};

const jsonOrMultipart = (json: string, multipart: string, description: string, encoding = fileEncoding): RequestBody => ({
  required: true,
  description,
  content: {
    'application/json': { schema: schema(json) },
    'multipart/form-data': { schema: schema(multipart), encoding },
  },
});

const list = (operationId: string, summary: string, item: string, extra: Partial<Operation> = {}): Operation => ({
  operationId,
  summary,
  tags: ['reference'],
  ...extra,
  responses: {
    '200': {
      description: 'The list. Cache-Control: public, max-age=300.',
      content: { 'application/json': { schema: { type: 'array', items: schema(item) } } },
    },
    ...extra.responses,
  },
});

const paths: OpenApiDocument['paths'] = {
  '/api/v1/reports': {
    post: {
      operationId: 'submitReport',
      summary: 'Submit a report',
      description:
        'Creates a report through the same intake service as the web form. No account and no CSRF token are needed ' +
        'when no session cookie is sent. When the same title and text came from the same e-mail or phone a few ' +
        'minutes ago, answers 200 with the existing code (and no secret) instead of making a second report. ' +
        'A browser sending from another website\'s page (its Sec-Fetch-Site or Origin says so) is refused with 403 ' +
        '`cross_site` unless that origin is allowed (INTAKE_ALLOWED_ORIGINS); clients that send neither header are not affected. ' +
        'With an `Idempotency-Key`, a client that lost the answer (a dropped connection) sends the same request again and gets ' +
        'the first 201, secret included, instead of a second report.',
      tags: ['reports'],
      parameters: [lang, csrf, ref('parameters', 'IdempotencyKey')],
      requestBody: jsonOrMultipart('ReportInput', 'ReportMultipart', 'JSON, or multipart/form-data to send files (field `files`).', {
        ...fileEncoding,
        reporter: { style: 'deepObject', explode: true },
      }),
      responses: {
        '201': {
          description:
            'Created. Keep `secret`: it is shown only now (and to a repeat of the same Idempotency-Key within 24 hours). Location names the report.',
          headers: {
            Location: { description: '/api/v1/reports/{code}', schema: { type: 'string' } },
            'Idempotent-Replayed': ref('headers', 'IdempotentReplayed'),
          },
          content: jsonOf('Submitted'),
        },
        '200': { description: 'The same report was just sent: its code, without the secret.', content: jsonOf('Duplicate') },
        ...bodyErrors,
        '422': {
          description:
            'Invalid fields, or an invalid `Idempotency-Key` (field `Idempotency-Key`), or a key already used for a different request ' +
            '(field `Idempotency-Key`: "Idempotency-Key reused with a different payload"; nothing is written). Messages in the requested language.',
          content: jsonOf('ValidationErrors'),
        },
        '429': err('TooManyRequests'),
      },
    },
  },
  '/api/v1/reports/{code}': {
    get: {
      operationId: 'getReport',
      summary: 'The citizen’s view of a report',
      tags: ['reports'],
      parameters: tracked,
      responses: {
        '200': { description: 'The report, its status and deadline, and its public timeline. Cache-Control: no-store.', content: jsonOf('ReportView') },
        '404': err('NotFound'),
        '429': err('TooManyRequests'),
      },
    },
  },
  '/api/v1/reports/{code}/letter': {
    get: {
      operationId: 'getAnswerLetter',
      summary: 'The official answer letter (surat jawaban) as a PDF',
      description:
        'The letter of the latest answer sent, exactly as issued: numbered, signed by the head of agency, with a QR code ' +
        'to its public verification page /verifikasi/{token}. Its ETag is the SHA-256 that page shows. Before an answer ' +
        'was sent: 409 `not_answered`; once the reporter\'s personal data was erased: 409 `letter_withdrawn`.',
      tags: ['reports'],
      parameters: tracked,
      responses: {
        '200': {
          description: 'The PDF (Content-Disposition: attachment). Cache-Control: private, no-store.',
          headers: { ETag: { description: 'The SHA-256 of the PDF, in quotes.', schema: { type: 'string' } } },
          content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
        '404': err('NotFound'),
        '409': err('Conflict'),
        '429': err('TooManyRequests'),
      },
    },
  },
  '/api/v1/reports/{code}/messages': {
    post: {
      operationId: 'addMessage',
      summary: 'Add information, or reply to the answer',
      description:
        'On an answered report this is a reply: the report is reopened for the agency (files are refused with a reply; ' +
        'send them afterwards). On any other open report it adds information (with files); a report waiting for ' +
        'information (needs_info) goes back to the agency. Closed reports answer 409 `closed`.',
      tags: ['reports'],
      parameters: [...tracked, csrf],
      requestBody: jsonOrMultipart('MessageInput', 'MessageMultipart', 'JSON, or multipart/form-data to send files.'),
      responses: {
        '201': { description: 'Added; the report’s status now.', content: jsonOf('StatusOnly') },
        ...bodyErrors,
        '404': err('NotFound'),
        '409': err('Conflict'),
        '429': err('TooManyRequests'),
      },
    },
  },
  '/api/v1/reports/{code}/resolution': {
    post: {
      operationId: 'resolveReport',
      summary: 'Confirm an answered report is resolved, or appeal the answer',
      description:
        '`accepted: true` closes the report as resolved, with an optional rating (1-5) and comment. `accepted: false` is ' +
        'an appeal: `comment` holds its reason and the report is reopened for the agency. Only for answered reports (409 otherwise).',
      tags: ['reports'],
      parameters: [...tracked, csrf],
      requestBody: { required: true, content: jsonOf('ResolutionInput') },
      responses: {
        '200': { description: 'Done; the report’s status now (resolved, or in_progress after an appeal).', content: jsonOf('StatusOnly') },
        ...bodyErrors,
        '404': err('NotFound'),
        '409': err('Conflict'),
        '429': err('TooManyRequests'),
      },
    },
  },
  '/api/v1/public/reports': {
    get: {
      operationId: 'searchPublishedCases',
      summary: 'Search the published (resolved, redacted) cases, as the portal /publik does',
      description:
        'Only cases a coordinator published, with personal data redacted. Indonesian full-text search that tolerates typos in titles. 20 a page; `next` is the next page or null. CORS open; Cache-Control: public, max-age=60.',
      tags: ['public'],
      parameters: [
        { name: 'q', in: 'query', description: 'Words to find.', schema: { type: 'string', maxLength: 200 } },
        { name: 'agency', in: 'query', description: 'Agency code, e.g. dpupr.', schema: { type: 'string' } },
        { name: 'category', in: 'query', description: 'Category code.', schema: { type: 'string' } },
        { name: 'region', in: 'query', description: 'Kecamatan code, e.g. 33.18.01.', schema: { type: 'string', pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}$' } },
        { name: 'from', in: 'query', description: 'Reported on or after (YYYY-MM-DD).', schema: { type: 'string', format: 'date' } },
        { name: 'to', in: 'query', description: 'Reported on or before (YYYY-MM-DD).', schema: { type: 'string', format: 'date' } },
        { name: 'page', in: 'query', description: 'Page, from 1 (at most 500).', schema: { type: 'integer', minimum: 1, maximum: 500 } },
        lang,
      ],
      responses: {
        '200': {
          description: '`{reports: [...], page, next}`; each report as in /publik/data.json.',
          content: { 'application/json': { schema: { type: 'object', required: ['reports', 'page', 'next'] } } },
        },
        '422': err('ValidationFailed'),
      },
    },
  },
  '/api/v1/categories': { get: list('listCategories', 'Active report categories', 'Category') },
  '/api/v1/agencies': { get: list('listAgencies', 'Active agencies (OPD)', 'Agency') },
  '/api/v1/regions': {
    get: list('listRegions', 'Kecamatan, desa and kelurahan of the regency', 'Region', {
      parameters: [
        { name: 'parent', in: 'query', description: 'A kecamatan code: only its desa and kelurahan.', schema: { type: 'string', pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}$' } },
        { name: 'level', in: 'query', description: 'Only this level.', schema: { type: 'string', enum: ['kecamatan', 'desa', 'kelurahan'] } },
        lang,
      ],
      responses: { '422': err('ValidationFailed') },
    }),
  },
  '/api/v1/openapi.json': {
    get: {
      operationId: 'openApiDocument',
      summary: 'This document',
      tags: ['meta'],
      responses: { '200': { description: 'OpenAPI 3.1.', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  },
  '/api/v1/session': {
    get: {
      operationId: 'getSession',
      summary: 'The signed-in staff user',
      tags: ['session'],
      security: [{ session: [] }],
      responses: {
        '200': { description: 'The user and a CSRF token for this session.', content: jsonOf('Session') },
        '401': { description: 'Not signed in.', content: jsonOf('Error') },
      },
    },
    post: {
      operationId: 'signIn',
      summary: 'Staff sign-in',
      description: 'JSON only. Sets the session cookie; later state-changing requests with it send X-CSRF-Token.',
      tags: ['session'],
      parameters: [lang, csrf],
      requestBody: { required: true, content: jsonOf('LoginInput') },
      responses: {
        '200': { description: 'Signed in.', content: jsonOf('Session') },
        '401': { description: 'Wrong e-mail or password (`invalid_credentials`), or the account is locked.', content: jsonOf('Error') },
        ...bodyErrors,
        '429': err('TooManyRequests'),
      },
    },
    delete: {
      operationId: 'signOut',
      summary: 'Staff sign-out',
      tags: ['session'],
      parameters: [csrf],
      security: [{ session: [] }],
      responses: { '204': { description: 'Signed out; the cookie is cleared.' }, '403': err('CsrfInvalid') },
    },
  },
};

export function openApiDocument(config: Pick<Config, 'publicUrl' | 'appName' | 'orgName'>): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: `${config.appName} API`,
      version: '1.0.0',
      description:
        `Citizen API of ${config.appName} (${config.orgName}): submit a report, follow it with its code and secret, add ` +
        'information, reply, confirm it resolved or appeal; and the lists a client needs to fill the form. Errors are ' +
        '`{error: {code, message}}`, invalid fields `422 {errors: [{field, message}]}`, in the language of Accept-Language.',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: config.publicUrl }],
    tags: [
      { name: 'reports', description: 'A citizen’s reports.' },
      { name: 'reference', description: 'Lists for the report form.' },
      { name: 'session', description: 'Staff sessions.' },
      { name: 'staff', description: 'Staff actions on reports (session or API token).' },
      { name: 'public', description: 'Published cases: resolved, redacted, approved for the public.' },
      { name: 'meta', description: 'About the API.' },
    ],
    paths: { ...paths, ...answerPaths, ...staffPaths },
    components,
  };
}
