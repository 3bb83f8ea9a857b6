import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { ReportStatus } from '../db/schema.js';
import { openSql } from '../reports/statuses.js';
import { kecamatanOf } from './suggest.js';

/**
 * Possible duplicates of a report among the open ones, for the coordinator who may merge
 * them. Candidates come only from indexes (partial GIN indexes over open reports, from
 * migration 0004), so the cost follows the open backlog and the matches, never the table:
 *   - title trigrams: `title % $title` (similarity >= TITLE_THRESHOLD)
 *     or `$title <% title` (the title is close to a part of a longer one);
 *   - full text: every word of the title appears in the other's title or body
 *     (`search_vector @@ plainto_tsquery('indonesian', $title)`), in any order.
 * Score (0..1): title likeness (trigrams) 0.55, every title word found 0.2, words of
 * title and body shared (ts_rank) 0.1, same kecamatan 0.15. Word order matters to none.
 */
export interface SimilarReport {
  id: number;
  trackingCode: string;
  title: string;
  status: ReportStatus;
  regionName: string | null;
  /** 0..1, two decimals. */
  score: number;
  sameKecamatan: boolean;
}

export interface SimilarSource {
  /** The report itself, left out; null for a text not yet saved. */
  id: number | null;
  title: string;
  body?: string | null;
  region_code: string | null;
}

/** Below this the match is noise. */
export const MIN_SCORE = 0.25;
const MAX_WORDS = 40;

/** 'a | b | c' of the distinct words of the text, for ts_rank; only letters and digits, so to_tsquery cannot fail. */
export function anyWordQuery(text: string): string {
  const words = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    if (m[0].length > 1 && words.size < MAX_WORDS) words.add(m[0]);
  }
  return [...words].join(' | ');
}

/**
 * Title trigram likeness that makes a candidate (pg_trgm's own default is 0.3). Common
 * words (jalan, desa, di) share many trigrams: at 0.3 a 40-letter title on 50,000 demo
 * reports drew 2,400 index candidates to recheck, at 0.4 about 870 (100 ms -> 36 ms).
 */
export const TITLE_THRESHOLD = 0.4;

export async function findSimilarReports(db: Db, report: SimilarSource, limit = 5): Promise<SimilarReport[]> {
  if (!report.title.trim()) return [];
  // Inside a caller's transaction, keep its settings; else a short one of our own.
  if (db.isTransaction) return query(db, report, limit);
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('pg_trgm.similarity_threshold', ${String(TITLE_THRESHOLD)}, true)`.execute(trx);
    return query(trx, report, limit);
  });
}

async function query(db: Db, report: SimilarSource, limit: number): Promise<SimilarReport[]> {
  const title = report.title.trim();
  const kecamatan = kecamatanOf(report.region_code) ?? '';
  const words = anyWordQuery(`${title} ${report.body ?? ''}`) || anyWordQuery(title) || 'x';
  const rows = await sql<{
    id: number;
    tracking_code: string;
    title: string;
    status: ReportStatus;
    region_name: string | null;
    same_kecamatan: boolean;
    score: number;
  }>`
    select * from (
      select r.id, r.tracking_code, r.title, r.status, g.name as region_name,
        coalesce(left(r.region_code, 8) = ${kecamatan}, false) as same_kecamatan,
        least(1,
          0.55 * greatest(similarity(r.title, ${title}), word_similarity(${title}, r.title))
          + case when r.search_vector @@ plainto_tsquery('indonesian', ${title}) then 0.2 else 0 end
          + 0.1 * least(1, 4 * ts_rank(r.search_vector, to_tsquery('indonesian', ${words}), 32))
          + case when left(r.region_code, 8) = ${kecamatan} then 0.15 else 0 end
        )::float8 as score
      from reports r
      left join regions g on g.code = r.region_code
      where ${openSql()}
        and r.id <> ${report.id ?? 0}
        and (r.title % ${title}
          or ${title} <% r.title
          or r.search_vector @@ plainto_tsquery('indonesian', ${title}))
    ) c
    where c.score >= ${MIN_SCORE}
    order by c.score desc, c.id desc
    limit ${Math.max(1, Math.min(limit, 50))}
  `.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    trackingCode: r.tracking_code,
    title: r.title,
    status: r.status,
    regionName: r.region_name,
    score: Math.round(r.score * 100) / 100,
    sameKecamatan: r.same_kecamatan,
  }));
}
