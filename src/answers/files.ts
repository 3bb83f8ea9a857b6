import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { formatBytes } from '../shared/format.js';
import { type Locale, type Translate, translator } from '../shared/i18n.js';

/** The files of an answer (its message), in the order they were attached. */
export function answerFiles(db: Kysely<DB>, messageId: number) {
  return db
    .selectFrom('attachments')
    .select(['id', 'original_name', 'mime_type', 'size_bytes', 'thumbnail_key', 'width', 'height', 'show_public'])
    .where('message_id', '=', messageId)
    .orderBy('id')
    .execute();
}

export type AnswerFile = Awaited<ReturnType<typeof answerFiles>>[number];

/** Longest side of a stored thumbnail (attachments/policy.ts). */
const THUMB_SIDE = 320;

/**
 * An answer's file as staff see it, in the shape the tracking page's file list takes
 * (views/tracking/_files.hbs), so the preview shows it as the citizen will; opened through
 * the staff file routes. With whether staff propose it for the public page.
 */
export function presentAnswerFile(f: AnswerFile, locale: Locale, t: Translate) {
  const image = f.mime_type.startsWith('image/') && f.thumbnail_key !== null;
  const scale = f.width && f.height ? Math.min(1, THUMB_SIDE / Math.max(f.width, f.height)) : 1;
  return {
    id: f.id,
    name: f.original_name,
    size: formatBytes(f.size_bytes, locale),
    image,
    url: `/staf/lampiran/${f.id}`,
    thumbnailUrl: image ? `/staf/lampiran/${f.id}/kecil` : null,
    width: image && f.width ? Math.round(f.width * scale) : null,
    height: image && f.height ? Math.round(f.height * scale) : null,
    alt: t('answers:files.alt', { name: f.original_name }),
    public: f.show_public,
  };
}

/**
 * The line of the answer mail that lists its files. Mails to citizens are in Indonesian; the
 * files themselves stay on the tracking page, served only to whoever holds the report's
 * access, so the mail names them and says where they are. Empty without files (the mail
 * then has no such line).
 */
export function filesMailLine(files: Pick<AnswerFile, 'original_name' | 'size_bytes'>[]): string {
  if (!files.length) return '';
  const t = translator('id');
  const list = files.map((f) => `- ${f.original_name} (${formatBytes(f.size_bytes, 'id')})`).join('\n');
  return `${t('answers:files.mailLine', { count: files.length })}\n${list}`;
}
