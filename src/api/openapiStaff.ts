import { ref } from './openapiSchemas.js';
import type { OpenApiDocument, SchemaObject } from './openapiTypes.js';

/**
 * The staff API (src/triage/apiHandlers.ts) in the OpenAPI document: the same actions and
 * permissions as the staff pages, for a signed-in session (with X-CSRF-Token) or an
 * API token an admin issued (Authorization: Bearer epg_..., no CSRF token).
 */
const err = (name: string) => ref('responses', name);
const security: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

/** What any staff action may answer besides its success. */
const actionErrors = {
  '401': err('Unauthorized'),
  '403': err('Forbidden'),
  '404': err('NotFound'),
  '409': err('Conflict'),
  '415': err('UnsupportedMediaType'),
  '422': err('ValidationFailed'),
};

const staffReport: SchemaObject = {
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

const draftId = { name: 'id', in: 'path' as const, required: true, description: 'The draft answer’s id.', schema: { type: 'integer' as const } };
const fileId = { name: 'fileId', in: 'path' as const, required: true, description: 'A file of the draft answer.', schema: { type: 'integer' as const } };
const draft: SchemaObject = {
  type: 'object',
  required: ['id', 'version', 'blanks', 'blanksMessage'],
  properties: {
    id: { type: 'integer' },
    version: { type: 'integer' },
    // Template blanks left in the saved text ("...", "{isian}", "[ ]"): submitting refuses them (422).
    blanks: {
      type: 'array',
      items: { type: 'object', properties: { text: { type: 'string' }, line: { type: 'integer' }, column: { type: 'integer' }, excerpt: { type: 'string' } } },
    },
    blanksMessage: { type: ['string', 'null'], description: 'The blanks in one sentence, in the caller’s language.' },
  },
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
const commentBody: SchemaObject = { type: 'object', required: ['comment'], properties: { comment: { type: 'string' } } };
const answerStep = (operationId: string, summary: string, body?: SchemaObject) => ({
  post: {
    operationId,
    summary,
    tags: ['staff'],
    security,
    parameters: [ref('parameters', 'Code'), draftId, ref('parameters', 'AcceptLanguage'), ref('parameters', 'CsrfToken')],
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    responses: {
      '200': { description: 'The report after the step.', content: { 'application/json': { schema: staffReport } } },
      ...actionErrors,
    },
  },
});

export const staffPaths: OpenApiDocument['paths'] = {
  '/api/v1/staff/reports/{code}/answer-templates': {
    get: {
      operationId: 'listAnswerTemplates',
      summary: 'Answer templates for this report, placeholders filled (a preview)',
      tags: ['staff'],
      security,
      parameters: [ref('parameters', 'Code'), ref('parameters', 'AcceptLanguage')],
      responses: {
        '200': { description: '`{templates: [{id, name, forCategory, body}]}`', content: { 'application/json': { schema: { type: 'object' } } } },
        '401': err('Unauthorized'),
        '403': err('Forbidden'),
        '404': err('NotFound'),
      },
    },
  },
  '/api/v1/staff/answer-check': {
    post: {
      operationId: 'checkAnswer',
      summary: 'Check an answer text as it is written (the draft checker)',
      description:
        'Every rule of the draft checker on `text`, against the report `reportCode` (its title is what the answer should refer to): '
        + 'template blanks (blocking: submitting or approving such a text answers 422 with the same `findings`), the four elements '
        + '(finding, reason, action with a date, contact), plain language (length, long sentences, unexplained abbreviations, bureaucratic '
        + 'phrases), greeting and relevance; every other rule only warns. `plannedAt`, the draft’s action date, counts as a date. '
        + 'For the report’s OPD staff and Kepala OPD; another OPD’s report is 404. Thresholds and word lists are set by admins.',
      tags: ['staff'],
      security,
      parameters: [ref('parameters', 'AcceptLanguage'), ref('parameters', 'CsrfToken')],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['text', 'reportCode'],
              properties: {
                text: { type: 'string', maxLength: 10000 },
                reportCode: { type: 'string', description: 'The report’s tracking code, with or without the hyphen.' },
                plannedAt: { type: ['string', 'null'], format: 'date' },
              },
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'Each rule in order, with its message in the caller’s language.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['rules', 'blocked', 'warnings', 'summary', 'elements'],
                properties: {
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['rule', 'ok', 'blocking', 'label', 'message'],
                      properties: {
                        rule: {
                          type: 'string',
                          enum: ['blanks', 'finding', 'reason', 'action', 'contact', 'length', 'longSentences', 'abbreviations', 'phrases', 'greeting', 'relevance'],
                        },
                        ok: { type: 'boolean' },
                        blocking: { type: 'boolean', description: 'Not passed, and stops submitting and approving.' },
                        label: { type: 'string' },
                        message: { type: 'string' },
                      },
                    },
                  },
                  blocked: { type: 'boolean' },
                  warnings: { type: 'integer', description: 'Rules not passed that only warn.' },
                  summary: { type: 'string' },
                  elements: {
                    type: 'object',
                    properties: { finding: { type: 'boolean' }, reason: { type: 'boolean' }, action: { type: 'boolean' }, contact: { type: 'boolean' } },
                  },
                },
              },
            },
          },
        },
        '401': err('Unauthorized'),
        '403': err('Forbidden'),
        '404': err('NotFound'),
        '415': err('UnsupportedMediaType'),
        '422': err('ValidationFailed'),
      },
    },
  },
  '/api/v1/staff/reports/{code}/answers': {
    post: {
      operationId: 'createDraftAnswer',
      summary: 'Start the draft answer (OPD staff)',
      tags: ['staff'],
      security,
      parameters: [ref('parameters', 'Code'), ref('parameters', 'AcceptLanguage'), ref('parameters', 'CsrfToken')],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['body'], properties: { body: { type: 'string', minLength: 20 }, plannedAt: { type: ['string', 'null'], format: 'date' } } } } } },
      responses: {
        '201': { description: 'The draft: `{id, version}`.', content: { 'application/json': { schema: draft } } },
        ...actionErrors,
      },
    },
  },
  '/api/v1/staff/reports/{code}/answers/{id}': {
    put: {
      operationId: 'saveDraftAnswer',
      summary: 'Save the draft (optimistic locking: send the version you loaded)',
      description: 'A stale version answers 409 `stale_draft` with the current text, and nothing is overwritten.',
      tags: ['staff'],
      security,
      parameters: [ref('parameters', 'Code'), draftId, ref('parameters', 'AcceptLanguage'), ref('parameters', 'CsrfToken')],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['body', 'version'], properties: { body: { type: 'string' }, version: { type: 'integer' }, plannedAt: { type: ['string', 'null'], format: 'date' } } } } } },
      responses: {
        '200': { description: 'The draft with its new version.', content: { 'application/json': { schema: draft } } },
        ...actionErrors,
      },
    },
  },
  '/api/v1/staff/reports/{code}/answers/{id}/submit': {
    post: {
      ...answerStep('submitDraftAnswer', 'Submit the draft to the head of agency').post,
      description: 'A draft holding a template blank is refused: 422 `{errors, findings}`, the findings as `answer-check` gives them. Warnings do not stop it.',
    },
  },
  '/api/v1/staff/reports/{code}/answers/{id}/approve': {
    post: {
      ...answerStep('approveAnswer', 'Approve (head of agency): the answer goes to the citizen, or to a coordinator first when answers are validated').post,
      description:
        'With `version` (the one read), a draft changed since is not approved (409 `draft_changed`). A draft holding a template blank is refused '
        + '(422 with `findings`, as `answer-check` gives them). A draft the checker warns about is approved only with `warningsRead: true` '
        + '(the head read the warnings; recorded in the review), else 422 on the field `warningsRead`, with the `findings`.',
      requestBody: {
        required: false,
        content: { 'application/json': { schema: { type: 'object', properties: { version: { type: 'integer' }, warningsRead: { type: 'boolean', default: false } } } } },
      },
    },
  },
  '/api/v1/staff/reports/{code}/answers/{id}/edit-approve': {
    post: {
      ...answerStep('editApproveAnswer', 'Edit and approve (head of agency): correct the submitted draft and approve it in one step').post,
      description:
        'The head’s text and planned date become a new version of the answer, authored by the head and kept in its history, '
        + 'and that version is approved as `approve` would (sent to the citizen, or to a coordinator first when answers are validated). '
        + '`version` is the one the head read: a draft changed since is not touched (409 `draft_changed`). The same checks as approving '
        + 'apply to the edited text (a template blank: 422), and a refused step writes nothing. A text equal to the submitted one is a plain approval.',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['body', 'version'],
              properties: {
                body: { type: 'string', minLength: 20, maxLength: 10000 },
                plannedAt: { type: ['string', 'null'], format: 'date' },
                version: { type: 'integer' },
                warningsRead: { type: 'boolean', default: false, description: 'Required (true) when the checker warns about the edited text.' },
              },
            },
          },
        },
      },
    },
  },
  '/api/v1/staff/reports/{code}/answers/{id}/preview': {
    get: {
      operationId: 'previewAnswer',
      summary: 'What the citizen will get from this draft: the mail and the tracking page entry, with the files',
      description:
        'The mail to the reporter exactly as it will be queued, except that `{nama_pelapor}` stands where the reporter’s name goes '
        + '(staff never see it); `mail` is null when the reporter gave no e-mail address. For whoever may write, approve or validate the answer.',
      tags: ['staff'],
      security,
      parameters: [ref('parameters', 'Code'), draftId, ref('parameters', 'AcceptLanguage')],
      responses: {
        '200': { description: '`{mail: {subject, text} | null, mergedReporters, tracking: {heading, body, planned, files}}`', content: { 'application/json': { schema: { type: 'object' } } } },
        '401': err('Unauthorized'),
        '403': err('Forbidden'),
        '404': err('NotFound'),
        '422': err('ValidationFailed'),
      },
    },
  },
  '/api/v1/staff/reports/{code}/answers/{id}/files': {
    post: {
      operationId: 'attachAnswerFiles',
      summary: 'Attach photos or PDFs to the draft answer (OPD staff)',
      description:
        'Field `files`, one or several: inspected and stored as citizens’ uploads are (type read from the bytes, images re-encoded without metadata), '
        + 'within the same size limit and, for the answer as a whole, the same count. JPEG, PNG, WebP and PDF; no video. Only while the draft is staff’s '
        + '(draft or returned). The citizen sees the files with the answer once it is sent.',
      tags: ['staff'],
      security,
      parameters: [ref('parameters', 'Code'), draftId, ref('parameters', 'AcceptLanguage'), ref('parameters', 'CsrfToken')],
      requestBody: {
        required: true,
        content: { 'multipart/form-data': { schema: { type: 'object', required: ['files'], properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } } } },
      },
      responses: {
        '201': { description: 'Every file of the draft: `{files: [{id, name, mimeType, size, url, thumbnailUrl, public}]}`.', content: { 'application/json': { schema: { type: 'object' } } } },
        ...actionErrors,
      },
    },
  },
  '/api/v1/staff/reports/{code}/answers/{id}/files/{fileId}': {
    put: {
      operationId: 'proposeAnswerFileForPublic',
      summary: 'Propose a photo of the answer for the public case page, or withdraw it',
      description: '`{public: true|false}`. Photos only. A proposal: the photo starts ticked in the coordinator’s publication review, which decides.',
      tags: ['staff'],
      security,
      parameters: [ref('parameters', 'Code'), draftId, fileId, ref('parameters', 'CsrfToken')],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['public'], properties: { public: { type: 'boolean' } } } } } },
      responses: { '200': { description: '`{files: [...]}` as after an upload.', content: { 'application/json': { schema: { type: 'object' } } } }, ...actionErrors },
    },
    delete: {
      operationId: 'removeAnswerFile',
      summary: 'Take a file off the draft answer',
      tags: ['staff'],
      security,
      parameters: [ref('parameters', 'Code'), draftId, fileId, ref('parameters', 'CsrfToken')],
      responses: { '204': { description: 'Removed.' }, ...actionErrors },
    },
  },
  '/api/v1/staff/reports/{code}/answers/{id}/return': answerStep('returnDraftAnswer', 'Return the draft with a comment (head of agency)', commentBody),
  '/api/v1/staff/reports/{code}/answers/{id}/validate': answerStep('validateAnswer', 'Validate an approved answer: it goes to the citizen (coordinator)'),
  '/api/v1/staff/reports/{code}/answers/{id}/refuse': answerStep('refuseAnswer', 'Refuse an approved answer back to the agency with a reason (coordinator)', commentBody),
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
        { name: 'channel', in: 'query', description: 'Channel the report came by.', schema: { type: 'string', enum: ['web', 'email', 'api', 'open311', 'staff'] } },
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
