import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Db } from '../../src/db/database.js';
import { csrfFrom } from '../helpers/app.js';
import { runTs, type Spawned } from '../helpers/process.js';

/**
 * Shared by the fault tests: a real app process, citizens submitting through the web
 * form and the API as a browser and an integration would (fetch, cookies, CSRF), and the
 * checks that a report is whole.
 */

export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface RunningApp {
  proc: Spawned;
  base: string;
}

/** Starts src/server.ts and resolves once it listens. */
export async function startApp(env: Record<string, string | undefined>, timeoutMs = 90_000): Promise<RunningApp> {
  const proc = runTs('src/server.ts', {
    PORT: '0',
    SLA_SWEEP_MS: '0',
    REPORT_IP_LIMIT_PER_HOUR: '100000',
    ...env,
  });
  try {
    await proc.waitFor(/e-Pengaduan is ready/, timeoutMs);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  const line = proc.output().split('\n').find((l) => l.includes('e-Pengaduan is ready'))!;
  return { proc, base: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}` };
}

/** A real JPEG a phone might send (small, so many fit in a test). */
export function photo(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: '#7a9a3b' } }).jpeg({ quality: 80 }).toBuffer();
}

export interface Submission {
  via: 'web' | 'api';
  title: string;
  email: string;
  files: number;
  /** The app answered that the report is saved: 303 to the thank-you page (web) or 201 (API). */
  told: boolean;
  status?: number;
  /** The body of the answer. */
  answer?: string;
  /** What went wrong on the client's side, when no answer came. */
  error?: string;
  code?: string;
}

function newSubmission(via: Submission['via'], files: number): Submission {
  const tag = crypto.randomBytes(5).toString('hex');
  return { via, title: `Lampu jalan padam ${via} ${tag}`, email: `warga.${tag}@example.id`, files, told: false };
}

const BODY = 'Lampu penerangan jalan di depan pasar desa padam sejak seminggu, jalan gelap dan rawan kecelakaan.';

/** The web form, as a browser without JavaScript sends it: page, cookie, token, multipart. */
export async function submitWeb(base: string, files: Buffer[] = [], signal?: AbortSignal): Promise<Submission> {
  const s = newSubmission('web', files.length);
  try {
    const page = await fetch(`${base}/lapor`, { signal });
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const html = await page.text();
    if (page.status !== 200) {
      // The form itself did not come: that is the answer the citizen sees.
      s.status = page.status;
      s.answer = html;
      return s;
    }
    const form = new FormData();
    form.set('_csrf', csrfFrom(html));
    form.set('kind', 'pengaduan');
    form.set('title', s.title);
    form.set('body', BODY);
    form.set('name', 'Warga Uji');
    form.set('email', s.email);
    form.set('consent', 'on');
    files.forEach((f, i) => form.append('files', new Blob([f], { type: 'image/jpeg' }), `foto-${i}.jpg`));
    const res = await fetch(`${base}/lapor`, { method: 'POST', body: form, headers: { cookie }, redirect: 'manual', signal });
    s.status = res.status;
    s.answer = await res.text();
    s.told = res.status === 303 && res.headers.get('location') === '/lapor/terkirim';
  } catch (err) {
    s.error = (err as Error).message;
  }
  return s;
}

/** The citizen API: JSON, or multipart when there are files. */
export async function submitApi(base: string, files: Buffer[] = [], signal?: AbortSignal): Promise<Submission> {
  const s = newSubmission('api', files.length);
  const fields = { kind: 'pengaduan', title: s.title, body: BODY, consent: 'true', anonymous: 'false', confidential: 'false' };
  const reporter = { name: 'Warga Uji', email: s.email };
  try {
    let res: Response;
    if (files.length) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      form.set('reporter', JSON.stringify(reporter));
      files.forEach((f, i) => form.append('files', new Blob([f], { type: 'image/jpeg' }), `foto-${i}.jpg`));
      res = await fetch(`${base}/api/v1/reports`, { method: 'POST', body: form, signal });
    } else {
      res = await fetch(`${base}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...fields, consent: true, anonymous: false, confidential: false, reporter }),
        signal,
      });
    }
    s.status = res.status;
    s.answer = await res.text();
    let body: { code?: string } = {};
    try {
      body = JSON.parse(s.answer) as typeof body;
    } catch {
      // Not JSON: no code, not told.
    }
    s.told = res.status === 201 && typeof body.code === 'string';
    if (s.told) s.code = body.code;
  } catch (err) {
    s.error = (err as Error).message;
  }
  return s;
}

/** Files under the upload folder (temp files included), as paths relative to it. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

export interface Wholeness {
  reports: number;
  /** Reports without their `submitted` event. */
  withoutEvent: string[];
  /** Reports with a reporter e-mail but no acknowledgement in the outbox. */
  withoutMail: string[];
  /** Attachment rows whose file (or thumbnail) is missing or of another size. */
  missingFiles: string[];
  /** Files in final places that no row names. */
  unreferencedFiles: string[];
  tempFiles: string[];
}

/** Whether every report in the database is whole, and the upload folder agrees with the rows. */
export async function wholeness(db: Db, uploadDir: string): Promise<Wholeness> {
  const reports = await db
    .selectFrom('reports')
    .select(['reports.tracking_code', 'reports.reporter_email'])
    .select((eb) => [
      eb.selectFrom('report_events').whereRef('report_events.report_id', '=', 'reports.id').where('type', '=', 'submitted').select(eb.fn.countAll<string>().as('n')).as('events'),
      eb.selectFrom('outbox').whereRef('outbox.report_id', '=', 'reports.id').select(eb.fn.countAll<string>().as('n')).as('mails'),
    ])
    .execute();
  const attachments = await db.selectFrom('attachments').select(['storage_key', 'thumbnail_key', 'size_bytes']).execute();
  const named = new Set<string>();
  const missingFiles: string[] = [];
  for (const a of attachments) {
    named.add(a.storage_key);
    const file = path.join(uploadDir, a.storage_key);
    if (!fs.existsSync(file) || fs.statSync(file).size !== Number(a.size_bytes)) missingFiles.push(a.storage_key);
    if (a.thumbnail_key) {
      named.add(a.thumbnail_key);
      if (!fs.existsSync(path.join(uploadDir, a.thumbnail_key))) missingFiles.push(a.thumbnail_key);
    }
  }
  const files = filesUnder(uploadDir);
  return {
    reports: reports.length,
    withoutEvent: reports.filter((r) => Number(r.events) !== 1).map((r) => r.tracking_code),
    withoutMail: reports.filter((r) => r.reporter_email && Number(r.mails) < 1).map((r) => r.tracking_code),
    missingFiles,
    unreferencedFiles: files.filter((f) => !f.startsWith('.tmp/') && !named.has(f)),
    tempFiles: files.filter((f) => f.startsWith('.tmp/')),
  };
}
