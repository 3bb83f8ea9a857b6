import type { Db } from '../../db/database.js';
import type { Locale } from '../../shared/i18n.js';

/** A staff member's own language, kept for their next sign-in on any device. */
export async function setLocale(db: Db, userId: number, locale: Locale): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}
