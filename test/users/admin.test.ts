import { expect } from 'chai';
import supertest from 'supertest';
import type { Role } from '../../src/db/schema.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { agencyId, buildTestApp, csrfFrom, loginAs, type SignedIn, type TestApp, uniqueEmail } from '../helpers/app.js';
import { confirm, confirmationOf } from '../helpers/confirm.js';

describe('admin pages for users', () => {
  let t: TestApp;
  let admin: SignedIn;
  before(async () => {
    t = await buildTestApp();
    admin = await loginAs(t, 'admin');
  });

  async function target() {
    const email = uniqueEmail('target');
    const { user } = await createUser(t.database.db, { email, name: 'Target User', role: 'leader', agencyId: null });
    return user;
  }

  async function countUsers(email: string) {
    const rows = await t.database.db.selectFrom('users').select('id').where('email', '=', email).execute();
    return rows.length;
  }

  describe('role boundaries', () => {
    const pages = ['/admin/pengguna', '/admin/pengguna/baru', '/admin/pengguna/1'];
    const actions = ['/admin/pengguna', '/admin/pengguna/1', '/admin/pengguna/1/nonaktifkan', '/admin/pengguna/1/aktifkan', '/admin/pengguna/1/reset-sandi'];

    it('sends visitors who are not signed in to the login page, and refuses their posts', async () => {
      for (const path of pages) {
        const res = await supertest(t.app).get(path).expect(303);
        expect(res.headers.location).to.equal(`/masuk?next=${encodeURIComponent(path)}`);
      }
      // A visitor with a valid form token (from the login page) but no account.
      const agent = supertest.agent(t.app);
      const token = csrfFrom((await agent.get('/masuk')).text);
      for (const path of actions) {
        const res = await agent.post(path).type('form').send({ _csrf: token, name: 'x' });
        expect(res.status, path).to.equal(401);
      }
    });

    for (const role of ['coordinator', 'agency_staff', 'agency_head', 'leader'] as Role[]) {
      it(`refuses ${role} with 403 on every page and action`, async () => {
        const s = await loginAs(t, role);
        const victim = await target();
        for (const path of pages) {
          const res = await s.agent.get(path.replace('/1', `/${victim.id}`));
          expect(res.status, path).to.equal(403);
          expect(res.text).to.contain('Akses ditolak');
        }
        const token = await s.csrf();
        for (const path of actions) {
          const res = await s.agent
            .post(path.replace('/1', `/${victim.id}`))
            .type('form')
            .send({ _csrf: token, name: 'Hacked', email: uniqueEmail('h'), role: 'admin' });
          expect(res.status, path).to.equal(403);
        }
        const after = await t.database.db.selectFrom('users').selectAll().where('id', '=', victim.id).executeTakeFirstOrThrow();
        expect(after).to.include({ name: 'Target User', role: 'leader', active: true });
        expect(after.password_hash).to.equal(victim.password_hash);
      });
    }
  });

  it('lists users with filters and shows roles in Bahasa Indonesia', async () => {
    const u = await target();
    const res = await admin.agent.get(`/admin/pengguna?q=${encodeURIComponent(u.email)}`).expect(200);
    expect(res.text).to.contain(u.email).and.contain('Pimpinan');
    const none = await admin.agent.get('/admin/pengguna?q=zz-no-such-user-zz').expect(200);
    expect(none.text).to.contain('Tidak ada pengguna yang cocok.');
    await admin.agent.get('/admin/pengguna?role=emperor').expect(422);
  });

  it('creates a user, shows the generated password once, and that password signs in', async () => {
    const email = uniqueEmail('new');
    const dinkes = await agencyId(t.database, 'dinkes');
    const res = await admin.agent
      .post('/admin/pengguna')
      .type('form')
      .send({ _csrf: await admin.csrf(), name: 'Dewi Staf', email: email.toUpperCase(), role: 'agency_staff', agencyId: String(dinkes) })
      .expect(201);
    expect(res.headers['cache-control']).to.contain('no-store');
    const password = /data-testid="new-password">([^<]+)</.exec(res.text)?.[1];
    expect(password).to.match(/^[A-Za-z2-9]{16}$/);
    const row = await t.database.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    expect(row).to.include({ name: 'Dewi Staf', role: 'agency_staff', agency_id: dinkes });
    expect(row.password_hash).to.match(/^\$argon2id\$/);
    const res2 = await supertest(t.app).post('/api/v1/session').send({ email, password }).expect(200);
    expect(res2.body.user.agencyId).to.equal(dinkes);
  });

  it('keeps what was typed and explains each problem when the form is wrong; writes nothing', async () => {
    const email = uniqueEmail('bad');
    const res = await admin.agent
      .post('/admin/pengguna')
      .type('form')
      .send({ _csrf: await admin.csrf(), name: 'A', email: 'not-an-email', role: 'agency_staff', agencyId: '' })
      .expect(422);
    expect(res.text).to.contain('Nama minimal 2 karakter.').and.contain('Alamat e-mail harus berupa alamat e-mail yang benar.');
    expect(res.text).to.contain('value="not-an-email"');
    const noAgency = await admin.agent
      .post('/admin/pengguna')
      .type('form')
      .send({ _csrf: await admin.csrf(), name: 'Tanpa OPD', email, role: 'agency_staff', agencyId: '' })
      .expect(422);
    expect(noAgency.text).to.contain('Pilih OPD untuk peran Staf OPD atau Kepala OPD.');
    expect(await countUsers(email)).to.equal(0);
  });

  it('refuses an e-mail that another account has, in any letter case', async () => {
    const u = await target();
    const res = await admin.agent
      .post('/admin/pengguna')
      .type('form')
      .send({ _csrf: await admin.csrf(), name: 'Duplicate', email: u.email.toUpperCase(), role: 'leader' })
      .expect(422);
    expect(res.text).to.contain('Alamat e-mail ini sudah dipakai akun lain.');
  });

  it('edits role and agency', async () => {
    const u = await target();
    const dpupr = await agencyId(t.database, 'dpupr');
    await admin.agent
      .post(`/admin/pengguna/${u.id}`)
      .type('form')
      .send({ _csrf: await admin.csrf(), name: 'Kepala PU', email: u.email, role: 'agency_head', agencyId: String(dpupr) })
      .expect(303);
    const page = await admin.agent.get(`/admin/pengguna/${u.id}`).expect(200);
    expect(page.text).to.contain('Perubahan disimpan.').and.contain('value="Kepala PU"');
    const row = await t.database.db.selectFrom('users').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row).to.include({ role: 'agency_head', agency_id: dpupr });
  });

  it('deactivates a user, whose open session ends at once, and reactivates them', async () => {
    const s = await loginAs(t, 'coordinator');
    await s.agent.get('/akun/sandi').expect(200).expect((r) => expect(r.text).to.contain('Test coordinator'));
    await admin.agent.post(`/admin/pengguna/${s.user.id}/nonaktifkan`).type('form').send({ _csrf: await admin.csrf(), confirm: '1' }).expect(303);
    // Signed out: `/` is the citizens' page again, not a redirect to the coordinator's work.
    const home = await s.agent.get('/').expect(200);
    expect(home.text).to.not.contain('Test coordinator');
    expect(home.text).to.contain('Masuk petugas');
    expect((await supertest(t.app).post('/api/v1/session').send({ email: s.user.email, password: s.password })).status).to.equal(401);
    await admin.agent.post(`/admin/pengguna/${s.user.id}/aktifkan`).type('form').send({ _csrf: await admin.csrf() }).expect(303);
    await supertest(t.app).post('/api/v1/session').send({ email: s.user.email, password: s.password }).expect(200);
  });

  it('resets a password: the old one stops working, the new one works, other sessions end', async () => {
    const s = await loginAs(t, 'leader');
    const res = await admin.agent.post(`/admin/pengguna/${s.user.id}/reset-sandi`).type('form').send({ _csrf: await admin.csrf() }).expect(200);
    const password = /data-testid="new-password">([^<]+)</.exec(res.text)?.[1];
    expect(password).to.be.a('string').and.not.equal(s.password);
    expect((await s.agent.get('/api/v1/session')).status).to.equal(401);
    await supertest(t.app).post('/api/v1/session').send({ email: s.user.email, password: s.password }).expect(401);
    await supertest(t.app).post('/api/v1/session').send({ email: s.user.email, password }).expect(200);
  });

  it('asks before deactivating an account, says what stops, and deactivates only when confirmed (issue 19)', async () => {
    const s = await loginAs(t, 'agency_staff');
    const form = await admin.agent.get(`/admin/pengguna/${s.user.id}`).expect(200);
    expect(form.text).to.match(/<button type="submit" class="button button-danger">Nonaktifkan<\/button>/);
    const ask = await confirmationOf(admin.agent, `/admin/pengguna/${s.user.id}/nonaktifkan`, { _csrf: csrfFrom(form.text) });
    expect(ask.title).to.equal('Nonaktifkan akun Test agency_staff?');
    expect(ask.consequences).to.contain(`Test agency_staff (${s.user.email}) tidak dapat masuk lagi`).and.contain('Token API akun ini berhenti bekerja.');
    expect(ask.cancel).to.equal(`/admin/pengguna/${s.user.id}`);
    await s.agent.get('/akun/sandi').expect(200);
    await confirm(admin.agent, `/admin/pengguna/${s.user.id}/nonaktifkan`, ask.posted).expect(303);
    const row = await t.database.db.selectFrom('users').select('active').where('id', '=', s.user.id).executeTakeFirstOrThrow();
    expect(row.active).to.equal(false);
    // One's own account is refused at the first step, with no confirmation page.
    const own = await admin.agent.post(`/admin/pengguna/${admin.user.id}/nonaktifkan`).type('form').send({ _csrf: await admin.csrf() }).expect(303);
    expect(own.headers.location).to.equal(`/admin/pengguna/${admin.user.id}`);
  });

  it('does not let an admin deactivate or demote themselves', async () => {
    await admin.agent.post(`/admin/pengguna/${admin.user.id}/nonaktifkan`).type('form').send({ _csrf: await admin.csrf() }).expect(303);
    const page = await admin.agent.get(`/admin/pengguna/${admin.user.id}`).expect(200);
    expect(page.text).to.contain('Anda tidak dapat menonaktifkan');
    const demote = await admin.agent
      .post(`/admin/pengguna/${admin.user.id}`)
      .type('form')
      .send({ _csrf: await admin.csrf(), name: 'Me', email: admin.user.email, role: 'leader' })
      .expect(422);
    expect(demote.text).to.contain('Anda tidak dapat menonaktifkan');
    // The user's form again, with what was typed.
    expect(demote.text).to.contain(`action="/admin/pengguna/${admin.user.id}"`).and.contain('value="Me"');
    const row = await t.database.db.selectFrom('users').selectAll().where('id', '=', admin.user.id).executeTakeFirstOrThrow();
    expect(row).to.include({ role: 'admin', active: true });
  });

  it('answers 404 for a user that does not exist or a malformed id', async () => {
    await admin.agent.get('/admin/pengguna/999999').expect(404);
    await admin.agent.get('/admin/pengguna/abc').expect(404);
  });

  it('escapes what users typed', async () => {
    const email = uniqueEmail('xss');
    await createUser(t.database.db, { email, name: '<script>alert(1)</script>', role: 'leader', agencyId: null });
    const res = await admin.agent.get(`/admin/pengguna?q=${encodeURIComponent(email)}`).expect(200);
    expect(res.text).to.not.contain('<script>alert(1)</script>');
    expect(res.text).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
