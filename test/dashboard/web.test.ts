import { expect } from 'chai';
import ExcelJS from 'exceljs';
import supertest from 'supertest';
import { agencyFigures } from '../../src/dashboard/metrics.js';
import { agencyId, buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

describe('the dashboard /dasbor: pages, downloads, the lists behind figures, the API', () => {
  let t: TestApp;
  const day = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  const today = day(new Date());
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
    for (const status of ['assigned', 'in_progress', 'answered'] as const) {
      const r = await buildReport(t, { title: `Laporan dasbor ${status} =1+1` });
      await advanceTo(t.database.db, r.report.id, status);
    }
  });

  it('shows leaders every OPD, with the same figures as the API and the metrics', async () => {
    const leader = await loginAs(t, 'leader');
    const page = await leader.agent.get(`/dasbor?from=${today}&to=${today}`).expect(200);
    expect(page.text).to.contain('Dasbor kinerja OPD').and.contain('Dinas Pekerjaan Umum');
    const api = await leader.agent.get(`/api/v1/dashboard/agencies?from=${today}&to=${today}`).expect(200);
    const dpupr = await agencyId(t.database, 'dpupr');
    const from = new Date(`${today}T00:00:00+07:00`);
    const figures = await agencyFigures(t.database.db, { from, to: new Date(from.getTime() + 86_400_000) });
    const expected = figures.find((f) => f.agencyId === dpupr)!;
    const got = api.body.agencies.find((a: { code: string }) => a.code === 'dpupr');
    expect(got.received).to.equal(expected.received).and.to.be.at.least(3);
    expect(got.answered).to.equal(expected.answered);
    // The table's cell is the same number, and links to the reports it counts.
    // Handlebars writes '=' in attributes as &#x3D;.
    const row = page.text.replace(/&#x3D;/g, '=').split('<tr data-agency="dpupr">')[1]!.split('</tr>')[0]!;
    expect(row).to.contain(`>${expected.received}</a>`);
    const link = /href="(\/dasbor\/laporan\?[^"]*figure=received[^"]*)"/.exec(row)![1]!.replace(/&amp;/g, '&');
    const list = await leader.agent.get(link).expect(200);
    expect(list.text.split('/staf/laporan/').length - 1).to.equal(Math.min(expected.received, 50));
  });

  it('holds a Kepala OPD to their own OPD, and refuses staff and the public', async () => {
    const dpupr = await agencyId(t.database, 'dpupr');
    const head = await loginAs(t, 'agency_head', { agencyId: await agencyId(t.database, 'dinkes') });
    const api = await head.agent.get(`/api/v1/dashboard/agencies?from=${today}&to=${today}&agency=dpupr`).expect(200);
    expect(api.body.agencies.map((a: { agencyId: number }) => a.agencyId)).to.not.include(dpupr);
    const page = await head.agent.get('/dasbor').expect(200);
    expect(page.text).to.not.contain('id="f-agency"');
    await (await loginAs(t, 'agency_staff', { agencyId: dpupr })).agent.get('/dasbor').expect(403);
    await supertest(t.app).get('/api/v1/dashboard/agencies').expect(401);
    expect((await supertest(t.app).get('/dasbor').expect(303)).headers.location).to.match(/^\/masuk/);
    for (const role of ['coordinator', 'admin'] as const) await (await loginAs(t, role)).agent.get('/dasbor').expect(200);
  });

  it('downloads every table as CSV and XLSX, with text formulas disarmed', async () => {
    const leader = await loginAs(t, 'leader');
    const csv = await leader.agent.get(`/dasbor/unduh/opd.csv?from=${today}&to=${today}`).expect(200);
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    expect(csv.text).to.contain('Dinas Pekerjaan Umum');
    const late = await leader.agent.get(`/dasbor/unduh/terlambat.csv?from=2000-01-01&to=${today}`).expect(200);
    expect(late.text).to.not.match(/(^|,)=1\+1/m);
    expect(late.text.split('\n')[0]).to.contain('Judul').and.contain('Batas waktu');
    const xlsx = await leader.agent.get(`/dasbor/unduh/kategori.xlsx?from=${today}&to=${today}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    expect(book.worksheets[0]!.getRow(1).getCell(2).value).to.equal('Masuk');
    for (const table of ['kecamatan', 'tren']) await leader.agent.get(`/dasbor/unduh/${table}.csv`).expect(200);
    await leader.agent.get('/dasbor/unduh/rahasia.csv').expect(404);
  });

  it('explains every figure, prints a monthly report, and refuses bad filters', async () => {
    const leader = await loginAs(t, 'leader');
    const defs = await leader.agent.get('/dasbor/definisi').expect(200);
    expect(defs.text).to.contain('Hari kerja').and.contain('Diterima');
    const monthly = await leader.agent.get(`/dasbor/bulanan?bulan=${today.slice(0, 7)}`).expect(200);
    expect(monthly.text).to.contain('Laporan bulanan pengaduan');
    await leader.agent.get('/dasbor/bulanan?bulan=2026-13').expect(422);
    const bad = await leader.agent.get('/api/v1/dashboard/agencies?from=2026-02-01&to=2026-01-01').expect(422);
    expect(bad.body.errors[0].message).to.contain('Tanggal awal');
    await leader.agent.get('/api/v1/dashboard/agencies?agency=tidak-ada').expect(422);
    await leader.agent.get('/api/v1/dashboard/agencies?from=kemarin').expect(422);
    expect((await supertest(t.app).get('/static/vendor/chart.umd.min.js').expect(200)).text).to.contain('Chart');
  });
});
