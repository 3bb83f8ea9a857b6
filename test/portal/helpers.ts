import type { IntakeInput } from '../../src/intake/schema.js';
import { approvePublication } from '../../src/publication/commands/review.js';
import { confirmResolved } from '../../src/tracking/commands/closeWithRating.js';
import type { TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

/**
 * A report taken through the real lifecycle to resolved (which drafts its publication),
 * and published by a coordinator unless told otherwise.
 */
export async function resolvedCase(
  t: TestApp,
  opts: { input?: Partial<IntakeInput>; answer?: string; publish?: boolean; coordinatorId: number },
) {
  const r = await buildReport(t, opts.input ?? {});
  await advanceTo(t.database.db, r.report.id, 'answered', opts.answer);
  const answered = await t.database.db.selectFrom('reports').selectAll().where('id', '=', r.report.id).executeTakeFirstOrThrow();
  await confirmResolved(t.database.db, { report: answered });
  const report = await t.database.db.selectFrom('reports').selectAll().where('id', '=', r.report.id).executeTakeFirstOrThrow();
  if (opts.publish !== false && !report.is_confidential) await approvePublication(t.database.db, { report, userId: opts.coordinatorId });
  return { ...r, report, code: `${report.tracking_code.slice(0, 4)}-${report.tracking_code.slice(4)}` };
}
