import type { Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { DB, Report } from '../db/schema.js';
import { formatCode } from '../reports/tracking.js';
import { formatDateLong } from '../shared/format.js';
import { fill, NEUTRAL_SALUTATION, type Placeholder, reporterSalutation } from './placeholders.js';

/**
 * Answer templates with their placeholders filled for one report: what staff start from,
 * and what the preview shows. Plain text in, plain text out; views escape it. The
 * reporter's name is not filled here (placeholders.ts says why).
 */
export async function templatesFor(db: Db, report: Report, now = new Date()) {
  const [rows, values] = await Promise.all([
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
    reportValues(db, report, now),
  ]);
  return rows.map((r) => ({ id: r.id, name: r.name, forCategory: r.category_id !== null, body: fill(r.body, values) }));
}

/** The placeholders that name no person, for this report. */
export async function reportValues(db: Kysely<DB>, report: Report, now = new Date()): Promise<Record<Exclude<Placeholder, 'nama_pelapor'>, string>> {
  const agency = report.assigned_agency_id
    ? await db.selectFrom('agencies').select('name').where('id', '=', report.assigned_agency_id).executeTakeFirst()
    : undefined;
  return {
    kode: formatCode(report.tracking_code),
    opd: agency?.name ?? 'Kami',
    tanggal_laporan: formatDateLong(report.submitted_at, 'id'),
    hari_ini: formatDateLong(now, 'id'),
  };
}

/**
 * An answer as it leaves the OPD: `kept` is the text stored on the report (staff, the
 * tracking page and the publication read it; it names nobody), `forReporter(r)` the text
 * mailed to the reporter of `r` (their own name, when they may be greeted by it).
 */
export async function sentTexts(db: Kysely<DB>, report: Report, body: string, now = new Date()) {
  const values = await reportValues(db, report, now);
  return {
    values,
    kept: fill(body, { ...values, nama_pelapor: NEUTRAL_SALUTATION }),
    forReporter: (r: Pick<Report, 'is_anonymous' | 'reporter_name'>) => fill(body, { ...values, nama_pelapor: reporterSalutation(r) }),
  };
}
