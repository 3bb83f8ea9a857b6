import { type Kysely, sql } from 'kysely';
import type { DB, Report, ReportStatus } from '../../db/schema.js';
import { CLOSED_STATUSES } from '../../reports/statuses.js';

/** What the conversation reads. A number's reports are those made from it by WhatsApp. */

/** +6281234567890: the form reports keep phones in (reports/reporter.ts). */
export function reporterPhone(waNumber: string): string {
  return `+${waNumber}`;
}

export async function alreadySeen(db: Kysely<DB>, wamid: string): Promise<boolean> {
  return Boolean(await db.selectFrom('whatsapp_messages_seen').select('wamid').where('wamid', '=', wamid).executeTakeFirst());
}

export async function openReportsOf(db: Kysely<DB>, phone: string): Promise<{ id: number; tracking_code: string; status: ReportStatus }[]> {
  return db
    .selectFrom('reports')
    .select(['id', 'tracking_code', 'status'])
    .where('reporter_phone', '=', reporterPhone(phone))
    .where('channel', '=', 'whatsapp')
    .where('status', 'not in', CLOSED_STATUSES)
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
}

/** The report with this code, when this number made it. */
export async function reportOfNumber(db: Kysely<DB>, code: string, phone: string): Promise<Report | undefined> {
  return db
    .selectFrom('reports')
    .selectAll()
    .where('tracking_code', '=', code)
    .where('reporter_phone', '=', reporterPhone(phone))
    .where('channel', '=', 'whatsapp')
    .executeTakeFirst();
}

export async function reportById(db: Kysely<DB>, id: number): Promise<Report> {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function draftOf(db: Kysely<DB>, phone: string) {
  return db.selectFrom('whatsapp_drafts').selectAll().where('phone', '=', phone).executeTakeFirst();
}

export async function draftById(db: Kysely<DB>, id: number) {
  return db.selectFrom('whatsapp_drafts').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Drafts to submit now: asked for (KIRIM), or quiet for the window; not one held as too
 * short since its last message, nor one with nothing in it yet (BARU alone).
 */
export async function dueDrafts(db: Kysely<DB>, now: Date, minutes: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('whatsapp_drafts')
    .select('id')
    .where((eb) => eb.or([eb('submit_now', '=', true), eb('last_message_at', '<=', new Date(now.getTime() - minutes * 60_000))]))
    .where((eb) => eb.or([eb('held_at', 'is', null), eb('held_at', '<', eb.ref('last_message_at'))]))
    .where(sql<boolean>`not (texts = '[]'::jsonb and media = '[]'::jsonb and latitude is null)`)
    .orderBy('last_message_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Whether the report already has a WhatsApp message queued (an acknowledgement queued by intake itself). */
export async function hasWhatsAppQueued(db: Kysely<DB>, reportId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('outbox').select('id').where('report_id', '=', reportId).where('channel', '=', 'whatsapp').executeTakeFirst());
}
