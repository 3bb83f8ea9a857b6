import type { OutboxStatus, OutboxTransport, WhatsAppDeliveryStatus } from '../db/schema.js';
import type { Translate } from '../shared/i18n.js';
import { INTERRUPTED_ERROR } from './commands/delivery.js';
import type { OutboxListRow, OutboxMail } from './queries.js';
import { OUTBOX_FILTER_STATUSES, type OutboxFilterStatus } from './schema.js';
import { hasSecretSlots, maskSecret } from './secrets.js';

/** What the admin reads: the row's status, except that a dev-outbox mail is "not delivered". */
export type MailStatusKey = OutboxFilterStatus;

// Badge colours from app.css: green delivered, grey kept, amber under way, red failed.
const BADGE: Record<MailStatusKey, string> = {
  pending: 'locked',
  sending: 'locked',
  sent: 'active',
  failed: 'failed',
  dev: 'inactive',
};

export function statusKey(row: { status: OutboxStatus; transport: OutboxTransport | null }): MailStatusKey {
  return row.status === 'sent' && row.transport === 'dev-outbox' ? 'dev' : row.status;
}

function isInterrupted(lastError: string | null): boolean {
  return lastError === INTERRUPTED_ERROR;
}

/** The sender's own note on interrupted sends reads in the admin's language; servers' answers as they came. */
function errorText(lastError: string | null, t: Translate): string | null {
  if (!lastError) return null;
  return isInterrupted(lastError) ? t('notify:errors.interrupted') : lastError;
}

export interface MailRowView {
  id: number;
  to: string;
  subject: string;
  statusKey: MailStatusKey;
  statusLabel: string;
  badge: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  reportId: number | null;
  /** A WhatsApp message (the recipient is a number), with what Meta's webhook last said of it. */
  whatsapp: boolean;
  delivery: { label: string; badge: string; error: string | null } | null;
}

// Meta's delivery statuses (whatsapp/outbound/statuses.ts): grey accepted, green on the phone or read, red failed.
const DELIVERY_BADGE: Record<WhatsAppDeliveryStatus, string> = { sent: 'inactive', delivered: 'active', read: 'active', failed: 'failed' };

function deliveryOf(row: Pick<OutboxListRow, 'delivery_status' | 'delivery_error'>, t: Translate): MailRowView['delivery'] {
  if (!row.delivery_status) return null;
  return { label: t(`notify:delivery.${row.delivery_status}`), badge: DELIVERY_BADGE[row.delivery_status], error: row.delivery_error };
}

export function presentMailRow(row: OutboxListRow, t: Translate): MailRowView {
  const key = statusKey(row);
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    statusKey: key,
    // A WhatsApp message kept in the development outbox went nowhere because WhatsApp is not set up, not SMTP.
    statusLabel: t(`notify:status.${key === 'dev' && row.channel === 'whatsapp' ? 'devWhatsapp' : key}`),
    badge: BADGE[key],
    attempts: row.attempts,
    lastError: errorText(row.last_error, t),
    createdAt: row.created_at,
    sentAt: row.sent_at,
    reportId: row.report_id,
    whatsapp: row.channel === 'whatsapp',
    delivery: deliveryOf(row, t),
  };
}

export interface MailView extends MailRowView {
  from: string;
  messageId: string | null;
  /** The wamid Meta answered a WhatsApp message with. */
  providerMessageId: string | null;
  /** When the next try is due; only while waiting. */
  nextTryAt: Date | null;
  transportLabel: string | null;
  /** Headers the sending module added (In-Reply-To, ...). */
  headers: { name: string; value: string }[];
  text: string;
  hasHtml: boolean;
  canRetry: boolean;
  /** It carried a tracking secret, erased when it failed: it cannot go again. */
  secretGone: boolean;
  interrupted: boolean;
}

export function presentMail(row: OutboxMail, t: Translate, from: string): MailView {
  const transportKey = row.transport === 'dev-outbox' ? 'devOutbox' : row.transport;
  return {
    ...presentMailRow(row, t),
    from,
    messageId: row.message_id,
    providerMessageId: row.provider_message_id,
    nextTryAt: row.status === 'pending' ? row.available_at : null,
    transportLabel: transportKey ? t(`notify:transport.${transportKey}`) : null,
    headers: Object.entries(row.headers ?? {}).map(([name, value]) => ({ name, value: String(value) })),
    // A citizen's tracking secret is never shown, sent or not (notify/secrets.ts).
    text: maskSecret(row.text_body),
    hasHtml: Boolean(row.html_body),
    secretGone: row.status === 'failed' && !row.secret && hasSecretSlots(row.text_body),
    canRetry: row.status === 'failed' && !(!row.secret && hasSecretSlots(row.text_body)),
    interrupted: isInterrupted(row.last_error),
  };
}

export function statusOptions(t: Translate, selected: OutboxFilterStatus | undefined) {
  return OUTBOX_FILTER_STATUSES.map((s) => ({ value: s, label: t(`notify:status.${s}`), selected: s === selected }));
}
