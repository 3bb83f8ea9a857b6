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
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's request types live in a global namespace: augmenting them takes one
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- passport types req.user as Express.User: ours is a SessionUser
    interface User extends SessionUser {}
  }
}
