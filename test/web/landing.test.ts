import { expect } from 'chai';
import supertest from 'supertest';
import { landingPath } from '../../src/auth/landing.js';
import type { Role } from '../../src/db/schema.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { agencyId, buildTestApp, csrfFrom, loginAs, type TestApp, uniqueEmail } from '../helpers/app.js';

const LANDING: Record<Role, string> = {
  coordinator: '/staf/verifikasi',
  agency_staff: '/staf',
  agency_head: '/staf/persetujuan',
  leader: '/dasbor',
  admin: '/admin/kesehatan',
};

describe('each role starts on its own work (issue 19)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  for (const [role, path] of Object.entries(LANDING) as [Role, string][]) {
    it(`signs in the ${role} to ${path}, sends them there from /, and the page opens and is in their menu`, async () => {
      const dpupr = await agencyId(t.database, 'dpupr');
      const email = uniqueEmail(role);
      const { password } = await createUser(t.database.db, { email, name: `Landing ${role}`, role, agencyId: role.startsWith('agency') ? dpupr : null });
      const agent = supertest.agent(t.app);
      const form = await agent.get('/masuk').expect(200);
      const login = await agent.post('/masuk').type('form').send({ _csrf: csrfFrom(form.text), email, password }).expect(303);
      expect(login.headers.location).to.equal(path);
      expect(landingPath({ role })).to.equal(path);
      // `/` and the login page, signed in, go to the same place.
      expect((await agent.get('/').expect(303)).headers.location).to.equal(path);
      expect((await agent.get('/masuk').expect(303)).headers.location).to.equal(path);
      const page = await agent.get(path).expect(200);
      expect(page.text).to.contain(`href="${path}" aria-current="page"`);
      expect(page.text).to.not.contain('Halo, Landing');
    });
  }

  it('still goes to the page that asked for the login', async () => {
    const s = await loginAs(t, 'coordinator');
    const agent = supertest.agent(t.app);
    const form = await agent.get('/masuk?next=%2Fdasbor%3Ffrom%3D2026-01-01').expect(200);
    expect(form.text).to.contain('name="next" value="/dasbor?from');
    const res = await agent.post('/masuk').type('form').send({ _csrf: csrfFrom(form.text), email: s.user.email, password: s.password, next: '/dasbor?from=2026-01-01' }).expect(303);
    expect(res.headers.location).to.equal('/dasbor?from=2026-01-01');
    // A login with no page behind it carries no `next` at all.
    expect((await supertest(t.app).get('/masuk').expect(200)).text).to.contain('name="next" value=""');
  });

  it('shows guests the citizens’ front page at /', async () => {
    const res = await supertest(t.app).get('/').expect(200);
    expect(res.text).to.contain('href="/lapor"');
  });
});
