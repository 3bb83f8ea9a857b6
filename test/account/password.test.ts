import { expect } from 'chai';
import supertest from 'supertest';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';

describe('changing one’s own password', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('asks visitors to sign in first', async () => {
    const res = await supertest(t.app).get('/akun/sandi').expect(303);
    expect(res.headers.location).to.equal('/masuk?next=%2Fakun%2Fsandi');
  });

  it('changes the password, keeps this session, ends the others', async () => {
    const s = await loginAs(t, 'agency_staff');
    const other = supertest.agent(t.app);
    await other.post('/api/v1/session').send({ email: s.user.email, password: s.password }).expect(200);
    await s.agent.get('/akun/sandi').expect(200).expect((r) => expect(r.text).to.contain('Ganti kata sandi'));
    const res = await s.agent
      .post('/akun/sandi')
      .type('form')
      .send({ _csrf: await s.csrf(), currentPassword: s.password, newPassword: 'sawah hijau di juwana', confirmPassword: 'sawah hijau di juwana' })
      .expect(303);
    expect(res.headers.location).to.equal('/staf');
    const home = await s.agent.get('/staf').expect(200);
    expect(home.text).to.contain('Kata sandi diganti.');
    await other.get('/api/v1/session').expect(401);
    await supertest(t.app).post('/api/v1/session').send({ email: s.user.email, password: s.password }).expect(401);
    await supertest(t.app).post('/api/v1/session').send({ email: s.user.email, password: 'sawah hijau di juwana' }).expect(200);
  });

  it('refuses a wrong current password, a short or repeated one, and a mismatch; nothing changes', async () => {
    const s = await loginAs(t, 'coordinator');
    const before = await t.database.db.selectFrom('users').select('password_hash').where('id', '=', s.user.id).executeTakeFirstOrThrow();
    const post = async (body: Record<string, string>) =>
      s.agent.post('/akun/sandi').type('form').send({ _csrf: await s.csrf(), ...body });
    const wrong = await post({ currentPassword: 'not-it-at-all', newPassword: 'a good new password', confirmPassword: 'a good new password' });
    expect(wrong.status).to.equal(422);
    expect(wrong.text).to.contain('Kata sandi saat ini salah.');
    const short = await post({ currentPassword: s.password, newPassword: 'short', confirmPassword: 'short' });
    expect(short.status).to.equal(422);
    expect(short.text).to.contain('Kata sandi baru minimal 10 karakter.');
    const mismatch = await post({ currentPassword: s.password, newPassword: 'a good new password', confirmPassword: 'a good new passw0rd' });
    expect(mismatch.status).to.equal(422);
    expect(mismatch.text).to.contain('Kedua kata sandi baru tidak sama.');
    const same = await post({ currentPassword: s.password, newPassword: s.password, confirmPassword: s.password });
    expect(same.status).to.equal(422);
    expect(same.text).to.contain('berbeda dari e-mail dan dari kata sandi lama');
    const after = await t.database.db.selectFrom('users').select('password_hash').where('id', '=', s.user.id).executeTakeFirstOrThrow();
    expect(after.password_hash).to.equal(before.password_hash);
  });

  // Issue 20, item 3: long enough is not enough.
  it('refuses passwords from breach lists and easy guesses, saying why, in Bahasa Indonesia and English; nothing changes', async () => {
    const s = await loginAs(t, 'agency_head');
    const before = await t.database.db.selectFrom('users').select('password_hash').where('id', '=', s.user.id).executeTakeFirstOrThrow();
    const post = async (newPassword: string, lang?: 'en') => {
      const req = s.agent.post('/akun/sandi').type('form');
      if (lang) req.set('Cookie', `lang=${lang}`);
      return req.send({ _csrf: await s.csrf(), currentPassword: s.password, newPassword, confirmPassword: newPassword });
    };
    const cases: [string, string][] = [
      ['aaaaaaaaaa', 'Kata sandi ini terlalu mudah ditebak: Karakter yang berulang seperti &quot;aaa&quot; mudah ditebak.'],
      ['1234567890', 'Kata sandi ini ada dalam daftar kata sandi yang pernah bocor'],
      ['password12', 'Kata sandi ini ada dalam daftar kata sandi yang pernah bocor'],
      ['qwertyuiop', 'Kata sandi ini ada dalam daftar kata sandi yang pernah bocor'],
      ['indonesia123', 'Kata sandi ini terlalu mudah ditebak.'],
      [`${s.user.email.split('@')[0]}2024`, 'Kata sandi ini terlalu mudah ditebak'],
    ];
    for (const [password, message] of cases) {
      const res = await post(password);
      expect(res.status, password).to.equal(422);
      expect(res.text, password).to.contain(message);
    }
    const english = await post('aaaaaaaaaa', 'en');
    expect(english.status).to.equal(422);
    expect(english.text).to.contain('This password is too easy to guess: Repeated characters like &quot;aaa&quot; are easy to guess.');
    const after = await t.database.db.selectFrom('users').select('password_hash').where('id', '=', s.user.id).executeTakeFirstOrThrow();
    expect(after.password_hash).to.equal(before.password_hash);
    // A long sentence of ordinary words is fine.
    expect((await post('kopi tubruk pagi di rembang')).status).to.equal(303);
  });
});
