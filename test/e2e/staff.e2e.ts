import { expect } from 'chai';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { createUser } from '../../src/users/commands/createUser.js';
import { agencyId, uniqueEmail } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { axeProblems, type E2E, PHONE, startE2E } from './helpers.js';

const DESKTOP = { viewport: { width: 1280, height: 800 } };

/**
 * Issue 19 on the staff pages, in Chromium: buttons that look like what they do, a
 * destructive action that asks first (also without JavaScript), a refused form that opens
 * where the error is, the supporting OPD on a phone, the code box in the header, the way
 * back for every role, the OPD queue's urgent-first order, and bulk forwarding.
 */
describe('staff pages in the browser (issue 19)', function () {
  this.timeout(120_000);
  let e: E2E;
  let people: Record<'coordinator' | 'staff' | 'head', { email: string; password: string }>;
  let dpupr: number;

  async function signIn(who: keyof typeof people, options: BrowserContextOptions = PHONE): Promise<Page> {
    const context = await e.browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${e.baseUrl}/masuk`);
    await page.getByLabel('Alamat e-mail').fill(people[who].email);
    await page.getByLabel('Kata sandi').fill(people[who].password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL((url) => url.pathname !== '/masuk');
    return page;
  }

  const hyphen = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

  before(async () => {
    e = await startE2E();
    const db = e.t.database.db;
    dpupr = await agencyId(e.t.database, 'dpupr');
    const make = async (role: 'coordinator' | 'agency_staff' | 'agency_head', name: string) => {
      const { user, password } = await createUser(db, { email: uniqueEmail(role), name, role, agencyId: role === 'coordinator' ? null : dpupr });
      return { email: user.email, password };
    };
    people = { coordinator: await make('coordinator', 'Koordinator Uji'), staff: await make('agency_staff', 'Staf PU'), head: await make('agency_head', 'Kepala PU') };
  });
  after(async () => {
    await e?.close();
  });

  it('primary, secondary and danger buttons look different; a summary keeps its marker', async () => {
    const r = await buildReport(e.t, { title: 'Lampu jalan padam di depan SD Negeri 2' });
    const page = await signIn('coordinator', DESKTOP);
    await page.goto(`${e.baseUrl}/staf/laporan/${r.report.tracking_code}`);
    // The buttons of closed sections are styled all the same.
    const style = (selector: string, property: string) => page.evaluate(`getComputedStyle(document.querySelector('${selector}')).${property}`);
    const background = (section: string) => style(`#act-${section} button[type="submit"]`, 'backgroundColor');
    const forward = await background('forward');
    const ask = await background('request_info');
    const reject = await background('reject');
    expect(forward).to.equal('rgb(11, 83, 148)');
    expect(ask).to.equal('rgb(255, 255, 255)');
    expect(reject).to.equal('rgb(153, 27, 27)');
    const marker = await style('details.action > summary', 'display');
    expect(marker).to.equal('list-item');
    expect(await axeProblems(page)).to.deep.equal([]);
    // The confirmation page and the queue with its bulk form pass axe too.
    await page.locator('#act-reject > summary').click();
    await page.getByLabel('Alasan', { exact: true }).selectOption('unclear');
    await page.getByRole('button', { name: 'Tolak', exact: true }).click();
    await page.getByRole('button', { name: 'Ya, tolak laporan' }).waitFor();
    expect(await style('form.actions button[type="submit"]', 'backgroundColor')).to.equal('rgb(153, 27, 27)');
    expect(await axeProblems(page)).to.deep.equal([]);
    await page.goto(`${e.baseUrl}/staf/verifikasi`);
    expect(await axeProblems(page)).to.deep.equal([]);
    await page.context().close();
  });

  it('rejects only after a second step that works without JavaScript; the error opens its own section', async () => {
    const r = await buildReport(e.t, { title: 'Promo pinjaman tanpa agunan hubungi kami', reporter: { name: 'Budi', email: 'budi.e2e@example.com', phone: null, nik: null } });
    const page = await signIn('coordinator', { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${e.baseUrl}/staf/laporan/${r.report.tracking_code}`);
    await page.locator('#act-reject > summary').click();
    // No default reason: sending without one is refused, and the reject section comes back open.
    // No choice: the browser itself asks for one (the select is required).
    expect(await page.evaluate(`(s => s.required && s.value === '')(document.querySelector('#f-reject-reason'))`)).to.equal(true);
    // "Not our authority" needs a note for the citizen: refused by the server, the section comes back open.
    await page.getByLabel('Alasan', { exact: true }).selectOption('not_government');
    await page.getByRole('button', { name: 'Tolak', exact: true }).click();
    await page.getByRole('link', { name: 'Catatan untuk pelapor wajib diisi.' }).waitFor();
    expect(await page.locator('#act-reject').getAttribute('open')).to.equal('');
    expect(await page.locator('#f-reject-note').isVisible()).to.equal(true);
    expect(await page.locator('#f-reject-reason').inputValue()).to.equal('not_government');
    expect(await page.locator('#act-request_info').getAttribute('open')).to.equal(null);
    await page.getByLabel('Alasan', { exact: true }).selectOption('spam');
    await page.getByRole('button', { name: 'Tolak', exact: true }).click();
    await page.getByRole('heading', { name: `Tolak laporan ${hyphen(r.report.tracking_code)}?` }).waitFor();
    expect(await page.getByTestId('confirm-consequences').textContent()).to.contain('Spam / iklan');
    // "Batal" goes back and changes nothing.
    await page.getByRole('link', { name: 'Batal, kembali' }).click();
    expect(await page.getByTestId('status').textContent()).to.equal('Menunggu verifikasi');
    await page.locator('#act-reject > summary').click();
    await page.getByLabel('Alasan', { exact: true }).selectOption('spam');
    await page.getByRole('button', { name: 'Tolak', exact: true }).click();
    await page.getByRole('button', { name: 'Ya, tolak laporan' }).click();
    await page.getByText('Ditolak.', { exact: true }).waitFor();
    expect(await page.getByTestId('status').textContent()).to.equal('Ditolak');
    // Closed: nothing to verify, reject or merge any more.
    expect(await page.getByRole('button', { name: 'Verifikasi dan teruskan' }).count()).to.equal(0);
    expect(await page.getByRole('button', { name: 'Tolak', exact: true }).count()).to.equal(0);
    await page.context().close();
  });

  it('forwards with supporting OPD ticked on a phone, and says where it went', async () => {
    const r = await buildReport(e.t, { title: 'Saluran air tersumbat di Jalan Kartini' });
    const page = await signIn('coordinator');
    await page.goto(`${e.baseUrl}/staf/laporan/${r.report.tracking_code}`);
    await page.getByLabel('OPD penanggung jawab').selectOption({ label: 'Dinas Pekerjaan Umum dan Penataan Ruang' });
    await page.locator('.check-group > summary', { hasText: 'Badan' }).click();
    await page.getByLabel('Badan Penanggulangan Bencana Daerah').check();
    await page.locator('.check-group > summary', { hasText: 'Dinas' }).first().click();
    await page.getByLabel('Dinas Lingkungan Hidup').check();
    // The page is no wider than the phone.
    expect(await (page.evaluate('document.documentElement.scrollWidth') as Promise<number>)).to.be.at.most(360);
    await page.getByRole('button', { name: 'Verifikasi dan teruskan' }).click();
    await page.getByText('Diteruskan ke DPUPR.').waitFor();
    const supporting = await page.locator('dl.facts').textContent();
    expect(supporting).to.contain('Badan Penanggulangan Bencana Daerah').and.contain('Dinas Lingkungan Hidup');
    await page.context().close();
  });

  it('OPD staff and the head: the way back is their own queue, the header box finds a code, overdue first', async () => {
    const db = e.t.database.db;
    // An OPD of its own: other browser tests' reports do not share its queue.
    const disarpus = await agencyId(e.t.database, 'disarpus');
    for (const [key, role] of [['staff', 'agency_staff'], ['head', 'agency_head']] as const) {
      const { user, password } = await createUser(db, { email: uniqueEmail(role), name: `Arsip ${role}`, role, agencyId: disarpus });
      people[key] = { email: user.email, password };
    }
    const mine = await buildReport(e.t, { title: 'Arsip desa rusak terkena banjir' });
    const late = await buildReport(e.t, { title: 'Perpustakaan keliling tidak datang' });
    await advanceTo(db, mine.report.id, 'assigned');
    await advanceTo(db, late.report.id, 'in_progress');
    await db.updateTable('reports').set({ assigned_agency_id: disarpus }).where('id', 'in', [mine.report.id, late.report.id]).execute();
    await db.updateTable('reports').set({ response_due_at: new Date(Date.now() - 3_600_000) }).where('id', '=', late.report.id).execute();
    for (const who of ['staff', 'head'] as const) {
      const page = await signIn(who);
      await page.goto(`${e.baseUrl}/staf`);
      const first = page.locator('[data-testid="opd-queue"] > li').first();
      expect(await first.locator('strong').textContent()).to.equal('Perpustakaan keliling tidak datang');
      expect(await first.textContent()).to.contain('Lewat batas');
      // The code as the citizen reads it over the phone: lower case, no hyphen.
      await page.getByRole('searchbox', { name: 'Kode laporan' }).first().fill(mine.report.tracking_code.toLowerCase());
      await page.getByRole('button', { name: 'Buka', exact: true }).click();
      await page.waitForURL(`${e.baseUrl}/staf/laporan/${mine.report.tracking_code}`);
      expect(await page.getByTestId('code').textContent()).to.equal(hyphen(mine.report.tracking_code));
      const res = await Promise.all([page.waitForResponse((x) => x.url().endsWith('/staf')), page.getByTestId('back').click()]);
      expect(res[0].status()).to.equal(200);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Antrean OPD');
      // A code of no report of theirs: "not found", not 403.
      await page.getByRole('searchbox', { name: 'Kode laporan' }).first().fill('2222-2222');
      await page.getByRole('button', { name: 'Buka', exact: true }).click();
      expect(await page.getByTestId('find-message').textContent()).to.contain('Tidak ada laporan dengan kode 2222-2222');
      expect(await axeProblems(page)).to.deep.equal([]);
      await page.context().close();
    }
  });

  it('forwards several reports from the queue with one confirmation and a result per report', async () => {
    const w = `massal${Date.now()}`;
    const a = await buildReport(e.t, { title: `Pohon tumbang di Jalan Diponegoro ${w}` });
    const b = await buildReport(e.t, { title: `Pohon tumbang di Jalan Sudirman ${w}` });
    const page = await signIn('coordinator', { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${e.baseUrl}/staf/verifikasi?q=${w}`);
    await page.getByRole('checkbox', { name: a.report.title }).check();
    await page.getByRole('checkbox', { name: b.report.title }).check();
    await page.locator('#f-bulk-agency').selectOption({ label: 'Dinas Lingkungan Hidup' });
    await page.getByRole('button', { name: 'Teruskan yang dipilih' }).click();
    await page.getByRole('heading', { name: 'Teruskan 2 laporan ke DLH?' }).waitFor();
    await page.getByRole('button', { name: 'Ya, teruskan 2 laporan' }).click();
    await page.getByText('2 laporan diteruskan ke DLH').waitFor();
    expect(await page.getByRole('checkbox', { name: a.report.title }).count()).to.equal(0);
    await page.context().close();
  });
});
