import { expect } from 'chai';
import supertest from 'supertest';
import { transition } from '../../src/reports/commands/transition.js';
import { setSetting } from '../../src/settings/commands/setSetting.js';
import { agencyId, buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { ANSWER, staffApi } from './helpers.js';

const display = (c: string) => `${c.slice(0, 4)}-${c.slice(4)}`;

describe('answers: the Kepala OPD’s approval inbox /staf/persetujuan', () => {
  let t: TestApp;
  let head: SignedIn;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
  });
  beforeEach(async () => {
    // Each test starts with an empty inbox: earlier tests' drafts are returned to their authors.
    await t.database.db.updateTable('messages').set({ answer_status: 'returned' }).where('answer_status', '=', 'submitted').execute();
    head = await loginAs(t, 'agency_head', { agencyId: await agencyId(t.database, 'dpupr') });
  });
  afterEach(() => setSetting(t.database.db, 'answerValidation', false, null));

  /** A report of DPUPR with a submitted draft; returns the report, its draft and secret. */
  async function submitted(
    body = `Yth. {nama_pelapor},\n${ANSWER}`,
    reporter: { name: string; email: string | null; phone: null; nik: null } = { name: 'Siti Aminah', email: 'siti.inbox@example.com', phone: null, nik: null },
  ) {
    const r = await buildReport(t, { reporter });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const staff = await staffApi(t, 'agency_staff');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    return { ...r, draft: draft as { id: number; version: number }, staff, base };
  }
  const statusOf = async (id: number) => (await t.database.db.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('is the head’s alone, and lists only their OPD’s drafts, each as the citizen will read it, with a count in the menu', async () => {
    for (const role of ['agency_staff', 'coordinator', 'leader', 'admin'] as const) {
      const s = await loginAs(t, role);
      await s.agent.get('/staf/persetujuan').expect(403);
      expect((await s.agent.get('/akun/sandi').expect(200)).text).to.not.contain('href="/staf/persetujuan"');
    }
    expect((await supertest(t.app).get('/staf/persetujuan').expect(303)).headers.location).to.match(/^\/masuk/);

    const empty = await head.agent.get('/staf/persetujuan').expect(200);
    expect(empty.text).to.contain('Tidak ada draf yang menunggu persetujuan Anda.');
    expect(empty.text).to.not.contain('data-testid="nav-count"');

    const a = await submitted();
    const merged = await buildReport(t, { reporter: { name: 'Budi', email: 'budi.inbox@example.com', phone: null, nik: null } });
    await transition(t.database.db, { reportId: merged.report.id, action: 'merge', actor: { kind: 'staff' }, visibility: 'public', set: { merged_into_id: a.report.id } });
    const b = await submitted('Yth. Bapak/Ibu,\nLampu sudah diganti pada 21 November oleh UPT PJU; hubungi UPT PJU di 0295-381234.', { name: 'Tanpa Surel', email: null, phone: null, nik: null });
    // Another OPD's draft is not this head's.
    const dinkesStaff = await staffApi(t, 'agency_staff', 'dinkes');
    const other = await buildReport(t);
    await advanceTo(t.database.db, other.report.id, 'in_progress');
    const dinkes = await agencyId(t.database, 'dinkes');
    await t.database.db.updateTable('reports').set({ assigned_agency_id: dinkes }).where('id', '=', other.report.id).execute();
    const { body: otherDraft } = await dinkesStaff.post(`/api/v1/staff/reports/${other.report.tracking_code}/answers`, { body: 'Jawaban Dinas Kesehatan yang cukup panjang.' }).expect(201);
    await dinkesStaff.post(`/api/v1/staff/reports/${other.report.tracking_code}/answers/${otherDraft.id}/submit`).expect(200);

    const page = await head.agent.get('/staf/persetujuan').expect(200);
    expect(page.text).to.contain(display(a.report.tracking_code)).and.contain(display(b.report.tracking_code));
    expect(page.text).to.not.contain(display(other.report.tracking_code));
    expect(page.text).to.contain('2 draf menunggu persetujuan');
    expect(page.text).to.match(/<span class="nav-count" aria-hidden="true" data-testid="nav-count">2<\/span><span class="visually-hidden"> \(2 draf menunggu\)<\/span>/);
    expect(page.text).to.contain('href="/staf/persetujuan" aria-current="page"');
    // As mailed: the subject, the frame and the answer; as on the tracking page; the merged reporter is told too.
    expect(page.text).to.contain(`Subjek: Jawaban atas laporan ${display(a.report.tracking_code)}`);
    expect(page.text).to.contain('Berikut jawaban Dinas Pekerjaan Umum').and.contain('Tim UPT sudah meninjau lokasi');
    expect(page.text).to.contain('Juga dikirim kepada 1 pelapor laporan yang digabung');
    expect(page.text).to.contain('Pelapor tidak memberikan alamat e-mail');
    expect(page.text).to.contain('Di halaman pelacakan').and.contain('Yth. Bapak/Ibu,');
    // The menu counts on every page, e.g. the OPD queue.
    expect((await head.agent.get('/staf').expect(200)).text).to.contain('data-testid="nav-count">2<');
  });

  it('approves or returns one draft from the list, saying what happened', async () => {
    const a = await submitted();
    const b = await submitted();
    const approved = await head.agent
      .post(`/staf/persetujuan/${a.report.tracking_code}/${a.draft.id}/setujui`)
      .type('form')
      .send({ _csrf: await head.csrf(), version: String(a.draft.version) })
      .expect(303);
    expect(approved.headers.location).to.equal('/staf/persetujuan');
    expect(await statusOf(a.report.id)).to.equal('answered');
    let page = await head.agent.get('/staf/persetujuan').expect(200);
    expect(page.text).to.contain(`${display(a.report.tracking_code)} “${a.report.title}”: Jawaban disetujui dan dikirim ke pelapor.`);

    // A return needs a comment: refused beside that draft's field, what was typed kept.
    const refused = await head.agent.post(`/staf/persetujuan/${b.report.tracking_code}/${b.draft.id}/kembalikan`).type('form').send({ _csrf: await head.csrf(), comment: ' ' }).expect(422);
    expect(refused.text).to.contain(`id="comment-${b.draft.id}-error"`).and.contain('aria-invalid="true"');
    expect(await statusOf(b.report.id)).to.equal('awaiting_approval');
    await head.agent
      .post(`/staf/persetujuan/${b.report.tracking_code}/${b.draft.id}/kembalikan`)
      .type('form')
      .send({ _csrf: await head.csrf(), comment: 'Sebutkan tanggal perbaikan.' })
      .expect(303);
    expect(await statusOf(b.report.id)).to.equal('in_progress');
    page = await head.agent.get('/staf/persetujuan').expect(200);
    expect(page.text).to.contain('Draf dikembalikan ke penyusun dengan catatan Anda.');
  });

  it('refuses a text changed since the head read it, and offers no approval for a draft with blanks', async () => {
    const a = await submitted();
    const stale = await head.agent
      .post(`/staf/persetujuan/${a.report.tracking_code}/${a.draft.id}/setujui`)
      .type('form')
      .send({ _csrf: await head.csrf(), version: String(a.draft.version - 1 || 99) })
      .expect(409);
    expect(stale.text).to.contain('Draf ini sudah berubah sejak Anda membukanya.');
    expect(await statusOf(a.report.id)).to.equal('awaiting_approval');

    const blanked = await submitted();
    await t.database.db.updateTable('messages').set({ body: 'Yth. {nama_pelapor}, kami menemukan bahwa ... dan akan memperbaikinya.' }).where('id', '=', blanked.draft.id).execute();
    const page = await head.agent.get('/staf/persetujuan').expect(200);
    expect(page.text).to.contain('data-testid="blanks"').and.contain('“...” di baris 1');
    expect(page.text).to.not.contain(`/staf/persetujuan/${blanked.report.tracking_code}/${blanked.draft.id}/setujui`);
    expect(page.text).to.not.contain(`value="${blanked.draft.id}:`);
    expect(page.text).to.contain(`/staf/persetujuan/${blanked.report.tracking_code}/${blanked.draft.id}/kembalikan`);
    // Sent anyway, the server refuses it.
    await head.agent
      .post(`/staf/persetujuan/${blanked.report.tracking_code}/${blanked.draft.id}/setujui`)
      .type('form')
      .send({ _csrf: await head.csrf() })
      .expect(422);
  });

  it('approves several drafts after one confirmation, with a result for each', async () => {
    await setSetting(t.database.db, 'answerValidation', true, null);
    const a = await submitted();
    const b = await submitted();
    const c = await submitted();
    const page = await head.agent.get('/staf/persetujuan').expect(200);
    expect(page.text).to.contain('Setujui dan teruskan untuk validasi').and.contain('Setujui yang dipilih');
    const ids = [`${a.draft.id}:${a.draft.version}`, `${b.draft.id}:${b.draft.version}`, `${c.draft.id}:${c.draft.version}`, '999999:1'];

    // The first press asks once, listing what was chosen; nothing is approved yet.
    const confirm = await head.agent.post('/staf/persetujuan/setujui').type('form').send({ _csrf: await head.csrf(), ids }).expect(200);
    expect(confirm.text).to.contain('Setujui 3 jawaban?').and.contain('Ya, setujui 3 jawaban').and.contain('diteruskan ke Admin Koordinator');
    expect(confirm.text).to.contain(display(a.report.tracking_code)).and.contain(display(c.report.tracking_code));
    expect(await statusOf(a.report.id)).to.equal('awaiting_approval');
    expect((await t.database.db.selectFrom('messages').select('answer_status').where('id', '=', a.draft.id).executeTakeFirstOrThrow()).answer_status).to.equal('submitted');

    // Meanwhile c is returned by someone else: its approval is refused, the others go through.
    await a.staff.post(`${c.base}/${c.draft.id}/return`, { comment: 'x' }).expect(403);
    const otherHead = await staffApi(t, 'agency_head');
    await otherHead.post(`${c.base}/${c.draft.id}/return`, { comment: 'Tambahkan kontak UPT.' }).expect(200);
    await head.agent.post('/staf/persetujuan/setujui').type('form').send({ _csrf: await head.csrf(), ids, confirm: '1' }).expect(303);
    const result = await head.agent.get('/staf/persetujuan').expect(200);
    expect(result.text).to.contain(`${display(a.report.tracking_code)} “${a.report.title}”: Jawaban disetujui; menunggu validasi Admin Koordinator`);
    expect(result.text).to.contain(`${display(b.report.tracking_code)} “${b.report.title}”: Jawaban disetujui; menunggu validasi`);
    expect(result.text).to.contain('Draf #999999 tidak ditemukan atau tidak lagi menunggu persetujuan Anda.');
    expect(result.text).to.contain(`Draf #${c.draft.id} tidak ditemukan`);
    for (const [r, status] of [[a, 'approved'], [b, 'approved'], [c, 'returned']] as const) {
      expect((await t.database.db.selectFrom('messages').select('answer_status').where('id', '=', r.draft.id).executeTakeFirstOrThrow()).answer_status).to.equal(status);
    }

    // Nothing chosen: the list again, saying so.
    const none = await head.agent.post('/staf/persetujuan/setujui').type('form').send({ _csrf: await head.csrf() }).expect(422);
    expect(none.text).to.contain('Draf yang dipilih');
    // Without the CSRF token: refused.
    await head.agent.post('/staf/persetujuan/setujui').type('form').send({ ids, confirm: '1' }).expect(403);
  });
});
