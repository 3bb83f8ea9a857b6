import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { startMailIntake } from '../src/mailin/mailbox.js';
import { prepareDatabase } from '../src/prepare.js';
import { startDovecot } from '../test/helpers/dovecot.js';
import { citizenAddress, composeMail } from '../test/mailin/helpers.js';
import { withScratchDatabase } from './scratch.js';

/**
 * Mail intake against a real Dovecot on loopback, on the embedded database (and the server
 * from DATABASE_URL when set): mails processed per minute from a full mailbox, and the
 * delay from a mail's arrival to its report existing, with IDLE (target: under 5 s).
 */
const BATCH = 200;
const SINGLES = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(label: string, databaseUrl: string | undefined): Promise<void> {
  const imap = await startDovecot();
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-bench-mailin-'));
  const database = await openDatabase({ databaseUrl, dataDir: '', inMemory: !databaseUrl, poolMax: 5 });
  try {
    await prepareDatabase(database.db, () => undefined);
    const config = loadConfig({
      NODE_ENV: 'test', LOG_LEVEL: 'silent', IMAP_URL: imap.url, IMAP_POLL_MS: '60000', UPLOAD_DIR: uploadDir,
      MAIL_INTAKE_ADDRESS: 'pengaduan@patikab.go.id', MAIL_SENDER_LIMIT_PER_HOUR: '10000', DUPLICATE_WINDOW_MINUTES: '0',
    });
    const text = 'Jalan di depan balai desa berlubang besar dan tergenang air setiap hujan turun.\n\nPada Sen, 23 Nov 2026 menulis:\n> kutipan lama';
    for (let i = 0; i < BATCH; i++) {
      await imap.append(await composeMail({ from: `Warga ${i} <${citizenAddress()}>`, to: 'pengaduan@patikab.go.id', subject: `Jalan rusak nomor ${i}`, text }));
    }
    const reader = startMailIntake({ db: database.db, config, logger: createLogger('silent'), watch: false });
    const t0 = performance.now();
    const handled = await reader.runOnce();
    const seconds = (performance.now() - t0) / 1000;
    console.log(`${label}: ${handled} mails in ${seconds.toFixed(1)} s = ${Math.round((handled / seconds) * 60)} mails/min (parse, report, acknowledgement, move)`);

    const watcher = startMailIntake({ db: database.db, config, logger: createLogger('silent') });
    await new Promise((r) => setTimeout(r, 1000));
    const delays: number[] = [];
    for (let i = 0; i < SINGLES; i++) {
      const from = citizenAddress('idle');
      const mail = await composeMail({ from, to: 'pengaduan@patikab.go.id', subject: `Lampu mati ${i}`, text });
      const start = performance.now();
      await imap.append(mail);
      for (;;) {
        const found = await database.db.selectFrom('reports').select('id').where('reporter_email', '=', from).executeTakeFirst();
        if (found) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      delays.push(performance.now() - start);
    }
    await watcher.stop();
    delays.sort((a, b) => a - b);
    console.log(`${label}: arrival to report with IDLE over ${SINGLES} mails: p50 ${Math.round(percentile(delays, 50))} ms, p95 ${Math.round(percentile(delays, 95))} ms, max ${Math.round(delays.at(-1)!)} ms`);
  } finally {
    await database.close();
    await imap.stop();
    fs.rmSync(uploadDir, { recursive: true, force: true });
  }
}

export async function benchMailIntake(): Promise<void> {
  console.log('\nMail intake');
  await run('embedded', undefined);
  const server = process.env.DATABASE_URL;
  if (server) await withScratchDatabase(server, 'epengaduan_bench_mailin', (url) => run('server', url));
}
