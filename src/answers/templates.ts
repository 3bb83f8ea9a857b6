import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { formatCode } from '../reports/tracking.js';
import { formatDateLong } from '../shared/format.js';

/**
 * Answer templates with their placeholders filled for one report: what staff start from,
 * and what the preview shows. Plain text in, plain text out; views escape it.
 */
export async function templatesFor(db: Db, report: Report, now = new Date()) {
  const [rows, agency] = await Promise.all([
    db
      .selectFrom('answer_templates')
      .select(['id', 'name', 'body', 'category_id'])
      .where('active', '=', true)
      .where((eb) => eb.or([eb('category_id', 'is', null), ...(report.category_id ? [eb('category_id', '=', report.category_id)] : [])]))
      // The category's own templates first.
      .orderBy((eb) => eb.case().when('category_id', 'is', null).then(1).else(0).end())
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    report.assigned_agency_id
      ? db.selectFrom('agencies').select('name').where('id', '=', report.assigned_agency_id).executeTakeFirst()
      : undefined,
  ]);
  const values: Record<Placeholder, string> = {
    // An anonymous reporter's name never reaches the OPD, not even through a template.
    nama_pelapor: !report.is_anonymous && report.reporter_name ? report.reporter_name : 'Bapak/Ibu',
    kode: formatCode(report.tracking_code),
    opd: agency?.name ?? 'Kami',
    tanggal_laporan: formatDateLong(report.submitted_at, 'id'),
    hari_ini: formatDateLong(now, 'id'),
  };
  return rows.map((r) => ({ id: r.id, name: r.name, forCategory: r.category_id !== null, body: fill(r.body, values) }));
}

/** What a template may contain in braces; the admin page refuses any other. */
export const PLACEHOLDERS = ['nama_pelapor', 'kode', 'opd', 'tanggal_laporan', 'hari_ini'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const TOKEN = /\{([A-Za-z0-9_]+)\}/g;

export function fill(body: string, values: Record<string, string>): string {
  return body.replace(TOKEN, (token, key: string) => values[key] ?? token);
}

/** Placeholders in a template text that are not ours (a typo would reach the citizen as is). */
export function unknownPlaceholders(body: string): string[] {
  const found = [...body.matchAll(TOKEN)].map((m) => m[1]!);
  return [...new Set(found.filter((k) => !(PLACEHOLDERS as readonly string[]).includes(k)))];
}
