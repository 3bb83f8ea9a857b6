import { AGENCY_KINDS, REPORT_KINDS, REPORT_STATUSES, ROLES, SOCIAL_PLATFORMS, STAFF_SOURCES } from '../db/schema.js';
import { LIMITS } from '../reports/limits.js';
import type { Ref, SchemaObject } from './openapiTypes.js';

/** The data shapes of the OpenAPI document (components.schemas), and the helpers that point to them. */

export const ref = (kind: 'schemas' | 'parameters' | 'responses' | 'headers', name: string): Ref => ({
  $ref: `#/components/${kind}/${name}`,
});
export const schema = (name: string) => ref('schemas', name);
export const jsonOf = (name: string) => ({ 'application/json': { schema: schema(name) } });

const nullable = (s: SchemaObject): SchemaObject => ({ ...s, type: [s.type as 'string', 'null'] });
const str = (description: string, extra: SchemaObject = {}): SchemaObject => ({ type: 'string', description, ...extra });
const code: SchemaObject = str('Tracking code, 8 characters without the dash.', { pattern: '^[2-9A-HJ-NP-Z]{8}$', examples: ['ABCD2345'] });
const displayCode: SchemaObject = str('The same code as people read it.', { pattern: '^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$', examples: ['ABCD-2345'] });
const dateTime = (description: string): SchemaObject => str(description, { format: 'date-time' });
const regionCode: SchemaObject = str('A kecamatan (33.18.01) or desa/kelurahan (33.18.01.2001) code from GET /api/v1/regions.', {
  pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}(\\.\\d{4})?$',
});
const binaryFiles: SchemaObject = {
  type: 'array',
  description: 'Photos, videos or documents (JPEG, PNG, WebP, PDF, MP4), checked by their bytes. Images are re-encoded without metadata.',
  items: { type: 'string', contentMediaType: 'application/octet-stream' },
};

const reporter: SchemaObject = {
  type: 'object',
  description: 'Who reports. Never shown to the public; hidden from the agency when `anonymous`.',
  properties: {
    name: nullable(str('Required unless `anonymous` is true.', { maxLength: LIMITS.nameMax })),
    email: nullable(str('Receives the tracking code, the secret link and the answer.', { format: 'email', maxLength: 254 })),
    phone: nullable(str('Indonesian mobile or landline number; stored as +62...', { maxLength: 30, examples: ['0812 3456 7890'] })),
    nik: nullable(str('National ID number (NIK), 16 digits.', { pattern: '^\\d{16}$' })),
  },
};

const reportFields: Record<string, SchemaObject> = {
  kind: { type: 'string', enum: REPORT_KINDS, description: 'pengaduan (complaint), aspirasi (suggestion) or informasi (information request).' },
  title: str('Title.', { minLength: LIMITS.titleMin, maxLength: LIMITS.titleMax }),
  body: str('What happened, where, since when, what is expected.', { minLength: LIMITS.bodyMin, maxLength: LIMITS.bodyMax }),
  categoryId: nullable({ type: 'integer', minimum: 1, description: 'An active category from GET /api/v1/categories; null when unknown.' }),
  regionCode: nullable(regionCode),
  address: nullable(str('Street, RT/RW or landmark.', { maxLength: LIMITS.addressMax })),
  lat: nullable({ type: 'number', minimum: -90, maximum: 90, description: 'Latitude; give both coordinates or neither.' }),
  lng: nullable({ type: 'number', minimum: -180, maximum: 180, description: 'Longitude; give both coordinates or neither.' }),
  anonymous: { type: 'boolean', default: false, description: 'Hide the reporter from the agency and the public.' },
  confidential: { type: 'boolean', default: false, description: 'Never publish the report, even when resolved.' },
  consent: { type: 'boolean', const: true, description: 'The reporter declares the report true and agrees to its processing. Must be true.' },
};

/** Where a report taken by staff came from (src/staffintake/schema.ts); fields of another source are ignored. */
const staffSourceFields: Record<string, SchemaObject> = {
  source: { type: 'string', enum: STAFF_SOURCES, description: 'telephone, walk_in (in person), letter, social_media or lapor (SP4N-LAPOR!). OPD staff and heads: walk_in, telephone or letter.' },
  platform: { type: 'string', enum: SOCIAL_PLATFORMS, description: 'social_media only, required.' },
  url: nullable(str('social_media only: the post or comment, http(s).', { format: 'uri', maxLength: 2000 })),
  laporNumber: str('lapor only, required: the SP4N-LAPOR! tracking ID, 5-20 letters or digits, a leading # allowed. Recorded once: a number already recorded is refused (422).', {
    pattern: '^#?\\s*[A-Za-z0-9]{5,20}$',
    examples: ['1916449'],
  }),
  letterNumber: nullable(str('letter only: the letter’s number.', { maxLength: 100 })),
  letterDate: nullable(str('letter only: the letter’s date, not after today.', { format: 'date' })),
};

export const schemas: Record<string, SchemaObject> = {
  StaffReportInput: {
    type: 'object',
    description:
      'A report staff received by telephone, in person, by letter, on social media or from SP4N-LAPOR!. The citizen’s fields and rules, '
      + 'without `consent`; the reporter (name and contact) is optional, a contact given is checked like the web form’s. '
      + 'As multipart, the same as form fields plus `files` (a screenshot, a scanned letter).',
    required: ['source', 'kind', 'title', 'body'],
    properties: { ...staffSourceFields, ...Object.fromEntries(Object.entries(reportFields).filter(([k]) => k !== 'consent')), reporter },
  },
  ReportInput: {
    type: 'object',
    description: 'A new report. Unknown fields are refused (422).',
    required: ['kind', 'title', 'body', 'consent'],
    properties: { ...reportFields, reporter },
  },
  ReportMultipart: {
    type: 'object',
    description:
      'The same fields as ReportInput as form fields, plus `files`. Booleans as "true"/"false". The reporter as bracket fields ' +
      '(reporter[name], reporter[email], ...) or as one field `reporter` holding a JSON object.',
    required: ['kind', 'title', 'body', 'consent'],
    properties: { ...reportFields, reporter, files: binaryFiles },
  },
  Submitted: {
    type: 'object',
    required: ['code', 'displayCode', 'secret', 'status', 'trackingUrl', 'dueAt'],
    properties: {
      code,
      displayCode,
      secret: str('The key to the report: send it as X-Tracking-Token. Shown only here; only its hash is stored.', { pattern: '^[2-9A-HJ-NP-Z]{16}$' }),
      status: { type: 'string', const: 'submitted' },
      trackingUrl: str('The secret tracking page for people.', { format: 'uri' }),
      dueAt: dateTime('When Diskominfo checks the report by (the deadline of the current stage).'),
    },
  },
  Duplicate: {
    type: 'object',
    description:
      'The same title and text from the same e-mail or phone within minutes: the report already made. No secret: it went to the e-mail in the report with the acknowledgement, and a citizen who lost it asks for a new one at resendUrl.',
    required: ['code', 'displayCode', 'status', 'duplicate', 'resendUrl'],
    properties: {
      code,
      displayCode,
      status: schema('Status'),
      duplicate: { type: 'boolean', const: true },
      resendUrl: str('The page where a citizen has a new tracking link sent to the e-mail in the report ("Kirim ulang tautan").', { format: 'uri' }),
    },
  },
  Status: { type: 'string', enum: REPORT_STATUSES, description: 'resolved, rejected and merged are closed.' },
  StatusOnly: { type: 'object', required: ['status'], properties: { status: schema('Status') } },
  TimelineEvent: {
    type: 'object',
    required: ['type', 'at', 'event', 'text'],
    properties: {
      type: { type: 'string', const: 'event' },
      at: dateTime('When.'),
      event: str('submitted, verify, request_info, provide_info, citizen_message, acknowledge, approve, reopen, appeal, resolve, rated, ...'),
      status: { oneOf: [schema('Status'), { type: 'null' }], description: 'The status it led to, if it changed it.' },
      text: str('The event as a sentence in the requested language.'),
      reason: nullable(str('Why, when staff gave a reason.')),
    },
  },
  TimelineMessage: {
    type: 'object',
    required: ['type', 'at', 'kind', 'author', 'heading', 'body', 'attachments'],
    properties: {
      type: { type: 'string', const: 'message' },
      at: dateTime('When.'),
      kind: str('citizen_info, citizen_reply, appeal, question or answer (answers appear once sent).'),
      author: { type: 'string', enum: ['citizen', 'staff', 'system'] },
      heading: str('Who wrote it, in the requested language.'),
      body: str('The text, as written (plain text, not HTML).'),
      plannedAt: nullable(str('For an answer that plans work: the planned date.', { format: 'date' })),
      attachments: { type: 'integer', minimum: 0, description: 'Files that came with it.' },
    },
  },
  ReportView: {
    type: 'object',
    description: 'The citizen’s view of their report. Never the reporter’s contact or NIK, internal events or notes.',
    required: ['code', 'displayCode', 'status', 'statusText', 'open', 'dueAt', 'overdue', 'kind', 'title', 'body', 'submittedAt', 'timeline'],
    properties: {
      code,
      displayCode,
      status: schema('Status'),
      statusText: str('The status in the requested language.'),
      open: { type: 'boolean' },
      dueAt: nullable(dateTime('The deadline of the current stage.')),
      overdue: { type: 'boolean' },
      kind: reportFields.kind!,
      kindText: str('The kind in the requested language.'),
      title: str('As sent.'),
      body: str('As sent.'),
      category: nullable({ type: 'object', properties: { id: { type: 'integer' }, name: str('In the requested language when available.') } }),
      region: nullable({
        type: 'object',
        properties: { code: regionCode, name: str('Name.'), level: { type: 'string', enum: ['kecamatan', 'desa', 'kelurahan'] }, parentName: nullable(str('Kecamatan.')) },
      }),
      address: nullable(str('As sent.')),
      agency: nullable({ type: 'object', properties: { id: { type: 'integer' }, name: str('The agency handling it.') } }),
      anonymous: { type: 'boolean' },
      confidential: { type: 'boolean' },
      submittedAt: dateTime('When it was received.'),
      rejectionReason: nullable(str('Why it cannot be followed up.')),
      attachments: { type: 'integer', minimum: 0, description: 'Files sent with the report.' },
      timeline: { type: 'array', items: { oneOf: [schema('TimelineEvent'), schema('TimelineMessage')] } },
      mergedInto: nullable({
        type: 'object',
        description: 'For a merged report: the report it joined, where the follow-up goes on (its status, deadline, agency and sent answers; never its reporter or text).',
        required: ['code', 'displayCode', 'status', 'statusText', 'open', 'dueAt', 'overdue', 'answers'],
        properties: {
          code,
          displayCode,
          status: schema('Status'),
          statusText: str('Its status in the requested language.'),
          open: { type: 'boolean' },
          dueAt: nullable(dateTime('The government’s deadline of its current stage.')),
          overdue: { type: 'boolean' },
          agency: nullable(str('The agency handling it.')),
          rejectionReason: nullable(str('Why it cannot be followed up, when rejected.')),
          answers: {
            type: 'array',
            items: {
              type: 'object',
              required: ['at', 'heading', 'body'],
              properties: {
                at: dateTime('When it was sent.'),
                heading: str('Who answered, in the requested language.'),
                body: str('The answer (plain text).'),
                plannedAt: nullable(str('The planned date of the work, when given.', { format: 'date' })),
              },
            },
          },
        },
      }),
      rating: nullable({ type: 'object', properties: { rating: { type: 'integer', minimum: 1, maximum: 5 }, comment: nullable(str('Comment.')) } }),
      actions: {
        type: 'object',
        description: 'What the citizen can do now.',
        properties: { addMessage: { type: 'boolean' }, resolve: { type: 'boolean' }, appeal: { type: 'boolean' } },
      },
    },
  },
  MessageInput: {
    type: 'object',
    required: ['body'],
    properties: { body: str('More information, or a reply to the answer.', { minLength: 2, maxLength: LIMITS.messageMax }) },
  },
  MessageMultipart: {
    type: 'object',
    required: ['body'],
    properties: { body: str('More information.', { minLength: 2, maxLength: LIMITS.messageMax }), files: binaryFiles },
  },
  ResolutionInput: {
    type: 'object',
    required: ['accepted'],
    properties: {
      accepted: { type: 'boolean', description: 'true: the answer solved it (resolved). false: an appeal (reopened for the agency).' },
      rating: nullable({ type: 'integer', minimum: 1, maximum: 5, description: 'With accepted: true only.' }),
      comment: nullable(str('With accepted: true, the comment on the rating (needs a rating, max 1000). With false, the reason of the appeal: required.', {
        maxLength: LIMITS.messageMax,
      })),
    },
  },
  Category: {
    type: 'object',
    required: ['id', 'code', 'name'],
    properties: {
      id: { type: 'integer' },
      code: str('Stable code.'),
      name: str('Indonesian name.'),
      nameEn: nullable(str('English name.')),
      description: nullable(str('What belongs here.')),
      agencyId: nullable({ type: 'integer', description: 'The agency it goes to by default.' }),
    },
  },
  Agency: {
    type: 'object',
    required: ['id', 'code', 'name', 'kind'],
    properties: {
      id: { type: 'integer' },
      code: str('Stable code.'),
      name: str('Name.'),
      shortName: nullable(str('Abbreviation, e.g. DPUPR.')),
      kind: { type: 'string', enum: AGENCY_KINDS },
      parentId: nullable({ type: 'integer', description: 'The agency it belongs to.' }),
    },
  },
  Region: {
    type: 'object',
    required: ['code', 'name', 'level'],
    properties: {
      code: regionCode,
      name: str('Name.'),
      level: { type: 'string', enum: ['kecamatan', 'desa', 'kelurahan'] },
      parentCode: nullable(str('The kecamatan of a desa or kelurahan.')),
    },
  },
  LoginInput: {
    type: 'object',
    required: ['email', 'password'],
    properties: { email: str('Staff e-mail.', { maxLength: 254 }), password: str('Password.', { maxLength: 1024 }) },
  },
  Session: {
    type: 'object',
    required: ['user', 'csrfToken'],
    properties: {
      user: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          email: str('E-mail.'),
          name: str('Name.'),
          role: { type: 'string', enum: ROLES },
          agencyId: nullable({ type: 'integer' }),
        },
      },
      csrfToken: str('Send as X-CSRF-Token on state-changing requests made with the session cookie.'),
    },
  },
  ValidationErrors: {
    type: 'object',
    required: ['errors'],
    properties: {
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'message'],
          properties: {
            field: str('The field path, e.g. title, reporter.email, files, rating.'),
            message: str('What is wrong, in the language of Accept-Language (id or en).'),
          },
        },
      },
    },
  },
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: str('not_found, closed, not_answered, letter_withdrawn, not_allowed, payload_too_large, unsupported_media_type, too_many_requests, bad_request, csrf_invalid, cross_site, unauthorized, invalid_credentials, internal'),
          message: str('For people, in the language of Accept-Language.'),
          reference: str('For a server error: quote it to the administrator.'),
        },
      },
    },
  },
};
