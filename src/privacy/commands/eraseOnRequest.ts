import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/commands/recordAudit.js';
import type { DB, ReporterLookupKind } from '../../db/schema.js';
import type { ReporterScope } from '../queries.js';
import { eraseReporterData, type ErasureResult } from './erase.js';

/**
 * An admin erases one reporter's personal data on their request (/admin/data-pribadi), and
 * the audit log says so, in one transaction: the log never claims an erasure that rolled back.
 */
export async function eraseOnRequest(
  db: Kysely<DB>,
  props: { scope: ReporterScope; lookupKind: ReporterLookupKind; reference: string; adminId: number },
): Promise<ErasureResult> {
  const { scope, lookupKind } = props;
  return db.transaction().execute(async (trx) => {
    const erased = await eraseReporterData(
      trx,
      { reportIds: scope.reportIds, emails: scope.emails, identity: scope.identity },
      { cause: 'request', lookupKind, reference: props.reference, erasedBy: props.adminId },
    );
    await recordAudit(trx, {
      action: 'personal_data_erase',
      target: { type: 'personal_data_erasure', id: erased.erasureId },
      details: { lookupKind, reports: scope.reportIds, counts: erased.counts },
    });
    return erased;
  });
}
