import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PUBLIC_DIR, ROOT_DIR } from '../paths.js';

/** idb-keyval's browser build, served to the form's script and the service worker. */
export const IDB_KEYVAL = path.join(ROOT_DIR, 'node_modules', 'idb-keyval', 'dist', 'umd.js');
export const IDB_KEYVAL_URL = '/static/vendor/idb-keyval.js';

/** What /lapor needs besides its HTML: kept by the service worker so the form opens offline. */
const PRECACHE: Record<string, string> = {
  '/static/css/app.css': path.join(PUBLIC_DIR, 'css', 'app.css'),
  '/static/js/report-form.js': path.join(PUBLIC_DIR, 'js', 'report-form.js'),
  '/static/js/report-draft.js': path.join(PUBLIC_DIR, 'js', 'report-draft.js'),
  [IDB_KEYVAL_URL]: IDB_KEYVAL,
};
const SOURCE = path.join(PUBLIC_DIR, 'js', 'offline-sw.js');

export interface WorkerScript {
  version: string;
  body: string;
}

/**
 * The service worker's text: its source after a first line naming its version, a hash of
 * itself and of every file it caches. A change to any of them is a new worker to the
 * browser, which installs it and drops the old cache (the HTML is fetched fresh whenever
 * there is a network, so it needs no version).
 */
export function buildWorker(): WorkerScript {
  const hash = crypto.createHash('sha256');
  const source = fs.readFileSync(SOURCE, 'utf8');
  hash.update(source);
  for (const [url, file] of Object.entries(PRECACHE)) hash.update(url).update(fs.readFileSync(file));
  const version = hash.digest('hex').slice(0, 16);
  const head = `var SW_VERSION = ${JSON.stringify(version)};\nvar SW_PRECACHE = ${JSON.stringify(Object.keys(PRECACHE))};\n`;
  return { version, body: head + source };
}
