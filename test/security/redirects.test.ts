import { expect } from 'chai';
import supertest from 'supertest';
import { createUser } from '../../src/users/commands/createUser.js';
import { buildTestApp, csrfFrom, type TestApp, uniqueEmail } from '../helpers/app.js';

/**
 * Open redirects: every redirect that takes a target from the request (`next` after
 * login, after the language switch, and on the login page of a signed-in user) stays on
 * this site, however the target is dressed up. The Location is resolved as a browser
 * would (tabs and newlines dropped first) and must keep our host.
 */
const HOSTILE = [
  'https://evil.example/',
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/%2F%2Fevil.example',
  '/%5Cevil.example',
  'javascript:alert(document.domain)',
  'http:evil.example',
  ' //evil.example',
  '/.//evil.example',
];

function staysHere(location: string | undefined): boolean {
  if (!location) return false;
  const browserSees = location.replace(/[\t\n\r]/g, '');
  const url = new URL(browserSees, 'http://pengaduan.test/masuk');
  return url.host === 'pengaduan.test' && url.protocol === 'http:';
}

describe('security: no open redirects', function () {
  this.timeout(120_000);
  let t: TestApp;
  let email: string;
  let password: string;
  before(async () => {
    t = await buildTestApp();
    email = uniqueEmail('redirect');
    ({ password } = await createUser(t.database.db, { email, name: 'Pimpinan', role: 'leader', agencyId: null }));
  });

  it('after login, `next` from the form stays on this site', async () => {
    const off: string[] = [];
    for (const next of HOSTILE) {
      const agent = supertest.agent(t.app);
      const page = await agent.get('/masuk').query({ next });
      const res = await agent.post('/masuk').type('form').send({ _csrf: csrfFrom(page.text), email, password, next }).redirects(0);
      expect(res.status, JSON.stringify(next)).to.equal(303);
      if (!staysHere(res.headers.location)) off.push(`${JSON.stringify(next)} -> ${res.headers.location}`);
    }
    expect(off).to.deep.equal([]);
  });

  it('the login page of a signed-in user and the language switch stay on this site', async () => {
    const agent = supertest.agent(t.app);
    const page = await agent.get('/masuk');
    await agent.post('/masuk').type('form').send({ _csrf: csrfFrom(page.text), email, password }).expect(303);
    const token = csrfFrom((await agent.get('/akun/sandi')).text);
    const off: string[] = [];
    for (const next of HOSTILE) {
      const login = await agent.get('/masuk').query({ next }).redirects(0);
      if (!staysHere(login.headers.location)) off.push(`GET /masuk ${JSON.stringify(next)} -> ${login.headers.location}`);
      const lang = await agent.post('/bahasa').type('form').send({ _csrf: token, lang: 'id', next }).redirects(0);
      if (!staysHere(lang.headers.location)) off.push(`POST /bahasa ${JSON.stringify(next)} -> ${lang.headers.location}`);
    }
    expect(off).to.deep.equal([]);
  });

  it('a same-site `next` still works, so the rule is not simply "always home"', async () => {
    const agent = supertest.agent(t.app);
    const page = await agent.get('/masuk');
    const res = await agent.post('/masuk').type('form').send({ _csrf: csrfFrom(page.text), email, password, next: '/dasbor?from=2026-01-01' }).expect(303);
    expect(res.headers.location).to.equal('/dasbor?from=2026-01-01');
  });

  it('the sign-in redirect of a protected page carries the page as a path only', async () => {
    const res = await supertest(t.app).get('//evil.example/staf').redirects(0);
    if (res.status === 303) expect(staysHere(res.headers.location)).to.equal(true);
    const inner = await supertest(t.app).get('/staf/verifikasi?x=//evil.example').redirects(0).expect(303);
    expect(inner.headers.location).to.match(/^\/masuk\?next=%2Fstaf%2Fverifikasi/);
  });
});
