import { REPORT_STATUSES } from '../db/schema.js';
import { formatCode } from '../reports/tracking.js';
import { POLICY_FIELDS } from '../sla/schema.js';
import { REJECT_REASONS } from '../triage/commands/close.js';
import { formatNumber } from '../shared/format.js';
import type { Locale, Translate } from '../shared/i18n.js';
import type { AuditNames } from './queries.js';

/** One fact of an entry as the page shows it: a label and a value (text, or a time the view formats). */
export interface DetailView {
  label: string;
  text?: string;
  at?: Date;
}

/** Internal ids with nothing to show a person (the readable fact is beside them, or nowhere). */
const HIDDEN = new Set(['intoId', 'messageId', 'outboxId', 'erasureId']);

const STATUSES = new Set<string>(REPORT_STATUSES);
const REASONS = new Set<string>(REJECT_REASONS);
const SLA_FIELDS = new Set<string>(POLICY_FIELDS);

/**
 * An entry's details (jsonb, written by recordAudit's callers) as label/value pairs in the
 * reader's language: statuses, roles and channels by their names, OPD, categories, regions
 * and people by name instead of id, codes with their hyphen, times formatted by the view.
 * A key this list does not know still shows, as itself and its plain value.
 */
export function presentDetails(details: Record<string, unknown>, t: Translate, locale: Locale, names: AuditNames): DetailView[] {
  const yesNo = (v: unknown) => t(v ? 'web:yes' : 'web:no');
  const label = (key: string) => (SLA_FIELDS.has(key) ? t(`sla:fields.${key}`) : t(`auditlog:details.${key}`, { defaultValue: key }));
  const nameOf = <K>(map: Map<K, string>, id: K, fallback: string) => map.get(id) ?? fallback;
  const plain = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return yesNo(v);
    if (typeof v === 'number') return formatNumber(v, locale, 2);
    if (Array.isArray(v)) return v.map(plain).join(', ');
    if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${label(k)}: ${plain(x)}`).join('; ');
    return String(v);
  };
  /** A status, or a corrected report's earlier/later title and category. */
  const state = (v: unknown): string => {
    if (typeof v === 'string' && STATUSES.has(v)) return t(`reports:statuses.${v}`);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return Object.entries(o)
        .map(([k, x]) => `${label(k)}: ${k === 'categoryId' ? (x === null ? '—' : nameOf(names.categories, Number(x), `#${String(x)}`)) : plain(x)}`)
        .join('; ');
    }
    return plain(v);
  };
  const time = (v: unknown): Date | undefined => {
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(v)) return undefined;
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d;
  };
  const one = (key: string, v: unknown): DetailView => {
    const at = time(v);
    if (at) return { label: label(key), at };
    switch (key) {
      case 'from':
      case 'to':
        return { label: label(key), text: state(v) };
      case 'reason':
        return { label: label(key), text: typeof v === 'string' && REASONS.has(v) ? t(`triage:reasons.${v}`) : plain(v) };
      case 'agencyId':
        return { label: label(key), text: v === null ? '—' : nameOf(names.agencies, Number(v), `#${String(v)}`) };
      case 'supporting':
        return { label: label(key), text: Array.isArray(v) && v.length ? v.map((id) => nameOf(names.agencies, Number(id), `#${String(id)}`)).join(', ') : '—' };
      case 'userId':
        return { label: label(key), text: v === null ? '—' : nameOf(names.users, Number(v), `#${String(v)}`) };
      case 'categoryId':
        return { label: label(key), text: v === null ? '—' : nameOf(names.categories, Number(v), `#${String(v)}`) };
      case 'regionCode':
        return { label: label(key), text: typeof v === 'string' ? nameOf(names.regions, v, v) : t('auditlog:details.anyRegion') };
      case 'role':
        return { label: label(key), text: typeof v === 'string' ? t(`web:roles.${v}`, { defaultValue: v }) : plain(v) };
      case 'channel':
        return { label: label(key), text: typeof v === 'string' ? t(`reports:channels.${v}`, { defaultValue: v }) : plain(v) };
      case 'kind':
        return { label: label(key), text: typeof v === 'string' ? t(`sla:holidays.kinds.${v}`, { defaultValue: v }) : plain(v) };
      // A report taken by staff (src/staffintake): where it came from.
      case 'source':
        return { label: label(key), text: typeof v === 'string' ? t(`staffintake:sources.${v}`, { defaultValue: v }) : plain(v) };
      case 'platform':
        return { label: label(key), text: typeof v === 'string' ? t(`staffintake:platforms.${v}`, { defaultValue: v }) : plain(v) };
      case 'via':
      case 'why':
      case 'by':
        return { label: label(key), text: typeof v === 'string' ? t(`auditlog:${key}.${v}`, { defaultValue: v }) : plain(v) };
      case 'lookupKind':
        return { label: label(key), text: typeof v === 'string' ? t(`privacy:kinds.${v}`, { defaultValue: v }) : plain(v) };
      case 'fields':
        return { label: label(key), text: Array.isArray(v) ? v.map((f) => t(`auditlog:identityFields.${String(f)}`, { defaultValue: String(f) })).join(', ') : plain(v) };
      case 'reports':
        return { label: label(key), text: Array.isArray(v) ? v.map((c) => formatCode(String(c))).join(', ') : plain(v) };
      case 'into':
        return { label: label(key), text: typeof v === 'string' ? formatCode(v) : plain(v) };
      default:
        return { label: label(key), text: plain(v) };
    }
  };
  return Object.entries(details)
    .filter(([k, v]) => !HIDDEN.has(k) && v !== undefined)
    .map(([k, v]) => one(k, v));
}

/** What an entry is about, besides a report: "Akun: Siti Aminah", "Pengaturan: Validasi jawaban". */
export function presentTarget(type: string | null, id: string | null, t: Translate, locale: Locale, names: AuditNames): string | null {
  if (!type) return null;
  const kind = t(`auditlog:targets.${type}`, { defaultValue: type });
  if (id === null) return kind;
  let name: string | undefined = names.targets.get(type)?.get(id);
  if (type === 'setting') name = t(`auditlog:settings.${id}`, { defaultValue: id });
  if (type === 'holiday' && /^\d{4}-\d{2}-\d{2}$/.test(id)) {
    name = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${id}T00:00:00Z`));
  }
  if (type === 'holiday_year') name = id;
  return `${kind}: ${name ?? `#${id}`}`;
}
