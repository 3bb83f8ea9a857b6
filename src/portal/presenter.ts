import type { Config } from '../config.js';
import { formatCode } from '../reports/tracking.js';
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
