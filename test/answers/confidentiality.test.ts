import { expect } from 'chai';
import supertest from 'supertest';
import { setSetting } from '../../src/settings/commands/setSetting.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { ANSWER, staffApi } from './helpers.js';

describe('answers: what stays inside the government', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
    await setSetting(t.database.db, 'answerValidation', true, null);
  });
  after(() => setSetting(t.database.db, 'answerValidation', false, null));

  it('never shows a note, a draft, a returned or refused version or a reviewer’s comment to the citizen', async () => {
    const staff = await staffApi(t, 'agency_staff');
    const head = await staffApi(t, 'agency_head');
    const coordinator = await staffApi(t, 'coordinator');
    const citizen = 'warga.rahasia@example.com';
    const r = await buildReport(t, { reporter: { name: 'Warga', email: citizen, phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const code = r.report.tracking_code;
    const base = `/api/v1/staff/reports/${code}/answers`;
    const secrets = {
      note: 'CATATAN-INTERNAL kontraktor belum dibayar',
      firstDraft: 'DRAF-PERTAMA kami belum sempat ke lokasi',
      headComment: 'KOMENTAR-KEPALA jangan janjikan tanggal',
      secondDraft: 'DRAF-KEDUA perbaikan menunggu anggaran perubahan',
      refusal: 'ALASAN-TOLAK sebutkan nomor kontak yang benar',
    };
    await staff.post(`/api/v1/staff/reports/${code}/actions`, { action: 'note', body: secrets.note }).expect(200);
    const { body: draft } = await staff.post(base, { body: `${secrets.firstDraft}. ${ANSWER}` }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    await head.post(`${base}/${draft.id}/return`, { comment: secrets.headComment }).expect(200);
    await staff.put(`${base}/${draft.id}`, { body: `${secrets.secondDraft}. ${ANSWER}`, version: 1 }).expect(200);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);
    await coordinator.post(`${base}/${draft.id}/refuse`, { comment: secrets.refusal }).expect(200);

    async function everythingTheCitizenSees(): Promise<string> {
      const agent = supertest.agent(t.app);
      const url = new URL(r.trackingUrl);
      const page = await agent.get(url.pathname + url.search).redirects(1).expect(200);
      const api = await supertest(t.app).get(`/api/v1/reports/${code}`).set('X-Tracking-Token', r.secret).expect(200);
      const home = await supertest(t.app).get('/').expect(200);
      const mails = await t.database.db.selectFrom('outbox').select(['subject', 'text_body', 'html_body']).where('to_address', '=', citizen).execute();
      return [page.text, JSON.stringify(api.body), home.text, ...mails.flatMap((m) => [m.subject, m.text_body, m.html_body])].join('\n');
    }
    let seen = await everythingTheCitizenSees();
    for (const [what, text] of Object.entries(secrets)) expect(seen, what).to.not.contain(text.split(' ')[0]);

    // Staff see all of it, marked internal.
    const staffView = await staff.agent.get(`/api/v1/staff/reports/${code}`).expect(200);
    expect(JSON.stringify(staffView.body)).to.contain(secrets.note);

    // Once the final answer is sent, only that answer reaches the citizen.
    const final = `${ANSWER} Jadwal: 2 Desember.`;
    await staff.put(`${base}/${draft.id}`, { body: final, version: 2 }).expect(200);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);
    await coordinator.post(`${base}/${draft.id}/validate`).expect(200);
    seen = await everythingTheCitizenSees();
    expect(seen).to.contain('Jadwal: 2 Desember.');
    for (const [what, text] of Object.entries(secrets)) expect(seen, what).to.not.contain(text.split(' ')[0]);
  });
});
