import { sql } from 'kysely';
import { refuseBlanks } from '../../answers/blanks.js';
import { recordAudit } from '../../audit/commands/recordAudit.js';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { recordEvent } from '../../reports/commands/recordEvent.js';
import { ConflictError, InputError } from '../../shared/errors.js';
import type { PublicationRow } from '../presenter.js';
import { choosableImages } from '../queries.js';
import { redact } from '../redact.js';
import { knownFor } from '../known.js';
import { publicationVersion } from '../version.js';

export interface PublicationEdit {
  title: string;
  body: string;
  answer?: string;
  /** Attachments (images of this report) to show; undefined keeps the choice as it is. */
  photoIds?: number[];
}

async function current(db: Db, report: Report) {
  const row = await db.selectFrom('publications').selectAll().where('report_id', '=', report.id).executeTakeFirst();
  if (!row) throw new InputError({ _form: 'publication:errors.none' });
  return row;
}

/**
 * The coordinator's corrections, as they will be stored. The redaction runs again over what
 * they wrote, so a name typed back in by mistake is caught; what it caught this time is
 * added to the counts, and `redactedAgain` says the stored text differs from the typed one.
 */
async function prepareEdit(db: Db, report: Report, row: PublicationRow, edit: PublicationEdit) {
  const known = await knownFor(db, report, row);
  const title = redact(edit.title, known);
  const body = redact(edit.body, known);
  const answer = redact(edit.answer ?? row.answer, known);
  const counts = new Map(row.redactions.map((r) => [r.kind, r.count]));
  for (const part of [title, body, answer]) for (const r of part.redactions) counts.set(r.kind, (counts.get(r.kind) ?? 0) + r.count);
  let photoIds = row.photo_ids;
  if (edit.photoIds) {
    // The same photos the page offers (queries.ts): a draft's or an internal note's never.
    const images = await choosableImages(db, report.id)
      .select('a.id')
      .where('a.id', 'in', edit.photoIds.length ? edit.photoIds : [-1])
      .execute();
    if (images.length !== new Set(edit.photoIds).size) throw new InputError({ photoIds: 'publication:errors.photo' });
    photoIds = images.map((i) => i.id).sort((a, b) => a - b);
  }
  return {
    values: {
      title: title.text.slice(0, 200),
      body: body.text,
      answer: answer.text,
      redactions: JSON.stringify([...counts].map(([kind, count]) => ({ kind, count }))),
      photo_ids: photoIds,
    },
    redactedAgain: [title, body, answer].some((part) => part.redactions.length > 0),
  };
}

function store(trx: Db, report: Report, values: Awaited<ReturnType<typeof prepareEdit>>['values']) {
  return trx.updateTable('publications').set({ ...values, updated_at: sql`now()` }).where('report_id', '=', report.id).execute();
}

/** Saves the corrections; `version`, when given, must still be the text stored (else 409: someone saved meanwhile). */
export async function saveDraft(db: Db, props: { report: Report; edit: PublicationEdit; version?: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await locked(trx, props.report, props.version);
    const { values } = await prepareEdit(trx, props.report, row, props.edit);
    await store(trx, props.report, values);
    // The editor is the signed-in coordinator (request context).
    await recordAudit(trx, { action: 'publication_edit', report: { id: props.report.id, code: props.report.tracking_code } });
  });
}

/** The publication, locked for this transaction: still a draft, and still the version the page showed. */
export async function locked(trx: Db, report: Report, version: string | undefined): Promise<PublicationRow> {
  const row = await trx.selectFrom('publications').selectAll().where('report_id', '=', report.id).forUpdate().executeTakeFirst();
  if (!row) throw new InputError({ _form: 'publication:errors.none' });
  if (row.status === 'published') throw new InputError({ _form: 'publication:errors.published' });
  if (version !== undefined && version !== publicationVersion(row)) throw new ConflictError('publication_changed', 'publication:errors.changed');
  return row;
}

/**
 * Published: on the portal, in the feeds, exports and Open311 from now on. What is
 * published is what the coordinator had on the screen: the text they send (`edit`) is
 * saved and published in one transaction; `version` is the text the page showed, and a
 * publication saved by someone else since is not published (409). When the redaction
 * changes what they typed, it is saved but not published ('redacted'): they read what
 * would go out first. The answer may hold no template blank (answers/blanks.ts).
 */
export async function approvePublication(
  db: Db,
  props: { report: Report; userId: number; edit?: PublicationEdit; version?: string },
): Promise<'published' | 'redacted'> {
  // A report made rahasia after its draft was written is never published.
  if (props.report.is_confidential) throw new InputError({ _form: 'publication:errors.confidential' });
  return db.transaction().execute(async (trx) => {
    const row = await locked(trx, props.report, props.version);
    let answer = row.answer;
    if (props.edit) {
      const edit = await prepareEdit(trx, props.report, row, props.edit);
      await store(trx, props.report, edit.values);
      await recordAudit(trx, { action: 'publication_edit', report: { id: props.report.id, code: props.report.tracking_code } });
      if (edit.redactedAgain) return 'redacted';
      answer = edit.values.answer;
    }
    refuseBlanks(answer, 'answer');
    await trx
      .updateTable('publications')
      .set({ status: 'published', decided_by: props.userId, decided_at: sql`now()`, published_at: sql`now()`, decline_reason: null, updated_at: sql`now()` })
      .where('report_id', '=', props.report.id)
      .execute();
    await recordEvent(trx, { reportId: props.report.id, type: 'published', actor: { kind: 'staff', userId: props.userId }, visibility: 'internal' });
    return 'published';
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
