import type { Report } from '../db/schema.js';
import { formatCode } from '../reports/tracking.js';
import type { findPublication } from './queries.js';
import { publicationVersion } from './version.js';

export type PublicationRow = NonNullable<Awaited<ReturnType<typeof findPublication>>>;

/** A report's publication as the coordinator's page and the staff API show it. */
export function presentPublication(row: PublicationRow, report: Report) {
  return {
    code: formatCode(report.tracking_code),
    status: row.status,
    title: row.title,
    body: row.body,
    answer: row.answer,
    redactions: row.redactions,
    photoIds: row.photo_ids,
    declineReason: row.decline_reason,
    publishedAt: row.published_at,
    /** Send it back when publishing: what is published is then exactly this text (version.ts). */
    version: publicationVersion(row),
  };
}
