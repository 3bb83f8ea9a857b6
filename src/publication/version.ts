import crypto from 'node:crypto';

/**
 * Which text of a publication a page showed: a digest of what would be published (title,
 * question, answer, photos chosen). The form carries it; publishing refuses when the stored
 * text is no longer the one shown (someone saved meanwhile), so nothing is ever published
 * that was not on the screen of whoever pressed "Terbitkan".
 */
export function publicationVersion(row: { title: string; body: string; answer: string; photo_ids: readonly number[] }): string {
  const photos = [...row.photo_ids].sort((a, b) => a - b);
  return crypto.createHash('sha256').update(JSON.stringify([row.title, row.body, row.answer, photos])).digest('hex').slice(0, 20);
}
