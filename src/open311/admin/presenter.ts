import type { Locale, Translate } from '../../shared/i18n.js';

export interface ClientView {
  id: number;
  name: string;
  createdAt: string;
  createdBy: string;
  lastUsed: string;
  active: boolean;
  statusLabel: string;
}

const when = (date: Date, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short' }).format(date);

export function presentClient(
  row: { id: number; name: string; active: boolean; created_at: Date; last_used_at: Date | null; created_by_name: string | null },
  t: Translate,
  locale: Locale,
): ClientView {
  return {
    id: row.id,
    name: row.name,
    createdAt: when(row.created_at, locale),
    createdBy: row.created_by_name ?? '',
    lastUsed: row.last_used_at ? when(row.last_used_at, locale) : t('open311:admin.never'),
    active: row.active,
    statusLabel: t(row.active ? 'open311:admin.status.active' : 'open311:admin.status.inactive'),
  };
}
