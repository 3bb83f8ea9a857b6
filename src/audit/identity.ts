import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { recordAudit } from './record.js';

export interface ShownReporter {
  name: string | null;
  email: string | null;
  phone: string | null;
  nik: string | null;
}

/** Whether a reporter block carries anything that identifies a person. */
export function identifies(reporter: ShownReporter | null | undefined): reporter is ShownReporter {
  return Boolean(reporter && (reporter.name || reporter.email || reporter.phone || reporter.nik));
}

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
