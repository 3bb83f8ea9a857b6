import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { recordEvent } from '../../reports/commands/recordEvent.js';
import { type Actor } from '../../reports/events.js';
import { InputError } from '../../shared/errors.js';

/**
 * Correct the title and category a citizen gave. What the citizen wrote first is kept
 * (original_title, original_category_id) and shown to staff; the event is internal.
 */
export async function correctReport(
  db: Db,
  props: { report: Report; title?: string; categoryId?: number | null; actor: Actor },
): Promise<Report> {
  const { report } = props;
  if (props.categoryId) {
    const category = await db.selectFrom('categories').select('id').where('id', '=', props.categoryId).where('active', '=', true).executeTakeFirst();
    if (!category) throw new InputError({ categoryId: 'triage:errors.category' });
  }
  const title = props.title ?? report.title;
  const categoryId = props.categoryId === undefined ? report.category_id : props.categoryId;
  if (title === report.title && categoryId === report.category_id) return report;
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('reports')
      .set({
        title,
        category_id: categoryId,
        original_title: sql`coalesce(original_title, ${title === report.title ? null : report.title})`,
        original_category_id: sql`case when original_category_id is null and ${categoryId !== report.category_id} then category_id else original_category_id end`,
        updated_at: sql`now()`,
      })
      .where('id', '=', report.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      reportId: report.id,
      type: 'corrected',
      actor: props.actor,
      visibility: 'internal',
      data: { from: { title: report.title, categoryId: report.category_id }, to: { title, categoryId } },
    });
    return updated;
  });
}
