import { expect } from 'chai';
import supertest from 'supertest';
import { transition } from '../../src/reports/commands/transition.js';
import { cachedHolidays } from '../../src/reports/deadlines.js';
import { formatSecret } from '../../src/reports/tracking.js';
import { addWorkingMinutes, workingMinutesBetween } from '../../src/shared/calendar.js';
import { buildTestApp, csrfFrom, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

describe('tracking a report /lacak', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
  });

  /** A browser that opened the secret link. */
  async function follow(trackingUrl: string) {
    const agent = supertest.agent(t.app);
    const url = new URL(trackingUrl);
    const res = await agent.get(url.pathname + url.search).expect(303);
    expect(res.headers.location, 'the secret leaves the address bar').to.equal(url.pathname);
    const page = await agent.get(url.pathname).expect(200);
    return { agent, page: page.text, token: csrfFrom(page.text) };
  }

  const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '');

  it('opens with the secret link: status in plain words, its deadline, and the public timeline', async () => {
    const r = await buildReport(t);
    const { page } = await follow(r.trackingUrl);
    expect(page).to.contain('Diterima, menunggu pemeriksaan Diskominfo');
    expect(page).to.match(/Diperiksa paling lambat \w+, \d+ \w+ \d{4}/);
    expect(page).to.contain('Laporan diterima');
    expect(page).to.contain(r.report.title);
    expect(page).to.not.contain('Sri Wahyuni');
  });

  it('opens with code and secret typed by hand, in any case and with dashes', async () => {
    const r = await buildReport(t);
    const agent = supertest.agent(t.app);
    const token = csrfFrom((await agent.get('/lacak').expect(200)).text);
    const code = `${r.report.tracking_code.slice(0, 4).toLowerCase()}-${r.report.tracking_code.slice(4)}`;
    const res = await agent.post('/lacak').type('form').send({ _csrf: token, code, secret: formatSecret(r.secret).toLowerCase() }).expect(303);
    expect(res.headers.location).to.equal(`/lacak/${r.report.tracking_code}`);
    await agent.get(String(res.headers.location)).expect(200).expect((p) => expect(p.text).to.contain(r.report.title));
  });

  it('answers a wrong secret exactly like an unknown code', async () => {
    const r = await buildReport(t);
    const agent = supertest.agent(t.app);
    const token = csrfFrom((await agent.get('/lacak')).text);
    const wrong = await agent.post('/lacak').type('form').send({ _csrf: token, code: r.report.tracking_code, secret: 'AAAA-BBBB-CCCC-DDDD' });
    const unknown = await agent.post('/lacak').type('form').send({ _csrf: token, code: r.report.tracking_code.split('').reverse().join(''), secret: 'AAAA-BBBB-CCCC-DDDD' });
    expect(wrong.status).to.equal(404);
    expect(unknown.status).to.equal(404);
    expect(wrong.text).to.contain('Kode atau kunci rahasia tidak cocok');
    // Only the echoed code differs (in the field and in the "Kirim ulang tautan" link).
    const echo = /value="[A-Z0-9]{8}"|kode(=|&#x3D;)[A-Z0-9]{8}/g;
    expect(strip(wrong.text).replace(echo, '')).to.equal(strip(unknown.text).replace(echo, ''));
    const link = await supertest(t.app).get(`/lacak/${r.report.tracking_code}?k=AAAABBBBCCCCDDDD`).expect(404);
    expect(link.text).to.contain('Kode atau kunci rahasia tidak cocok').and.not.contain(r.report.title);
  });

  it('shows nothing of a report to a browser without its secret, and refuses its actions', async () => {
    const r = await buildReport(t);
    const stranger = supertest.agent(t.app);
    const page = await stranger.get(`/lacak/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.not.contain(r.report.title);
    expect(page.text).to.contain('Kunci rahasia');
    const token = csrfFrom(page.text);
    await stranger.post(`/lacak/${r.report.tracking_code}/informasi`).field('_csrf', token).field('body', 'Saya bukan pelapornya').expect(404);
    await stranger.post(`/lacak/${r.report.tracking_code}/tanggapan`).type('form').send({ _csrf: token, reply: 'x y z' }).expect(404);
    const messages = await t.database.db.selectFrom('messages').select('id').where('report_id', '=', r.report.id).execute();
    expect(messages).to.have.length(0);
  });

  it('adds information; when staff asked for it, the report goes back to where it was', async () => {
    const r = await buildReport(t);
    const pausedAt = new Date(Date.now() - 3600_000);
    await transition(t.database.db, {
      reportId: r.report.id, action: 'request_info', actor: { kind: 'staff' }, visibility: 'public', reason: 'Mohon sebutkan nomor rumah terdekat.',
      set: { paused_at: pausedAt, info_due_at: new Date(Date.now() + 10 * 86400_000) },
    });
    const { agent, token, page } = await follow(r.trackingUrl);
    expect(page).to.contain('Menunggu keterangan tambahan dari Anda').and.contain('Mohon sebutkan nomor rumah terdekat.');
    await agent.post(`/lacak/${r.report.tracking_code}/informasi`).field('_csrf', token).field('body', 'Di depan rumah nomor 12, dekat musala.').expect(303);
    const after = await agent.get(`/lacak/${r.report.tracking_code}`).expect(200);
    expect(after.text).to.contain('Informasi Anda sudah ditambahkan.').and.contain('Di depan rumah nomor 12').and.contain('Diterima, menunggu pemeriksaan');
    const row = await t.database.db.selectFrom('reports').selectAll().where('id', '=', r.report.id).executeTakeFirstOrThrow();
    expect(row.status).to.equal('submitted');
    expect(row.paused_at).to.equal(null);
    // The office time spent waiting (none at night) is added to the verification deadline.
    const holidays = await cachedHolidays(t.database.db);
    const expected = addWorkingMinutes(r.report.verify_due_at!, workingMinutesBetween(pausedAt, new Date(), holidays), holidays);
    expect(Math.abs(row.verify_due_at!.getTime() - expected.getTime())).to.be.below(60_000);
  });

  it('refuses empty information with a message, writing nothing', async () => {
    const r = await buildReport(t);
    const { agent, token } = await follow(r.trackingUrl);
    const res = await agent.post(`/lacak/${r.report.tracking_code}/informasi`).field('_csrf', token).field('body', '').expect(422);
    expect(res.text).to.contain('Informasi tambahan wajib diisi.');
  });

  it('shows a refusal on the report page itself: the schema\'s, the upload\'s, and a status that no longer allows the action', async () => {
    const r = await buildReport(t);
    const { agent, token } = await follow(r.trackingUrl);
    const empty = await agent.post(`/lacak/${r.report.tracking_code}/informasi`).field('_csrf', token).field('body', '').expect(422);
    expect(empty.text).to.contain('Informasi tambahan wajib diisi.').and.contain(r.report.title);
    let tooMany = agent.post(`/lacak/${r.report.tracking_code}/informasi`).field('_csrf', token).field('body', 'Foto-foto lokasi terlampir.');
    for (let i = 0; i < 6; i++) tooMany = tooMany.attach('files', Buffer.from('x'), `foto-${i}.jpg`);
    const files = await tooMany.expect(422);
    expect(files.text).to.contain('Lampiran maksimal 5 berkas.').and.contain(r.report.title);
    const early = await agent.post(`/lacak/${r.report.tracking_code}/tanggapan`).type('form').send({ _csrf: token, reply: 'Belum ada jawaban.' }).expect(409);
    expect(early.text).to.contain('Tindakan ini tidak tersedia').and.contain(r.report.title);
    expect(await t.database.db.selectFrom('messages').select('id').where('report_id', '=', r.report.id).execute()).to.have.length(0);
  });

  it('a refusal on a report this browser has not opened shows nothing of it (404)', async () => {
    const r = await buildReport(t);
    const stranger = supertest.agent(t.app);
    const token = csrfFrom((await stranger.get('/lacak').expect(200)).text);
    const res = await stranger.post(`/lacak/${r.report.tracking_code}/informasi`).field('_csrf', token).field('body', '').expect(404);
    expect(res.text).to.not.contain(r.report.title).and.not.contain('Informasi tambahan wajib diisi.');
  });

  it('shows the answer; a reply re-opens the report to the OPD', async () => {
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'answered', 'Jalan sudah ditambal pada 20 November oleh tim UPT.');
    const { agent, token, page } = await follow(r.trackingUrl);
    expect(page).to.contain('Sudah dijawab').and.contain('Jalan sudah ditambal pada 20 November oleh tim UPT.').and.contain('Jawaban Dinas Pekerjaan Umum');
    await agent.post(`/lacak/${r.report.tracking_code}/tanggapan`).type('form').send({ _csrf: token, reply: 'Yang ditambal baru separuh jalan.' }).expect(303);
    const row = await t.database.db.selectFrom('reports').selectAll().where('id', '=', r.report.id).executeTakeFirstOrThrow();
    expect(row.status).to.equal('in_progress');
    expect(row.response_due_at!.getTime()).to.be.greaterThan(Date.now());
    const event = await t.database.db.selectFrom('report_events').select(['type', 'visibility']).where('report_id', '=', r.report.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event).to.deep.equal({ type: 'reopen', visibility: 'public' });
  });

  it('records an appeal as such', async () => {
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'answered');
    const { agent, token } = await follow(r.trackingUrl);
    await agent.post(`/lacak/${r.report.tracking_code}/tanggapan`).type('form').send({ _csrf: token, reply: 'Jawaban ini tidak benar.', appeal: '1' }).expect(303);
    const message = await t.database.db.selectFrom('messages').select('kind').where('report_id', '=', r.report.id).where('author_kind', '=', 'citizen').executeTakeFirstOrThrow();
    expect(message.kind).to.equal('appeal');
  });

  it('confirms resolution with a rating, then no longer offers to add information', async () => {
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'answered');
    const { agent, token } = await follow(r.trackingUrl);
    await agent.post(`/lacak/${r.report.tracking_code}/selesai`).type('form').send({ _csrf: token, rating: '4', comment: 'Cepat ditangani.' }).expect(303);
    const page = await agent.get(`/lacak/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.contain('Terima kasih. Laporan dinyatakan selesai.').and.contain('Selesai');
    expect(page.text).to.not.contain('Tambah informasi');
    const row = await t.database.db.selectFrom('reports').selectAll().where('id', '=', r.report.id).executeTakeFirstOrThrow();
    expect(row).to.include({ status: 'resolved', rating: 4, rating_comment: 'Cepat ditangani.' });
    expect(row.resolved_at).to.be.instanceOf(Date);
    // A late rating replaces the first one; a bad one is refused.
    const token2 = csrfFrom(page.text);
    await agent.post(`/lacak/${r.report.tracking_code}/nilai`).type('form').send({ _csrf: token2, rating: '9' }).expect(422);
    await agent.post(`/lacak/${r.report.tracking_code}/nilai`).type('form').send({ _csrf: token2, rating: '5' }).expect(303);
    expect((await t.database.db.selectFrom('reports').select('rating').where('id', '=', r.report.id).executeTakeFirstOrThrow()).rating).to.equal(5);
  });

  it('refuses to resolve a report that was not answered', async () => {
    const r = await buildReport(t);
    const { agent, token } = await follow(r.trackingUrl);
    const res = await agent.post(`/lacak/${r.report.tracking_code}/selesai`).type('form').send({ _csrf: token }).expect(409);
    expect(res.text).to.contain('Tindakan ini tidak tersedia');
    expect((await t.database.db.selectFrom('reports').select('status').where('id', '=', r.report.id).executeTakeFirstOrThrow()).status).to.equal('submitted');
  });
});
