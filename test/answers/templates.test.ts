import { expect } from 'chai';
import supertest from 'supertest';
import { agencyId, buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

describe('answer templates', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
  });

  it('fill their placeholders for the report, keep an anonymous name hidden, and start a draft', async () => {
    const dpupr = await agencyId(t.database, 'dpupr');
    const staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    const category = await t.database.db.selectFrom('categories').select('id').where('default_agency_id', '=', dpupr).executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('answer_templates')
      .values({ category_id: category.id, name: 'Jalan <b>rusak</b>', body: 'Yth. {nama_pelapor}, laporan {kode} sudah kami terima oleh {opd}. <script>x</script>' })
      .execute();
    const r = await buildReport(t, { categoryId: category.id, reporter: { name: 'Sutrisno', email: null, phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const list = await staff.agent.get(`/api/v1/staff/reports/${r.report.tracking_code}/answer-templates`).expect(200);
    const own = list.body.templates[0];
    expect(own.forCategory).to.equal(true);
    expect(own.body).to.contain('Yth. Sutrisno,').and.contain(`${r.report.tracking_code.slice(0, 4)}-${r.report.tracking_code.slice(4)}`).and.contain('Dinas Pekerjaan Umum');
    expect(list.body.templates.map((x: { name: string }) => x.name)).to.include('Akan ditindaklanjuti');

    const page = await staff.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.contain('Mulai dari templat');
    expect(page.text).to.not.contain('<script>x</script>');
    expect(page.text).to.not.contain('<b>rusak</b>');
    await staff.agent.post(`/staf/laporan/${r.report.tracking_code}/jawaban/templat`).type('form').send({ _csrf: await staff.csrf(), templateId: String(own.id) }).expect(303);
    const draft = await t.database.db.selectFrom('messages').select(['body', 'answer_status']).where('report_id', '=', r.report.id).where('kind', '=', 'answer').executeTakeFirstOrThrow();
    expect(draft).to.include({ answer_status: 'draft' });
    expect(draft.body).to.contain('Yth. Sutrisno,');
    // A second template would overwrite the draft: refused.
    await staff.agent.post(`/staf/laporan/${r.report.tracking_code}/jawaban/templat`).type('form').send({ _csrf: await staff.csrf(), templateId: String(own.id) }).expect(303);
    const again = await staff.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(again.text).to.contain('templat hanya untuk memulai draf baru');

    const anonymous = await buildReport(t, { anonymous: true, reporter: { name: 'Nama Rahasia', email: null, phone: null, nik: null } });
    await advanceTo(t.database.db, anonymous.report.id, 'in_progress');
    const hidden = await staff.agent.get(`/api/v1/staff/reports/${anonymous.report.tracking_code}/answer-templates`).expect(200);
    expect(JSON.stringify(hidden.body)).to.not.contain('Nama Rahasia');
    expect(JSON.stringify(hidden.body)).to.contain('Bapak/Ibu');
  });
});
