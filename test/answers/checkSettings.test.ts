import { expect } from 'chai';
import { ANSWER_CHECK_DEFAULTS } from '../../src/settings/answerCheck.js';
import { prepareDatabase } from '../../src/prepare.js';
import { getSetting } from '../../src/settings/queries.js';
import { buildTestApp, csrfFrom, loginAs, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { staffApi } from './helpers.js';

/**
 * /admin/jawaban/pemeriksa: admins set the draft checker's thresholds and word lists. A
 * database of its own: the settings change every other test's checks.
 */
/** The page's text with the entities Handlebars writes for "=" and ">" read back. */
const plain = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&gt;/g, '>');

describe('answers: the draft checker’s settings page', () => {
  let t: TestApp;
  before(async () => {
    const database = await createTestDatabase();
    await prepareDatabase(database.db);
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' }, database);
  });
  after(() => t.database.drop());

  it('shows the defaults, saves new lists that the checker then uses, and is the admin’s alone', async () => {
    const admin = await loginAs(t, 'admin');
    const page = await admin.agent.get('/admin/jawaban/pemeriksa').expect(200);
    expect(plain(page.text)).to.contain('OPD = Organisasi Perangkat Daerah').and.contain('dalam rangka => untuk').and.contain('value="30"');
    expect((await admin.agent.get('/admin/jawaban').expect(200)).text).to.contain('href="/admin/jawaban/pemeriksa"');

    const form = {
      _csrf: csrfFrom(page.text),
      maxSentenceWords: '25',
      minWords: '30',
      minSharedKeywords: '2',
      abbreviations: 'OPD = Organisasi Perangkat Daerah\nBBM = bahan bakar minyak\nSPBU',
      phrases: 'dalam rangka => untuk\n  \nmenindaklanjuti => menangani',
      stopWords: 'yang, dan di\nke',
      greetings: 'Yth.\nSalam hormat',
    };
    await admin.agent.post('/admin/jawaban/pemeriksa').type('form').send(form).expect(303);
    const saved = await getSetting(t.database.db, 'answerCheck');
    expect(saved).to.deep.include({ maxSentenceWords: 25, minWords: 30, minSharedKeywords: 2, stopWords: ['yang', 'dan', 'di', 'ke'], greetings: ['Yth.', 'Salam hormat'] });
    expect(saved.abbreviations).to.deep.equal([
      { short: 'OPD', long: 'Organisasi Perangkat Daerah' },
      { short: 'BBM', long: 'bahan bakar minyak' },
      { short: 'SPBU', long: '' },
    ]);
    expect(saved.phrases).to.deep.equal([{ phrase: 'dalam rangka', plain: 'untuk' }, { phrase: 'menindaklanjuti', plain: 'menangani' }]);
    const audit = await t.database.db.selectFrom('audit_log').select('actor_user_id').where('action', '=', 'setting_change').where('target_id', '=', 'answer_check').execute();
    expect(audit).to.deep.equal([{ actor_user_id: admin.user.id }]);

    // The checker reads them: "BBM" is now an abbreviation to explain, "menindaklanjuti" a phrase.
    const r = await buildReport(t, { title: 'Antrean BBM di SPBU Juwana' });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const staff = await staffApi(t, 'agency_staff');
    const res = await staff.post('/api/v1/staff/answer-check', { text: 'Yth. Bapak, kami sedang menindaklanjuti antrean BBM di SPBU.', reportCode: r.report.tracking_code }).expect(200);
    const rule = (name: string) => res.body.rules.find((x: { rule: string }) => x.rule === name);
    expect(rule('abbreviations').message).to.contain('BBM (bahan bakar minyak), SPBU');
    expect(rule('phrases').message).to.contain('“menindaklanjuti” → menangani');
    expect(rule('length').message).to.contain('paling sedikit 30 kata');

    for (const role of ['agency_staff', 'agency_head', 'coordinator'] as const) await (await loginAs(t, role)).agent.get('/admin/jawaban/pemeriksa').expect(403);
  });

  it('refuses a line that does not fit, naming it, keeps what was typed, and saves nothing', async () => {
    const admin = await loginAs(t, 'admin');
    const before = await getSetting(t.database.db, 'answerCheck');
    const page = await admin.agent.get('/admin/jawaban/pemeriksa').expect(200);
    const refused = await admin.agent
      .post('/admin/jawaban/pemeriksa')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), maxSentenceWords: '5', minWords: '40', minSharedKeywords: '1', abbreviations: 'OPD = Organisasi\n= tanpa singkatan', phrases: 'dalam rangka untuk', stopWords: '', greetings: '' })
      .expect(422);
    expect(refused.text).to.contain('id="f-maxSentenceWords-error"').and.contain('aria-invalid="true"');
    const second = await admin.agent
      .post('/admin/jawaban/pemeriksa')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), maxSentenceWords: '30', minWords: '40', minSharedKeywords: '1', abbreviations: 'OPD = Organisasi\n= tanpa singkatan', phrases: 'dalam rangka untuk', stopWords: '', greetings: '' })
      .expect(422);
    expect(plain(second.text)).to.contain('Baris 2: tulis SINGKATAN = kepanjangan').and.contain('Baris 1: tulis frasa => pengganti');
    expect(plain(second.text)).to.contain('= tanpa singkatan</textarea>');
    expect(await getSetting(t.database.db, 'answerCheck')).to.deep.equal(before);
    expect(before).to.not.deep.equal(ANSWER_CHECK_DEFAULTS);
  });
});
