import { type Kysely, sql } from 'kysely';
import type { DB, DraftMedia, DraftText } from '../../../db/schema.js';

/**
 * A new report written over several messages (whatsapp_drafts, one per number). Each
 * message adds its part; the parts are ordered by when the citizen sent them when the
 * report is made, so deliveries that come out of order make the same report.
 */
export interface DraftPart {
  text?: DraftText;
  media?: DraftMedia;
  location?: { latitude: number; longitude: number; place: string | null };
}

/** Adds a part (starting the draft when there is none); true when the draft is new. */
export async function addToDraft(trx: Kysely<DB>, phone: string, name: string | null, part: DraftPart, opts: { byCommand?: boolean } = {}): Promise<boolean> {
  const texts = JSON.stringify(part.text ? [part.text] : []);
  const media = JSON.stringify(part.media ? [part.media] : []);
  const row = await trx
    .insertInto('whatsapp_drafts')
    .values({
      phone,
      profile_name: name,
      texts,
      media,
      latitude: part.location?.latitude ?? null,
      longitude: part.location?.longitude ?? null,
      place: part.location?.place ?? null,
      started_by_command: opts.byCommand ?? false,
      started_at: sql`now()`,
      last_message_at: sql`now()`,
    })
    .onConflict((oc) =>
      oc.column('phone').doUpdateSet({
        texts: sql`whatsapp_drafts.texts || excluded.texts`,
        media: sql`whatsapp_drafts.media || excluded.media`,
        // The last location shared is the one meant.
        latitude: sql`coalesce(excluded.latitude, whatsapp_drafts.latitude)`,
        longitude: sql`coalesce(excluded.longitude, whatsapp_drafts.longitude)`,
        place: sql`case when excluded.latitude is null then whatsapp_drafts.place else excluded.place end`,
        profile_name: sql`coalesce(whatsapp_drafts.profile_name, excluded.profile_name)`,
        started_by_command: sql`whatsapp_drafts.started_by_command or excluded.started_by_command`,
        last_message_at: sql`now()`,
      }),
    )
    // xmax is 0 on a row this statement inserted, and set on one it updated.
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
  return row.inserted;
}

/** KIRIM: the draft goes on the worker's next pass; false when there is no draft. */
export async function requestSubmit(trx: Kysely<DB>, phone: string): Promise<boolean> {
  const res = await trx.updateTable('whatsapp_drafts').set({ submit_now: true }).where('phone', '=', phone).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Too short to submit: held (and the citizen asked for more) until their next message. */
export async function holdDraft(trx: Kysely<DB>, id: number): Promise<void> {
  await trx.updateTable('whatsapp_drafts').set({ held_at: sql`now()`, submit_now: false }).where('id', '=', id).execute();
}

/**
 * Removes the draft a report was made from, in the report's transaction, only if no part
 * was added since it was read; false otherwise (the caller rolls back and tries again).
 */
export async function takeDraft(trx: Kysely<DB>, draft: { id: number; last_message_at: Date; texts: unknown[]; media: unknown[] }): Promise<boolean> {
  // The time travels to JavaScript in milliseconds (PostgreSQL keeps microseconds); the
  // parts' counts tell a part added within the same millisecond.
  const res = await trx
    .deleteFrom('whatsapp_drafts')
    .where('id', '=', draft.id)
    .where(sql<boolean>`date_trunc('milliseconds', last_message_at) = date_trunc('milliseconds', ${draft.last_message_at}::timestamptz)`)
    .where(sql<boolean>`jsonb_array_length(texts) = ${draft.texts.length} and jsonb_array_length(media) = ${draft.media.length}`)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** The draft's messages now belong to the report (or to the duplicate it was). */
export async function settleDraftMessages(trx: Kysely<DB>, wamids: string[], outcome: 'report' | 'duplicate', reportId: number): Promise<void> {
  if (!wamids.length) return;
  await trx.updateTable('whatsapp_messages_seen').set({ outcome, report_id: reportId }).where('wamid', 'in', wamids).execute();
}

/** Drafts started by BARU and never written to, a day on. */
export async function dropEmptyDrafts(trx: Kysely<DB>): Promise<void> {
  await trx
    .deleteFrom('whatsapp_drafts')
    .where(sql<boolean>`texts = '[]'::jsonb and media = '[]'::jsonb and latitude is null`)
    .where('last_message_at', '<', sql<Date>`now() - interval '1 day'`)
    .execute();
}
