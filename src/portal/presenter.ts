import type { Config } from '../config.js';
import { formatCode } from '../reports/tracking.js';
import { formatNumber } from '../shared/format.js';
import type { Locale, Translate } from '../shared/i18n.js';
import { safeCell } from '../shared/spreadsheet.js';
import type { PublishedCase } from './queries.js';

/** One published case as every public output shows it (pages, feeds, JSON, CSV, Open311). */
export function presentCase(row: PublishedCase, config: Pick<Config, 'publicUrl'>) {
  const path = `/publik/${row.code}`;
  return {
    id: formatCode(row.code),
    /** On this site; `url` is the same page as others link to it. */
    path,
    url: `${config.publicUrl}${path}`,
    title: row.title,
    question: row.body,
    answer: row.answer,
    kind: row.kind,
    agency: row.agency_code ? { code: row.agency_code, name: row.agency } : null,
    category: row.category_code ? { code: row.category_code, name: row.category } : null,
    kecamatan: row.kecamatan_code ? { code: row.kecamatan_code, name: row.kecamatan } : null,
    submittedAt: row.submitted_at.toISOString(),
    answeredAt: row.answered_at?.toISOString() ?? null,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    publishedAt: row.published_at?.toISOString() ?? null,
    answerWorkingDays: row.answer_days === null ? null : Number(row.answer_days),
    photos: row.photo_ids.map((id) => ({ url: `${config.publicUrl}/publik/foto/${id}`, thumbnailUrl: `${config.publicUrl}/publik/foto/${id}/kecil` })),
  };
}

export type PublicCase = ReturnType<typeof presentCase>;

/** A one-line summary for lists, feeds and share previews. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : flat;
}

/**
 * "answered in N working days", per language and N, kept for the process: the messages
 * never change while it runs, and an i18next lookup with a plural and a value costs more
 * than the rest of a case's presentation. N is written the reader's way ("8,5" in Bahasa
 * Indonesia, "8.5" in English), to one decimal like every figure of days on the portal.
 */
const dayLabels = new Map<string, string>();
export function dayLabel(locale: Locale, days: number, t: Translate, key = 'portal:list.days'): string {
  const cacheKey = `${key}:${locale}:${days}`;
  let label = dayLabels.get(cacheKey);
  if (label === undefined) {
    label = t(key, { days: formatDays(days, locale) });
    if (dayLabels.size < 2000) dayLabels.set(cacheKey, label);
  }
  return label;
}

/** Working days as the portal writes them: one decimal, in the reader's language. */
export function formatDays(days: number, locale: Locale): string {
  return formatNumber(days, locale, 1);
}

/** The filter form's choices, the chosen one marked. */
export function options(list: { code: string; name: string }[], chosen?: string) {
  return list.map((o) => ({ value: o.code, label: o.name, selected: o.code === chosen }));
}

/** The columns of the CSV export, in order, with what each holds: the documented schema. */
export const CSV_FIELDS = [
  ['id', 'Kode kasus (XXXX-XXXX)'],
  ['url', 'Alamat halaman kasus di portal'],
  ['judul', 'Judul publik'],
  ['laporan', 'Isi laporan, data pribadi disamarkan'],
  ['jawaban', 'Jawaban pemerintah, data pribadi disamarkan'],
  ['jenis', 'pengaduan, aspirasi atau informasi'],
  ['opd_kode', 'Kode OPD yang menjawab'],
  ['opd', 'Nama OPD yang menjawab'],
  ['kategori_kode', 'Kode kategori'],
  ['kategori', 'Nama kategori'],
  ['kecamatan_kode', 'Kode wilayah kecamatan (Kemendagri)'],
  ['kecamatan', 'Nama kecamatan'],
  ['dilaporkan', 'Waktu laporan masuk (ISO 8601, UTC)'],
  ['dijawab', 'Waktu jawaban dikirim (ISO 8601, UTC)'],
  ['selesai', 'Waktu kasus selesai (ISO 8601, UTC)'],
  ['diterbitkan', 'Waktu kasus diterbitkan (ISO 8601, UTC)'],
  ['hari_kerja_sampai_dijawab', 'Hari kerja dari laporan sampai jawaban, tanpa waktu menunggu pelapor'],
] as const;

/** One case as a row of the CSV export, in the order of CSV_FIELDS, formulas disarmed. */
export function csvRecord(c: PublicCase): string[] {
  return [
    c.id, c.url, c.title, c.question, c.answer, c.kind, c.agency?.code ?? '', c.agency?.name ?? '', c.category?.code ?? '', c.category?.name ?? '',
    c.kecamatan?.code ?? '', c.kecamatan?.name ?? '', c.submittedAt, c.answeredAt ?? '', c.resolvedAt ?? '', c.publishedAt ?? '',
    c.answerWorkingDays === null ? '' : String(c.answerWorkingDays),
  ].map((v) => safeCell(String(v ?? '')));
}
