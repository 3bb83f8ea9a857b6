import type { Db } from '../../db/database.js';
import { createUser } from './createUser.js';

export const FIRST_ADMIN_EMAIL = 'admin@pengaduan.local';

/**
 * On the first start of an empty database: one admin account with a random password,
 * returned so the boot can print it once. There is no default password anywhere.
 * Returns undefined when any user exists.
 */
export async function ensureFirstAdmin(db: Db, email = FIRST_ADMIN_EMAIL): Promise<{ email: string; password: string } | undefined> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return undefined;
  const { user, password } = await createUser(db, {
    name: 'Administrator',
    email,
    role: 'admin',
    agencyId: null,
  });
  return { email: user.email, password };
}
