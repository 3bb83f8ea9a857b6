import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { saveDraft } from '../../src/answers/commands/saveDraft.js';
import { submitDraft } from '../../src/answers/commands/review.js';
import type { Report } from '../../src/db/schema.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { agencyId, uniqueEmail } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { resolvedCase } from '../portal/helpers.js';
import { axeProblems, type E2E, PHONE, signIn, startE2E } from './helpers.js';

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const display = (c: string) => `${c.slice(0, 4)}-${c.slice(4)}`;

describe('answers in a browser: blanks refused, the Kepala OPD’s inbox, publishing what is on the screen', function () {
  this.timeout(120_000);
  let e: E2E;
  const contexts: BrowserContext[] = [];
  before(async () => {
    e = await startE2E();
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await e?.close();
  });

  async function pageAs(role: 'agency_staff' | 'agency_head' | 'coordinator', options: object = PHONE, lang?: 'en'): Promise<Page> {
    const db = e.t.database.db;
    const agency = role === 'coordinator' ? null : await agencyId(e.t.database, 'dpupr');
    const { user, password } = await createUser(db, { email: uniqueEmail(role), name: `E2E ${role}`, role, agencyId: agency });
    const context = await e.browser.newContext({ ...options, locale: 'id-ID' });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(e, page, user, password);
    // The sign-in form is read in Indonesian; the pages after it in the language asked for.
    if (lang) await context.addCookies([{ name: 'lang', value: lang, url: e.baseUrl }]);
    return page;
  }

  /** A DPUPR report whose draft (written by staff through the same command as the page) awaits approval. */
  async function submitted(title: string, body: string): Promise<Report> {
    const db = e.t.database.db;
    const r = await buildReport(e.t, { title, reporter: { name: 'Warga Sukolilo', email: uniqueEmail('warga'), phone: null, nik: null } });
    await advanceTo(db, r.report.id, 'in_progress');
    const report = await db.selectFrom('reports').selectAll().where('id', '=', r.report.id).executeTakeFirstOrThrow();
    const actor = { kind: 'staff' as const, agencyId: report.assigned_agency_id };
    const draft = await saveDraft(db, { report, actor, body, plannedAt: null });
    await submitDraft(db, e.t.config, { report, id: draft.id, actor });
    return report;
  }

  it('staff cannot submit a template’s blanks; the head approves, returns and approves several from the inbox (360 px)', async () => {
    const db = e.t.database.db;
    const a = await buildReport(e.t, { title: 'Jalan berlubang di depan SD Sukolilo 2', reporter: { name: 'Siti Aminah', email: 'siti.e2e@example.com', phone: null, nik: null } });
    await advanceTo(db, a.report.id, 'in_progress');

    const staff = await pageAs('agency_staff');
    await staff.goto(`${e.baseUrl}/staf/laporan/${a.report.tracking_code}`);
    await staff.getByText('Mulai dari templat').click();
    await staff.getByLabel('Templat', { exact: true }).selectOption({ label: 'Akan ditindaklanjuti' });
    await staff.getByRole('button', { name: 'Gunakan templat ini' }).click();
    await staff.getByTestId('answer-blanks').waitFor();
    const editor = staff.getByLabel('Teks jawaban untuk pelapor');
    // The reporter's name stays a placeholder for staff.
    expect(await editor.inputValue()).to.contain('Yth. {nama_pelapor},').and.not.contain('Siti');
    await staff.getByRole('button', { name: 'Simpan dan ajukan ke Kepala OPD' }).click();
    await staff.getByText(/isian templat yang belum dilengkapi: “\.\.\.” di baris 3/).first().waitFor();
    expect((await db.selectFrom('reports').select('status').where('id', '=', a.report.id).executeTakeFirstOrThrow()).status).to.equal('in_progress');
    await staff.screenshot({ path: 'test/e2e/.shots/answer-blanks-refused.png', fullPage: true });

    // As staff type, the server's findings come back with the autosave.
    await editor.fill('Yth. {nama_pelapor},\n\nTim UPT Jalan sudah meninjau lokasi pada 20 November. Lubang akan ditambal paling lambat tanggal ....');
    await staff.locator('#autosave-blanks').getByText('“....” di baris 3').waitFor();
    // The checklist beside the editor follows the text as it is typed (answer-check.js, the API).
    await staff.locator('#answer-check li[data-rule="blanks"].check-blocking').getByText('“....” di baris 3').waitFor();
    await editor.fill('Yth. {nama_pelapor},\n\nTim UPT Jalan sudah meninjau lokasi pada 20 November. Lubang akan ditambal paling lambat 2 Desember; hubungi UPT Jalan Pati di 0295-381234.');
    await staff.locator('#autosave-blanks').waitFor({ state: 'hidden' });
    await staff.locator('#answer-check li[data-rule="blanks"].check-ok').waitFor();
    await staff.locator('#answer-check li[data-rule="contact"].check-ok').waitFor();
    await staff.locator('#answer-check li[data-rule="reason"].check-warning').waitFor();
    await staff.screenshot({ path: 'test/e2e/.shots/answer-checklist-live.png', fullPage: true });
    await staff.getByRole('button', { name: 'Simpan dan ajukan ke Kepala OPD' }).click();
    await staff.getByText('Draf diajukan ke Kepala OPD.').waitFor();

    const b = await submitted('Saluran tersumbat di Desa Kayen', 'Yth. {nama_pelapor},\nSaluran sudah kami bersihkan pada 21 November.');
    const c = await submitted('Lampu PJU mati di Jalan Pemuda', 'Yth. {nama_pelapor},\nLampu sudah diganti pada 22 November oleh UPT PJU.');
    const d = await submitted('Trotoar rusak di alun-alun', 'Yth. {nama_pelapor},\nTrotoar akan diperbaiki pada 1 Desember oleh UPT Jalan.');
    const blanked = await submitted('Pohon tumbang di Jalan Tondonegoro', 'Yth. {nama_pelapor},\nPohon sudah kami potong pada 20 November.');
    await db.updateTable('messages').set({ body: 'Yth. {nama_pelapor},\nKami menemukan bahwa ... dan akan menanganinya.' }).where('report_id', '=', blanked.id).where('kind', '=', 'answer').execute();

    const head = await pageAs('agency_head');
    await head.goto(`${e.baseUrl}/staf/persetujuan`);
    expect(await head.getByTestId('nav-count').textContent()).to.equal('5');
    expect(await head.getByTestId('approval').count()).to.equal(5);
    expect(await axeProblems(head), 'axe on /staf/persetujuan').to.deep.equal([]);
    const itemA = head.getByTestId('approval').filter({ hasText: display(a.report.tracking_code) });
    // As the citizen will read it: the name's place marked, the name never shown.
    expect(await itemA.getByTestId('mail-preview').textContent()).to.contain('Yth. nama pelapor,').and.contain('Lubang akan ditambal paling lambat 2 Desember');
    expect(await head.content()).to.not.contain('Siti Aminah');
    const itemBlank = head.getByTestId('approval').filter({ hasText: display(blanked.tracking_code) });
    expect(await itemBlank.getByTestId('blanks').textContent()).to.contain('“...” di baris 2');
    expect(await itemBlank.getByRole('button', { name: 'Setujui dan kirim ke pelapor' }).count()).to.equal(0);
    await head.screenshot({ path: 'test/e2e/.shots/approvals-phone.png', fullPage: true });

    // Its checker warnings read (no reason given, too short...), as the approval requires.
    await itemA.getByRole('checkbox', { name: 'Saya sudah membaca peringatan ini' }).check();
    await itemA.getByRole('button', { name: 'Setujui dan kirim ke pelapor' }).click();
    await head.getByText(`${display(a.report.tracking_code)} “${a.report.title}”: Jawaban disetujui dan dikirim ke pelapor.`).waitFor();
    const mail = await db.selectFrom('outbox').select('text_body').where('to_address', '=', 'siti.e2e@example.com').where('subject', 'like', 'Jawaban%').executeTakeFirstOrThrow();
    expect(mail.text_body).to.contain('Yth. Siti Aminah,').and.not.contain('Yth. Pelapor');

    const itemB = head.getByTestId('approval').filter({ hasText: display(b.tracking_code) });
    await itemB.getByText('Kembalikan dengan catatan').first().click();
    await itemB.getByLabel('Catatan untuk penyusun').fill('Sebutkan siapa yang dapat dihubungi.');
    await itemB.getByRole('button', { name: 'Kembalikan dengan catatan' }).click();
    await head.getByText('Draf dikembalikan ke penyusun dengan catatan Anda.').waitFor();

    // Several at once: ticked, one confirmation (a page of its own), a result for each.
    await head.getByTestId('approval').filter({ hasText: display(c.tracking_code) }).getByLabel('Pilih untuk disetujui sekaligus').check();
    await head.getByTestId('approval').filter({ hasText: display(d.tracking_code) }).getByLabel('Pilih untuk disetujui sekaligus').check();
    await head.getByRole('button', { name: 'Setujui yang dipilih' }).first().click();
    await head.getByRole('heading', { name: 'Setujui 2 jawaban?' }).waitFor();
    expect(await head.getByTestId('confirm-list').textContent()).to.contain(c.title).and.contain(d.title);
    // One "I read them" for each draft the checker warns about.
    for (const box of await head.getByLabel('Saya sudah membaca peringatan ini').all()) await box.check();
    await head.getByRole('button', { name: 'Ya, setujui 2 jawaban' }).click();
    await head.getByText(`${display(c.tracking_code)} “${c.title}”: Jawaban disetujui dan dikirim ke pelapor.`).waitFor();
    await head.getByText(`${display(d.tracking_code)} “${d.title}”: Jawaban disetujui dan dikirim ke pelapor.`).waitFor();
    expect(await head.getByTestId('nav-count').textContent()).to.equal('1');
    expect(await head.getByTestId('approval').count()).to.equal(1);
  });

  it('shows the inbox on a desktop, in English', async () => {
    await submitted('Jembatan kayu lapuk di Dukuh Krajan', 'Yth. {nama_pelapor},\nPapan jembatan yang lapuk diganti pada 3 Desember; hubungi UPT Jembatan di 0295-381234.');
    const head = await pageAs('agency_head', DESKTOP, 'en');
    await head.goto(`${e.baseUrl}/staf/persetujuan`);
    await head.getByRole('heading', { name: 'Answers to approve' }).waitFor();
    expect(await head.getByRole('link', { name: /Approvals/ }).textContent()).to.match(/Approvals\s*2/);
    expect(await head.getByText('E-mail to the reporter').count()).to.be.greaterThan(0);
    expect(await axeProblems(head), 'axe on /staf/persetujuan (en)').to.deep.equal([]);
    await head.screenshot({ path: 'test/e2e/.shots/approvals-desktop-en.png', fullPage: true });
  });

  it('“Terbitkan” publishes the title typed on the screen, keeps our codes, and warns before leaving unsaved edits', async () => {
    const coordinator = await pageAs('coordinator', DESKTOP);
    const userId = (await e.t.database.db.selectFrom('users').select('id').where('role', '=', 'coordinator').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    const c = await resolvedCase(e.t, {
      coordinatorId: userId,
      publish: false,
      input: { title: 'Truk H 1234 AB parkir di trotoar' },
      answer: 'Petugas Dishub telah menegur pemilik truk K 1234 XY pada 20 November; laporan serupa 95D4-K7XW juga ditangani.',
    });
    const path = `${e.baseUrl}/staf/publikasi/${c.report.tracking_code}`;
    await coordinator.goto(path);
    const answer = await coordinator.getByLabel('Jawaban (versi publik)').inputValue();
    expect(answer).to.contain('95D4-K7XW').and.contain('[nomor kendaraan disamarkan]').and.not.contain('K 1234 XY');
    await coordinator.getByLabel('Judul publik').fill('Truk parkir di trotoar Jalan Pemuda');
    await coordinator.getByRole('button', { name: 'Terbitkan' }).click();
    await coordinator.getByText('Kasus diterbitkan di portal publik.').waitFor();
    await coordinator.goto(`${e.baseUrl}/publik/${c.report.tracking_code}`);
    await coordinator.getByRole('heading', { name: 'Truk parkir di trotoar Jalan Pemuda' }).waitFor();

    // Unsaved edits: leaving asks first.
    const other = await resolvedCase(e.t, { coordinatorId: userId, publish: false });
    await coordinator.goto(`${e.baseUrl}/staf/publikasi/${other.report.tracking_code}`);
    await coordinator.getByLabel('Judul publik').fill('Judul yang belum disimpan');
    const asked = new Promise<string>((resolve) => coordinator.once('dialog', (dialog) => {
      resolve(dialog.type());
      void dialog.dismiss();
    }));
    await coordinator.close({ runBeforeUnload: true });
    expect(await asked).to.equal('beforeunload');
  });
});
