import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { setSetting } from '../../src/settings/commands/setSetting.js';
import { pdf, photo } from '../attachments/fixtures.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { type StaffApi, staffApi } from './helpers.js';

/** Handlebars' escaping undone, to compare a page's text with a mail's. */
function unescapeHtml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#x60': '`', '#x3D': '=' })[e]!);
}

/** The mail as the preview on a page shows it, the reporter's name where its mark stands. */
function previewedMail(html: string, name = ''): { subject: string; text: string } {
  const subject = /<p class="preview-subject">Subjek: ([^<]*)<\/p>/.exec(html)?.[1];
  const body = /<div class="mail-text" data-testid="mail-preview">([\s\S]*?)<\/div>/.exec(html)?.[1];
  if (subject === undefined || body === undefined) throw new Error('no mail preview on the page');
  return { subject: unescapeHtml(subject), text: unescapeHtml(body.replace(/<mark class="name-mark">[^<]*<\/mark>/g, name)) };
}

/** Item 2 of issue 21: before submitting, approving and validating, what the citizen will get. */
describe('answers: the preview of what the citizen will get, before each step', () => {
  let t: TestApp;
  let uploadDir: string;
  let staff: StaffApi;
  let head: StaffApi;
  let coordinator: StaffApi;
  before(async () => {
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'answer-preview-'));
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0', UPLOAD_DIR: uploadDir });
    staff = await staffApi(t, 'agency_staff');
    head = await staffApi(t, 'agency_head');
    coordinator = await staffApi(t, 'coordinator', null);
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));
  afterEach(() => setSetting(t.database.db, 'answerValidation', false, null));

  const BODY = 'Yth. {nama_pelapor},\nTim UPT sudah meninjau lokasi pada 20 November. Lubang akan ditambal pada 2 Desember; hubungi UPT Jalan Pati di 0295-381234 (“segera”).';
  const queued = (to: string) =>
    t.database.db.selectFrom('outbox').select(['subject', 'text_body']).where('to_address', '=', to).where('subject', 'like', 'Jawaban%').executeTakeFirstOrThrow();

  async function drafted(reporter: { name: string; anonymous: boolean }) {
    const email = `warga.${Math.random().toString(36).slice(2)}@example.com`;
    const r = await buildReport(t, { anonymous: reporter.anonymous, reporter: { name: reporter.name, email, phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body: BODY, plannedAt: '2026-12-20' }).expect(201);
    await staff.agent
      .post(`/staf/laporan/${r.report.tracking_code}/jawaban/${draft.id}/lampiran`)
      .field('_csrf', await staff.csrf())
      .attach('files', await photo('jpeg', 300, 200), { filename: 'sesudah.jpg' })
      .attach('files', pdf(), { filename: 'berita-acara.pdf' })
      .expect(303);
    return { ...r, email, base, draft: draft as { id: number }, page: `/staf/laporan/${r.report.tracking_code}` };
  }

  it('shows staff before submitting, and the head before approving, the mail exactly as it is then queued, with the files', async () => {
    const r = await drafted({ name: 'Siti Aminah', anonymous: false });
    const files = await t.database.db.selectFrom('attachments').select(['id', 'original_name']).where('message_id', '=', r.draft.id).orderBy('id').execute();

    const before = (await staff.agent.get(r.page).expect(200)).text;
    expect(before).to.contain('data-testid="answer-preview"');
    // The letter goes with the mail when it is sent: the preview says so.
    expect(before).to.contain('data-testid="letter-note"');
    const seenByStaff = previewedMail(before, 'Siti Aminah');
    expect(seenByStaff.text).to.contain('berita-acara.pdf').and.contain('sesudah.jpg');
    // Staff never see the reporter's name: its place is marked.
    expect(before).to.not.contain('Siti Aminah');
    // The tracking page's entry: the text as kept, the date, the files as the citizen's page lists them.
    expect(before).to.contain('data-testid="tracking-preview">Yth. Bapak/Ibu,');
    expect(before).to.contain(`<img src="/staf/lampiran/${files[0]!.id}/kecil"`).and.contain(`<a href="/staf/lampiran/${files[1]!.id}">berita-acara.pdf</a>`);

    await staff.post(`${r.base}/${r.draft.id}/submit`).expect(200);
    const seenByHead = previewedMail((await head.agent.get(r.page).expect(200)).text, 'Siti Aminah');
    expect(seenByHead).to.deep.equal(seenByStaff);
    const inbox = previewedMail((await head.agent.get('/staf/persetujuan').expect(200)).text.split(`id="d-${r.draft.id}"`)[1]!, 'Siti Aminah');
    expect(inbox).to.deep.equal(seenByStaff);

    await head.post(`${r.base}/${r.draft.id}/approve`, { warningsRead: true }).expect(200);
    const mail = await queued(r.email);
    expect({ subject: mail.subject, text: mail.text_body }).to.deep.equal(seenByStaff);
  });

  it('shows the coordinator before validating the mail that validation queues (an anonim reporter: no name anywhere)', async () => {
    await setSetting(t.database.db, 'answerValidation', true, null);
    const r = await drafted({ name: 'Nama Rahasia', anonymous: true });
    await staff.post(`${r.base}/${r.draft.id}/submit`).expect(200);
    await head.post(`${r.base}/${r.draft.id}/approve`, { warningsRead: true }).expect(200);
    const page = (await coordinator.agent.get(r.page).expect(200)).text;
    expect(page).to.contain('data-testid="answer-preview" open');
    expect(page).to.not.contain('name-mark').and.not.contain('Nama Rahasia');
    const seen = previewedMail(page);
    await coordinator.post(`${r.base}/${r.draft.id}/validate`).expect(200);
    const mail = await queued(r.email);
    expect({ subject: mail.subject, text: mail.text_body }).to.deep.equal(seen);
    expect(mail.text_body).to.contain('Yth. Bapak/Ibu,').and.not.contain('Nama Rahasia');
  });
});
