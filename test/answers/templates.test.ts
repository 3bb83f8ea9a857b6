import { expect } from 'chai';
import supertest from 'supertest';
import { agencyId, buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

describe('answer templates', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
  });

  it('fill their placeholders for the report, keep the reporter’s name out of staff’s sight, and start a draft', async () => {
    const dpupr = await agencyId(t.database, 'dpupr');
    const staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    const category = await t.database.db.selectFrom('categories').select('id').where('default_agency_id', '=', dpupr).executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('answer_templates')
      .values({ category_id: category.id, name: 'Jalan <b>rusak</b>', body: 'Yth. {nama_pelapor}, laporan {kode} sudah kami terima oleh {opd}. <script>x</script>' })
      .execute();
    const r = await buildReport(t, { categoryId: category.id, reporter: { name: 'Sutrisno', email: null, phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const list = await staff.agent.get(`/api/v1/staff/reports/${r.report.tracking_code}/answer-templates`).expect(200);
    const own = list.body.templates[0];
    expect(own.forCategory).to.equal(true);
    // The reporter's name is not filled in for staff: it is filled only in the mail to the reporter.
    expect(own.body).to.contain('Yth. {nama_pelapor},').and.contain(`${r.report.tracking_code.slice(0, 4)}-${r.report.tracking_code.slice(4)}`).and.contain('Dinas Pekerjaan Umum');
    expect(JSON.stringify(list.body)).to.not.contain('Sutrisno');
    expect(list.body.templates.map((x: { name: string }) => x.name)).to.include('Akan ditindaklanjuti');

    const page = await staff.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.contain('Mulai dari templat');
    expect(page.text).to.not.contain('<script>x</script>');
    expect(page.text).to.not.contain('<b>rusak</b>');
    await staff.agent.post(`/staf/laporan/${r.report.tracking_code}/jawaban/templat`).type('form').send({ _csrf: await staff.csrf(), templateId: String(own.id) }).expect(303);
    const draft = await t.database.db.selectFrom('messages').select(['body', 'answer_status']).where('report_id', '=', r.report.id).where('kind', '=', 'answer').executeTakeFirstOrThrow();
    expect(draft).to.include({ answer_status: 'draft' });
    expect(draft.body).to.contain('Yth. {nama_pelapor},').and.not.contain('Sutrisno');
    // A second template would overwrite the draft: refused.
    await staff.agent.post(`/staf/laporan/${r.report.tracking_code}/jawaban/templat`).type('form').send({ _csrf: await staff.csrf(), templateId: String(own.id) }).expect(303);
    const again = await staff.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(again.text).to.contain('templat hanya untuk memulai draf baru');

    const anonymous = await buildReport(t, { anonymous: true, reporter: { name: 'Nama Rahasia', email: null, phone: null, nik: null } });
    await advanceTo(t.database.db, anonymous.report.id, 'in_progress');
    const hidden = await staff.agent.get(`/api/v1/staff/reports/${anonymous.report.tracking_code}/answer-templates`).expect(200);
    expect(JSON.stringify(hidden.body)).to.not.contain('Nama Rahasia');
  });
});

describe('the answer templates admin page /admin/jawaban', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
  });

  it('adds, edits and switches off a template; staff are offered only active ones', async () => {
    const admin = await loginAs(t, 'admin');
    const name = `Sudah diperbaiki <i>${Date.now()}</i>`;
    const body = 'Yth. {nama_pelapor}, laporan {kode} sudah ditangani oleh {opd} pada {hari_ini}.';
    await admin.agent.post('/admin/jawaban').type('form').send({ _csrf: await admin.csrf(), name, categoryId: '', body, sortOrder: '5' }).expect(303);
    const list = await admin.agent.get('/admin/jawaban').expect(200);
    // The name is shown escaped, never as markup.
    expect(list.text).to.contain(name.replace('<i>', '&lt;i&gt;').replace('</i>', '&lt;/i&gt;'));
    expect(list.text).to.not.contain('<i>');
    const row = await t.database.db.selectFrom('answer_templates').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
    expect(row).to.include({ category_id: null, sort_order: 5, active: true });

    const edit = await admin.agent.get(`/admin/jawaban/${row.id}`).expect(200);
    expect(edit.text).to.contain('Ubah templat');
    await admin.agent.post(`/admin/jawaban/${row.id}`).type('form').send({ _csrf: await admin.csrf(), name, categoryId: '', body: `${body} Terima kasih.`, sortOrder: '5' }).expect(303);
    expect((await t.database.db.selectFrom('answer_templates').select('body').where('id', '=', row.id).executeTakeFirstOrThrow()).body).to.match(/Terima kasih\.$/);

    const staff = await loginAs(t, 'agency_staff', { agencyId: await agencyId(t.database, 'dpupr') });
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const offered = async () =>
      ((await staff.agent.get(`/api/v1/staff/reports/${r.report.tracking_code}/answer-templates`).expect(200)).body.templates as { name: string }[]).map((x) => x.name);
    expect(await offered()).to.include(name);
    await admin.agent.post(`/admin/jawaban/${row.id}/nonaktifkan`).type('form').send({ _csrf: await admin.csrf() }).expect(303);
    expect(await offered()).to.not.include(name);
    await admin.agent.post(`/admin/jawaban/${row.id}/aktifkan`).type('form').send({ _csrf: await admin.csrf() }).expect(303);
    expect(await offered()).to.include(name);
  });

  it('refuses an unknown placeholder, a short text and a missing category, keeping what was typed', async () => {
    const admin = await loginAs(t, 'admin');
    const before = await t.database.db.selectFrom('answer_templates').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const typo = await admin.agent
      .post('/admin/jawaban')
      .type('form')
      .send({ _csrf: await admin.csrf(), name: 'Templat salah ketik', categoryId: '', body: 'Yth. {nama}, laporan {Kode} sudah kami terima.', sortOrder: '0' })
      .expect(422);
    expect(typo.text).to.contain('Isian {nama}, {Kode} tidak dikenal.');
    expect(typo.text).to.contain('Templat salah ketik');
    const short = await admin.agent.post('/admin/jawaban').type('form').send({ _csrf: await admin.csrf(), name: 'X', categoryId: '', body: 'pendek', sortOrder: '-1' }).expect(422);
    expect(short.text).to.contain('Nama templat').and.contain('Teks templat');
    const missing = await admin.agent
      .post('/admin/jawaban')
      .type('form')
      .send({ _csrf: await admin.csrf(), name: 'Kategori hilang', categoryId: '999999', body: 'Teks templat yang cukup panjang untuk disimpan.', sortOrder: '0' })
      .expect(422);
    expect(missing.text).to.contain('Kategori tidak ditemukan.');
    const after = await t.database.db.selectFrom('answer_templates').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).to.equal(Number(before.n));
    await admin.agent.get('/admin/jawaban/999999').expect(404);
    await admin.agent.get('/admin/jawaban/abc').expect(404);
  });

  it('is for admins only, and every form needs its CSRF token', async () => {
    for (const role of ['coordinator', 'agency_head', 'agency_staff', 'leader'] as const) {
      const s = await loginAs(t, role);
      await s.agent.get('/admin/jawaban').expect(403);
      await s.agent.post('/admin/jawaban/pengaturan').type('form').send({ _csrf: await s.csrf(), answerValidation: 'on' }).expect(403);
    }
    expect((await supertest(t.app).get('/admin/jawaban').expect(303)).headers.location).to.match(/^\/masuk/);
    const admin = await loginAs(t, 'admin');
    await admin.agent.post('/admin/jawaban/pengaturan').type('form').send({ answerValidation: 'on' }).expect(403);
    const setting = await t.database.db.selectFrom('settings').select('value').where('key', '=', 'answer_validation').executeTakeFirst();
    expect(setting?.value ?? false).to.equal(false);
  });
});
