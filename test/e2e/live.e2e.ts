import { expect } from 'chai';
import type { Page } from 'playwright-core';
import supertest from 'supertest';
import { createUser } from '../../src/users/commands/createUser.js';
import { uniqueEmail } from '../helpers/app.js';
import { buildReport } from '../helpers/reports.js';
import { type E2E, PHONE, signIn, startE2E } from './helpers.js';

/**
 * The notice on staff pages (public/js/live.js) that the queue or the report changed,
 * from the socket server's messages (notify/live), which carry the changes of a moment
 * together.
 */
describe('live notices on staff pages in a browser (360x740)', function () {
  this.timeout(120_000);
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(async () => {
    await e?.close();
  });

  async function coordinatorPage(): Promise<Page> {
    const c = await createUser(e.t.database.db, { email: uniqueEmail('koordinator'), name: 'Koordinator', role: 'coordinator', agencyId: null });
    const page = await (await e.browser.newContext({ ...PHONE })).newPage();
    await signIn(e, page, c.user, c.password);
    // Off the page signing in landed on, so the only socket is the next page's.
    await page.goto('about:blank');
    return page;
  }

  interface PageSocket {
    /** Resolves when a message from the server names `text`. */
    received(text: string): Promise<void>;
  }

  /** Resolves with the page's socket once the server admitted it to its rooms (socket.io's CONNECT packet, "40"). */
  function socketAdmitted(page: Page): Promise<PageSocket> {
    return new Promise((resolve) => {
      page.on('websocket', (ws) => {
        const frames: string[] = [];
        const waiting: { text: string; done: () => void }[] = [];
        ws.on('framereceived', (f) => {
          const frame = String(f.payload);
          frames.push(frame);
          for (const w of waiting.filter((w) => frame.includes(w.text))) w.done();
          if (frame.startsWith('40')) {
            resolve({
              received: (text) =>
                frames.some((seen) => seen.includes(text)) ? Promise.resolve() : new Promise<void>((done) => waiting.push({ text, done })),
            });
          }
        });
      });
    });
  }

  it('tells a coordinator on the verification queue that a report came in; the button shows it', async () => {
    const page = await coordinatorPage();
    const admitted = socketAdmitted(page);
    // The queue searched for a village no report names yet: the new report is its only row,
    // wherever the queue's order would put it among the others.
    await page.goto(`${e.baseUrl}/staf/verifikasi?q=Karangwetan`);
    await admitted;
    const notice = page.locator('#live-notice');
    expect(await notice.isHidden()).to.equal(true);
    const title = 'Pohon tumbang menutup jalan desa Karangwetan';
    expect(await page.locator('main').innerText()).to.not.include(title);
    await buildReport(e.t, { title });
    await notice.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await notice.innerText()).to.match(/\S/);
    await Promise.all([page.waitForEvent('load'), notice.getByRole('button').click()]);
    expect(await page.locator('main').innerText()).to.include(title);
  });

  it("on a report's page, tells of a change to that report only", async () => {
    const watched = await buildReport(e.t, { title: 'Saluran air tersumbat di pasar' });
    const page = await coordinatorPage();
    const admitted = socketAdmitted(page);
    await page.goto(`${e.baseUrl}/staf/laporan/${watched.report.tracking_code}`);
    const socket = await admitted;
    const notice = page.locator('#live-notice');

    // Another report: its change reaches the socket, and the page says nothing.
    const other = await buildReport(e.t, { title: 'Lampu jalan padam di alun-alun' });
    await socket.received(other.report.tracking_code);
    expect(await notice.isHidden()).to.equal(true);

    // Another coordinator forwards the watched report: the page says so.
    const email = uniqueEmail('koordinator2');
    const { password } = await createUser(e.t.database.db, { email, name: 'Koordinator dua', role: 'coordinator', agencyId: null });
    const agent = supertest.agent(e.baseUrl);
    const login = await agent.post('/api/v1/session').send({ email, password }).expect(200);
    await agent
      .post(`/api/v1/staff/reports/${watched.report.tracking_code}/actions`)
      .set('X-CSRF-Token', login.body.csrfToken as string)
      .send({ action: 'forward', agency: 'dpupr' })
      .expect(200);
    await notice.waitFor({ state: 'visible', timeout: 10_000 });
  });
});
