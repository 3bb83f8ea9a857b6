import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { draftPublication } from '../../publication/commands/draft.js';
import { recordEvent } from '../../reports/commands/recordEvent.js';
import { transition } from '../../reports/commands/transition.js';
import { InputError } from '../../shared/errors.js';

export interface Rating {
  rating: number;
  comment: string | null;
}

/** The citizen confirms an answered report is resolved, optionally rating the answer. */
export async function confirmResolved(
  db: Db,
  props: { report: Report; rating?: Rating | null; comment?: string | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await transition(trx, {
      reportId: props.report.id,
      action: 'resolve',
      actor: { kind: 'citizen' },
      visibility: 'public',
      data: { by: 'citizen' },
      set: {
        resolved_at: sql`now()`,
        closed_at: sql`now()`,
        close_due_at: null,
        ...(props.rating ? ratingColumns(props.rating) : {}),
        // A word of thanks without stars is kept too.
        ...(!props.rating && props.comment ? { rating_comment: props.comment } : {}),
      },
    });
    // Resolved: the coordinator gets a draft of its public version (unless rahasia).
    await draftPublication(trx, props.report.id);
  });
}

/** A rating of the answer (1-5 with a comment), once answered; a later rating replaces it. */
export async function rateAnswer(db: Db, props: { report: Report; rating: Rating }): Promise<void> {
  if (props.report.status !== 'answered' && props.report.status !== 'resolved') {
    throw new InputError({ rating: 'tracking:errors.notAnswered' });
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('reports').set(ratingColumns(props.rating)).where('id', '=', props.report.id).execute();
    await recordEvent(trx, {
      reportId: props.report.id,
      type: 'rated',
      actor: { kind: 'citizen' },
      visibility: 'public',
      data: { rating: props.rating.rating },
    });
  });
}

function ratingColumns(r: Rating) {
  return { rating: r.rating, rating_comment: r.comment, rated_at: sql<Date>`now()` };
}
