import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { workingDaysTaken } from '../../reports/durations.js';
import { knownFor } from '../known.js';
import { redact } from '../redact.js';

/**
 * The publication draft of a resolved report: its title, question and approved answer
 * with personal data redacted, for the coordinator to correct and approve. Called in the
 * transaction that resolves the report; a rahasia report never gets one, and a report
 * that has one keeps it (the coordinator's corrections are never overwritten).
 */
export async function draftPublication(trx: Kysely<DB>, reportId: number): Promise<boolean> {
  const report = await trx.selectFrom('reports').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow();
  if (report.is_confidential || report.status !== 'resolved') return false;
  const answer = await trx
    .selectFrom('messages')
    .select(['id', 'body'])
    .where('report_id', '=', reportId)
    .where('kind', '=', 'answer')
    .where('answer_status', '=', 'sent')
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!answer) return false;
  // Everything known about the reporter is redacted wherever it appears, anonymous or not (known.ts).
  const known = await knownFor(trx, report);
  const parts = [redact(report.title, known), redact(report.body, known), redact(answer.body, known)];
  const counts = new Map<string, number>();
  for (const p of parts) for (const r of p.redactions) counts.set(r.kind, (counts.get(r.kind) ?? 0) + r.count);
  // The photos the OPD proposed with its answer ("tampilkan di halaman publik") start ticked;
  // like every photo, they are shown only if the coordinator publishes with them ticked.
  const proposed = await trx
    .selectFrom('attachments')
    .select('id')
    .where('message_id', '=', answer.id)
    .where('show_public', '=', true)
    .where('mime_type', 'like', 'image/%')
    .orderBy('id')
    .execute();
  const answeredAt = report.answered_at ?? report.first_response_at;
  const row = await trx
    .insertInto('publications')
    .values({
      report_id: report.id,
      code: report.tracking_code,
      title: parts[0]!.text.slice(0, 200),
      body: parts[1]!.text,
      answer: parts[2]!.text,
      redactions: JSON.stringify([...counts].map(([kind, count]) => ({ kind, count }))),
      photo_ids: proposed.map((p) => p.id),
      agency_id: report.assigned_agency_id,
      category_id: report.category_id,
      // The kecamatan only: a desa code is xx.xx.xx.xxxx, its kecamatan the first 8 characters.
      kecamatan_code: report.region_code ? report.region_code.slice(0, 8) : null,
      kind: report.kind,
      channel: report.channel,
      submitted_at: report.submitted_at,
      answered_at: answeredAt,
      resolved_at: report.resolved_at,
      answer_days: answeredAt ? await workingDaysTaken(trx, { reportId: report.id, from: report.submitted_at, to: answeredAt }) : null,
    })
    .onConflict((oc) => oc.column('report_id').doNothing())
    .returning('report_id')
    .executeTakeFirst();
  return Boolean(row);
}
