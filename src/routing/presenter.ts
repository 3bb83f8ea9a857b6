import type { Translate } from '../shared/i18n.js';
import type { RuleRow } from './queries.js';
import type { RuleInput } from './schema.js';
import type { SimilarReport } from './similar.js';
import type { Suggestion } from './suggest.js';

export interface RuleView {
  id: number;
  categoryName: string;
  regionName: string;
  agencyName: string;
  note: string;
  active: boolean;
  statusLabel: string;
}

export function presentRule(row: RuleRow, t: Translate): RuleView {
  return {
    id: row.id,
    categoryName: row.category_name,
    regionName: row.region_name ?? t('routing:list.anywhere'),
    agencyName: row.agency_name,
    note: row.note ?? '',
    active: row.active,
    statusLabel: t(row.active ? 'routing:status.active' : 'routing:status.inactive'),
  };
}

/** The coordinator's line: "Aturan: kategori Jalan dan Jembatan di Kecamatan Tayu → DPUPR". */
export function describeSuggestion(s: Suggestion, t: Translate): string {
  return t(`routing:reason.${s.reason}`, {
    category: s.categoryName ?? '',
    kecamatan: s.kecamatanName ?? '',
    agency: s.agencyLabel ?? '',
  });
}

export function presentSimilar(r: SimilarReport, t: Translate) {
  return { ...r, scoreLabel: t('routing:similar.score', { percent: Math.round(r.score * 100) }) };
}

export interface RuleFormValues {
  categoryId: number | null;
  regionCode: string;
  agencyId: number | null;
  note: string;
}

/** What was typed, kept when the form comes back with errors. */
export function formValues(source: Partial<Record<keyof RuleInput, unknown>> = {}): RuleFormValues {
  const id = (v: unknown) => {
    const n = Number(v);
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  };
  return {
    categoryId: id(source.categoryId),
    regionCode: typeof source.regionCode === 'string' ? source.regionCode : '',
    agencyId: id(source.agencyId),
    note: typeof source.note === 'string' ? source.note : '',
  };
}

export function options<T extends string | number>(items: { value: T; label: string }[], selected: T | null) {
  return items.map((i) => ({ ...i, selected: i.value === selected }));
}
