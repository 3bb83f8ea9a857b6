import { execSync } from 'node:child_process';
import { ROOT_DIR } from '../src/paths.js';
import { benchDashboard } from './dashboard.js';
import { benchIntake } from './intake.js';
import { benchLoad } from './load/index.js';
import { benchMailIntake } from './mailin.js';
import { benchPage } from './page.js';
import { benchPortal } from './portal.js';
import { benchQueue } from './queue.js';
import { benchRedaction } from './redaction.js';
import { benchSweep } from './sla.js';
import { benchSoak } from './soak.js';
import { benchStartup } from './startup.js';
import { benchWhatsApp } from './whatsapp.js';

// `npm run bench [-- startup|intake|page|sla|queue|mailin|whatsapp|portal|dashboard|redaction|load|soak]`: the benchmarks, numbers printed for the issue
// notes. Never run by tests. Set DATABASE_URL to a scratch database to add server runs.
const only = process.argv[2];
// The start-up bench builds as `npm start` does; the others run the build as it is.
if (!only || only === 'startup') await benchStartup();
if (only && only !== 'startup') execSync('npm run build --silent', { cwd: ROOT_DIR, stdio: 'inherit' });
if (!only || only === 'intake') await benchIntake();
if (!only || only === 'page') await benchPage();
if (!only || only === 'sla') await benchSweep();
if (!only || only === 'queue') await benchQueue();
if (!only || only === 'mailin') await benchMailIntake();
if (!only || only === 'whatsapp') await benchWhatsApp();
if (!only || only === 'portal') await benchPortal();
if (!only || only === 'dashboard') await benchDashboard();
if (!only || only === 'redaction') await benchRedaction();
// Load scenarios against the app as its own process; see bench/load/index.ts for options.
if (!only || only === 'load') await benchLoad();
// Hours of alternating load on one process: memory and CPU per request over time (bench/soak.ts). Only on request.
if (only === 'soak') await benchSoak();
process.exit(0);
