import { inspectUploads, type UploadedFile } from '../../attachments/inspect.js';
import { withStoredAttachments } from '../../attachments/store.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { refuseDuplicateBeforeFiles } from '../duplicates.js';
import { type SubmitProps, type Submitted, submitReport } from './submitReport.js';

/**
 * A report sent over HTTP with the files of its upload (the web form, the API): a double
 * submission is refused before any image work, each file is inspected, and the files are
 * stored for the transaction that writes the report and their rows. Throws what
 * submitReport throws (InputError, DuplicateReportError) and inspection's InputError.
 */
export async function submitWithUploads(
  db: Db,
  config: Config,
  props: Omit<SubmitProps, 'attachments'> & { files: UploadedFile[] },
): Promise<Submitted> {
  const { files, ...submit } = props;
  await refuseDuplicateBeforeFiles(db, submit.input, files, config.intake.duplicateWindowMinutes);
  const inspected = await inspectUploads(files, config);
  return withStoredAttachments(
    inspected,
    config.uploadDir,
    (stored) => submitReport(db, config, { ...submit, attachments: stored }),
    // Files of rows that did commit (a lost COMMIT reply) are never discarded.
    { db },
  );
}
