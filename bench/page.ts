import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { prepareDatabase } from '../src/prepare.js';

/**
 * What /lapor costs a citizen on a cheap phone: bytes of HTML, CSS and JS (uncompressed
 * and as sent), and the time to first paint on a slow 3G profile in Chromium.
 */
const SLOW_3G = { latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };

export async function benchPage(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-bench-page-'));
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  const database = await openDatabase({ dataDir });
  await prepareDatabase(database.db);
  const server = http.createServer(createApp({ config, database, logger: createLogger('silent') }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sizes: Record<string, { raw: number; sent: number }> = {};
  // With the draft script, its IndexedDB library and the service worker, which caches /lapor/antrean (issue 24).
  for (const asset of ['/lapor', '/static/css/app.css', '/static/js/report-form.js', '/static/js/report-draft.js', '/static/vendor/idb-keyval.js', '/sw.js', '/lapor/antrean']) {
    const raw = (await (await fetch(base + asset, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer()).byteLength;
    const gz = await fetch(base + asset, { headers: { 'accept-encoding': 'gzip' } });
    // fetch decodes gzip; the wire size is what content-length or the body would have been.
    const sent = Number(gz.headers.get('content-length') ?? 0) || raw;
    sizes[asset] = { raw, sent };
  }
  const total = Object.values(sizes).reduce((a, s) => a + s.raw, 0);
  console.log(`/lapor bytes (HTML+CSS+JS, uncompressed): ${(total / 1024).toFixed(1)} KB`);
  for (const [asset, s] of Object.entries(sizes)) console.log(`  ${asset}: ${(s.raw / 1024).toFixed(1)} KB`);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const paints: number[] = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_3G });
    // A cheap phone's CPU, roughly: four times slower than this machine.
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${base}/lapor`, { waitUntil: 'load' });
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
    paints.push(fcp);
    await context.close();
  }
  await browser.close();
  paints.sort((a, b) => a - b);
  console.log(`/lapor first contentful paint on slow 3G (400 ms RTT, 400 kbit/s, CPU x4), median of 3: ${paints[1]!.toFixed(0)} ms`);
  server.closeAllConnections();
  server.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
