import { ref } from './openapiSchemas.js';
import type { OpenApiDocument, SchemaObject } from './openapiTypes.js';

/**
 * The staff API (src/triage/apiHandlers.ts) in the OpenAPI document: the same actions and
 * permissions as the staff pages, for a signed-in session (with X-CSRF-Token) or an
 * API token an admin issued (Authorization: Bearer epg_..., no CSRF token).
 */
export const err = (name: string) => ref('responses', name);
export const security: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

/** What any staff action may answer besides its success. */
export const actionErrors = {
  '401': err('Unauthorized'),
  '403': err('Forbidden'),
  '404': err('NotFound'),
  '409': err('Conflict'),
  '415': err('UnsupportedMediaType'),
  '422': err('ValidationFailed'),
};

export const staffReport: SchemaObject = {
  type: 'object',
  description: 'The report as staff see it. `reporter` is null for OPD staff on an anonymous report.',
  properties: {
    code: { type: 'string' },
    status: { type: 'string' },
    title: { type: 'string' },
    body: { type: 'string' },
    originalTitle: { type: ['string', 'null'] },
    agency: { type: ['object', 'null'], properties: { id: { type: 'integer' }, code: { type: 'string' }, name: { type: 'string' } } },
    supporting: { type: 'array', items: { type: 'object' } },
    reporter: { type: ['object', 'null'] },
    deadlines: { type: 'object', description: 'verify, response, resolve, info, close (ISO 8601 or null), extendedAt.' },
    channel: { type: 'string', description: 'web, email, api, open311, staff (taken by staff), and whatsapp when enabled.' },
    source: {
      type: ['object', 'null'],
      description: 'A report taken by staff: how it came (`kind`: telephone, walk_in, letter, social_media, lapor), its reference and who entered it; null for other channels.',
      properties: {
        kind: { type: 'string' },
        platform: { type: ['string', 'null'] },
        url: { type: ['string', 'null'] },
        laporNumber: { type: ['string', 'null'] },
        letterNumber: { type: ['string', 'null'] },
        letterDate: { type: ['string', 'null'], format: 'date' },
        takenBy: { type: ['string', 'null'] },
        takenAt: { type: ['string', 'null'], description: 'The OPD where it was taken (null: Diskominfo).' },
      },
    },
    events: { type: 'array', items: { type: 'object' } },
    messages: { type: 'array', items: { type: 'object' } },
  },
  required: ['code', 'status', 'deadlines', 'events'],
};

const action: SchemaObject = {
  type: 'object',
  required: ['action'],
  description:
    'One action and its parameters: `forward` {agency (code or id; omitted = the routing suggestion for categories marked ' +
    'auto-forward), supporting?}, `request_info` {message}, `reject` {reason: spam|unclear|not_government, note (required ' +
    'for not_government)}, `merge` {into}, `update` {title?, categoryId?}, `return` {reason} (by the OPD), `extend` {days, reason}.',
  properties: {
    action: { type: 'string', enum: ['forward', 'request_info', 'reject', 'merge', 'update', 'return', 'extend'] },
  },
  additionalProperties: true,
};

const publication: SchemaObject = {
  type: 'object',
  required: ['code', 'status', 'title', 'body', 'answer', 'redactions', 'photoIds', 'version'],
  properties: {
    code: { type: 'string' },
    status: { type: 'string', enum: ['draft', 'published', 'declined'] },
    title: { type: 'string' },
    body: { type: 'string' },
    answer: { type: 'string' },
    redactions: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, count: { type: 'integer' } } } },
    photoIds: { type: 'array', items: { type: 'integer' } },
    declineReason: { type: ['string', 'null'] },
    publishedAt: { type: ['string', 'null'], format: 'date-time' },
    version: { type: 'string', description: 'The text as stored; send it back with a save or publish so nothing is published unseen (409 `publication_changed`).' },
    findings: {
      type: 'object',
      description: 'What the redaction removed from the original (`removed`), words left that look like a name (`suspects`), and the terms a coordinator kept readable (`kept`).',
      properties: {
        removed: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, text: { type: 'string' }, count: { type: 'integer' } } } },
        suspects: { type: 'array', items: { type: 'string' } },
        kept: { type: 'array', items: { type: 'string' } },
      },
    },
  },
};
const publicationStep = (operationId: string, summary: string, body?: SchemaObject) => ({
  post: {
    operationId,
    summary,
    tags: ['staff'],
    security,
    parameters: [ref('parameters', 'Code'), ref('parameters', 'AcceptLanguage'), ref('parameters', 'CsrfToken')],
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    responses: { '200': { description: 'The publication after the step.', content: { 'application/json': { schema: publication } } }, ...actionErrors },
  },
});

export const staffPaths: OpenApiDocument['paths'] = {
  '/api/v1/staff/reports': {
    get: {
      operationId: 'listVerificationQueue',
      summary: 'The coordinators’ verification queue',
      description:
        'Waiting reports, most urgent deadline first, 25 at a time; pass `next` back as `after` for the next page. '
        + 'A `q` that is a tracking code of a report you may see (any case, with or without the hyphen: `95D4-K7XW`, `95d4k7xw`) '
        + 'answers that one report, whatever its status; any other `q` searches titles and texts.',
      tags: ['staff'],
      security,
      parameters: [
        { name: 'q', in: 'query', required: false, schema: { type: 'string', maxLength: 100 }, description: 'A tracking code, or words to search for.' },
        ref('parameters', 'AcceptLanguage'),
      ],
      responses: {
        '200': { description: '`{reports: [...], next}`', content: { 'application/json': { schema: { type: 'object' } } } },
        '401': err('Unauthorized'),
        '403': err('Forbidden'),
        '422': err('ValidationFailed'),
      },
    },
    post: {
      operationId: 'takeReport',
      summary: 'Record a report received by telephone, in person, by letter, on social media or from SP4N-LAPOR! (coordinator; OPD staff and heads for their own office)',
      description:
        'Through the same intake as every channel (channel `staff`): the same validation, duplicate guard, deadlines and attachment checks; '
        + 'the report joins the verification queue. The reporter’s e-mail, if given, receives the tracking code. '
        + '201 with the code and, once, the secret (only its hash is stored); 200 `{code, displayCode, status, duplicate: true}` for the same report sent again.',
      tags: ['staff'],
      security,
      parameters: [ref('parameters', 'AcceptLanguage'), ref('parameters', 'CsrfToken')],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: ref('schemas', 'StaffReportInput') },
          'multipart/form-data': { schema: ref('schemas', 'StaffReportInput') },
        },
      },
      responses: {
        '201': {
          description: 'Recorded.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['code', 'displayCode', 'status', 'channel', 'source', 'secret', 'trackingUrl'],
                properties: {
                  code: { type: 'string' },
                  displayCode: { type: 'string' },
                  status: { type: 'string' },
                  channel: { type: 'string', const: 'staff' },
                  source: { type: 'object' },
                  secret: { type: 'string', description: 'Shown once: give it to the reporter with the code.' },
                  trackingUrl: { type: 'string' },
                  dueAt: { type: ['string', 'null'], format: 'date-time' },
                },
              },
            },
          },
        },
        '200': { description: 'The same report was just recorded: the one already made.', content: { 'application/json': { schema: { type: 'object' } } } },
        ...actionErrors,
      },
    },
  },
  '/api/v1/staff/reports/{code}': {
    get: {
      operationId: 'getStaffReport',
      summary: 'One report as staff see it',
      tags: ['staff'],
      security,
      parameters: [ref('parameters', 'Code'), ref('parameters', 'AcceptLanguage')],
      responses: {
        '200': { description: 'The report.', content: { 'application/json': { schema: staffReport } } },
        '401': err('Unauthorized'),
        '404': err('NotFound'),
      },
    },
  },
  '/api/v1/staff/reports/{code}/actions': {
    post: {
      operationId: 'actOnReport',
      summary: 'Verify, forward, ask, reject, merge, correct, return or extend',
      tags: ['staff'],
      security,
      parameters: [ref('parameters', 'Code'), ref('parameters', 'AcceptLanguage'), ref('parameters', 'CsrfToken')],
      requestBody: { required: true, content: { 'application/json': { schema: action } } },
      responses: {
        '200': { description: 'The report after the action.', content: { 'application/json': { schema: staffReport } } },
        ...actionErrors,
      },
    },
  },
  '/api/v1/staff/reports/{code}/publication': {
    get: {
      operationId: 'getPublication',
      summary: 'The public version of a resolved case: the draft with its automatic redactions, or what was published (coordinator)',
      description: 'Made on first request for a resolved report that has none. 404 for a report that is not resolved, or rahasia.',
      tags: ['staff'],
      security,
      parameters: [ref('parameters', 'Code'), ref('parameters', 'AcceptLanguage')],
      responses: { '200': { description: 'The publication.', content: { 'application/json': { schema: publication } } }, '401': err('Unauthorized'), '403': err('Forbidden'), '404': err('NotFound') },
    },
    put: {
      operationId: 'savePublication',
      summary: 'Correct the draft (the redaction runs again over the new text)',
      tags: ['staff'],
      security,
      parameters: [ref('parameters', 'Code'), ref('parameters', 'AcceptLanguage'), ref('parameters', 'CsrfToken')],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['title', 'body'],
              properties: { title: { type: 'string' }, body: { type: 'string' }, answer: { type: 'string' }, photoIds: { type: 'array', items: { type: 'integer' } }, version: { type: 'string' } },
            },
          },
        },
      },
      responses: { '200': { description: 'The publication.', content: { 'application/json': { schema: publication } } }, ...actionErrors },
    },
  },
  '/api/v1/staff/reports/{code}/publication/approve': {
    post: {
      ...publicationStep('approvePublication', 'Publish the case on the portal, feeds, open data and Open311').post,
      description:
        'Publishes what is stored, or the text sent (saved and published in one transaction). With `version`, only if the stored text is still that one '
        + '(409 `publication_changed`). When the redaction changes the text sent, it is saved, not published, and the answer is 409 with the publication. '
        + 'An answer holding a template blank is refused (422).',
      requestBody: {
        required: false,
        content: {
          'application/json': {
            schema: { type: 'object', properties: { version: { type: 'string' }, title: { type: 'string' }, body: { type: 'string' }, answer: { type: 'string' }, photoIds: { type: 'array', items: { type: 'integer' } } } },
          },
        },
      },
    },
  },
  '/api/v1/staff/reports/{code}/publication/terms': publicationStep('decidePublicationTerm', 'Remove a term from the whole publication, or keep it readable (a finding of the redaction)', {
    type: 'object',
    required: ['term', 'decision'],
    properties: {
      term: { type: 'string', minLength: 2, maxLength: 200 },
      decision: { type: 'string', enum: ['keep', 'remove'] },
      version: { type: 'string', description: 'The text the client showed (409 `publication_changed` if another save came first).' },
    },
  }),
  '/api/v1/staff/reports/{code}/publication/decline': publicationStep('declinePublication', 'Decline (or withdraw) publication, with a reason', {
    type: 'object',
    required: ['reason'],
    properties: { reason: { type: 'string' } },
  }),
  '/api/v1/dashboard/agencies': {
    get: {
      operationId: 'dashboardAgencies',
      summary: 'Per-OPD figures of the dashboard over a period (leader, admin, coordinator; a Kepala OPD gets their own OPD only)',
      description: 'Reports submitted from `from` to `to` (Asia/Jakarta days, both included; default the last 30 days). Definitions at /dasbor/definisi.',
      tags: ['staff'],
      security,
      parameters: [
        { name: 'from', in: 'query', description: 'First day, YYYY-MM-DD.', schema: { type: 'string', format: 'date' } },
        { name: 'to', in: 'query', description: 'Last day, YYYY-MM-DD.', schema: { type: 'string', format: 'date' } },
        { name: 'agency', in: 'query', description: 'Agency code.', schema: { type: 'string' } },
        { name: 'category', in: 'query', description: 'Category code.', schema: { type: 'string' } },
        { name: 'kecamatan', in: 'query', description: 'Kecamatan code (its desa included).', schema: { type: 'string' } },
        { name: 'channel', in: 'query', description: 'Channel the report came by.', schema: { type: 'string', enum: ['web', 'email', 'api', 'open311', 'staff', 'whatsapp'] } },
        ref('parameters', 'AcceptLanguage'),
      ],
      responses: {
        '200': {
          description: '`{from, to, total, agencies: [...]}`: `total` is the sum over all OPD (medians are not additive and are left out of it); each figure also as displayed, in `display`.',
          content: { 'application/json': { schema: { type: 'object', required: ['from', 'to', 'total', 'agencies'] } } },
        },
        '401': err('Unauthorized'),
        '403': err('Forbidden'),
        '422': err('ValidationFailed'),
      },
    },
  },
};
