import { recordAudit } from '../../audit/commands/recordAudit.js';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { identifies, type ShownReporter } from '../reporter.js';

/**
 * Records that the signed-in staff member was shown who reported this (DESIGN.md: anonim
 * hides the reporter from the OPD; UU 27/2022 asks who processed whose personal data).
 * Called where identity leaves the server: the "Tampilkan identitas pelapor" button of the
 * staff page, and each staff API response that carries it. Not called when nothing
 * identifying is shown (an anonymous report seen by an OPD, a report without contact data).
 * The identity itself is never written to the log.
 */
export async function recordIdentityView(db: Db, report: Report, reporter: ShownReporter | null, via: 'page' | 'api'): Promise<void> {
  if (!identifies(reporter)) return;
  await recordAudit(db, {
    action: 'view_identity',
    report: { id: report.id, code: report.tracking_code },
    details: {
      via,
      anonymous: report.is_anonymous,
      confidential: report.is_confidential,
      fields: (['name', 'email', 'phone', 'nik'] as const).filter((f) => reporter[f]),
    },
  });
}

/**
 * The mail admin pages show addresses (and, in a mail, the reporter's name): one entry per
 * page view, naming the reports whose mails were on it. A single mail names its report.
 */
export async function recordMailView(
  db: Db,
  via: 'outbox_list' | 'outbox_mail' | 'inbound_list',
  reportIds: (number | null)[],
): Promise<void> {
  const ids = [...new Set(reportIds.filter((id): id is number => id !== null))];
  if (!ids.length) return;
  const reports = await db.selectFrom('reports').select(['id', 'tracking_code']).where('id', 'in', ids).orderBy('id').execute();
  await recordAudit(db, {
    action: 'view_identity',
    report: reports.length === 1 ? { id: reports[0]!.id, code: reports[0]!.tracking_code } : null,
    // Codes, so the admin page's report filter finds these entries too (a GIN index).
    details: { via, reports: reports.map((r) => r.tracking_code) },
  });
}
