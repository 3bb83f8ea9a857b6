import { sql } from 'kysely';
import { audited } from '../../audit/commands/recordAudit.js';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { recordEvent } from '../../reports/commands/recordEvent.js';
import { InputError } from '../../shared/errors.js';
import { redact } from '../redact.js';

export interface PublicationEdit {
  title: string;
  body: string;
  answer?: string;
  /** Attachments (images of this report) to show; undefined keeps the choice as it is. */
  photoIds?: number[];
}

function knownOf(report: Report) {
  return {
    names: report.reporter_name ? [report.reporter_name] : [],
    emails: report.reporter_email ? [report.reporter_email] : [],
    phones: report.reporter_phone ? [report.reporter_phone] : [],
    niks: report.reporter_nik ? [report.reporter_nik] : [],
  };
}

async function current(db: Db, report: Report) {
  const row = await db.selectFrom('publications').selectAll().where('report_id', '=', report.id).executeTakeFirst();
  if (!row) throw new InputError({ _form: 'publication:errors.none' });
  return row;
}

/**
 * The coordinator's corrections. The redaction runs again over what they wrote, so a name
 * typed back in by mistake is caught; what it caught this time is added to the counts.
 */
export async function saveDraft(db: Db, props: { report: Report; edit: PublicationEdit }): Promise<void> {
  const row = await current(db, props.report);
  if (row.status === 'published') throw new InputError({ _form: 'publication:errors.published' });
  const known = knownOf(props.report);
  const title = redact(props.edit.title, known);
  const body = redact(props.edit.body, known);
  const answer = redact(props.edit.answer ?? row.answer, known);
  const counts = new Map(row.redactions.map((r) => [r.kind, r.count]));
  for (const part of [title, body, answer]) for (const r of part.redactions) counts.set(r.kind, (counts.get(r.kind) ?? 0) + r.count);
  let photoIds = row.photo_ids;
  if (props.edit.photoIds) {
    const images = await db
      .selectFrom('attachments')
      .select('id')
      .where('report_id', '=', props.report.id)
      .where('mime_type', 'like', 'image/%')
      .where('id', 'in', props.edit.photoIds.length ? props.edit.photoIds : [-1])
      .execute();
    if (images.length !== new Set(props.edit.photoIds).size) throw new InputError({ photoIds: 'publication:errors.photo' });
    photoIds = images.map((i) => i.id).sort((a, b) => a - b);
  }
  const edit = (trx: Db) => trx
    .updateTable('publications')
    .set({
      title: title.text.slice(0, 200),
      body: body.text,
      answer: answer.text,
      redactions: JSON.stringify([...counts].map(([kind, count]) => ({ kind, count }))),
      photo_ids: photoIds,
      updated_at: sql`now()`,
    })
    .where('report_id', '=', props.report.id)
    .execute();
  // The editor is the signed-in coordinator (request context).
  await audited(db, edit, () => ({ action: 'publication_edit', report: { id: props.report.id, code: props.report.tracking_code } }));
}

/** Published: on the portal, in the feeds, exports and Open311 from now on. */
export async function approvePublication(db: Db, props: { report: Report; userId: number }): Promise<void> {
  const row = await current(db, props.report);
  if (row.status === 'published') throw new InputError({ _form: 'publication:errors.published' });
  // A report made rahasia after its draft was written is never published.
  if (props.report.is_confidential) throw new InputError({ _form: 'publication:errors.confidential' });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('publications')
      .set({ status: 'published', decided_by: props.userId, decided_at: sql`now()`, published_at: sql`now()`, decline_reason: null, updated_at: sql`now()` })
      .where('report_id', '=', props.report.id)
      .execute();
    await recordEvent(trx, { reportId: props.report.id, type: 'published', actor: { kind: 'staff', userId: props.userId }, visibility: 'internal' });
  });
}

/** Not published, with the reason (kept for the record); it can be reconsidered later. */
export async function declinePublication(db: Db, props: { report: Report; userId: number; reason: string }): Promise<void> {
  const row = await current(db, props.report);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('publications')
      .set({ status: 'declined', decided_by: props.userId, decided_at: sql`now()`, published_at: null, decline_reason: props.reason, updated_at: sql`now()` })
      .where('report_id', '=', props.report.id)
      .execute();
    await recordEvent(trx, {
      reportId: props.report.id,
      type: row.status === 'published' ? 'unpublished' : 'publication_declined',
      actor: { kind: 'staff', userId: props.userId },
      visibility: 'internal',
      reason: props.reason,
    });
  });
}
