import fs from 'node:fs';
import { insertAttachments } from '../../attachments/commands/insertAttachments.js';
import { type InspectedFile, inspectUploads, type UploadedFile } from '../../attachments/inspect.js';
import { ALLOWED_TYPES } from '../../attachments/policy.js';
import { attachmentPath, withStoredAttachments } from '../../attachments/store.js';
import { recordAudit } from '../../audit/commands/recordAudit.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import type { Actor } from '../../reports/events.js';
import { InputError } from '../../shared/errors.js';
import { draftFor } from './review.js';

/**
 * Photos (before/after) and PDFs staff attach to the answer they write (issue 21, item 4).
 * They are the answer message's attachments: inspected, re-encoded and stored exactly as a
 * citizen's uploads (attachments/inspect.ts, store.ts), within the same limits. The
 * citizen sees them with the answer once it is sent (tracking/queries.ts attachmentsOf),
 * never before. They change only while the draft is staff's to edit.
 */
const EDITABLE = ['draft', 'returned'] as const;

/** What an answer carries: photos and documents (PDF) from the one whitelist; no video. */
const ANSWER_TYPES = ALLOWED_TYPES.filter((t) => t.kind !== 'video');
/** For the file input's accept attribute: a hint to the browser, never a check. */
export const ACCEPT_ANSWER_FILES = ANSWER_TYPES.map((t) => t.mime).join(',');
export const ANSWER_FILE_LABELS = ANSWER_TYPES.map((t) => t.label).join(', ');

const notAnAnswerFile = (name: string) => new InputError({ files: 'attachments:errors.type' }, { files: { name, types: ANSWER_FILE_LABELS } });

/** The draft's files may change: the report is being worked on and the draft is staff's. */
async function editableDraft(db: Db, report: Report, draftId: number) {
  if (report.status !== 'in_progress') throw new InputError({ files: 'answers:errors.notWorking' });
  return draftFor(db, report, draftId, [...EDITABLE]);
}

/** Inspects and stores the uploads, then writes their rows on the draft; all or none. */
export async function attachToDraft(
  db: Db,
  config: Config,
  props: { report: Report; draftId: number; actor: Actor; files: UploadedFile[] },
): Promise<number[]> {
  const draft = await editableDraft(db, props.report, props.draftId);
  if (!props.files.length) throw new InputError({ files: 'answers:files.none' });
  const existing = await db.selectFrom('attachments').select('id').where('message_id', '=', draft.id).execute();
  // The same count a citizen's message may carry, for the answer as a whole.
  if (existing.length + props.files.length > config.uploads.maxFiles) {
    throw new InputError({ files: 'attachments:errors.tooMany' }, { files: { maxFiles: config.uploads.maxFiles } });
  }
  const inspected: InspectedFile[] = await inspectUploads(props.files, config).catch((err: unknown) => {
    // The whitelist's refusal, naming the types an answer takes (no video).
    if (err instanceof InputError && err.keys.files === 'attachments:errors.type') throw notAnAnswerFile(String(err.values.files?.name ?? ''));
    throw err;
  });
  // Inspection read the bytes; what it wrote stays among the request's temp files, removed when it ends.
  const other = inspected.find((f) => !ANSWER_TYPES.some((t) => t.mime === f.mime));
  if (other) throw notAnAnswerFile(other.originalName);
  return withStoredAttachments(
    inspected,
    config.uploadDir,
    (stored) =>
      db.transaction().execute(async (trx) => {
        // Read again under the lock: a draft submitted meanwhile takes no more files.
        const row = await trx.selectFrom('messages').select('answer_status').where('id', '=', draft.id).forUpdate().executeTakeFirstOrThrow();
        if (!EDITABLE.includes(row.answer_status as (typeof EDITABLE)[number])) throw new InputError({ id: 'answers:errors.wrongStage' });
        const rows = await insertAttachments(trx, { reportId: props.report.id, messageId: draft.id, uploadedBy: 'staff' }, stored);
        await recordAudit(trx, {
          action: 'answer_file_add',
          actor: { userId: props.actor.userId ?? null },
          report: { id: props.report.id, code: props.report.tracking_code },
          target: { type: 'answer', id: draft.id },
          details: { attachmentIds: rows.map((r) => r.id) },
        });
        return rows.map((r) => r.id);
      }),
    { db },
  );
}

/** The draft's file, or a refusal naming it as gone. */
async function draftFile(db: Db, draftId: number, fileId: number) {
  const file = await db
    .selectFrom('attachments')
    .select(['id', 'storage_key', 'thumbnail_key', 'mime_type'])
    .where('id', '=', fileId)
    .where('message_id', '=', draftId)
    .executeTakeFirst();
  if (!file) throw new InputError({ files: 'answers:files.gone' });
  return file;
}

/** Takes a file off the draft: its row at once, its bytes after the commit (the orphan sweep if that fails). */
export async function removeDraftFile(db: Db, config: Config, props: { report: Report; draftId: number; fileId: number; actor: Actor }): Promise<void> {
  const draft = await editableDraft(db, props.report, props.draftId);
  const file = await draftFile(db, draft.id, props.fileId);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('attachments').where('id', '=', file.id).execute();
    await recordAudit(trx, {
      action: 'answer_file_remove',
      actor: { userId: props.actor.userId ?? null },
      report: { id: props.report.id, code: props.report.tracking_code },
      target: { type: 'answer', id: draft.id },
      details: { attachmentId: file.id },
    });
  });
  const keys = [file.storage_key, file.thumbnail_key].filter((k): k is string => Boolean(k));
  await Promise.allSettled(keys.map((k) => fs.promises.rm(attachmentPath(config.uploadDir, k), { force: true })));
}

/**
 * "Tampilkan di halaman publik": staff propose a photo of their answer for the public case
 * page. Only photos: the public page shows images, and a PDF cannot go through the
 * redaction the publication review relies on. The proposal becomes a ticked photo in the
 * coordinator's publication draft (publication/commands/draft.ts), who still decides.
 */
export async function setFilePublic(db: Db, props: { report: Report; draftId: number; fileId: number; show: boolean }): Promise<void> {
  const draft = await editableDraft(db, props.report, props.draftId);
  const file = await draftFile(db, draft.id, props.fileId);
  if (props.show && !file.mime_type.startsWith('image/')) throw new InputError({ files: 'answers:files.onlyPhotos' });
  await db.updateTable('attachments').set({ show_public: props.show }).where('id', '=', file.id).execute();
}
