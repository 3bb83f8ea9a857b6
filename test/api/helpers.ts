import crypto from 'node:crypto';
import sharp from 'sharp';
import supertest from 'supertest';
import type { TestApp } from '../helpers/app.js';

/** Seeded reference data the API tests refer to: an active category, a kecamatan and one of its desa. */
export async function seeded(t: TestApp) {
  const db = t.database.db;
  const category = await db.selectFrom('categories').select(['id', 'name']).where('active', '=', true).orderBy('id').executeTakeFirstOrThrow();
  const desa = await db
    .selectFrom('regions')
    .select(['code', 'parent_code', 'name'])
    .where('level', '=', 'desa')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return { categoryId: category.id, categoryName: category.name, desa: desa.code, desaName: desa.name, kecamatan: desa.parent_code! };
}

export type Seeded = Awaited<ReturnType<typeof seeded>>;

/** A valid JSON report with a unique title; the e-mail too, so the duplicate guard stays out of the way. */
export function reportBody(ref: Seeded, overrides: Record<string, unknown> = {}) {
  const tag = crypto.randomBytes(3).toString('hex');
  return {
    kind: 'pengaduan',
    title: `Jembatan retak di Dukuh Krajan ${tag}`,
    body: 'Jembatan kayu penghubung dukuh retak di bagian tengah sejak banjir minggu lalu, anak sekolah terpaksa memutar jauh.',
    categoryId: ref.categoryId,
    regionCode: ref.desa,
    address: 'Jembatan Dukuh Krajan, RT 03/RW 02',
    lat: -6.75,
    lng: 111.03,
    reporter: { name: 'Budi Santoso', email: `budi.${tag}@example.com`, phone: '0812-3456-7890', nik: '3318010101800001' },
    anonymous: false,
    confidential: false,
    consent: true,
    ...overrides,
  };
}

/** A small real JPEG, made here. */
export function jpeg(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#2e86c1' } }).jpeg().toBuffer();
}

/** Submits a report through the API and returns its code and secret. */
export async function submitted(t: TestApp, ref: Seeded, overrides: Record<string, unknown> = {}) {
  const res = await supertest(t.app).post('/api/v1/reports').send(reportBody(ref, overrides)).expect(201);
  const row = await t.database.db.selectFrom('reports').selectAll().where('tracking_code', '=', res.body.code).executeTakeFirstOrThrow();
  return { code: res.body.code as string, secret: res.body.secret as string, row };
}

export async function countRows(t: TestApp) {
  const db = t.database.db;
  const count = async (table: 'reports' | 'report_events' | 'attachments' | 'outbox' | 'messages') =>
    Number((await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    reports: await count('reports'),
    events: await count('report_events'),
    attachments: await count('attachments'),
    outbox: await count('outbox'),
    messages: await count('messages'),
  };
}
