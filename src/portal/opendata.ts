import { Router } from 'express';
import { stringify } from 'csv-stringify';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { safeCell } from '../shared/spreadsheet.js';
import { check } from '../shared/validation.js';
import { presentCase } from './presenter.js';
import { allPublished, searchPublished } from './queries.js';
import { portalFilterSchema } from './schema.js';

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

/** Open data of published cases (CSV and JSON, streamed), and the portal's search as JSON. */
export function openDataRouter(db: Db, config: Config): Router {
  const router = Router();

  router.get('/publik/data', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600');
    res.render('portal/data', { title: res.locals.t('portal:data.title'), fields: CSV_FIELDS.map(([name, meaning]) => ({ name, meaning })) });
  });

  router.get('/publik/data.csv', async (_req, res, next) => {
    res.set({ 'Cache-Control': 'public, max-age=3600', 'Content-Disposition': 'attachment; filename="kasus-terjawab.csv"' });
    res.type('text/csv; charset=utf-8');
    const csv = stringify({ header: true, columns: CSV_FIELDS.map(([name]) => name), bom: true });
    csv.pipe(res);
    try {
      for await (const batch of allPublished(db)) {
        for (const row of batch) {
          const c = presentCase(row, config);
          const record = [
            c.id, c.url, c.title, c.question, c.answer, c.kind, c.agency?.code ?? '', c.agency?.name ?? '', c.category?.code ?? '', c.category?.name ?? '',
            c.kecamatan?.code ?? '', c.kecamatan?.name ?? '', c.submittedAt, c.answeredAt ?? '', c.resolvedAt ?? '', c.publishedAt ?? '',
            c.answerWorkingDays === null ? '' : String(c.answerWorkingDays),
          ].map((v) => safeCell(String(v ?? '')));
          // Respect back-pressure: a slow client does not make the whole export pile up in memory.
          if (!csv.write(record)) await new Promise((r) => csv.once('drain', r));
        }
      }
      csv.end();
    } catch (err) {
      csv.destroy();
      next(err);
    }
  });

  router.get('/publik/data.json', async (_req, res, next) => {
    res.set({ 'Cache-Control': 'public, max-age=3600', 'Content-Disposition': 'attachment; filename="kasus-terjawab.json"' });
    res.type('application/json; charset=utf-8');
    try {
      res.write('[');
      let first = true;
      for await (const batch of allPublished(db)) {
        for (const row of batch) {
          if (!res.write(`${first ? '' : ','}\n${JSON.stringify(presentCase(row, config))}`)) await new Promise((r) => res.once('drain', r));
          first = false;
        }
      }
      res.end('\n]\n');
    } catch (err) {
      if (!res.headersSent) return next(err);
      res.destroy(err as Error);
    }
  });

  router.get('/api/v1/public/reports', async (req, res) => {
    const filter = check(portalFilterSchema, req.query, res.locals.t);
    const { rows, hasNext } = await searchPublished(db, filter);
    res.set({ 'Cache-Control': 'public, max-age=60', 'Access-Control-Allow-Origin': '*' });
    res.json({ reports: rows.map((r) => presentCase(r, config)), page: filter.page, next: hasNext ? filter.page + 1 : null });
  });
  return router;
}
