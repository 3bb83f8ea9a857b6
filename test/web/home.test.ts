import { expect } from 'chai';
import { sql } from 'kysely';
import supertest from 'supertest';
import { prepareDatabase } from '../../src/prepare.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

/** The citizens' front page says what to do (issue 19, "each role starts on its own work"). */
describe('the front page for citizens', () => {
  let database: TestDatabase;
  let t: TestApp;

  before(async () => {
    // Its own database: the figures count every report of the month.
    database = await createTestDatabase();
    await prepareDatabase(database.db);
    t = await buildTestApp({}, database);
    const answered = await buildReport(t);
    await advanceTo(database.db, answered.report.id, 'answered');
    const late = await buildReport(t);
    await advanceTo(database.db, late.report.id, 'awaiting_approval');
    // Answered after its deadline had passed.
    await database.db.updateTable('reports').set({ response_due_at: sql`now() - interval '1 day'` }).where('id', '=', late.report.id).execute();
    await advanceTo(database.db, late.report.id, 'answered');
    await buildReport(t);
  });
  after(() => database.drop());

  it('leads to a report, explains three steps and how to follow one, with this month’s figures', async () => {
    const page = (await supertest(t.app).get('/').expect(200)).text;
    expect(page).to.match(/<a class="button" href="\/lapor">Buat laporan<\/a>/);
    expect(page).to.contain('Tulis laporan Anda').and.contain('Simpan kode pelacakan').and.contain('Diteruskan dan dijawab');
    expect(page).to.match(/<a class="button button-secondary" href="\/lacak">Lacak laporan<\/a>/);
    // Received 3, answered 2, one of them on time.
    expect(page).to.match(/Laporan masuk<\/dt><dd>3</).and.match(/Sudah dijawab<\/dt><dd>2</).and.match(/Dijawab tepat waktu<\/dt><dd>50%</);
    expect(page).to.match(/Diperbarui \d\d[.:]\d\d WIB/);
    // No door that does not work: no mail intake configured, and no WhatsApp yet.
    expect(page).to.not.contain('mailto:').and.not.match(/whatsapp/i);
  });

  it('shares its figures between visitors for a few minutes', async () => {
    await buildReport(t);
    const page = (await supertest(t.app).get('/').expect(200)).text;
    expect(page).to.match(/Laporan masuk<\/dt><dd>3</);
    const fresh = await buildTestApp({}, database);
    expect((await supertest(fresh.app).get('/').expect(200)).text).to.match(/Laporan masuk<\/dt><dd>4</);
  });

  it('offers the e-mail door when mail intake reads a mailbox, in English too', async () => {
    const withMail = await buildTestApp({ MAIL_INTAKE_ADDRESS: 'pengaduan@patikab.go.id', IMAP_URL: 'imaps://mail.patikab.go.id' }, database);
    const page = (await supertest(withMail.app).get('/').set('Cookie', 'lang=en').expect(200)).text;
    expect(page).to.contain('href="mailto:pengaduan@patikab.go.id"').and.contain('Other ways to report');
    expect(page).to.contain('>Send a report</a>').and.contain('Answered on time');
    const addressOnly = await buildTestApp({ MAIL_INTAKE_ADDRESS: 'pengaduan@patikab.go.id' }, database);
    expect((await supertest(addressOnly.app).get('/').expect(200)).text).to.not.contain('mailto:');
  });
});
