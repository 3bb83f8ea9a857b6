import { ROLES, type Role, type User } from '../db/schema.js';
import type { Translate } from '../shared/i18n.js';
import type { UserListRow } from './queries.js';
import type { UserInput } from './schema.js';

export interface UserRowView {
  id: number;
  name: string;
  email: string;
  roleLabel: string;
  agencyName: string;
  statusLabel: string;
  statusClass: 'active' | 'inactive' | 'locked';
  lastLoginAt: Date | null;
}

function status(active: boolean, lockedUntil: Date | null): UserRowView['statusClass'] {
  if (!active) return 'inactive';
  return lockedUntil && lockedUntil > new Date() ? 'locked' : 'active';
}

export function presentUserRow(row: UserListRow, t: Translate): UserRowView {
  const statusClass = status(row.active, row.locked_until);
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roleLabel: t(`web:roles.${row.role}`),
    agencyName: row.agency_name ?? '—',
    statusLabel: t(`users:status.${statusClass}`),
    statusClass,
    lastLoginAt: row.last_login_at,
  };
}

export function roleOptions(t: Translate, selected?: Role) {
  return ROLES.map((role) => ({ value: role, label: t(`web:roles.${role}`), selected: role === selected }));
}

export function agencyOptions(agencies: { id: number; name: string }[], selected: number | null | undefined) {
  return agencies.map((a) => ({ value: a.id, label: a.name, selected: a.id === selected }));
}

/** The form's values: from a stored user, or from what was typed when it failed. */
export function formValues(source: User | Partial<Record<keyof UserInput, unknown>>) {
  if ('password_hash' in source) {
    return { name: source.name, email: source.email, role: source.role, agencyId: source.agency_id, jobTitle: source.job_title ?? '', nip: source.nip ?? '' };
  }
  const agencyId = Number(source.agencyId);
  return {
    name: String(source.name ?? ''),
    email: String(source.email ?? ''),
    role: source.role as Role | undefined,
    agencyId: Number.isInteger(agencyId) && agencyId > 0 ? agencyId : null,
    jobTitle: String(source.jobTitle ?? ''),
    nip: String(source.nip ?? ''),
  };
}

export function userStatus(user: User, t: Translate) {
  const s = status(user.active, user.locked_until);
  return { statusClass: s, statusLabel: t(`users:status.${s}`), active: user.active };
}
