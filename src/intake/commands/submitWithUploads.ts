import { type InspectedFile, inspectUploads, type UploadedFile } from '../../attachments/inspect.js';
import { withStoredAttachments } from '../../attachments/store.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { refuseDuplicateBeforeFiles } from '../duplicates.js';
import { type SubmitProps, type Submitted, submitReport } from './submitReport.js';

/**
 * A report sent over HTTP with the files of its upload (the web form, the API): a double
 * submission is refused before any image work, each file is inspected, and the files are
 * stored for the transaction that writes the report and their rows. `inspected`: files
 * already inspected (those the form held from an earlier try, attachments/held.ts), stored
 * with the rest. Throws what submitReport throws (InputError, DuplicateReportError) and
 * inspection's InputError.
 */
export async function submitWithUploads(
  db: Db,
  config: Config,
  props: Omit<SubmitProps, 'attachments'> & { files: UploadedFile[]; inspected?: InspectedFile[] },
): Promise<Submitted> {
  const { files, inspected = [], ...submit } = props;
  // Only raw uploads still cost image work; held files have had theirs.
  await refuseDuplicateBeforeFiles(db, submit.input, files, config.intake.duplicateWindowMinutes);
  const checked = [...inspected, ...(await inspectUploads(files, config))];
  return withStoredAttachments(
    checked,
    config.uploadDir,
    (stored) => submitReport(db, config, { ...submit, attachments: stored }),
    // Files of rows that did commit (a lost COMMIT reply) are never discarded.
    { db },
  );
}
