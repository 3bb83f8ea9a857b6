import type { SessionUser } from '../auth/user.js';

/** The signed-in user as the session API shows them. */
export function presentUser(user: SessionUser) {
  return { id: user.id, email: user.email, name: user.name, role: user.role, agencyId: user.agencyId };
}
