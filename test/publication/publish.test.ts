import { expect } from 'chai';
import supertest from 'supertest';
import { staffApi } from '../answers/helpers.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { resolvedCase } from '../portal/helpers.js';

/** The value of the hidden field `name` on the page. */
function hidden(html: string, name: string): string {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  if (!m) throw new Error(`no hidden ${name} on the page`);
  return m[1]!;
}

describe('publication: "Terbitkan" publishes what is on the screen', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
    coordinator = await loginAs(t, 'coordinator');
  });

  const stored = (reportId: number) => t.database.db.selectFrom('publications').selectAll().where('report_id', '=', reportId).executeTakeFirstOrThrow();

  it('saves the title and text typed, then publishes them, from the one form', async () => {
    const c = await resolvedCase(t, { coordinatorId: coordinator.user.id, publish: false, input: { title: 'Judul lama yang kurang jelas' } });
    const path = `/staf/publikasi/${c.report.tracking_code}`;
    const page = await coordinator.agent.get(path).expect(200);
    // One form: both buttons send the fields; publishing is the same form's second button.
    expect(page.text).to.contain(`formaction="${path}/terbitkan"`);
    expect(page.text).to.not.contain(`<form method="post" action="${path}/terbitkan"`);
    const draft = await stored(c.report.id);
    await coordinator.agent
      .post(`${path}/terbitkan`)
      .type('form')
      .send({ _csrf: await coordinator.csrf(), version: hidden(page.text, 'version'), title: 'Jalan berlubang di Desa Sambiroto sudah ditambal', body: draft.body, answer: draft.answer })
      .expect(303);
    const published = await stored(c.report.id);
    expect(published.status).to.equal('published');
    expect(published.title).to.equal('Jalan berlubang di Desa Sambiroto sudah ditambal');
    const pub = await supertest(t.app).get(`/publik/${c.report.tracking_code}`).expect(200);
    expect(pub.text).to.contain('Jalan berlubang di Desa Sambiroto sudah ditambal').and.not.contain('Judul lama yang kurang jelas');
  });

  it('never publishes a text other than the one shown: a save by someone else meanwhile is refused, with the typed text kept', async () => {
    const other = await loginAs(t, 'coordinator');
    const c = await resolvedCase(t, { coordinatorId: coordinator.user.id, publish: false });
    const path = `/staf/publikasi/${c.report.tracking_code}`;
    const mine = await coordinator.agent.get(path).expect(200);
    const draft = await stored(c.report.id);
    // Someone else corrects the answer meanwhile.
    const theirs = await other.agent.get(path).expect(200);
    await other.agent
      .post(path)
      .type('form')
      .send({ _csrf: await other.csrf(), version: hidden(theirs.text, 'version'), title: draft.title, body: draft.body, answer: 'Jawaban versi rekan: jalan sudah ditambal pada 20 November.' })
      .expect(303);
    const refused = await coordinator.agent
      .post(`${path}/terbitkan`)
      .type('form')
      .send({ _csrf: await coordinator.csrf(), version: hidden(mine.text, 'version'), title: 'Judul versi saya', body: draft.body, answer: draft.answer })
      .expect(409);
    expect(refused.text).to.contain('diubah petugas lain sejak Anda membukanya').and.contain('Judul versi saya');
    const after = await stored(c.report.id);
    expect(after.status).to.equal('draft');
    expect(after.answer).to.equal('Jawaban versi rekan: jalan sudah ditambal pada 20 November.');
    // The page now carries the stored version: pressing Terbitkan again publishes what it shows.
    expect(hidden(refused.text, 'version')).to.not.equal(hidden(mine.text, 'version'));
    await coordinator.agent
      .post(`${path}/terbitkan`)
      .type('form')
      .send({ _csrf: await coordinator.csrf(), version: hidden(refused.text, 'version'), title: 'Judul versi saya', body: draft.body, answer: draft.answer })
      .expect(303);
    expect(await stored(c.report.id)).to.include({ status: 'published', title: 'Judul versi saya', answer: draft.answer });
  });

  it('saves but does not publish when the redaction changes what was typed', async () => {
    const c = await resolvedCase(t, { coordinatorId: coordinator.user.id, publish: false });
    const path = `/staf/publikasi/${c.report.tracking_code}`;
    const page = await coordinator.agent.get(path).expect(200);
    const draft = await stored(c.report.id);
    const res = await coordinator.agent
      .post(`${path}/terbitkan`)
      .type('form')
      .send({ _csrf: await coordinator.csrf(), version: hidden(page.text, 'version'), title: draft.title, body: `${draft.body} Hubungi saya di 0812-9876-5432.`, answer: draft.answer })
      .expect(303);
    expect(res.headers.location).to.equal(path);
    const after = await stored(c.report.id);
    expect(after.status).to.equal('draft');
    expect(after.body).to.contain('[nomor telepon disamarkan]').and.not.contain('0812-9876-5432');
    const shown = await coordinator.agent.get(path).expect(200);
    expect(shown.text).to.contain('belum diterbitkan: penyamaran otomatis mengubah teks yang Anda ketik');
  });

  it('refuses an answer that still holds a template blank, saving nothing', async () => {
    const c = await resolvedCase(t, { coordinatorId: coordinator.user.id, publish: false, answer: 'Yth. Bapak/Ibu, jalan akan kami tambal paling lambat tanggal .... Terima kasih.' });
    const path = `/staf/publikasi/${c.report.tracking_code}`;
    const page = await coordinator.agent.get(path).expect(200);
    const draft = await stored(c.report.id);
    const refused = await coordinator.agent
      .post(`${path}/terbitkan`)
      .type('form')
      .send({ _csrf: await coordinator.csrf(), version: hidden(page.text, 'version'), title: 'Judul baru yang diketik', body: draft.body, answer: draft.answer })
      .expect(422);
    expect(refused.text).to.contain('isian templat yang belum dilengkapi').and.contain('“....” di baris 1').and.contain('Judul baru yang diketik');
    expect(refused.text).to.contain('id="f-answer-error"');
    expect(await stored(c.report.id)).to.include({ status: 'draft', title: draft.title });
    // Through the API as well.
    const api = await staffApi(t, 'coordinator');
    const byApi = await api.post(`/api/v1/staff/reports/${c.report.tracking_code}/publication/approve`).expect(422);
    expect(byApi.body.errors[0]).to.include({ field: 'answer' });
    // Filled in by the coordinator: published.
    await coordinator.agent
      .post(`${path}/terbitkan`)
      .type('form')
      .send({ _csrf: await coordinator.csrf(), version: hidden(page.text, 'version'), title: draft.title, body: draft.body, answer: draft.answer.replace('....', '5 Desember') })
      .expect(303);
    expect((await stored(c.report.id)).status).to.equal('published');
  });

  it('the staff API publishes the text it sends, and only over the version it read', async () => {
    const api = await staffApi(t, 'coordinator');
    const c = await resolvedCase(t, { coordinatorId: coordinator.user.id, publish: false });
    const path = `/api/v1/staff/reports/${c.report.tracking_code}/publication`;
    const got = await api.agent.get(path).expect(200);
    expect(got.body.version).to.match(/^[0-9a-f]{20}$/);
    await api.put(path, { title: 'Diubah lewat API', body: got.body.body }).expect(200);
    const stale = await api.post(`${path}/approve`, { version: got.body.version }).expect(409);
    expect(stale.body.error.code).to.equal('publication_changed');
    const fresh = await api.agent.get(path).expect(200);
    const published = await api.post(`${path}/approve`, { version: fresh.body.version, title: 'Judul final', body: fresh.body.body }).expect(200);
    expect(published.body).to.include({ status: 'published', title: 'Judul final' });
  });
});
