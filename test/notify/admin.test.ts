import { expect } from 'chai';
import { sql } from 'kysely';
import supertest from 'supertest';
import type { Role } from '../../src/db/schema.js';
import { createLogger } from '../../src/logger.js';
import { enqueueMail } from '../../src/notify/commands/enqueueMail.js';
import { startOutboxWorker } from '../../src/notify/worker.js';
import { prepareDatabase } from '../../src/prepare.js';
import { buildTestApp, csrfFrom, loginAs, type SignedIn, type TestApp, testConfig } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startSmtp, type TestSmtp } from './smtp.js';

describe('admin pages for the outbox', () => {
  // A database of its own, since these tests run the sender over every due mail.
  let database: TestDatabase;
  let smtp: TestSmtp;
  let t: TestApp;
  let admin: SignedIn;
  before(async () => {
    [database, smtp] = await Promise.all([createTestDatabase({ migrate: false }), startSmtp()]);
    await prepareDatabase(database.db);
    t = await buildTestApp({ SMTP_URL: smtp.url }, database);
    admin = await loginAs(t, 'admin');
  });
  after(async () => {
    await smtp.close();
    await database.drop();
  });

  async function sendAll(env: Record<string, string> = { SMTP_URL: smtp.url }) {
    const w = startOutboxWorker({ db: database.db, config: testConfig(env), logger: createLogger('silent'), poll: false });
    while ((await w.runOnce()) > 0);
    await w.stop();
  }
  const queue = (to: string, subject = `Mail to ${to}`) =>
    enqueueMail(database.db, { to, subject, text: `Isi untuk ${to}\nbaris dua`, html: `<p style="color:red">Isi untuk ${to}</p><script>alert(1)</script>` });
  const row = (id: number | undefined) => database.db.selectFrom('outbox').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();

  describe('role boundaries', () => {
    let id: number;
    before(async () => {
      id = (await queue('boundary@warga.test'))!;
    });
    const pages = () => ['/admin/outbox', `/admin/outbox/${id}`, `/admin/outbox/${id}/html`];

    it('sends visitors to the login page, and refuses their posts', async () => {
      for (const path of pages()) {
        const res = await supertest(t.app).get(path).expect(303);
        expect(res.headers.location).to.equal(`/masuk?next=${encodeURIComponent(path)}`);
      }
      const agent = supertest.agent(t.app);
      const token = csrfFrom((await agent.get('/masuk')).text);
      await agent.post(`/admin/outbox/${id}/kirim-ulang`).type('form').send({ _csrf: token }).expect(401);
    });

    for (const role of ['coordinator', 'agency_staff', 'agency_head', 'leader'] as Role[]) {
      it(`refuses ${role} with 403, and shows them no outbox link`, async () => {
        const s = await loginAs(t, role);
        for (const path of pages()) expect((await s.agent.get(path)).status, path).to.equal(403);
        await database.db.updateTable('outbox').set({ status: 'failed' }).where('id', '=', id).execute();
        await s.agent.post(`/admin/outbox/${id}/kirim-ulang`).type('form').send({ _csrf: await s.csrf() }).expect(403);
        expect((await row(id)).status).to.equal('failed');
        expect((await s.agent.get('/akun/sandi').expect(200)).text).to.not.contain('href="/admin/outbox"');
      });
    }

    it('shows admins the outbox in the navigation', async () => {
      const home = await admin.agent.get('/akun/sandi').expect(200);
      expect(home.text).to.contain('href="/admin/outbox"').and.contain('Kotak keluar');
    });
  });

  it('shows a mail refused for good (5xx) as failed, with the server’s error, and sends it again on request', async () => {
    const id = await queue('refused@warga.test');
    smtp.reject('refused@warga.test', 550);
    await sendAll();
    const list = await admin.agent.get('/admin/outbox?status=failed&q=refused%40warga').expect(200);
    expect(list.headers['cache-control']).to.contain('no-store');
    expect(list.text).to.contain('refused@warga.test').and.contain('Gagal').and.contain('550');
    const page = await admin.agent.get(`/admin/outbox/${id}`).expect(200);
    expect(page.text).to.contain('Kirim ulang').and.contain('550');

    // Without the form token: refused, nothing changes.
    await admin.agent.post(`/admin/outbox/${id}/kirim-ulang`).type('form').send({}).expect(403);
    expect((await row(id)).status).to.equal('failed');

    const res = await admin.agent
      .post(`/admin/outbox/${id}/kirim-ulang`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    expect(res.headers.location).to.equal(`/admin/outbox/${id}`);
    expect(await row(id)).to.include({ status: 'pending', attempts: 0 });
    const after = await admin.agent.get(`/admin/outbox/${id}`).expect(200);
    expect(after.text).to.contain(`E-mail #${id} masuk antrean untuk dikirim ulang.`).and.contain('Menunggu');

    await sendAll();
    expect(await row(id)).to.include({ status: 'sent', attempts: 1, last_error: null });
    expect(smtp.mailsTo('refused@warga.test')).to.have.length(1);

    // A sent mail is not sent again; an unknown one is not found.
    await admin.agent.post(`/admin/outbox/${id}/kirim-ulang`).type('form').send({ _csrf: await admin.csrf() }).expect(303);
    expect((await admin.agent.get(`/admin/outbox/${id}`)).text).to.contain('Hanya e-mail yang gagal yang dapat dikirim ulang.');
    expect((await row(id)).status).to.equal('sent');
    await admin.agent.post('/admin/outbox/99999999/kirim-ulang').type('form').send({ _csrf: await admin.csrf() }).expect(404);
  });

  it('warns before sending again a mail whose send was interrupted', async () => {
    const id = await queue('interrupted@warga.test');
    await database.db
      .updateTable('outbox')
      .set({ status: 'sending', attempts: 1, locked_until: sql<Date>`now() - interval '1 minute'` })
      .where('id', '=', id!)
      .execute();
    await sendAll();
    const page = await admin.agent.get(`/admin/outbox/${id}`).expect(200);
    expect(page.text).to.contain('Pengiriman terputus').and.contain('mungkin sudah sampai ke penerima');
    expect(smtp.mailsTo('interrupted@warga.test')).to.have.length(0);
  });

  it('shows the headers, the text in a <pre>, and the HTML only in a sandboxed frame', async () => {
    const id = await enqueueMail(database.db, {
      to: 'detail@warga.test',
      subject: 'Rincian',
      text: 'Baris <satu> & dua',
      html: '<p style="color:red">Halo</p><img src="https://tracker.example/p.gif"><script>alert(1)</script>',
      headers: { 'In-Reply-To': '<abc@warga.test>' },
    });
    await sendAll();
    const page = await admin.agent.get(`/admin/outbox/${id}`).expect(200);
    expect(page.text).to.contain('<pre class="mail-text">Baris &lt;satu&gt; &amp; dua</pre>');
    expect(page.text).to.contain('In-Reply-To').and.contain('&lt;abc@warga.test&gt;');
    expect(page.text).to.contain('pengaduan@pengaduan.local').and.contain('Terkirim').and.contain('Server SMTP');
    expect(page.text).to.match(/<iframe class="mail-frame" sandbox src="\/admin\/outbox\/\d+\/html"/);
    expect(page.text).to.not.contain('<script>alert(1)</script>');

    const html = await admin.agent.get(`/admin/outbox/${id}/html`).expect(200);
    expect(html.headers['content-type']).to.match(/^text\/html/);
    expect(html.headers['content-security-policy']).to.equal(
      "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
    );
    expect(html.headers['cache-control']).to.contain('no-store');
    expect(html.text).to.contain('<p style="color:red">Halo</p>');

    const plain = await enqueueMail(database.db, { to: 'plain@warga.test', subject: 'Teks saja', text: 'x' });
    expect((await admin.agent.get(`/admin/outbox/${plain}`)).text).to.contain('E-mail ini hanya berisi teks biasa.');
    await admin.agent.get(`/admin/outbox/${plain}/html`).expect(404);
    await admin.agent.get('/admin/outbox/99999999').expect(404);
    await admin.agent.get('/admin/outbox/abc').expect(404);
  });

  it('escapes a subject that carries a script', async () => {
    const id = await queue('xss@warga.test', '<script>alert(1)</script>');
    for (const path of ['/admin/outbox?q=xss%40warga.test', `/admin/outbox/${id}`]) {
      const res = await admin.agent.get(path).expect(200);
      expect(res.text, path).to.not.contain('<script>alert(1)</script>');
      expect(res.text, path).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('with no SMTP server, shows what citizens would receive, marked as not delivered', async () => {
    const dev = await buildTestApp({}, database);
    const s = await loginAs(dev, 'admin');
    const id = await queue('dev@warga.test', 'Laporan ABCD2345 sudah diterima');
    await sendAll({});
    const list = await s.agent.get('/admin/outbox?status=dev').expect(200);
    expect(list.text).to.contain('Server SMTP belum diatur (SMTP_URL kosong)');
    expect(list.text).to.contain('dev@warga.test').and.contain('Tidak dikirim: server SMTP belum diatur');
    expect(list.text).to.not.contain('refused@warga.test');
    const page = await s.agent.get(`/admin/outbox/${id}`).expect(200);
    expect(page.text).to.contain('Laporan ABCD2345 sudah diterima').and.contain('Isi untuk dev@warga.test');
    expect(page.text).to.not.contain('Kirim ulang');
    expect(smtp.mailsTo('dev@warga.test')).to.have.length(0);
    // Delivered mail is not listed as kept, and the other way round.
    const sent = await s.agent.get('/admin/outbox?status=sent&q=dev%40warga.test').expect(200);
    expect(sent.text).to.contain('Tidak ada e-mail yang cocok.');
  });

  it('filters, pages newest first, and refuses a filter it does not know', async () => {
    for (let i = 0; i < 27; i++) await queue(`page${String(i).padStart(2, '0')}@paging.test`);
    const first = await admin.agent.get('/admin/outbox?q=%40paging.test').expect(200);
    expect(first.text).to.contain('page26@paging.test').and.not.contain('page01@paging.test');
    expect(first.text.indexOf('page26@')).to.be.below(first.text.indexOf('page25@'));
    const next = /href="([^"]+)" rel="next"/.exec(first.text)?.[1]?.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    expect(next).to.equal('?q=%40paging.test&page=2');
    const second = await admin.agent.get(`/admin/outbox${next}`).expect(200);
    expect(second.text).to.contain('page01@paging.test').and.contain('page00@paging.test').and.not.contain('rel="next"');
    await admin.agent.get('/admin/outbox?status=lost').expect(422);
    await admin.agent.get('/admin/outbox?page=0').expect(422);
  });
});
