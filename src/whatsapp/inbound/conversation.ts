import type { Kysely } from 'kysely';
import { withStoredAttachments } from '../../attachments/store.js';
import type { Config, WhatsAppConfig } from '../../config.js';
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { DB, Report, WhatsAppOutcome } from '../../db/schema.js';
import { reportChanged } from '../../notify/live/bus.js';
import { LIMITS } from '../../reports/limits.js';
import { isClosed } from '../../reports/statuses.js';
import { formatCode, normalizeCode } from '../../reports/tracking.js';
import { InputError } from '../../shared/errors.js';
import { translator } from '../../shared/i18n.js';
import { addInformation } from '../../tracking/commands/addInformation.js';
import { respondToAnswer } from '../../tracking/commands/respondToAnswer.js';
import { queueWhatsApp } from '../outbound/queue.js';
import { lockContact, recordSeen, setOptedOut, touchContact } from './commands/contacts.js';
import { addToDraft, type DraftPart, requestSubmit } from './commands/drafts.js';
import { fetchFile, precheckMedia, removeFiles } from './files.js';
import type { InboundMessage } from './parse.js';
import { alreadySeen, draftOf, openReportsOf, reportById, reportOfNumber } from './queries.js';

/**
 * One inbound message, start to end. What it makes (a draft's part, a message on a report,
 * an opt-out) and its row in whatsapp_messages_seen commit in one transaction: a message
 * already seen is skipped, so Meta's retries, duplicate deliveries and a worker stopped
 * mid-way change nothing. Replies are queued (queueWhatsApp) in that same transaction.
 *
 * The conversation:
 *   - STOP / BERHENTI: no more messages to this number (not even a confirmation); MULAI undoes it.
 *   - BARU: the next messages make a new report, even with reports still open.
 *   - KIRIM: the report being written is submitted now (else when the number has been
 *     quiet for WHATSAPP_DRAFT_MINUTES: inbound/submit.ts).
 *   - a message starting with the code of one of the number's reports adds to that report;
 *   - otherwise: a report being written takes it; else the number's one open report takes
 *     it as information; with several open reports the citizen is asked which; with none
 *     it starts a new report.
 */
export interface ConversationDeps {
  db: Db;
  config: Config;
  wa: WhatsAppConfig;
}

export type Handled = WhatsAppOutcome | 'already';

const t = translator('id');
const STOP = new Set(['STOP', 'BERHENTI', 'UNSUBSCRIBE']);
const START = new Set(['MULAI', 'START']);
const NEW = new Set(['BARU']);
const SEND = new Set(['KIRIM']);
/** Message types with nothing to keep and nothing to answer (a reaction to our message, a sticker). */
const SILENT = new Set(['reaction', 'sticker', 'system', 'ephemeral', 'unsupported', 'request_welcome']);

function keyword(text: string | null): string | null {
  if (!text) return null;
  const word = text.trim().replace(/[.!\s]+$/u, '').toUpperCase();
  return /^[A-Z]{2,12}$/.test(word) ? word : null;
}

/** "ABCD-2345 ada foto tambahan" -> the code and the rest; null when the first word is no code. */
function leadingCode(text: string | null): { code: string; rest: string } | null {
  const m = text ? /^\s*([A-Za-z0-9]{4}[\s-]?[A-Za-z0-9]{4})\b[\s:,.-]*/.exec(text) : null;
  const code = m ? normalizeCode(m[1]) : undefined;
  return m && code ? { code, rest: text!.slice(m[0].length).trim() } : null;
}

/** In one transaction: the message's effect, its seen row, and its reply. */
async function inTransaction(
  deps: ConversationDeps,
  m: InboundMessage,
  outcome: WhatsAppOutcome,
  work: (trx: Kysely<DB>) => Promise<{ reply?: string | null; reportId?: number | null } | void>,
): Promise<Handled> {
  try {
    await deps.db.transaction().execute(async (trx) => {
      await lockContact(trx, m.from);
      const done = (await work(trx)) ?? {};
      await recordSeen(trx, m, outcome, done.reportId ?? null);
      if (done.reply) await queueWhatsApp(trx, deps.config, { to: m.from, reportId: done.reportId ?? null, text: done.reply });
    });
    return outcome;
  } catch (err) {
    // Another worker took this message first: its transaction made what this one would have.
    if (isUniqueViolation(err, 'whatsapp_messages_seen_pkey')) return 'already';
    throw err;
  }
}

export async function handleMessage(deps: ConversationDeps, m: InboundMessage): Promise<Handled> {
  if (await alreadySeen(deps.db, m.id)) return 'already';
  await touchContact(deps.db, m);

  const word = keyword(m.text);
  if (word && !m.media && !m.location) {
    if (STOP.has(word)) return inTransaction(deps, m, 'command', (trx) => setOptedOut(trx, m.from, true));
    if (START.has(word)) {
      return inTransaction(deps, m, 'command', async (trx) => {
        await setOptedOut(trx, m.from, false);
        return { reply: t('whatsapp:optedIn') };
      });
    }
    if (NEW.has(word)) {
      return inTransaction(deps, m, 'command', async (trx) => {
        await addToDraft(trx, m.from, m.name, {}, { byCommand: true });
        return { reply: t('whatsapp:newStarted') };
      });
    }
    if (SEND.has(word)) {
      return inTransaction(deps, m, 'command', async (trx) => ({ reply: (await requestSubmit(trx, m.from)) ? null : t('whatsapp:nothingToSend') }));
    }
  }
  if (SILENT.has(m.type)) return inTransaction(deps, m, 'ignored', async () => undefined);
  if (!m.text && !m.media && !m.location) return inTransaction(deps, m, 'ignored', async () => ({ reply: t('whatsapp:unsupported') }));

  const coded = leadingCode(m.text);
  if (coded) {
    const report = await reportOfNumber(deps.db, coded.code, m.from);
    if (report) return addToReport(deps, { ...m, text: coded.rest || null }, report);
  }
  const draft = await draftOf(deps.db, m.from);
  if (!draft) {
    const open = await openReportsOf(deps.db, m.from);
    if (open.length === 1) return addToReport(deps, m, await reportById(deps.db, open[0]!.id));
    if (open.length > 1) {
      const codes = open.map((r) => formatCode(r.tracking_code));
      return inTransaction(deps, m, 'ask', async () => ({ reply: t('whatsapp:whichReport', { codes: codes.join(', '), example: codes[0] }) }));
    }
  }
  return addDraftPart(deps, m);
}

/** The message as a part of the report being written; the first part starts it (and is answered). */
async function addDraftPart(deps: ConversationDeps, m: InboundMessage): Promise<Handled> {
  const part: DraftPart = {};
  if (m.text) part.text = { id: m.id, at: m.at, text: m.text.slice(0, LIMITS.bodyMax) };
  if (m.location) {
    const place = [m.location.name, m.location.address].filter(Boolean).join(', ').slice(0, 400) || null;
    part.location = { latitude: m.location.latitude, longitude: m.location.longitude, place };
  }
  if (m.media) {
    // An early refusal, from what Meta says of the file; the bytes are checked when the report is made.
    const refusal = await precheckMedia(deps.wa, deps.config, m.media);
    if (refusal) return inTransaction(deps, m, 'refused', async () => ({ reply: refusal }));
    part.media = { id: m.id, at: m.at, mediaId: m.media.id, kind: m.media.kind === 'sticker' ? 'image' : m.media.kind, mime: m.media.mime, filename: m.media.filename };
  }
  return inTransaction(deps, m, 'draft', async (trx) => {
    const started = await addToDraft(trx, m.from, m.name, part);
    return { reply: started ? t('whatsapp:draftStarted', { minutes: deps.wa.draftMinutes }) : null };
  });
}

/**
 * The message joins a report of the number: as information (with its file), or, after an
 * answer, as the citizen's reply (which re-opens it to the OPD). A closed report takes nothing.
 */
async function addToReport(deps: ConversationDeps, m: InboundMessage, report: Report): Promise<Handled> {
  const code = formatCode(report.tracking_code);
  if (isClosed(report.status)) return inTransaction(deps, m, 'refused', async () => ({ reply: t('whatsapp:closed', { code }), reportId: report.id }));
  const fetched = m.media ? await fetchFile(deps.wa, deps.config, m.media) : null;
  if (fetched && !fetched.ok) return inTransaction(deps, m, 'refused', async () => ({ reply: fetched.refusal, reportId: report.id }));
  const files = fetched?.ok ? [fetched.file] : [];
  const location = m.location
    ? t('whatsapp:location', { place: [m.location.name, m.location.address].filter(Boolean).join(', ') || '-', latitude: m.location.latitude, longitude: m.location.longitude })
    : null;
  const body = ([m.text, location].filter(Boolean).join('\n') || t('whatsapp:mediaOnly')).slice(0, LIMITS.messageMax);
  // After an answer, text is the citizen's reply (it re-opens the report to the OPD); a file is information.
  const answered = report.status === 'answered' && files.length === 0;
  const record = async (trx: Kysely<DB>) => {
    await recordSeen(trx, m, 'info', report.id);
    await queueWhatsApp(trx, deps.config, { to: m.from, reportId: report.id, text: t(answered ? 'whatsapp:replyAdded' : 'whatsapp:infoAdded', { code }) });
  };
  try {
    if (answered) await respondToAnswer(deps.db, { report, body, appeal: false, record });
    else await withStoredAttachments(files, deps.config.uploadDir, (stored) => addInformation(deps.db, { report, body, attachments: stored, record }), { db: deps.db });
  } catch (err) {
    await removeFiles(files);
    if (isUniqueViolation(err, 'whatsapp_messages_seen_pkey')) return 'already';
    // Closed since it was read (the sweeper, a coordinator).
    if (err instanceof InputError) return inTransaction(deps, m, 'refused', async () => ({ reply: t('whatsapp:closed', { code }), reportId: report.id }));
    throw err;
  }
  reportChanged(await reportById(deps.db, report.id));
  return 'info';
}
