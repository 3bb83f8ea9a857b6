import { expect } from 'chai';
import supertest from 'supertest';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { confirm, confirmationOf } from '../helpers/confirm.js';
import { buildReport } from '../helpers/reports.js';

describe('API tokens for integrations', () => {
  let t: TestApp;
  let admin: SignedIn;
  before(async () => {
    t = await buildTestApp();
    admin = await loginAs(t, 'admin');
  });

  async function issue(userId: number, name = 'Integrasi uji') {
    const res = await admin.agent.post(`/admin/pengguna/${userId}/token`).type('form').send({ _csrf: await admin.csrf(), name }).expect(201);
    expect(res.headers['cache-control']).to.contain('no-store');
    return /data-testid="new-token">([^<]+)</.exec(res.text)![1]!;
  }

  it('acts as its user on the staff API, with no session and no CSRF token', async () => {
    const coordinator = await loginAs(t, 'coordinator');
    const token = await issue(coordinator.user.id);
    expect(token).to.match(/^epg_[A-Za-z0-9_-]{43}$/);
    const r = await buildReport(t);
    const res = await supertest(t.app)
      .post(`/api/v1/staff/reports/${r.report.tracking_code}/actions`)
      .set('Authorization', `Bearer ${token}`)
      .send({ action: 'forward', agency: 'dpupr' })
      .expect(200);
    expect(res.body.status).to.equal('assigned');
    const page = await admin.agent.get(`/admin/pengguna/${coordinator.user.id}`).expect(200);
    expect(page.text).to.contain('Integrasi uji').and.contain('terakhir dipakai');
    const stored = await t.database.db.selectFrom('api_tokens').select('token_hash').where('user_id', '=', coordinator.user.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).to.not.contain(token.slice(4));
  });

  it('keeps the role of its user: an OPD token cannot verify', async () => {
    const staff = await loginAs(t, 'agency_staff');
    const token = await issue(staff.user.id);
    await supertest(t.app).get('/api/v1/staff/reports').set('Authorization', `Bearer ${token}`).expect(403);
  });

  it('stops working when revoked, or when its user is deactivated; a wrong token is 401', async () => {
    const leader = await loginAs(t, 'coordinator');
    const token = await issue(leader.user.id);
    await supertest(t.app).get('/api/v1/staff/reports').set('Authorization', `Bearer ${token}`).expect(200);
    const row = await t.database.db.selectFrom('api_tokens').select('id').where('user_id', '=', leader.user.id).executeTakeFirstOrThrow();
    await admin.agent.post(`/admin/pengguna/${leader.user.id}/token/${row.id}/cabut`).type('form').send({ _csrf: await admin.csrf(), confirm: '1' }).expect(303);
    await supertest(t.app).get('/api/v1/staff/reports').set('Authorization', `Bearer ${token}`).expect(401);
    const second = await issue(leader.user.id, 'Kedua');
    await admin.agent.post(`/admin/pengguna/${leader.user.id}/nonaktifkan`).type('form').send({ _csrf: await admin.csrf(), confirm: '1' }).expect(303);
    await supertest(t.app).get('/api/v1/staff/reports').set('Authorization', `Bearer ${second}`).expect(401);
    await supertest(t.app).get('/api/v1/staff/reports').set('Authorization', 'Bearer epg_notarealtokenatallxxxxxxxx').expect(401);
    await supertest(t.app).get('/api/v1/staff/reports').set('Authorization', 'Basic abc').expect(401);
  });

  it('asks before revoking a token and revokes only when confirmed (issue 19)', async () => {
    const coordinator = await loginAs(t, 'coordinator');
    const token = await issue(coordinator.user.id, 'Integrasi SP4N');
    const row = await t.database.db.selectFrom('api_tokens').select('id').where('user_id', '=', coordinator.user.id).executeTakeFirstOrThrow();
    const page = await admin.agent.get(`/admin/pengguna/${coordinator.user.id}`).expect(200);
    expect(page.text).to.contain('class="button button-danger" aria-label="Cabut token Integrasi SP4N">Cabut</button>');
    const path = `/admin/pengguna/${coordinator.user.id}/token/${row.id}/cabut`;
    const ask = await confirmationOf(admin.agent, path, { _csrf: await admin.csrf() });
    expect(ask.title).to.equal('Cabut token “Integrasi SP4N”?');
    expect(ask.consequences).to.contain('tidak dapat lagi memanggil API sebagai Test coordinator');
    await supertest(t.app).get('/api/v1/staff/reports').set('Authorization', `Bearer ${token}`).expect(200);
    await confirm(admin.agent, path, ask.posted).expect(303);
    await supertest(t.app).get('/api/v1/staff/reports').set('Authorization', `Bearer ${token}`).expect(401);
    // Revoked already: there is nothing to confirm.
    await admin.agent.post(path).type('form').send({ _csrf: await admin.csrf() }).expect(404);
  });

  it('is issued by admins only', async () => {
    const coordinator = await loginAs(t, 'coordinator');
    await coordinator.agent.post(`/admin/pengguna/${coordinator.user.id}/token`).type('form').send({ _csrf: await coordinator.csrf(), name: 'x y' }).expect(403);
  });
});
