import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { axeProblems, type E2E, PHONE, startE2E } from './helpers.js';

/**
 * A report written on a bad connection is never lost (issue 24): the draft kept on the
 * phone, a send made offline queued by the service worker and sent once when the
 * connection returns, photos made smaller before they travel, and what /lapor costs on a
 * first visit with all of it. E2E_SHOTS=/some/folder saves a screenshot of each state.
 */
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const SHOTS = process.env.E2E_SHOTS;
const BUDGET = 60 * 1024;

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  // The first screen: where the offer and the status line are.
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Keys in one of the form's IndexedDB stores, read in the page (this file has no DOM types). */
function idbKeys(page: Page, db: 'draft' | 'queue'): Promise<string[]> {
  return page.evaluate(`window.idbKeyval.keys(window.idbKeyval.createStore('epengaduan-${db}', '${db}'))`);
}

/** The page is served by the service worker (so a send can be queued). */
async function controlled(page: Page) {
  // A function, not a string: a string predicate is eval'ed in the page, which our CSP refuses.
  await page.waitForFunction(() => (globalThis as unknown as Browserish).navigator.serviceWorker?.controller != null);
}

/** The little of the DOM these predicates touch (this file is compiled without the DOM's types). */
interface Browserish {
  navigator: { serviceWorker?: { controller: unknown } };
  document: { getElementById(id: string): { files: { size: number }[] } | null };
}

/** How much wider than the screen the page is (0: no sideways scrolling). */
function sideways(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

async function fillReport(page: Page, title: string) {
  await page.getByLabel('Judul').fill(title);
  await page.getByLabel('Isi laporan').fill('Lampu penerangan jalan mati sepanjang dua ratus meter, pengendara motor sering terjatuh di malam hari.');
  await page.getByLabel('Nama').fill('Suparmi');
  await page.getByLabel('Saya menyatakan laporan ini benar').check();
}

describe('the report form on a bad connection (browser)', function () {
  this.timeout(120_000);
  let e: E2E;
  const contexts: BrowserContext[] = [];

  before(async () => {
    e = await startE2E();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await e?.close();
  });

  async function context(options: BrowserContextOptions, lang: 'id' | 'en' = 'id'): Promise<BrowserContext> {
    const c = await e.browser.newContext(options);
    contexts.push(c);
    if (process.env.E2E_DEBUG) {
      c.on('request', (r) => { if (!r.url().includes('/static/')) console.log('req', r.method(), r.url(), r.serviceWorker() ? 'SW' : ''); });
      c.on('response', (r) => { if (!r.url().includes('/static/')) console.log('res', r.status(), r.url()); });
      c.on('requestfailed', (r) => console.log('FAILED', r.url(), r.failure()?.errorText));
      c.on('console', (m) => console.log('console', m.text()));
    }
    if (lang === 'en') await c.addCookies([{ name: 'lang', value: 'en', url: e.baseUrl }]);
    return c;
  }

  const reportsTitled = async (title: string) =>
    e.t.database.db.selectFrom('reports').select(['id', 'tracking_code']).where('title', '=', title).execute();

  it('a draft survives a reload, is offered back with its key, and can be discarded', async () => {
    const page = await (await context(PHONE)).newPage();
    await page.goto(`${e.baseUrl}/lapor`);
    await controlled(page);
    await page.getByLabel('Judul').fill('Pohon tumbang menutup jalan Desa Tlogowungu');
    await page.getByLabel('Isi laporan').fill('Pohon besar tumbang sejak pagi dan menutup separuh jalan desa.');
    await page.getByText('Tersimpan di ponsel').waitFor();
    const key = await page.locator('input[name="idempotency_key"]').inputValue();
    expect(key).to.match(/^[0-9a-f-]{36}$/);
    await shot(page, 'lapor-saved-id-360');

    await page.reload();
    const offer = page.getByTestId('draft-offer');
    await offer.waitFor();
    expect(await page.getByLabel('Judul').inputValue(), 'nothing restored before the citizen chooses').to.equal('');
    expect(await axeProblems(page), 'axe on /lapor with the draft offer').to.deep.equal([]);
    expect(await sideways(page), 'the offer fits a 360 px phone').to.equal(0);
    await shot(page, 'lapor-offer-id-360');
    await page.getByRole('button', { name: 'Lanjutkan draf' }).click();
    expect(await page.getByLabel('Judul').inputValue()).to.equal('Pohon tumbang menutup jalan Desa Tlogowungu');
    expect(await page.getByLabel('Isi laporan').inputValue()).to.contain('separuh jalan desa');
    expect(await page.locator('input[name="idempotency_key"]').inputValue(), 'every send of one draft carries its key').to.equal(key);

    await page.reload();
    await page.getByRole('button', { name: 'Buang draf' }).click();
    await page.getByText('Draf dibuang dari ponsel ini.').waitFor();
    expect(await page.getByLabel('Judul').inputValue()).to.equal('');
    expect(await idbKeys(page, 'draft')).to.deep.equal([]);
    expect(await page.locator('input[name="idempotency_key"]').inputValue()).to.not.equal(key);
    await page.reload();
    expect(await page.getByTestId('draft-offer').count()).to.equal(0);
  });

  it('the offer and the status read right in English on a desktop', async () => {
    const page = await (await context(DESKTOP, 'en')).newPage();
    await page.goto(`${e.baseUrl}/lapor`);
    await controlled(page);
    await page.getByLabel('Title').fill('Broken street light on Jalan Kartini');
    await page.getByText('Saved on this phone').waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Continue draft' }).waitFor();
    expect(await page.getByTestId('draft-offer').innerText()).to.contain('There is an unsent report draft on this phone');
    await shot(page, 'lapor-offer-en-1280');
    await page.getByRole('button', { name: 'Discard draft' }).click();
    await page.getByText('The draft was removed from this phone.').waitFor();

    const phone = await (await context(PHONE, 'en')).newPage();
    await phone.goto(`${e.baseUrl}/lapor/antrean`);
    await phone.getByRole('heading', { name: 'Your report is waiting for a signal' }).waitFor();
    expect(await sideways(phone)).to.equal(0);
    await shot(phone, 'antrean-en-360');
  });

  it('a 12 MP photo leaves the phone upright, at most 1600 px and far smaller, and the draft is gone once sent', async () => {
    const page = await (await context(PHONE)).newPage();
    await page.goto(`${e.baseUrl}/lapor`);
    await controlled(page);
    // Noise, blurred: compresses like a photo, not like a flat colour.
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#777', noise: { type: 'gaussian', mean: 120, sigma: 40 } } })
      .blur(1.2)
      .jpeg({ quality: 92 })
      // Taken with the phone upright: stored 4000x3000, shown 3000x4000 (EXIF orientation 6).
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const title = 'Jalan berlubang besar di depan Pasar Kayen';
    await fillReport(page, title);
    await page.getByLabel('Lampiran').setInputFiles({ name: 'jalan.jpeg', mimeType: 'image/jpeg', buffer: big });
    await page.waitForFunction((limit) => {
      const file = (globalThis as unknown as Browserish).document.getElementById('f-files')?.files[0];
      return Boolean(file && file.size < limit);
    }, big.length);
    const sent = (await page.evaluate(`(async () => {
      const f = document.getElementById('f-files').files[0];
      const b = await createImageBitmap(f);
      return { name: f.name, type: f.type, size: f.size, width: b.width, height: b.height };
    })()`)) as { name: string; type: string; size: number; width: number; height: number };
    expect(sent).to.include({ name: 'jalan.jpg', type: 'image/jpeg', width: 1200, height: 1600 });
    expect(sent.size, `${sent.size} bytes sent instead of ${big.length}`).to.be.below(big.length / 4);
    await page.getByText('Tersimpan di ponsel').waitFor();
    expect(await idbKeys(page, 'draft')).to.deep.equal(['current']);

    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForURL('**/lapor/terkirim');
    const [report] = await reportsTitled(title);
    const photo = await e.t.database.db.selectFrom('attachments').select(['width', 'height', 'original_name']).where('report_id', '=', report!.id).executeTakeFirstOrThrow();
    // The server scales to 2560 px: 1600 is the browser's doing.
    expect(photo).to.deep.include({ width: 1200, height: 1600, original_name: 'jalan.jpg' });
    await page.goto(`${e.baseUrl}/lapor`);
    await controlled(page);
    expect(await idbKeys(page, 'draft'), 'nothing personal stays after sending').to.deep.equal([]);
    expect(await page.getByTestId('draft-offer').count()).to.equal(0);
  });

  it('sent offline: queued, shown offline in every tab, then sent exactly once with the same code in both tabs', async () => {
    const ctx = await context(PHONE);
    const page = await ctx.newPage();
    await page.goto(`${e.baseUrl}/lapor`);
    await controlled(page);
    const title = 'Saluran irigasi jebol di Desa Sukoharjo';
    await fillReport(page, title);
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a7' } }).jpeg().toBuffer();
    await page.getByLabel('Lampiran').setInputFiles({ name: 'irigasi.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByText('Tersimpan di ponsel').waitFor();
    const key = await page.locator('input[name="idempotency_key"]').inputValue();

    await ctx.setOffline(true);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForURL('**/lapor/antrean');
    await page.getByTestId('offline-status').getByText('Menunggu sinyal').waitFor();
    expect(await page.getByTestId('offline-queue').innerText()).to.contain(title);
    expect(await axeProblems(page), 'axe on the waiting page').to.deep.equal([]);
    expect(await sideways(page)).to.equal(0);
    await shot(page, 'antrean-waiting-id-360');
    expect(await idbKeys(page, 'queue')).to.deep.equal([key]);
    expect(await idbKeys(page, 'draft'), 'the queue holds it now, not the draft').to.deep.equal([]);

    // Offline, /lapor opens from the worker's cache and says what waits.
    await page.goto(`${e.baseUrl}/lapor`);
    await page.getByTestId('offline-status').getByText('Menunggu sinyal').waitFor();
    expect(await page.getByTestId('offline-queue').innerText()).to.contain(title);
    await shot(page, 'lapor-offline-waiting-id-360');
    const other = await ctx.newPage();
    await other.goto(`${e.baseUrl}/lapor`);
    await other.getByTestId('offline-queue').getByText(title).waitFor();
    expect(await reportsTitled(title)).to.have.length(0);

    await ctx.setOffline(false);
    const sentLine = (p: Page) => p.getByTestId('offline-status').getByText(/^Terkirim: kode [2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await sentLine(page).waitFor();
    await sentLine(other).waitFor();
    const code = (await sentLine(page).innerText()).replace('Terkirim: kode ', '');
    expect((await sentLine(other).innerText()).replace('Terkirim: kode ', '')).to.equal(code);
    await shot(other, 'lapor-sent-id-360');
    const made = await reportsTitled(title);
    expect(made, 'exactly one report').to.have.length(1);
    expect(made[0]!.tracking_code).to.equal(code.replace('-', ''));
    expect(await e.t.database.db.selectFrom('attachments').select('original_name').where('report_id', '=', made[0]!.id).execute()).to.deep.equal([
      { original_name: 'irigasi.jpg' },
    ]);
    expect(await idbKeys(page, 'queue')).to.deep.equal([]);
    expect(await idbKeys(page, 'draft')).to.deep.equal([]);
    // The link leads to the thank-you page of that report, with its secret.
    await other.getByRole('link', { name: 'Lihat kode dan kunci rahasia' }).click();
    await other.waitForURL('**/lapor/terkirim');
    expect(await other.getByTestId('tracking-code').innerText()).to.equal(code);
    // Going online again sends nothing more.
    await ctx.setOffline(true);
    await ctx.setOffline(false);
    await page.reload();
    expect(await reportsTitled(title)).to.have.length(1);
  });

  it('the page hears the connection come back before the worker can use it: the send is tried again and made once', async () => {
    const ctx = await context(PHONE);
    const page = await ctx.newPage();
    // Without Background Sync (as in Firefox and Safari), whose own retry would hide the worker's.
    const browserCdp = await e.browser.newBrowserCDPSession();
    const { targetInfos } = (await browserCdp.send('Target.getTargets')) as { targetInfos: { type: string; targetId: string; browserContextId?: string }[] };
    const pageTarget = (await (await ctx.newCDPSession(page)).send('Target.getTargetInfo')) as { targetInfo: { targetId: string } };
    const browserContextId = targetInfos.find((t) => t.targetId === pageTarget.targetInfo.targetId)?.browserContextId;
    await browserCdp.send('Browser.setPermission', { permission: { name: 'background-sync' }, setting: 'denied', origin: e.baseUrl, browserContextId });
    await browserCdp.detach();
    await page.goto(`${e.baseUrl}/lapor`);
    await controlled(page);
    const title = 'Gorong-gorong tersumbat di Jalan Merpati';
    await fillReport(page, title);
    await page.getByText('Tersimpan di ponsel').waitFor();
    await ctx.setOffline(true);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForURL('**/lapor/antrean');
    await page.getByTestId('offline-status').getByText('Menunggu sinyal').waitFor();

    // The page alone comes online: its `online` event asks the worker, whose network is
    // still down, so that first try fails (as when a radio wakes before it carries data).
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await page.waitForFunction(() => (globalThis as unknown as { navigator: { onLine: boolean } }).navigator.onLine);
    // Then the worker's network returns, with no further event in the page.
    await ctx.setOffline(false);
    await page.getByTestId('offline-status').getByText(/^Terkirim: kode /).waitFor({ timeout: 20_000 });
    expect(await reportsTitled(title)).to.have.length(1);
    expect(await idbKeys(page, 'queue')).to.deep.equal([]);
  });

  it('a queued report the server refuses as written comes back as the draft, with its photo, not lost', async () => {
    const ctx = await context(PHONE);
    const page = await ctx.newPage();
    await page.goto(`${e.baseUrl}/lapor`);
    await controlled(page);
    await fillReport(page, 'Got'); // too short: the server asks for 5 characters at least
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#a73' } }).jpeg().toBuffer();
    await page.getByLabel('Lampiran').setInputFiles({ name: 'got.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByText('Tersimpan di ponsel').waitFor();
    const key = await page.locator('input[name="idempotency_key"]').inputValue();
    await ctx.setOffline(true);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForURL('**/lapor/antrean');
    // Still offline, the citizen begins another report: it is the draft now.
    await page.goto(`${e.baseUrl}/lapor`);
    await page.getByLabel('Judul').fill('Sampah menumpuk di Pasar Puri');
    await page.getByText('Tersimpan di ponsel').waitFor();
    await ctx.setOffline(false);
    await page.getByTestId('offline-status').getByText('Laporan "Got" belum terkirim: ada isian yang perlu diperbaiki.', { exact: false }).waitFor();
    expect(await idbKeys(page, 'queue')).to.deep.equal([]);
    expect(await reportsTitled('Got')).to.have.length(0);

    // Neither is lost: the newer draft is offered first, the refused one once that is done with.
    await page.reload();
    await page.getByRole('button', { name: 'Lanjutkan draf' }).click();
    expect(await page.getByLabel('Judul').inputValue()).to.equal('Sampah menumpuk di Pasar Puri');
    await page.reload();
    await page.getByRole('button', { name: 'Buang draf' }).click();
    await page.getByText('Draf dibuang dari ponsel ini.').waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Lanjutkan draf' }).click();
    expect(await page.getByLabel('Judul').inputValue()).to.equal('Got');
    expect(await page.getByLabel('Nama').inputValue()).to.equal('Suparmi');
    expect(await page.getByLabel('Saya menyatakan laporan ini benar').isChecked()).to.equal(true);
    expect(await page.locator('input[name="idempotency_key"]').inputValue()).to.equal(key);
    expect(await page.evaluate(`Array.from(document.getElementById('f-files').files, (f) => f.name)`)).to.deep.equal(['got.jpg']);
    // Fixed and sent: one report, with the photo the draft kept.
    await page.getByLabel('Judul').fill('Got di Jalan Pemuda tersumbat sampah');
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForURL('**/lapor/terkirim');
    const [made] = await reportsTitled('Got di Jalan Pemuda tersumbat sampah');
    expect(await e.t.database.db.selectFrom('attachments').select('original_name').where('report_id', '=', made!.id).execute()).to.deep.equal([{ original_name: 'got.jpg' }]);
  });

  it('the same send repeated by hand with its idempotency key leads to the first report, not a second', async () => {
    const page = await (await context(DESKTOP)).newPage();
    await page.goto(`${e.baseUrl}/lapor`);
    await controlled(page);
    const title = 'Jembatan gantung di Desa Sambirejo goyang';
    await fillReport(page, title);
    const key = await page.locator('input[name="idempotency_key"]').inputValue();
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForURL('**/lapor/terkirim');
    const first = await page.getByTestId('tracking-code').innerText();
    const secret = await page.getByTestId('tracking-secret').innerText();

    // The same form again (a reply that never arrived, sent once more), under the same key.
    await page.goto(`${e.baseUrl}/lapor`);
    await fillReport(page, title);
    await page.evaluate(`document.querySelector('input[name="idempotency_key"]').value = ${JSON.stringify(key)}`);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForURL('**/lapor/terkirim');
    expect(await page.getByTestId('tracking-code').innerText()).to.equal(first);
    expect(await page.getByTestId('tracking-secret').innerText()).to.equal(secret);
    expect(await reportsTitled(title)).to.have.length(1);

    // Another report under that key is refused, and the form comes back with a new key,
    // which the draft takes: sent again, it is a report of its own.
    const other = 'Atap balai Desa Sambirejo bocor saat hujan';
    await page.goto(`${e.baseUrl}/lapor`);
    await fillReport(page, other);
    await page.evaluate(`document.querySelector('input[name="idempotency_key"]').value = ${JSON.stringify(key)}`);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.locator('[data-error-summary]').waitFor();
    const fresh = await page.locator('input[name="idempotency_key"]').inputValue();
    expect(fresh).to.match(/^[0-9a-f-]{36}$/).and.not.equal(key);
    await page.getByText('Tersimpan di ponsel').waitFor();
    await page.getByLabel('Saya menyatakan laporan ini benar').check();
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForURL('**/lapor/terkirim');
    expect(await page.getByTestId('tracking-code').innerText()).to.not.equal(first);
    expect(await reportsTitled(other)).to.have.length(1);
  });

  it('without a service worker, a send the network drops keeps the draft; sent again, the thank-you page removes it', async () => {
    // No worker at all (as in its very first second, or a browser without one).
    const ctx = await context({ ...PHONE, serviceWorkers: 'block' });
    const page = await ctx.newPage();
    const title = 'Lampu jalan mati di Jalan Kol. Sugiono tanpa pekerja';
    await page.goto(`${e.baseUrl}/lapor`);
    await fillReport(page, title);
    await page.getByText('Tersimpan di ponsel').waitFor();
    const key = await page.locator('input[name="idempotency_key"]').inputValue();
    await ctx.setOffline(true);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/lapor') || url.protocol === 'chrome-error:').catch(() => undefined);
    await ctx.setOffline(false);
    expect(await reportsTitled(title)).to.have.length(0);

    await page.goto(`${e.baseUrl}/lapor`);
    await page.getByRole('button', { name: 'Lanjutkan draf' }).click();
    expect(await page.getByLabel('Judul').inputValue(), 'the draft outlived the dropped send').to.equal(title);
    expect(await page.locator('input[name="idempotency_key"]').inputValue()).to.equal(key);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForURL('**/lapor/terkirim');
    const sent = await reportsTitled(title);
    expect(sent).to.have.length(1);
    // The page's script removes it as the page loads, and says when it is done.
    await page.locator('script[data-done]').waitFor({ state: 'attached' });
    expect(await idbKeys(page, 'draft'), 'the thank-you page removed the draft').to.deep.equal([]);
  });

  it(`a first visit to /lapor, with the service worker and what it caches, stays within ${BUDGET / 1024} KB`, async () => {
    // A server of its own on the same app: every byte it writes to the browser is counted,
    // compressed as served, headers included.
    const sockets: Socket[] = [];
    const server = http.createServer(e.t.app);
    server.on('connection', (s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ctx = await context(PHONE);
      const page = await ctx.newPage();
      await page.goto(`${base}/lapor`, { waitUntil: 'load' });
      await controlled(page);
      await ctx.close();
      const bytes = sockets.reduce((sum, s) => sum + s.bytesWritten, 0);
      console.log(`      /lapor first visit: ${(bytes / 1024).toFixed(1)} KB transferred (HTML, CSS, scripts, service worker and its cache)`);
      expect(bytes).to.be.at.most(BUDGET);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('the manifest names the app, starts at /lapor, has both icons and the theme colour', async () => {
    const page = await (await context(DESKTOP)).newPage();
    await page.goto(`${e.baseUrl}/lapor`);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).to.equal('#0b5394');
    const res = await page.request.get(`${e.baseUrl}${href}`);
    const manifest = (await res.json()) as { short_name: string; start_url: string; display: string; theme_color: string; icons: { src: string; sizes: string }[] };
    expect(manifest).to.deep.include({ short_name: 'e-Pengaduan', start_url: '/lapor', display: 'standalone', theme_color: '#0b5394' });
    for (const icon of manifest.icons) {
      const png = await page.request.get(`${e.baseUrl}${icon.src}`);
      expect(png.headers()['content-type']).to.equal('image/png');
      const meta = await sharp(await png.body()).metadata();
      expect(`${meta.width}x${meta.height}`).to.equal(icon.sizes);
    }
    expect(manifest.icons.map((i) => i.sizes)).to.deep.equal(['192x192', '512x512']);
  });
});
