import type { Kysely } from 'kysely';
import type { ActorKind, DB } from '../../db/schema.js';
import type { StoredFile } from '../store.js';

export interface AttachmentOwner {
  reportId: number;
  /** The message the files came with (a citizen's reply, a staff answer). */
  messageId?: number | null;
  uploadedBy: ActorKind;
}

/**
 * Writes the rows of stored files, inside the caller's transaction: step 2 of the storage
 * protocol (attachments/store.ts), so a row only commits after its file is on disk.
 */
export async function insertAttachments(trx: Kysely<DB>, owner: AttachmentOwner, stored: StoredFile[]) {
  if (!stored.length) return [];
  return trx
    .insertInto('attachments')
    .values(
      stored.map((s) => ({
        report_id: owner.reportId,
        message_id: owner.messageId ?? null,
        storage_key: s.storageKey,
        thumbnail_key: s.thumbnailKey,
        original_name: s.originalName,
        mime_type: s.mime,
        size_bytes: s.size,
        sha256: s.sha256,
        width: s.width,
        height: s.height,
        uploaded_by: owner.uploadedBy,
      })),
    )
    .returning(['id', 'storage_key', 'thumbnail_key', 'original_name', 'mime_type', 'size_bytes'])
    .execute();
}
