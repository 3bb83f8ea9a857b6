import { expect } from 'chai';
import { buildTestApp, csrfFrom, loginAs, type TestApp } from '../helpers/app.js';
import { ANSWER, staffApi } from '../answers/helpers.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { letterOf, pdfText } from './helpers.js';

describe('letters: the signer’s title and NIP, set on the admin user form', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
  });

  it('an admin sets a Kepala OPD’s jabatan and NIP (18 digits, spaces allowed); the letters they approve print them', async () => {
    const admin = await loginAs(t, 'admin');
    const head = await staffApi(t, 'agency_head');
    const url = `/admin/pengguna/${head.user.id}`;
    const form = await admin.agent.get(url).expect(200);
    const fields = { _csrf: csrfFrom(form.text), name: 'Dra. Endang Sulistyowati', email: head.user.email, role: 'agency_head', agencyId: String(head.user.agencyId), jobTitle: 'Kepala Dinas Pekerjaan Umum dan Penataan Ruang' };

    const refused = await admin.agent.post(url).type('form').send({ ...fields, nip: '1970081219950310' }).expect(422);
    expect(refused.text).to.contain('NIP terdiri dari 18 angka');
    expect((await t.database.db.selectFrom('users').select(['name', 'nip']).where('id', '=', head.user.id).executeTakeFirstOrThrow()).nip).to.equal(null);

    await admin.agent.post(url).type('form').send({ ...fields, _csrf: await admin.csrf(), nip: '19700812 199503 2 004' }).expect(303);
    const saved = await t.database.db.selectFrom('users').select(['job_title', 'nip']).where('id', '=', head.user.id).executeTakeFirstOrThrow();
    expect(saved).to.deep.equal({ job_title: 'Kepala Dinas Pekerjaan Umum dan Penataan Ruang', nip: '197008121995032004' });
    expect((await admin.agent.get(url).expect(200)).text).to.contain('value="197008121995032004"');

    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const staff = await staffApi(t, 'agency_staff');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body: ANSWER }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);
    const letter = await letterOf(t, r.report.id);
    expect(letter).to.include({ signer_name: 'Dra. Endang Sulistyowati', signer_nip: '197008121995032004' });
    const text = await pdfText(Buffer.from(letter.pdf!));
    expect(text).to.contain('Dra. Endang Sulistyowati').and.contain('NIP. 197008121995032004').and.contain('Kepala Dinas Pekerjaan Umum dan Penataan Ruang,');
  });
});
