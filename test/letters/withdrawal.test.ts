import { expect } from 'chai';
import supertest from 'supertest';
import { eraseReporterData } from '../../src/privacy/commands/erase.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { answeredReport, letterOf } from './helpers.js';

describe('letters: a reporter’s personal data erased', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
  });

  it('withdraws the letter’s file, which names them; its record still verifies a copy the citizen holds', async () => {
    const r = await answeredReport(t, { reporter: { name: 'Sulastri Handayani', email: 'sulastri.erase@example.com', phone: null, nik: null } });
    const before = await letterOf(t, r.report.id);
    await t.database.db.transaction().execute((trx) =>
      eraseReporterData(trx, { reportIds: [r.report.id], emails: ['sulastri.erase@example.com'], mailsOf: 'reports' }, { cause: 'retention', erasedBy: null }),
    );
    const after = await letterOf(t, r.report.id);
    expect(after.pdf).to.equal(null);
    expect(after.withdrawn_at).to.be.an.instanceOf(Date);
    expect(after).to.include({ number: before.number, sha256: before.sha256, verify_token: before.verify_token });

    // The verification page still confirms the number and the fingerprint...
    const page = await supertest(t.app).get(`/verifikasi/${after.verify_token}`).expect(200);
    expect(page.text).to.contain(before.number).and.contain(`title="${before.sha256}"`).and.not.contain('Sulastri');
    // ...and the file is served to no one any more.
    const agent = supertest.agent(t.app);
    await agent.get(`/lacak/${r.report.tracking_code}?k=${r.secret}`).expect(303);
    expect((await agent.get(`/lacak/${r.report.tracking_code}`).expect(200)).text).to.not.contain(`/surat/${before.id}`);
    await agent.get(`/lacak/${r.report.tracking_code}/surat/${before.id}`).expect(404);
    const api = await supertest(t.app).get(`/api/v1/reports/${r.report.tracking_code}/letter`).set('X-Tracking-Token', r.secret).expect(409);
    expect(api.body.error.code).to.equal('letter_withdrawn');
  });
});
