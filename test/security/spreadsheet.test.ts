import fs from 'node:fs';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import supertest from 'supertest';
import { createUser } from '../../src/users/commands/createUser.js';
import { buildTestApp, type TestApp, uniqueEmail } from '../helpers/app.js';
import { advanceTo } from '../helpers/reports.js';
import { apiReport, publishedAt, OWN_OPD, type Staff, staffMember, tempDir } from './fixtures.js';

/**
 * Spreadsheet formula injection (CSV/XLSX): a citizen's text that starts like a formula
 * (=, +, -, @, tab, CR) must reach a civil servant's Excel as text. The app prefixes such
 * cells with an apostrophe (src/shared/spreadsheet.ts); here through the real exports: the
 * dashboard's overdue table (report titles) and the open data CSV (published texts).
 */
const FORMULAS = [
  `=cmd|' /C calc'!A0 jalan`,
  '+62-812 HYPERLINK jalan',
  '-2+3+cmd|calc jalan',
  '@SUM(1+1)*cmd|calc',
  '\t=cmd|calc tab di depan',
  '\r=cmd|calc CR di depan',
];

/** Every place the text occurs in the file has the apostrophe in front of it. */
function expectNeutralised(csv: string, text: string, where: string): void {
  const core = text.replace(/^[\t\r]/, '');
  let at = csv.indexOf(core);
  expect(at, `${where} holds ${JSON.stringify(text)}`).to.be.greaterThan(-1);
  while (at !== -1) {
    const before = csv.slice(Math.max(0, at - 2), at);
    expect(before, `${where}: ${JSON.stringify(text)} starts a cell unprotected`).to.match(/'[\t\r]?$|'$/);
    at = csv.indexOf(core, at + 1);
  }
}

describe('security: spreadsheet formula injection in CSV and XLSX exports', function () {
  this.timeout(120_000);
  let t: TestApp;
  let uploadDir: string;
  let leader: Staff;

  before(async () => {
    uploadDir = tempDir('epengaduan-formula');
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '10000' });
    leader = await staffMember(t, 'leader', null);
    const db = t.database.db;
    for (const [i, formula] of FORMULAS.entries()) {
      // Through the API (validation trims leading tab/CR, so those two are written as another
      // channel might have stored them): whatever is stored, the export must neutralise it.
      const r = await apiReport(t, { title: `Laporan ${i} ${'x'.repeat(3)}` });
      await advanceTo(db, r.id, 'in_progress');
      await db.updateTable('reports').set({ title: formula, response_due_at: sql`now() - interval '3 days'` }).where('id', '=', r.id).execute();
    }
    const coordinator = await createUser(db, { email: uniqueEmail('coord'), name: 'Koordinator', role: 'coordinator', agencyId: null });
    // A published case whose public title, text and answer begin like formulas.
    const p = await publishedAt(t, OWN_OPD, coordinator.user.id, {
      title: '=HYPERLINK("http://evil.example","klik")',
      body: '+cmd|calc ... jalan desa berlubang besar di depan balai desa sejak dua minggu.',
    });
    await db.updateTable('publications').set({ answer: '@SUM(A1:A9) jalan sudah ditambal.' }).where('report_id', '=', p.id).execute();
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  it('the dashboard\'s overdue CSV prefixes every formula-like title', async () => {
    const res = await leader.agent.get('/dasbor/unduh/terlambat.csv').expect(200);
    expect(res.headers['content-type']).to.match(/^text\/csv/);
    expect(res.headers['content-disposition']).to.match(/^attachment/);
    for (const f of FORMULAS) expectNeutralised(res.text, f, 'terlambat.csv');
  });

  it('the dashboard\'s overdue XLSX has no formula cells and prefixes formula-like text', async () => {
    const res = await leader.agent.get('/dasbor/unduh/terlambat.xlsx').buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    const texts: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
      expect(cell.type, `cell ${cell.address}`).to.not.equal(ExcelJS.ValueType.Formula);
      if (typeof cell.value === 'string') texts.push(cell.value);
    })));
    // XLSX keeps a leading CR or tab in its own encoding; what matters is the apostrophe first.
    for (const f of FORMULAS) {
      const core = f.replace(/^[\t\r]/, '');
      expect(texts.filter((s) => s.includes(core)).map((s) => s[0]), JSON.stringify(f)).to.deep.equal(["'"]);
    }
    for (const s of texts) expect(s, 'a text cell starting like a formula').to.not.match(/^[=+\-@\t\r]/);
  });

  it('the open data CSV prefixes formula-like public titles, texts and answers', async () => {
    const res = await supertest(t.app).get('/publik/data.csv').expect(200);
    expectNeutralised(res.text, '=HYPERLINK("', 'data.csv');
    expectNeutralised(res.text, '+cmd|calc', 'data.csv');
    expectNeutralised(res.text, '@SUM(A1:A9)', 'data.csv');
  });
});
