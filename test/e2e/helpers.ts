import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { attachLive } from '../../src/notify/live/socket.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

/** Debian's Chromium; CHROMIUM_PATH overrides. Never a browser downloaded by a tool. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2E {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  uploadDir: string;
  close(): Promise<void>;
}

/** The real app on a loopback port (live updates included, as server.ts attaches them), and a headless Chromium to drive it. */
export async function startE2E(): Promise<E2E> {
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-e2e-'));
  const t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '1000' });
  const server = http.createServer(t.app);
  const live = attachLive(server, { db: t.database.db, session: t.app.locals.session, databaseUrl: t.database.url });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    uploadDir,
    async close() {
      await browser.close();
      await live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}

export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Serious and critical accessibility problems axe finds on the page, one line each. */
export async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Signs in through the real form, as a staff member would, and waits for the page their role lands on. */
export async function signIn(e: E2E, page: Page, user: { email: string }, password: string): Promise<void> {
  await page.goto(`${e.baseUrl}/masuk`);
  await page.getByLabel('Alamat e-mail').fill(user.email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => url.pathname !== '/masuk');
}
