import { expect } from 'chai';
import supertest from 'supertest';
import { staffApi } from '../answers/helpers.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { resolvedCase } from '../portal/helpers.js';

describe('publication: the coordinator turns a resolved case into its public version', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
    coordinator = await loginAs(t, 'coordinator');
  });

  it('drafts a redacted version at resolution, lets the coordinator correct and publish it', async () => {
    const c = await resolvedCase(t, {
      coordinatorId: coordinator.user.id,
      publish: false,
      input: {
        title: 'Saluran mampet di depan rumah Bu Sumarni',
        body: 'Saya Sumarni (NIK 3318014505800002), HP 0812-3456-7890, email sumarni.pati@gmail.com. Saluran di depan rumah mampet sejak hujan deras.',
        reporter: { name: 'Sumarni', email: 'sumarni.pati@gmail.com', phone: '+6281234567890', nik: '3318014505800002' },
      },
      answer: 'Yth. Ibu Sumarni, petugas sudah membersihkan saluran pada 20 November. Hubungi kami di 0812 3456 7890 bila tersumbat lagi.',
    });
    const draft = await t.database.db.selectFrom('publications').selectAll().where('report_id', '=', c.report.id).executeTakeFirstOrThrow();
    expect(draft.status).to.equal('draft');
    const all = `${draft.title} ${draft.body} ${draft.answer}`;
    for (const secret of ['Sumarni', '3318014505800002', '0812-3456-7890', '0812 3456 7890', 'sumarni.pati@gmail.com']) expect(all, secret).to.not.contain(secret);
    expect(draft.body).to.contain('Saluran di depan rumah mampet');

    // The coordinator's queue and page; the original is there for them, and only them.
    const queue = await coordinator.agent.get('/staf/publikasi').expect(200);
    expect(queue.text).to.contain(c.code);
    const page = await coordinator.agent.get(`/staf/publikasi/${c.report.tracking_code}`).expect(200);
    expect(page.text).to.contain('Disamarkan otomatis').and.contain('Teks asli');
    // A name typed back in by mistake is caught again.
    await coordinator.agent
      .post(`/staf/publikasi/${c.report.tracking_code}`)
      .type('form')
      .send({ _csrf: await coordinator.csrf(), title: 'Saluran mampet di Desa Sambiroto', body: 'Bu Sumarni melaporkan saluran mampet sejak hujan deras.', answer: draft.answer })
      .expect(303);
    const saved = await t.database.db.selectFrom('publications').selectAll().where('report_id', '=', c.report.id).executeTakeFirstOrThrow();
    expect(saved.title).to.equal('Saluran mampet di Desa Sambiroto');
    expect(saved.body).to.not.contain('Sumarni');
    // Not public before it is approved.
    await supertest(t.app).get(`/publik/${c.report.tracking_code}`).expect(404);
    await coordinator.agent.post(`/staf/publikasi/${c.report.tracking_code}/terbitkan`).type('form').send({ _csrf: await coordinator.csrf() }).expect(303);
    const pub = await supertest(t.app).get(`/publik/${c.report.tracking_code}`).expect(200);
    expect(pub.text).to.contain('Saluran mampet di Desa Sambiroto').and.contain('petugas sudah membersihkan saluran');
    expect(pub.text).to.contain('<meta property="og:title" content="Saluran mampet di Desa Sambiroto">');
    expect(pub.text).to.not.contain('Sumarni');
  });

  it('never drafts a rahasia report, and answers 404 for it through the staff API', async () => {
    const c = await resolvedCase(t, { coordinatorId: coordinator.user.id, input: { confidential: true } });
    expect(await t.database.db.selectFrom('publications').select('report_id').where('report_id', '=', c.report.id).executeTakeFirst()).to.equal(undefined);
    const api = await staffApi(t, 'coordinator');
    await api.agent.get(`/api/v1/staff/reports/${c.report.tracking_code}/publication`).expect(404);
  });

  it('works through the staff API, for coordinators only, with clear errors', async () => {
    const api = await staffApi(t, 'coordinator');
    const c = await resolvedCase(t, { coordinatorId: coordinator.user.id, publish: false, input: { reporter: { name: 'Bambang Irawan', email: null, phone: null, nik: null } } });
    const path = `/api/v1/staff/reports/${c.report.tracking_code}/publication`;
    const got = await api.agent.get(path).expect(200);
    expect(got.body).to.include({ status: 'draft', code: c.code });
    const put = await api.put(path, { title: 'Jalan desa berlubang', body: 'Pak Bambang Irawan melapor jalan desa berlubang.' }).expect(200);
    expect(put.body.body).to.not.contain('Bambang');
    await api.put(path, { title: '', body: 'x' }).expect(422);
    const declined = await api.post(`${path}/decline`, { reason: 'Isi terlalu pribadi.' }).expect(200);
    expect(declined.body.status).to.equal('declined');
    await supertest(t.app).get(`/publik/${c.report.tracking_code}`).expect(404);
    const approved = await api.post(`${path}/approve`).expect(200);
    expect(approved.body.status).to.equal('published');
    await api.put(path, { title: 'Ubah setelah terbit', body: 'Tidak boleh langsung diubah.' }).expect(422);

    // OPD staff, a leader and the public: no.
    const staff = await staffApi(t, 'agency_staff');
    await staff.agent.get(path).expect(403);
    await (await staffApi(t, 'leader')).agent.get(path).expect(403);
    await supertest(t.app).get(path).expect(401);
    // A report that is not resolved has no publication.
    const open = await buildReport(t);
    await advanceTo(t.database.db, open.report.id, 'answered');
    await api.agent.get(`/api/v1/staff/reports/${open.report.tracking_code}/publication`).expect(404);
  });

  it('shows refused corrections on the form with what was typed, and answers 404 first for a report without a publication', async () => {
    const c = await resolvedCase(t, { coordinatorId: coordinator.user.id, publish: false });
    const page = await coordinator.agent
      .post(`/staf/publikasi/${c.report.tracking_code}`)
      .type('form')
      .send({ _csrf: await coordinator.csrf(), title: '', body: 'Isi yang diketik koordinator tetap ada.' })
      .expect(422);
    expect(page.text).to.contain('Isi yang diketik koordinator tetap ada.').and.contain('aria-invalid="true"');
    // Published, it cannot be published again: the page says so, on the page.
    await coordinator.agent.post(`/staf/publikasi/${c.report.tracking_code}/terbitkan`).type('form').send({ _csrf: await coordinator.csrf() }).expect(303);
    const again = await coordinator.agent.post(`/staf/publikasi/${c.report.tracking_code}/terbitkan`).type('form').send({ _csrf: await coordinator.csrf() }).expect(422);
    expect(again.text).to.contain('Kasus ini sudah terbit').and.contain('<form method="post" action="/staf/publikasi/');

    // Not resolved: no publication, so 404 whatever the body holds.
    const open = await buildReport(t);
    await advanceTo(t.database.db, open.report.id, 'answered');
    await coordinator.agent.post(`/staf/publikasi/${open.report.tracking_code}`).type('form').send({ _csrf: await coordinator.csrf(), title: '' }).expect(404);
    const api = await staffApi(t, 'coordinator');
    await api.put(`/api/v1/staff/reports/${open.report.tracking_code}/publication`, { title: '' }).expect(404);
  });
});
