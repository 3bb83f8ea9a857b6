import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Meta's Graph API (WhatsApp Cloud API), on 127.0.0.1, answering in the
 * shapes Meta documents:
 *   POST /{version}/{phone-number-id}/messages  -> {messaging_product, contacts:[{input, wa_id}], messages:[{id}]}
 *   POST /{version}/{phone-number-id}/media     -> {id}
 *   GET  /{version}/{media-id}                  -> {messaging_product, url, mime_type, sha256, file_size, id}
 *   GET  /media-bytes/{media-id}                -> the bytes, only with "Authorization: Bearer <token>"
 * Every request is recorded; failures can be queued. Also builds signed webhook deliveries in
 * the shape Meta posts them (object 'whatsapp_business_account', entry[].changes[].value).
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body, or undefined for other bodies (multipart uploads). */
  json: unknown;
  /** The raw body. */
  body: Buffer;
}

/** Meta's error shape: {"error": {message, type, code, error_data, fbtrace_id}}. */
export interface GraphError {
  status: number;
  code: number;
  message?: string;
  details?: string;
}

export interface FakeMedia {
  bytes: Buffer;
  mimeType: string;
  /** What the media endpoint claims; the true length when unset. */
  fileSize?: number;
}

/** Meta's codes the outbound side meets most. */
export const GRAPH_ERRORS = {
  /** More than 24 hours since the user last wrote: only a template may be sent. */
  reEngagement: { status: 400, code: 131047, message: 'Re-engagement message', details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
  /** The recipient cannot receive the message (not a WhatsApp user, old app...). */
  undeliverable: { status: 400, code: 131026, message: 'Message Undeliverable', details: 'Message failed to send because of an unknown error with the recipient.' },
  /** Too many messages from this business number. */
  rateLimited: { status: 429, code: 130429, message: 'Rate limit hit', details: 'Cloud API message throughput has been reached.' },
  /** The token is wrong or expired. */
  badToken: { status: 401, code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
} satisfies Record<string, GraphError>;

export interface FakeGraph {
  /** Base of the Graph API with version, for WHATSAPP_GRAPH_URL, e.g. http://127.0.0.1:4711/v21.0 */
  url: string;
  /** The origin alone. */
  origin: string;
  token: string;
  phoneNumberId: string;
  /** Every request, in order. */
  requests: RecordedRequest[];
  /** The message sends (POST .../messages) that were answered 200, in order. */
  sent: RecordedRequest[];
  /** Media the fake serves, by id. */
  media: Map<string, FakeMedia>;
  /** Adds a media item and returns its id. */
  addMedia(media: FakeMedia, id?: string): string;
  /** The next n sends answer with this failure (500 by default). */
  failNext(n: number, error?: GraphError | 'http500'): void;
  /** The next n media look-ups or downloads answer 500. */
  failMediaNext(n: number): void;
  close(): Promise<void>;
}

export interface FakeGraphOptions {
  token?: string;
  phoneNumberId?: string;
  version?: string;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function graphError(res: http.ServerResponse, e: GraphError): void {
  sendJson(res, e.status, {
    error: {
      message: `(#${e.code}) ${e.message ?? 'Error'}`,
      type: 'OAuthException',
      code: e.code,
      error_data: { messaging_product: 'whatsapp', details: e.details ?? e.message ?? 'Error' },
      fbtrace_id: crypto.randomBytes(8).toString('hex'),
    },
  });
}

export function wamid(): string {
  return `wamid.${crypto.randomBytes(24).toString('base64url')}`;
}

export async function startFakeGraph(options: FakeGraphOptions = {}): Promise<FakeGraph> {
  const token = options.token ?? `EAAG${crypto.randomBytes(16).toString('hex')}`;
  const phoneNumberId = options.phoneNumberId ?? '106540352242922';
  const version = options.version ?? 'v21.0';
  const requests: RecordedRequest[] = [];
  const sent: RecordedRequest[] = [];
  const media = new Map<string, FakeMedia>();
  const failures: (GraphError | 'http500')[] = [];
  let mediaFailures = 0;

  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://fake');
      let json: unknown;
      if (String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        try {
          json = JSON.parse(body.toString('utf8'));
        } catch {
          json = undefined;
        }
      }
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, json, body };
      requests.push(recorded);
      const authorised = req.headers.authorization === `Bearer ${token}`;
      const parts = url.pathname.split('/').filter(Boolean);

      if (parts[0] === 'media-bytes' && parts.length === 2 && req.method === 'GET') {
        // Meta's media URLs need the same token as the API; without it they answer 401.
        if (!authorised) return graphError(res, GRAPH_ERRORS.badToken);
        if (mediaFailures > 0) {
          mediaFailures -= 1;
          return sendJson(res, 500, { error: { message: 'Internal', code: 1 } });
        }
        const item = media.get(decodeURIComponent(parts[1]!));
        if (!item) return sendJson(res, 404, { error: { message: 'Not found', code: 100 } });
        res.writeHead(200, { 'content-type': item.mimeType, 'content-length': item.bytes.length });
        return res.end(item.bytes);
      }
      if (parts[0] !== version) return sendJson(res, 404, { error: { message: `Unknown path ${url.pathname}`, code: 100 } });
      if (!authorised) return graphError(res, GRAPH_ERRORS.badToken);

      if (parts.length === 3 && parts[1] === phoneNumberId && parts[2] === 'messages' && req.method === 'POST') {
        const failure = failures.shift();
        if (failure === 'http500') return sendJson(res, 500, { error: { message: 'An unknown error occurred', code: 1, type: 'OAuthException' } });
        if (failure) return graphError(res, failure);
        const to = (json as { to?: unknown } | undefined)?.to;
        if ((json as { messaging_product?: unknown } | undefined)?.messaging_product !== 'whatsapp' || typeof to !== 'string') {
          return graphError(res, { status: 400, code: 100, message: 'Invalid parameter', details: 'messaging_product and to are required' });
        }
        sent.push(recorded);
        return sendJson(res, 200, {
          messaging_product: 'whatsapp',
          contacts: [{ input: to, wa_id: to.replace(/^\+/, '') }],
          messages: [{ id: wamid() }],
        });
      }
      if (parts.length === 3 && parts[1] === phoneNumberId && parts[2] === 'media' && req.method === 'POST') {
        const type = /^multipart\/form-data/.test(String(req.headers['content-type'] ?? '')) ? 'application/octet-stream' : String(req.headers['content-type']);
        const id = String(Date.now()) + String(Math.floor(Math.random() * 1e6));
        media.set(id, { bytes: body, mimeType: type });
        return sendJson(res, 200, { id });
      }
      if (parts.length === 2 && req.method === 'GET') {
        if (mediaFailures > 0) {
          mediaFailures -= 1;
          return sendJson(res, 500, { error: { message: 'Internal', code: 1 } });
        }
        const id = decodeURIComponent(parts[1]!);
        const item = media.get(id);
        if (!item) return graphError(res, { status: 400, code: 100, message: 'Invalid parameter', details: `Unsupported get request. Object with ID '${id}' does not exist` });
        return sendJson(res, 200, {
          messaging_product: 'whatsapp',
          url: `${origin}/media-bytes/${encodeURIComponent(id)}`,
          mime_type: item.mimeType,
          sha256: crypto.createHash('sha256').update(item.bytes).digest('hex'),
          file_size: item.fileSize ?? item.bytes.length,
          id,
        });
      }
      return sendJson(res, 404, { error: { message: `Unknown path ${url.pathname}`, code: 100 } });
    })().catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'fake failed', code: 1 } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/${version}`,
    origin,
    token,
    phoneNumberId,
    requests,
    sent,
    media,
    addMedia(item, id) {
      const key = id ?? String(1_000_000_000 + Math.floor(Math.random() * 1e9));
      media.set(key, item);
      return key;
    },
    failNext(n, error = 'http500') {
      for (let i = 0; i < n; i++) failures.push(error);
    },
    failMediaNext(n) {
      mediaFailures += n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------
// Webhook deliveries, as Meta posts them to /webhooks/whatsapp.

/** The body as sent and its X-Hub-Signature-256 header value. */
export function signedDelivery(appSecret: string, body: unknown): { body: string; signature: string } {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { body: text, signature: `sha256=${crypto.createHmac('sha256', appSecret).update(text).digest('hex')}` };
}

export interface InboundBase {
  /** The sender's number, digits only, e.g. 6281234567890. */
  from: string;
  /** The sender's WhatsApp profile name. */
  name?: string;
  id?: string;
  /** Unix seconds. */
  timestamp?: number;
}

export type InboundMessage = Record<string, unknown> & { from: string; id: string; timestamp: string; type: string };

function base(b: InboundBase, type: string): InboundMessage {
  return { from: b.from, id: b.id ?? wamid(), timestamp: String(b.timestamp ?? Math.floor(Date.now() / 1000)), type };
}

/** Message builders; each returns one element of value.messages. */
export const inbound = {
  text(b: InboundBase & { body: string }): InboundMessage {
    return { ...base(b, 'text'), text: { body: b.body } };
  },
  image(b: InboundBase & { mediaId: string; mimeType?: string; caption?: string }): InboundMessage {
    return { ...base(b, 'image'), image: { ...(b.caption ? { caption: b.caption } : {}), mime_type: b.mimeType ?? 'image/jpeg', sha256: 'c2hh', id: b.mediaId } };
  },
  document(b: InboundBase & { mediaId: string; mimeType?: string; filename?: string; caption?: string }): InboundMessage {
    return {
      ...base(b, 'document'),
      document: { ...(b.caption ? { caption: b.caption } : {}), filename: b.filename ?? 'dokumen.pdf', mime_type: b.mimeType ?? 'application/pdf', sha256: 'c2hh', id: b.mediaId },
    };
  },
  /** A voice note (voice: true, OGG/Opus) or an audio file. */
  audio(b: InboundBase & { mediaId: string; mimeType?: string; voice?: boolean }): InboundMessage {
    return { ...base(b, 'audio'), audio: { mime_type: b.mimeType ?? 'audio/ogg; codecs=opus', sha256: 'c2hh', id: b.mediaId, voice: b.voice ?? true } };
  },
  location(b: InboundBase & { latitude: number; longitude: number; name?: string; address?: string }): InboundMessage {
    return { ...base(b, 'location'), location: { latitude: b.latitude, longitude: b.longitude, ...(b.name ? { name: b.name } : {}), ...(b.address ? { address: b.address } : {}) } };
  },
  /** A tap on a reply button of an interactive message we sent. */
  buttonReply(b: InboundBase & { buttonId: string; title: string; context?: string }): InboundMessage {
    return {
      ...base(b, 'interactive'),
      ...(b.context ? { context: { from: '15550783881', id: b.context } } : {}),
      interactive: { type: 'button_reply', button_reply: { id: b.buttonId, title: b.title } },
    };
  },
  /** A tap on a quick-reply button of a template message. */
  templateButton(b: InboundBase & { payload: string; text: string }): InboundMessage {
    return { ...base(b, 'button'), button: { payload: b.payload, text: b.text } };
  },
  /** A type we do not handle (sticker, reaction...). */
  unsupported(b: InboundBase & { type?: string }): InboundMessage {
    return { ...base(b, b.type ?? 'unsupported'), ...(b.type ? {} : { errors: [{ code: 131051, title: 'Message type unknown' }] }) };
  },
};

export interface StatusUpdate {
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  recipient: string;
  timestamp?: number;
  errors?: { code: number; title: string }[];
}

/** One element of value.statuses. */
export function statusUpdate(s: StatusUpdate): Record<string, unknown> {
  return {
    id: s.id,
    status: s.status,
    timestamp: String(s.timestamp ?? Math.floor(Date.now() / 1000)),
    recipient_id: s.recipient,
    ...(s.status === 'failed'
      ? { errors: s.errors ?? [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'Message Undeliverable.' } }] }
      : {
        conversation: { id: crypto.randomBytes(16).toString('hex'), origin: { type: 'service' } },
        pricing: { billable: true, pricing_model: 'CBP', category: 'service' },
      }),
  };
}

/**
 * A whole webhook body: one entry, one change (field "messages") carrying the messages (with
 * the senders' profiles in contacts) and/or statuses.
 */
export function webhookBody(options: {
  phoneNumberId: string;
  messages?: InboundMessage[];
  /** Profile names by sender number. */
  names?: Record<string, string>;
  statuses?: Record<string, unknown>[];
}): Record<string, unknown> {
  const value: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550783881', phone_number_id: options.phoneNumberId },
  };
  if (options.messages?.length) {
    const senders = [...new Set(options.messages.map((m) => m.from))];
    value.contacts = senders.map((wa) => ({ profile: { name: options.names?.[wa] ?? 'Warga' }, wa_id: wa }));
    value.messages = options.messages;
  }
  if (options.statuses?.length) value.statuses = options.statuses;
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ value, field: 'messages' }] }],
  };
}
