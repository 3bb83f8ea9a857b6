import type { Report } from '../db/schema.js';
import { formatDateLong } from '../shared/format.js';
import type { Locale, Translate } from '../shared/i18n.js';

type SourceColumns = Pick<Report, 'channel' | 'staff_source' | 'source_platform' | 'source_url' | 'lapor_number' | 'letter_number' | 'letter_date'>;

/**
 * Where a report taken by staff came from, for the staff API's report JSON: the source and
 * its reference, and who entered it (the first event's actor, already read with the
 * events). null for the other channels.
 */
export function staffSourceOf(report: SourceColumns, takenBy: { name: string | null; agency: string | null } | null) {
  if (report.channel !== 'staff' || !report.staff_source) return null;
  return {
    kind: report.staff_source,
    platform: report.source_platform,
    url: report.source_url,
    laporNumber: report.lapor_number,
    letterNumber: report.letter_number,
    letterDate: report.letter_date,
    takenBy: takenBy?.name ?? null,
    takenAt: takenBy?.agency ?? null,
  };
}

export type StaffSourceView = NonNullable<ReturnType<typeof staffSourceOf>>;

/**
 * The same as the staff report page says it: "Diterima lewat telepon oleh Siti",
 * "Dari komentar atau pesan Instagram" with the post's link, "SP4N-LAPOR! #1916449".
 */
export function describeStaffSource(source: StaffSourceView, t: Translate, locale: Locale) {
  const platform = source.platform ? t(`staffintake:platforms.${source.platform}`) : '';
  const parts = [t(`staffintake:shown.${source.kind}`, { platform, number: source.laporNumber ?? '' })];
  if (source.kind === 'letter' && source.letterNumber) parts.push(t('staffintake:shown.letterNumber', { number: source.letterNumber }));
  if (source.kind === 'letter' && source.letterDate) parts.push(t('staffintake:shown.letterDate', { date: formatDateLong(new Date(`${source.letterDate}T12:00:00+07:00`), locale) }));
  if (source.takenBy) parts.push(t('staffintake:shown.by', { name: source.takenBy }));
  if (source.takenAt) parts.push(t('staffintake:shown.at', { agency: source.takenAt }));
  return { text: parts.join(' '), url: source.url, urlLabel: t('staffintake:shown.post') };
}

/** Who entered the report, from its first event as the staff page and API already read them. */
export function takenByOf(events: readonly { type: string; actor_kind: string; actor_name: string | null; agency_name: string | null }[]) {
  const first = events.find((e) => e.type === 'submitted' && e.actor_kind === 'staff');
  return first ? { name: first.actor_name, agency: first.agency_name } : null;
}
