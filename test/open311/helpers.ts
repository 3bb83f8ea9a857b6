import { sql } from 'kysely';
import type { PublicationStatus } from '../../src/db/schema.js';
import { hashOpen311Key, newOpen311Key } from '../../src/open311/keys.js';
import type { TestApp } from '../helpers/app.js';
import { buildReport } from '../helpers/reports.js';

export const V2 = '/open311/v2';

/** A client with a fresh key, as the admin page would issue it. */
export async function open311Client(t: TestApp, opts: { active?: boolean; name?: string } = {}) {
  const key = newOpen311Key();
  const row = await t.database.db
    .insertInto('open311_clients')
    .values({ name: opts.name ?? 'Aplikasi Uji', key_hash: hashOpen311Key(key), active: opts.active ?? true })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, key };
}

export async function categoryOf(t: TestApp, code = 'jalan-jembatan') {
  return t.database.db.selectFrom('categories').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirstOrThrow();
}

export async function aKecamatan(t: TestApp) {
  return t.database.db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'kecamatan').orderBy('code').executeTakeFirstOrThrow();
}

let serial = 0;

/**
 * A report with a publication row written directly (the publication workflow is another
 * module's): the public texts are marked so a test can tell them from the report's own.
 */
export async function publishedCase(
  t: TestApp,
  opts: { status?: PublicationStatus; category?: string | null; submittedDaysAgo?: number; submittedAt?: Date; photoIds?: number[]; confidential?: boolean } = {},
) {
  serial++;
  const { report } = await buildReport(t, { confidential: opts.confidential ?? false });
  // category: null publishes a case the coordinator left without a category.
  const category = opts.category === null ? null : await categoryOf(t, opts.category);
  const kecamatan = await aKecamatan(t);
  const agency = await t.database.db.selectFrom('agencies').select(['id', 'name']).where('code', '=', 'dpupr').executeTakeFirstOrThrow();
  const submittedAt = opts.submittedAt ?? new Date(Date.now() - (opts.submittedDaysAgo ?? 5) * 86_400_000);
  await t.database.db
    .insertInto('publications')
    .values({
      report_id: report.id,
      code: report.tracking_code,
      status: opts.status ?? 'published',
      title: `Judul publik ${serial}`,
      body: `Isi publik tersamarkan ${serial}: jalan berlubang di depan balai desa.`,
      answer: `Jawaban pemerintah ${serial}: jalan sudah ditambal.`,
      photo_ids: opts.photoIds ?? [],
      agency_id: agency.id,
      category_id: category?.id ?? null,
      kecamatan_code: kecamatan.code,
      kind: 'pengaduan',
      channel: 'web',
      submitted_at: submittedAt,
      answered_at: new Date(submittedAt.getTime() + 86_400_000),
      resolved_at: new Date(submittedAt.getTime() + 2 * 86_400_000),
      published_at: opts.status === 'published' || !opts.status ? sql<Date>`now()` : null,
    })
    .execute();
  return { report, code: report.tracking_code, display: `${report.tracking_code.slice(0, 4)}-${report.tracking_code.slice(4)}`, serial, category, kecamatan, agency };
}
