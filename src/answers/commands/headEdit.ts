import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../../audit/commands/recordAudit.js';
import type { DB, Message, Report } from '../../db/schema.js';
import type { Actor } from '../../reports/events.js';
import { ConflictError } from '../../shared/errors.js';
import { keepVersion } from './reviewRow.js';

/** What the Kepala OPD typed over a submitted draft with "Ubah dan setujui". */
export interface HeadEdit {
  body: string;
  plannedAt: string | null;
}

/**
 * The draft as the head's edit makes it: the next version, their text and date. Every
 * check of the approval (blanks, the draft checker) then runs on this, so the head's text
 * passes the same gate as a text staff submitted. An edit that changes nothing is no
 * edit: the draft stays the version staff submitted.
 */
export function editedDraft(draft: Message, edit: HeadEdit | undefined): { draft: Message; edited: boolean } {
  if (!edit || (edit.body === draft.body && edit.plannedAt === draft.planned_at)) return { draft, edited: false };
  return { draft: { ...draft, body: edit.body, planned_at: edit.plannedAt, version: draft.version + 1 }, edited: true };
}

/**
 * Writes the head's edit, inside the approving transaction: the message holds the new text
 * and version, and the history a version authored by the head, before the review of that
 * version is written. Refused (409) when someone changed the draft since it was read.
 */
export async function recordHeadEdit(trx: Kysely<DB>, report: Report, draft: Message, actor: Actor): Promise<void> {
  const updated = await trx
    .updateTable('messages')
    .set({ body: draft.body, planned_at: draft.planned_at, version: draft.version, updated_at: sql`now()` })
    .where('id', '=', draft.id)
    .where('version', '=', draft.version - 1)
    .where('answer_status', '=', 'submitted')
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw new ConflictError('draft_changed', 'answers:errors.changed');
  await keepVersion(trx, draft, actor).execute();
  await recordAudit(trx, {
    action: 'answer_head_edit',
    actor: { userId: actor.userId ?? null },
    report: { id: report.id, code: report.tracking_code },
    target: { type: 'answer', id: draft.id },
    details: { version: draft.version },
  });
}
