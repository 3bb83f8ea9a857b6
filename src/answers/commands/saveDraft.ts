import { sql } from 'kysely';
import { recordAudit } from '../../audit/commands/recordAudit.js';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import type { Actor } from '../../reports/events.js';
import { InputError } from '../../shared/errors.js';
import { StaleDraftError } from '../errors.js';

export interface Draft {
  id: number;
  version: number;
}

/**
 * Creates the report's draft answer, or saves a new text over it. `version` is the one
 * the editor loaded: if someone saved since, the save is refused (StaleDraftError) and
 * both texts survive. Drafts are internal until approved.
 */
export async function saveDraft(
  db: Db,
  props: { report: Report; actor: Actor; body: string; plannedAt: string | null; id?: number; version?: number },
): Promise<Draft> {
  if (props.report.status !== 'in_progress') throw new InputError({ body: 'answers:errors.notWorking' });
  return db.transaction().execute(async (trx) => {
    const saved = await write(trx);
    await recordAudit(trx, {
      action: 'answer_draft_save',
      actor: { userId: props.actor.userId ?? null },
      report: { id: props.report.id, code: props.report.tracking_code },
      target: { type: 'answer', id: saved.id },
      details: { version: saved.version },
    });
    return saved;
  });

  async function write(trx: Db): Promise<Draft> {
    const current = await trx
      .selectFrom('messages')
      .selectAll()
      .where('report_id', '=', props.report.id)
      .where('kind', '=', 'answer')
      .where('answer_status', 'in', ['draft', 'returned'])
      .forUpdate()
      .executeTakeFirst();
    if (!current) {
      if (props.id !== undefined) throw new InputError({ id: 'answers:errors.noDraft' });
      const row = await trx
        .insertInto('messages')
        .values({
          report_id: props.report.id,
          kind: 'answer',
          author_kind: 'staff',
          author_user_id: props.actor.userId ?? null,
          agency_id: props.report.assigned_agency_id,
          body: props.body,
          visibility: 'internal',
          answer_status: 'draft',
          planned_at: props.plannedAt,
        })
        .returning(['id', 'version'])
        .executeTakeFirstOrThrow();
      return row;
    }
    if (props.id !== undefined && props.id !== current.id) throw new InputError({ id: 'answers:errors.noDraft' });
    if (props.version !== current.version) throw new StaleDraftError({ version: current.version, body: current.body });
    return trx
      .updateTable('messages')
      .set({ body: props.body, planned_at: props.plannedAt, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', current.id)
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
  }
}
