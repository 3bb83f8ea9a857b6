import type { Db } from '../../db/database.js';
import type { Kysely } from 'kysely';
import type { DB, Report } from '../../db/schema.js';
import { insertAttachments, type StoredFile } from '../../attachments/store.js';
import { recordEvent } from '../../reports/commands/recordEvent.js';
import { transition } from '../../reports/commands/transition.js';
import { InputError } from '../../shared/errors.js';
import { resumedDeadlines } from '../../reports/commands/clock.js';
import { isClosed } from '../../reports/statuses.js';

/**
 * The citizen adds information (text and files) to an open report. When staff had asked
 * for it (needs_info), the report goes back to where it was and the paused clock resumes:
 * every running deadline moves by the time spent waiting.
 */
export async function addInformation(
  db: Db,
  props: { report: Report; body: string; attachments?: StoredFile[]; record?: (trx: Kysely<DB>) => Promise<void> },
): Promise<void> {
  const { report } = props;
  if (isClosed(report.status)) {
    throw new InputError({ body: 'tracking:errors.closed' });
  }
  await db.transaction().execute(async (trx) => {
    const message = await trx
      .insertInto('messages')
      .values({
        report_id: report.id,
        kind: 'citizen_info',
        author_kind: 'citizen',
        body: props.body,
        visibility: 'public',
        agency_id: report.assigned_agency_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (props.attachments?.length) {
      await insertAttachments(trx, { reportId: report.id, messageId: message.id, uploadedBy: 'citizen' }, props.attachments);
    }
    const current = await trx.selectFrom('reports').select('status').where('id', '=', report.id).forUpdate().executeTakeFirstOrThrow();
    if (current.status === 'needs_info') {
      // Deadlines move by the working time paused (sla/commands/clock.ts).
      await transition(trx, {
        reportId: report.id,
        action: 'provide_info',
        actor: { kind: 'citizen' },
        visibility: 'public',
        data: { messageId: message.id },
        set: await resumedDeadlines(trx, report.id),
      });
    } else {
      await recordEvent(trx, {
        reportId: report.id,
        type: 'citizen_message',
        actor: { kind: 'citizen' },
        visibility: 'public',
        data: { messageId: message.id },
      });
    }
    await props.record?.(trx);
  });
}
