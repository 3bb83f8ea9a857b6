import type { Translate } from '../../shared/i18n.js';

export interface ClientView {
  id: number;
  name: string;
  /** Shown with the formatDateTime helper, in the reader's language and Jakarta time. */
  createdAt: Date;
  createdBy: string;
  lastUsedAt: Date | null;
  active: boolean;
  statusLabel: string;
}

export function presentClient(
  row: { id: number; name: string; active: boolean; created_at: Date; last_used_at: Date | null; created_by_name: string | null },
  t: Translate,
): ClientView {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by_name ?? '',
    lastUsedAt: row.last_used_at,
    active: row.active,
    statusLabel: t(row.active ? 'open311:admin.status.active' : 'open311:admin.status.inactive'),
  };
}
