import type { Role } from '../db/schema.js';
import type { Locale } from '../shared/i18n.js';

/** The signed-in staff member as every request sees it (req.user). */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  agencyId: number | null;
  locale: Locale | null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
  }
}
