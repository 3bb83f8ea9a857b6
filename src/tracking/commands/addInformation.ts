import type { Kysely } from 'kysely';
import { insertAttachments } from '../../attachments/commands/insertAttachments.js';
import { type InspectedFile, inspectUploads, type UploadedFile } from '../../attachments/inspect.js';
import { type StoredFile, withStoredAttachments } from '../../attachments/store.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { DB, Report } from '../../db/schema.js';
import { resumedDeadlines } from '../../reports/commands/clock.js';
import { recordEvent } from '../../reports/commands/recordEvent.js';
import { transition } from '../../reports/commands/transition.js';
import { isClosed } from '../../reports/statuses.js';
import { InputError } from '../../shared/errors.js';

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
  // Checked on the row locked for this transaction: a report closed since the caller read
  // it (the sweeper, a coordinator) takes nothing more.
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('reports').select('status').where('id', '=', report.id).forUpdate().executeTakeFirstOrThrow();
    if (isClosed(current.status)) throw new InputError({ body: 'tracking:errors.closed' });
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
    if (current.status === 'needs_info') {
      // Deadlines move by the working time paused (reports/commands/clock.ts).
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

/**
 * Information sent over HTTP with the files of its upload (the tracking page, the API):
 * each file is inspected, then stored for the transaction that writes the message and
 * their rows. Throws inspection's InputError and what addInformation throws.
 */
export async function addInformationWithUploads(
  db: Db,
  config: Config,
  props: { report: Report; body: string; files: UploadedFile[]; inspected?: InspectedFile[] },
): Promise<void> {
  // A report already known closed is refused before its files are read and re-encoded.
  if (isClosed(props.report.status)) throw new InputError({ body: 'tracking:errors.closed' });
  // `inspected`: files already inspected (held from an earlier try, attachments/held.ts).
  const inspected = [...(props.inspected ?? []), ...(await inspectUploads(props.files, config))];
  await withStoredAttachments(
    inspected,
    config.uploadDir,
    (stored) => addInformation(db, { report: props.report, body: props.body, attachments: stored }),
    // Files of rows that did commit (a lost COMMIT reply) are never discarded.
    { db },
  );
}
