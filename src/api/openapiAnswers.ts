import { ref } from './openapiSchemas.js';
import { actionErrors, err, security, staffReport } from './openapiStaff.js';
import type { OpenApiDocument, SchemaObject } from './openapiTypes.js';

/**
 * The staff API's answers in the OpenAPI document (src/answers/apiHandlers.ts): templates,
 * the draft checker, drafts and their files, the preview, and each step from submitting to
 * validating. Split from openapiStaff.ts, whose authentication and errors they share.
 */
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

export const answerPaths: OpenApiDocument['paths'] = {
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
};
