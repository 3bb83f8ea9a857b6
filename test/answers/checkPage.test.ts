import { expect } from 'chai';
import { setSetting } from '../../src/settings/commands/setSetting.js';
import { agencyId, buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { ANSWER, staffApi } from './helpers.js';

/**
 * The draft checker on the pages, without JavaScript: the checklist after saving, at
 * approval (with the "saya sudah membaca peringatan ini" tick) on the report page, the
 * inbox and the bulk confirmation, and at validation.
 */
describe('answers: the draft checker’s checklist on the pages', () => {
  let t: TestApp;
  let head: SignedIn;
  const POOR = 'Terima kasih, laporan jalan berlubang akan segera ditindaklanjuti oleh petugas kami.';
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
  });
  beforeEach(async () => {
    await t.database.db.updateTable('messages').set({ answer_status: 'returned' }).where('answer_status', '=', 'submitted').execute();
    head = await loginAs(t, 'agency_head', { agencyId: await agencyId(t.database, 'dpupr') });
  });
  afterEach(() => setSetting(t.database.db, 'answerValidation', false, null));

  async function submitted(body: string) {
    const r = await buildReport(t, { reporter: { name: 'Siti', email: 'siti.check@example.com', phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const staff = await staffApi(t, 'agency_staff');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    return { report: r.report, draft: draft as { id: number; version: number } };
  }
  const statusOf = async (id: number) => (await t.database.db.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  /** The checklist's lines as text: "✓ Temuan …", "! Kontak …". */
  const checklist = (html: string) =>
    [...html.matchAll(/<li class="check-(ok|warning|blocking)" data-rule="(\w+)">([\s\S]*?)<\/li>/g)].map((m) => `${m[1]} ${m[2]}: ${m[3]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()}`);

  it('shows the saved text’s checklist beside the editor after “Simpan draf”, without JavaScript', async () => {
    const staff = await loginAs(t, 'agency_staff', { agencyId: await agencyId(t.database, 'dpupr') });
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const page = `/staf/laporan/${r.report.tracking_code}`;
    await staff.agent.post(`${page}/jawaban`).type('form').send({ _csrf: await staff.csrf(), body: POOR }).expect(303);
    const saved = await staff.agent.get(page).expect(200);
    expect(saved.text).to.contain('data-testid="answer-check"').and.contain('Pemeriksaan jawaban');
    const lines = checklist(saved.text);
    expect(lines).to.have.length(11);
    expect(lines).to.include.members([
      'ok blanks: ✓ Isian templat (terpenuhi) Tidak ada isian templat yang tertinggal.',
      'warning contact: ! Kontak (peringatan) Belum ada kontak: sebutkan unit yang dapat dihubungi (misalnya “Bidang Bina Marga”) beserta nomor telepon atau alamat e-mailnya.',
    ]);
    expect(saved.text).to.contain('“akan segera ditindaklanjuti” → tuliskan apa yang akan dilakukan dan kapan');
    // The script that refills it as staff type, from the API.
    expect(saved.text).to.contain('src="/static/js/answer-check.js?v=').and.contain('data-check-api="/api/v1/staff/answer-check"');

    const draft = await t.database.db.selectFrom('messages').select(['id', 'version']).where('report_id', '=', r.report.id).executeTakeFirstOrThrow();
    await staff.agent.post(`${page}/jawaban`).type('form').send({ _csrf: await staff.csrf(), id: String(draft.id), version: String(draft.version), body: ANSWER }).expect(303);
    const good = await staff.agent.get(page).expect(200);
    expect(good.text).to.contain('Semua pemeriksaan terpenuhi.');
    expect(checklist(good.text).every((l) => l.startsWith('ok '))).to.equal(true);
  });

  it('asks the head on the report page to tick that they read the warnings, and refuses the approval otherwise', async () => {
    const { report, draft } = await submitted(POOR);
    const page = `/staf/laporan/${report.tracking_code}`;
    const shown = await head.agent.get(page).expect(200);
    expect(checklist(shown.text).filter((l) => l.startsWith('warning'))).to.have.length.greaterThan(3);
    expect(shown.text).to.contain('name="warningsRead"').and.contain('Saya sudah membaca peringatan ini');

    const refused = await head.agent.post(`${page}/jawaban/${draft.id}/setujui`).type('form').send({ _csrf: await head.csrf(), version: String(draft.version) }).expect(303);
    const notice = await head.agent.get(refused.headers.location!).expect(200);
    expect(notice.text).to.contain('Jawaban ini masih memiliki peringatan (Temuan, Alasan atau dasar aturan');
    expect(await statusOf(report.id)).to.equal('awaiting_approval');

    await head.agent.post(`${page}/jawaban/${draft.id}/setujui`).type('form').send({ _csrf: await head.csrf(), version: String(draft.version), warningsRead: '1' }).expect(303);
    expect(await statusOf(report.id)).to.equal('answered');
    const review = await t.database.db.selectFrom('answer_reviews').select('warnings_acknowledged').where('message_id', '=', draft.id).executeTakeFirstOrThrow();
    expect(review.warnings_acknowledged).to.include('contact');
  });

  it('shows each draft’s checklist in the inbox, and refuses an approval with warnings unread beside that draft (422)', async () => {
    const poor = await submitted(POOR);
    const good = await submitted(ANSWER);
    const inbox = await head.agent.get('/staf/persetujuan').expect(200);
    expect(inbox.text).to.contain(`id="check-${poor.draft.id}"`).and.contain(`id="check-${good.draft.id}"`);
    // Only the draft with warnings asks for the tick.
    expect(inbox.text).to.contain(`id="read-${poor.draft.id}"`).and.not.contain(`id="read-${good.draft.id}"`);

    const refused = await head.agent
      .post(`/staf/persetujuan/${poor.report.tracking_code}/${poor.draft.id}/setujui`)
      .type('form')
      .send({ _csrf: await head.csrf(), version: String(poor.draft.version) })
      .expect(422);
    expect(refused.text).to.contain('centang “Saya sudah membaca peringatan ini”').and.contain('aria-invalid="true"');
    await head.agent.post(`/staf/persetujuan/${good.report.tracking_code}/${good.draft.id}/setujui`).type('form').send({ _csrf: await head.csrf(), version: String(good.draft.version) }).expect(303);
    expect(await statusOf(good.report.id)).to.equal('answered');
    await head.agent
      .post(`/staf/persetujuan/${poor.report.tracking_code}/${poor.draft.id}/setujui`)
      .type('form')
      .send({ _csrf: await head.csrf(), version: String(poor.draft.version), warningsRead: '1' })
      .expect(303);
    expect(await statusOf(poor.report.id)).to.equal('answered');
  });

  it('asks once per draft with warnings on the bulk confirmation; an unticked one is not approved', async () => {
    const poor = await submitted(POOR);
    const poor2 = await submitted(POOR);
    const good = await submitted(ANSWER);
    const ids = [poor, poor2, good].map((d) => `${d.draft.id}:${d.draft.version}`);
    const confirm = await head.agent.post('/staf/persetujuan/setujui').type('form').send({ _csrf: await head.csrf(), ids }).expect(200);
    expect(confirm.text).to.contain(`id="read-${poor.draft.id}"`).and.contain(`id="read-${poor2.draft.id}"`).and.not.contain(`id="read-${good.draft.id}"`);
    await head.agent
      .post('/staf/persetujuan/setujui')
      .type('form')
      .send({ _csrf: await head.csrf(), ids, confirm: '1', warningsRead: String(poor.draft.id) })
      .expect(303);
    expect(await statusOf(poor.report.id)).to.equal('answered');
    expect(await statusOf(good.report.id)).to.equal('answered');
    expect(await statusOf(poor2.report.id)).to.equal('awaiting_approval');
    const notices = await head.agent.get('/staf/persetujuan').expect(200);
    expect(notices.text).to.contain('tidak disetujui. Jawaban ini masih memiliki peringatan');
  });

  it('shows the coordinator the checklist at validation', async () => {
    await setSetting(t.database.db, 'answerValidation', true, null);
    const { report, draft } = await submitted(POOR);
    await head.agent.post(`/staf/laporan/${report.tracking_code}/jawaban/${draft.id}/setujui`).type('form').send({ _csrf: await head.csrf(), version: String(draft.version), warningsRead: '1' }).expect(303);
    const coordinator = await loginAs(t, 'coordinator');
    const page = await coordinator.agent.get(`/staf/laporan/${report.tracking_code}`).expect(200);
    expect(page.text).to.contain('Validasi dan kirim ke pelapor').and.contain('data-testid="answer-check"');
    expect(checklist(page.text)).to.include('warning contact: ! Kontak (peringatan) Belum ada kontak: sebutkan unit yang dapat dihubungi (misalnya “Bidang Bina Marga”) beserta nomor telepon atau alamat e-mailnya.');
  });
});
