import { expect } from 'chai';
import supertest from 'supertest';
import { cachedHolidays } from '../../src/reports/deadlines.js';
import { buildTestApp, csrfFrom, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { confirm, confirmationOf } from '../helpers/confirm.js';

describe('admin pages for SLA policies and holidays', () => {
  let t: TestApp;
  let admin: SignedIn;
  let policyId: number;
  const valid = {
    name: 'Uji SLA', verify_days: '2', respond_days: '4', resolve_days: '20', auto_close_days: '7',
    info_wait_days: '10', remind_days_before: '1', escalate_after_days: '2',
  };

  before(async () => {
    t = await buildTestApp();
    admin = await loginAs(t, 'admin');
    // A policy of this test's own: the default one is used by every other test.
    const row = await t.database.db.insertInto('sla_policies')
      .values({ code: `uji-${Date.now()}`, name: 'Uji', verify_days: 3, respond_days: 5, resolve_days: 14, auto_close_days: 10 })
      .returning('id').executeTakeFirstOrThrow();
    policyId = row.id;
  });
  after(async () => {
    await t.database.db.deleteFrom('holidays').where('date', '>=', '2031-01-01').where('date', '<=', '2031-12-31').execute();
    await t.database.db.deleteFrom('sla_policies').where('id', '=', policyId).execute();
  });

  describe('role boundaries', () => {
    const pages = () => ['/admin/sla', `/admin/sla/${policyId}`, '/admin/libur'];
    const actions = () => [`/admin/sla/${policyId}`, '/admin/libur', '/admin/libur/impor', '/admin/libur/2031-01-02/hapus'];

    it('sends visitors to the login page and refuses their posts', async () => {
      for (const path of pages()) {
        const res = await supertest(t.app).get(path).expect(303);
        expect(res.headers.location).to.equal(`/masuk?next=${encodeURIComponent(path)}`);
      }
      const agent = supertest.agent(t.app);
      const token = csrfFrom((await agent.get('/masuk')).text);
      for (const path of actions()) {
        const res = await agent.post(path).type('form').send({ _csrf: token });
        expect(res.status, path).to.equal(401);
      }
    });

    it('refuses staff who are not admins (403)', async () => {
      for (const role of ['coordinator', 'agency_head', 'leader'] as const) {
        const who = await loginAs(t, role);
        for (const path of pages()) await who.agent.get(path).expect(403);
        const token = await who.csrf();
        for (const path of actions()) {
          const res = await who.agent.post(path).type('form').send({ ...valid, _csrf: token, year: '2031' });
          expect(res.status, `${role} ${path}`).to.equal(403);
        }
      }
      const row = await t.database.db.selectFrom('sla_policies').select('verify_days').where('id', '=', policyId).executeTakeFirstOrThrow();
      expect(row.verify_days).to.equal(3);
    });

    it('shows both pages in the admin navigation', async () => {
      const res = await admin.agent.get('/admin/sla').expect(200);
      expect(res.text).to.contain('href="/admin/sla"').and.contain('href="/admin/libur"').and.contain('Standar SP4N-LAPOR!');
    });
  });

  describe('SLA policies', () => {
    it('saves valid day counts', async () => {
      const res = await admin.agent.post(`/admin/sla/${policyId}`).type('form').send({ ...valid, _csrf: await admin.csrf() }).expect(303);
      expect(res.headers.location).to.equal('/admin/sla');
      const row = await t.database.db.selectFrom('sla_policies').selectAll().where('id', '=', policyId).executeTakeFirstOrThrow();
      expect([row.verify_days, row.respond_days, row.resolve_days, row.escalate_after_days]).to.deep.equal([2, 4, 20, 2]);
    });

    it('refuses out-of-range counts with clear messages and keeps the row', async () => {
      const res = await admin.agent.post(`/admin/sla/${policyId}`).type('form')
        .send({ ...valid, verify_days: '0', resolve_days: '400', remind_days_before: 'dua', _csrf: await admin.csrf() }).expect(422);
      expect(res.text).to.contain('Verifikasi (hari kerja) harus bilangan bulat 1 sampai 60.');
      expect(res.text).to.contain('Penyelesaian (hari kerja) harus bilangan bulat 1 sampai 365.');
      expect(res.text).to.contain('Pengingat sebelum batas (hari kerja) harus bilangan bulat 0 sampai 10.');
      // The policy's form again, with what was typed.
      expect(res.text).to.contain(`action="/admin/sla/${policyId}"`).and.contain('value="dua"');
      const row = await t.database.db.selectFrom('sla_policies').select('verify_days').where('id', '=', policyId).executeTakeFirstOrThrow();
      expect(row.verify_days).to.equal(2);
    });

    it('answers 404 for a policy that does not exist', async () => {
      await admin.agent.get('/admin/sla/999999').expect(404);
    });
  });

  describe('holidays', () => {
    it('imports a year from date-holidays, skipping dates that exist', async () => {
      await admin.agent.post('/admin/libur').type('form')
        .send({ date: '2031-01-01', name: 'Libur lokal Tahun Baru', kind: 'local', _csrf: await admin.csrf() }).expect(303);
      const res = await admin.agent.post('/admin/libur/impor').type('form').send({ year: '2031', _csrf: await admin.csrf() }).expect(303);
      expect(res.headers.location).to.equal('/admin/libur?year=2031');
      const rows = await t.database.db.selectFrom('holidays').selectAll().where('date', '>=', '2031-01-01').where('date', '<=', '2031-12-31').execute();
      expect(rows.length).to.be.greaterThan(10);
      expect(rows.find((r) => r.date === '2031-01-01')!.kind).to.equal('local');
      const page = await admin.agent.get('/admin/libur?year=2031').expect(200);
      expect(page.text).to.contain('Hari libur 2031').and.contain('diimpor').and.contain('1 tanggal sudah ada');
    });

    it('adds cuti bersama once, which deadlines see at once, and deletes it', async () => {
      const token = await admin.csrf();
      await admin.agent.post('/admin/libur').type('form').send({ date: '2031-06-02', name: 'Cuti bersama uji', kind: 'cuti_bersama', _csrf: token }).expect(303);
      expect((await cachedHolidays(t.database.db)).has('2031-06-02')).to.equal(true);
      const again = await admin.agent.post('/admin/libur').type('form').send({ date: '2031-06-02', name: 'Cuti bersama uji', kind: 'cuti_bersama', _csrf: token }).expect(409);
      expect(again.text).to.contain('Tanggal ini sudah ada di daftar hari libur.');
      await admin.agent.post('/admin/libur/2031-06-02/hapus').type('form').send({ _csrf: token, confirm: '1' }).expect(303);
      expect((await cachedHolidays(t.database.db)).has('2031-06-02')).to.equal(false);
      await admin.agent.post('/admin/libur/2031-06-02/hapus').type('form').send({ _csrf: token }).expect(404);
    });

    it('asks before deleting a day off, says what changes, and deletes only when confirmed (issue 19)', async () => {
      const token = await admin.csrf();
      await admin.agent.post('/admin/libur').type('form').send({ date: '2031-08-18', name: 'Libur lokal uji', kind: 'local', _csrf: token }).expect(303);
      const list = await admin.agent.get('/admin/libur?year=2031').expect(200);
      expect(list.text).to.match(/<button type="submit" class="button button-danger" aria-label="Hapus hari libur Senin, 18 Agustus 2031">Hapus<\/button>/);
      const ask = await confirmationOf(admin.agent, '/admin/libur/2031-08-18/hapus', { _csrf: token });
      expect(ask.title).to.equal('Hapus hari libur Senin, 18 Agustus 2031?');
      expect(ask.consequences).to.contain('“Libur lokal uji” (Libur lokal) dihapus dari daftar hari libur.')
        .and.contain('batas waktu yang sudah ditetapkan tidak berubah');
      expect(ask.cancel).to.equal('/admin/libur?year=2031');
      expect((await cachedHolidays(t.database.db)).has('2031-08-18')).to.equal(true);
      await admin.agent.get(ask.cancel!).expect(200);
      const done = await confirm(admin.agent, '/admin/libur/2031-08-18/hapus', ask.posted).expect(303);
      expect(done.headers.location).to.equal('/admin/libur?year=2031');
      expect((await cachedHolidays(t.database.db)).has('2031-08-18')).to.equal(false);
      // Without the token, neither step is taken.
      await admin.agent.post('/admin/libur/2031-06-03/hapus').type('form').send({ confirm: '1' }).expect(403);
    });

    it('refuses an impossible date, a missing name and an unknown kind', async () => {
      const res = await admin.agent.post('/admin/libur').type('form')
        .send({ date: '2031-02-30', name: '', kind: 'party', _csrf: await admin.csrf() }).expect(422);
      expect(res.text).to.contain('Tanggal harus tanggal yang sah (TTTT-BB-HH).');
      const bad = await admin.agent.post('/admin/libur/impor').type('form').send({ year: '1999', _csrf: await admin.csrf() }).expect(422);
      expect(bad.text).to.contain('Tahun harus tahun 2000 sampai 2100.');
    });
  });
});
