import type { Config, WhatsAppConfig } from '../config.js';
import type { Db } from '../db/database.js';
import type { WhatsAppPayload } from '../db/schema.js';
import { fillSecret } from './secrets.js';
import { contactState } from './whatsapp.js';

/**
 * Sending one WhatsApp outbox row through Meta's Cloud API (POST {graph}/{phone-number-id}/messages
 * with the Bearer token). The worker (worker.ts) claims the row exactly as it claims a mail,
 * so a message is sent at most once; this module only decides what to send and says how it went.
 *
 * What goes, decided now rather than when queued (the window may close while a message
 * waits for a retry):
 *   - an opted-out number gets nothing;
 *   - within 24 hours of the citizen's last message: the text (a session message), or the
 *     letter as a document;
 *   - outside: the approved status template when the row has one, else nothing (the row
 *     fails, visibly at /admin/outbox); free text is never sent outside the window.
 * Meta answering 131047 (re-engagement: the window closed by Meta's clock) switches to the
 * template when there is one.
 *
 * The letter is uploaded (POST /{phone-number-id}/media) and sent by its media id rather
 * than by a link: a link would have to be a public, unauthenticated URL serving the
 * citizen's letter (their name, their report) for Meta to fetch, while an upload hands
 * the PDF to Meta alone, at the moment it is sent, and nothing new is exposed on our site.
 */

export type WhatsAppOutcome =
  | { ok: true; transport: 'whatsapp' | 'dev-outbox'; wamid: string | null; note?: string }
  | { ok: false; retry: boolean; error: string };

export interface WhatsAppRow {
  id: number;
  to_address: string;
  text_body: string;
  secret: string | null;
  wa_payload: WhatsAppPayload | null;
}

/** Meta's error, as the Graph API answers it: {"error": {"message", "type", "code", "error_data": {"details"}}}. */
export class GraphError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number | null,
    readonly title: string,
    readonly details: string,
  ) {
    super(`HTTP ${httpStatus}: ${code === null ? '' : `(#${code}) `}${title}${details && details !== title ? `: ${details}` : ''}`);
    this.name = 'GraphError';
  }
}

/** A text message's body is at most 4096 characters (Meta's limit). */
const TEXT_MAX = 4096;
/** Waiting longer than this leaves it unknown whether Meta took the message. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Meta's codes a later try may cure: throughput and rate limits, temporary unavailability. */
const RETRYABLE_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);
export const OUTSIDE_WINDOW_CODE = 131047;

function truncateText(text: string): string {
  return text.length > TEXT_MAX ? `${text.slice(0, TEXT_MAX - 1)}…` : text;
}

/** Meta refuses template parameters with line breaks, tabs or more than four spaces in a row. */
function templateParam(text: string): string {
  return text.replace(/\s+/g, ' ').trim() || '-';
}

async function graphFetch(wa: WhatsAppConfig, path: string, init: { json?: unknown; form?: FormData }): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(`${wa.graphUrl}/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${wa.accessToken}`, ...(init.json === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: init.json === undefined ? init.form : JSON.stringify(init.json),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    throw networkError(err);
  }
  const text = await res.text().catch(() => '');
  let body: Record<string, unknown>;
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = {};
  }
  if (!res.ok) {
    const e = (body.error ?? {}) as { message?: unknown; code?: unknown; error_data?: { details?: unknown } };
    throw new GraphError(
      res.status,
      typeof e.code === 'number' ? e.code : null,
      // Meta's message starts with its code, '(#131026) Message Undeliverable': the code is shown once.
      typeof e.message === 'string' ? e.message.replace(/^\(#\d+\)\s*/, '') : res.statusText || 'error',
      typeof e.error_data?.details === 'string' ? e.error_data.details : '',
    );
  }
  return body;
}

/** A request that never got an answer: cured by a later try only when it surely never reached Meta. */
class NetworkError extends Error {
  constructor(
    message: string,
    readonly reachedServer: boolean,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

function networkError(err: unknown): NetworkError {
  const e = err as { name?: string; message?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return new NetworkError('no answer from the Graph API in time: the message may or may not have been sent', true);
  }
  const code = e.cause?.code;
  // Refused or unresolvable before anything was sent: a retry cannot double the message.
  const before = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
  return new NetworkError(`Graph API not reachable${code ? ` (${code})` : ''}: ${e.message ?? String(err)}`, !before);
}

function isRetryable(err: unknown): boolean {
  if (err instanceof GraphError) return err.httpStatus >= 500 || err.httpStatus === 429 || (err.code !== null && RETRYABLE_CODES.has(err.code));
  if (err instanceof NetworkError) return !err.reachedServer;
  return false;
}

function wamidOf(body: Record<string, unknown>): string {
  const id = (body.messages as { id?: unknown }[] | undefined)?.[0]?.id;
  if (typeof id !== 'string' || !id) throw new Error('the Graph API answered without a message id');
  return id;
}

export function createWhatsAppSender(db: Db, config: Config) {
  async function send(wa: WhatsAppConfig, to: string, message: Record<string, unknown>): Promise<string> {
    const body = await graphFetch(wa, `${wa.phoneNumberId}/messages`, {
      json: { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...message },
    });
    return wamidOf(body);
  }

  async function sendTemplate(wa: WhatsAppConfig, row: WhatsAppRow, template: NonNullable<WhatsAppPayload['template']>): Promise<string> {
    const params = template.params.map((p) => templateParam(row.secret ? fillSecret(p, row.secret) : p));
    return send(wa, row.to_address, {
      type: 'template',
      template: {
        name: template.name,
        language: { code: template.language, policy: 'deterministic' },
        components: [{ type: 'body', parameters: params.map((text) => ({ type: 'text', text })) }],
      },
    });
  }

  /** The letter the row carries (outbox_attachments), or undefined; null when it was withdrawn since. */
  async function letterOf(outboxId: number): Promise<{ filename: string; pdf: Buffer } | null | undefined> {
    const row = await db
      .selectFrom('outbox_attachments as oa')
      .leftJoin('answer_letters as l', 'l.id', 'oa.letter_id')
      .select(['oa.filename', 'l.pdf'])
      .where('oa.outbox_id', '=', outboxId)
      .orderBy('oa.id')
      .executeTakeFirst();
    if (!row) return undefined;
    return row.pdf ? { filename: row.filename, pdf: Buffer.from(row.pdf) } : null;
  }

  async function sendDocument(wa: WhatsAppConfig, row: WhatsAppRow, letter: { filename: string; pdf: Buffer }): Promise<string> {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', 'application/pdf');
    form.append('file', new Blob([letter.pdf], { type: 'application/pdf' }), letter.filename);
    const uploaded = await graphFetch(wa, `${wa.phoneNumberId}/media`, { form });
    if (typeof uploaded.id !== 'string') throw new Error('the Graph API answered the upload without a media id');
    return send(wa, row.to_address, { type: 'document', document: { id: uploaded.id, filename: letter.filename } });
  }

  async function attempt(wa: WhatsAppConfig, row: WhatsAppRow): Promise<WhatsAppOutcome> {
    const state = await contactState(db, row.to_address);
    if (state.optedOut) return { ok: false, retry: false, error: 'not sent: the number asked for no more messages (STOP).' };
    const template = row.wa_payload?.template ?? null;
    const letter = await letterOf(row.id);
    if (letter === null) return { ok: false, retry: false, error: 'not sent: the letter was withdrawn.' };
    if (!state.inWindow && !template) {
      return { ok: false, retry: false, error: 'not sent: outside the 24-hour customer service window and no approved template fits; free text is never sent outside it.' };
    }
    if (!state.inWindow && template) return { ok: true, transport: 'whatsapp', wamid: await sendTemplate(wa, row, template), note: 'template' };
    if (letter) return { ok: true, transport: 'whatsapp', wamid: await sendDocument(wa, row, letter) };
    const text = truncateText(row.secret ? fillSecret(row.text_body, row.secret) : row.text_body);
    try {
      return { ok: true, transport: 'whatsapp', wamid: await send(wa, row.to_address, { type: 'text', text: { preview_url: false, body: text } }) };
    } catch (err) {
      // Meta's clock says the window closed: the template, when one fits; never the text again.
      if (err instanceof GraphError && err.code === OUTSIDE_WINDOW_CODE && template) {
        return { ok: true, transport: 'whatsapp', wamid: await sendTemplate(wa, row, template), note: 'template after 131047' };
      }
      throw err;
    }
  }

  return {
    /** Sends the row (or keeps it in the development outbox when WhatsApp is not configured). */
    async deliver(row: WhatsAppRow): Promise<WhatsAppOutcome> {
      const wa = config.whatsapp;
      if (!wa) return { ok: true, transport: 'dev-outbox', wamid: null };
      try {
        return await attempt(wa, row);
      } catch (err) {
        return { ok: false, retry: isRetryable(err), error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
