import fs from 'node:fs';
import { expect } from 'chai';
import supertest from 'supertest';
import { createTemplate } from '../../src/answers/admin/commands/templates.js';
import { createRule } from '../../src/routing/commands/createRule.js';
import { issueApiToken } from '../../src/users/commands/apiTokens.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { agencyId, buildTestApp, type TestApp, uniqueEmail } from '../helpers/app.js';
import { open311Client } from '../open311/helpers.js';
import {
  apiReport, type Browser, citizenOf, listRoutes, draftOn, type FixtureReport, inProgressAt, OTHER_OPD, OWN_OPD, publishedAt,
  type Staff, staffMember, STAFF_ROLES, tempDir, visitor, type Who, WHO,
} from './fixtures.js';

/**
 * The authorisation matrix (issue 11, item 2): every route of the built app, for every
 * role, on a record of the role's own OPD and of another OPD, with the answer each one
 * must get written down below. Pages are called with real sessions (login form, CSRF
 * token of the session); /api/ routes with the role's API token, the citizen with the
 * tracking secret of their own report. A route the app has and this table lacks fails
 * the first test, so a new route cannot go unreviewed.
 *
 * Probes are chosen so the answer tells the policy's decision without changing state:
 * a body that fails validation (allowed: 422; the answer pages flash it and redirect:
 * 303), an action the report's state refuses (allowed: 409), a draft id that does not
 * exist (allowed: 422). Refused: 401 (API, or a form without a login), 303 to /masuk
 * (a page without a login), 403 (signed in, not permitted), 404 (another OPD's record,
 * which does not even exist for them).
 *
 * Columns: "own" is the record of the role's own OPD (dpupr) and, for the citizen, the
 * report they opened with its secret; "other" is another OPD's record (dinkes), another
 * citizen's report, or for the public pages an unpublished report.
 */

type Outcome = number | 'lookup';
type Cell = Outcome | [own: Outcome, other: Outcome];
/** anon, citizen, staff, head, coordinator, leader, admin */
type Row = [Cell, Cell, Cell, Cell, Cell, Cell, Cell];

interface Probe {
  path: string;
  body?: Record<string, unknown>;
  /** Log out happens here: use a fresh principal of the same kind. */
  fresh?: boolean;
}

type Scope = 'own' | 'other';
interface Entry {
  probe: (f: Fixtures, scope: Scope) => Probe;
  expect: Row;
}

interface Fixtures {
  report: Record<Scope, FixtureReport>;
  draft: Record<Scope, number>;
  published: Record<Scope, FixtureReport>;
  /** The published case is "own" for public pages; an unpublished report is "other". */
  publicCase: Record<Scope, FixtureReport>;
  user: { id: number; tokenId: number };
  slaPolicyId: number;
  holiday: string;
  outboxId: number;
  ruleId: number;
  ruleToDelete: number;
  templateId: number;
  open311ClientId: number;
  categoryCode: string;
}

const NO_DRAFT = 999_999_999;
const onlyAdmin = (allowed: number, get = true): Row => [get ? 303 : 401, get ? 303 : 401, 403, 403, 403, 403, allowed];
const everyone = (n: Cell): Row => [n, n, n, n, n, n, n];
const dashboard = (n: number): Row => [303, 303, 403, n, n, n, n];
const coordinatorPage = (n: Cell, get = true): Row => [get ? 303 : 401, get ? 303 : 401, 403, 403, n, 403, 403];
const coordinatorApi = (n: Cell): Row => [401, 401, 403, 403, n, 403, 403];
/** Triage actions only the coordinator takes: OPD roles see their own report (403) but not another's (404). */
const verifyAction = (n: number): Row => [401, 401, [403, 404], [403, 404], n, 403, 403];
const r = (path: string) => () => ({ path });
const code = (f: Fixtures, s: Scope) => f.report[s].code;
const pubCode = (f: Fixtures, s: Scope) => f.published[s].code;
const staffReport = (f: Fixtures, s: Scope) => `/staf/laporan/${code(f, s)}`;
const apiReportPath = (f: Fixtures, s: Scope) => `/api/v1/staff/reports/${code(f, s)}`;
const message = { body: 'Lubangnya sekarang makin lebar setelah hujan kemarin sore.' };

//                                                                           anon citizen staff        head         coord  leader admin
const MATRIX: Record<string, Entry> = {
  'GET /healthz': { probe: r('/healthz'), expect: everyone(200) },
  'GET /readyz': { probe: r('/readyz'), expect: everyone(200) },
  // Signed in, `/` sends each role on to its own work (issue 19).
  'GET /': { probe: r('/'), expect: [200, 200, 303, 303, 303, 303, 303] },
  'GET /favicon.ico': { probe: r('/favicon.ico'), expect: everyone(200) },
  // The report form offline (src/offline): the same for everyone, nothing personal in them.
  'GET /sw.js': { probe: r('/sw.js'), expect: everyone(200) },
  'GET /static/vendor/idb-keyval.js': { probe: r('/static/vendor/idb-keyval.js'), expect: everyone(200) },
  'GET /manifest.webmanifest': { probe: r('/manifest.webmanifest'), expect: everyone(200) },
  'GET /icons/icon-:size.png': { probe: r('/icons/icon-192.png'), expect: everyone(200) },
  'POST /bahasa': { probe: () => ({ path: '/bahasa', body: { lang: 'xx' } }), expect: everyone(422) },

  // --- accounts --------------------------------------------------------------------
  'GET /masuk': { probe: r('/masuk'), expect: [200, 200, 303, 303, 303, 303, 303] },
  'POST /masuk': { probe: () => ({ path: '/masuk', body: {} }), expect: everyone(422) },
  'POST /keluar': { probe: () => ({ path: '/keluar', body: {}, fresh: true }), expect: everyone(303) },
  'GET /akun/sandi': { probe: r('/akun/sandi'), expect: [303, 303, 200, 200, 200, 200, 200] },
  'POST /akun/sandi': { probe: () => ({ path: '/akun/sandi', body: {} }), expect: [401, 401, 422, 422, 422, 422, 422] },
  'GET /api/v1/session': { probe: r('/api/v1/session'), expect: [401, 401, 200, 200, 200, 200, 200] },
  'POST /api/v1/session': { probe: () => ({ path: '/api/v1/session', body: {} }), expect: everyone(422) },
  'DELETE /api/v1/session': { probe: () => ({ path: '/api/v1/session', fresh: true }), expect: everyone(204) },

  // --- admin: users, SLA, days off, outbox, routing, templates, mail in, Open311 keys -
  'GET /admin/pengguna': { probe: r('/admin/pengguna'), expect: onlyAdmin(200) },
  'GET /admin/pengguna/baru': { probe: r('/admin/pengguna/baru'), expect: onlyAdmin(200) },
  'POST /admin/pengguna': { probe: () => ({ path: '/admin/pengguna', body: {} }), expect: onlyAdmin(422, false) },
  'GET /admin/pengguna/:id': { probe: (f) => ({ path: `/admin/pengguna/${f.user.id}` }), expect: onlyAdmin(200) },
  'POST /admin/pengguna/:id': { probe: (f) => ({ path: `/admin/pengguna/${f.user.id}`, body: {} }), expect: onlyAdmin(422, false) },
  'POST /admin/pengguna/:id/nonaktifkan': { probe: (f) => ({ path: `/admin/pengguna/${f.user.id}/nonaktifkan`, body: { confirm: '1' } }), expect: onlyAdmin(303, false) },
  'POST /admin/pengguna/:id/aktifkan': { probe: (f) => ({ path: `/admin/pengguna/${f.user.id}/aktifkan`, body: {} }), expect: onlyAdmin(303, false) },
  'POST /admin/pengguna/:id/reset-sandi': { probe: (f) => ({ path: `/admin/pengguna/${f.user.id}/reset-sandi`, body: {} }), expect: onlyAdmin(200, false) },
  // A token needs a name: the empty form is refused (422).
  'POST /admin/pengguna/:id/token': { probe: (f) => ({ path: `/admin/pengguna/${f.user.id}/token`, body: {} }), expect: onlyAdmin(422, false) },
  'POST /admin/pengguna/:id/token/:tokenId/cabut': {
    probe: (f) => ({ path: `/admin/pengguna/${f.user.id}/token/${f.user.tokenId}/cabut`, body: { confirm: '1' } }),
    expect: onlyAdmin(303, false),
  },
  'GET /admin/sla': { probe: r('/admin/sla'), expect: onlyAdmin(200) },
  'POST /admin/sla/peringkat': { probe: () => ({ path: '/admin/sla/peringkat', body: {} }), expect: onlyAdmin(422, false) },
  'GET /admin/sla/:id': { probe: (f) => ({ path: `/admin/sla/${f.slaPolicyId}` }), expect: onlyAdmin(200) },
  'POST /admin/sla/:id': { probe: (f) => ({ path: `/admin/sla/${f.slaPolicyId}`, body: {} }), expect: onlyAdmin(422, false) },
  'GET /admin/libur': { probe: r('/admin/libur'), expect: onlyAdmin(200) },
  'POST /admin/libur': { probe: () => ({ path: '/admin/libur', body: { date: 'kemarin' } }), expect: onlyAdmin(422, false) },
  'POST /admin/libur/impor': { probe: () => ({ path: '/admin/libur/impor', body: { year: 'x' } }), expect: onlyAdmin(422, false) },
  'POST /admin/libur/:date/hapus': { probe: (f) => ({ path: `/admin/libur/${f.holiday}/hapus`, body: { confirm: '1' } }), expect: onlyAdmin(303, false) },
  'GET /admin/outbox': { probe: r('/admin/outbox'), expect: onlyAdmin(200) },
  'GET /admin/outbox/:id': { probe: (f) => ({ path: `/admin/outbox/${f.outboxId}` }), expect: onlyAdmin(200) },
  'GET /admin/outbox/:id/html': { probe: (f) => ({ path: `/admin/outbox/${f.outboxId}/html` }), expect: onlyAdmin(200) },
  'POST /admin/outbox/:id/kirim-ulang': { probe: (f) => ({ path: `/admin/outbox/${f.outboxId}/kirim-ulang`, body: {} }), expect: onlyAdmin(303, false) },
  'GET /admin/rute': { probe: r('/admin/rute'), expect: onlyAdmin(200) },
  'POST /admin/rute': { probe: () => ({ path: '/admin/rute', body: {} }), expect: onlyAdmin(422, false) },
  'POST /admin/rute/:id/nonaktifkan': { probe: (f) => ({ path: `/admin/rute/${f.ruleId}/nonaktifkan`, body: {} }), expect: onlyAdmin(303, false) },
  'POST /admin/rute/:id/aktifkan': { probe: (f) => ({ path: `/admin/rute/${f.ruleId}/aktifkan`, body: {} }), expect: onlyAdmin(303, false) },
  'POST /admin/rute/:id/hapus': { probe: (f) => ({ path: `/admin/rute/${f.ruleToDelete}/hapus`, body: { confirm: '1' } }), expect: onlyAdmin(303, false) },
  // The first seeded OPD (agencies are seeded in every database).
  'GET /admin/opd': { probe: r('/admin/opd'), expect: onlyAdmin(200) },
  'GET /admin/opd/:id': { probe: r('/admin/opd/1'), expect: onlyAdmin(200) },
  'POST /admin/opd/:id': { probe: () => ({ path: '/admin/opd/1', body: {} }), expect: onlyAdmin(422, false) },
  'GET /admin/jawaban': { probe: r('/admin/jawaban'), expect: onlyAdmin(200) },
  'POST /admin/jawaban': { probe: () => ({ path: '/admin/jawaban', body: {} }), expect: onlyAdmin(422, false) },
  'POST /admin/jawaban/pengaturan': { probe: () => ({ path: '/admin/jawaban/pengaturan', body: { answerValidation: 'x' } }), expect: onlyAdmin(422, false) },
  // The draft checker's settings: an empty form is refused (422) and saves nothing.
  'GET /admin/jawaban/pemeriksa': { probe: r('/admin/jawaban/pemeriksa'), expect: onlyAdmin(200) },
  'POST /admin/jawaban/pemeriksa': { probe: () => ({ path: '/admin/jawaban/pemeriksa', body: {} }), expect: onlyAdmin(422, false) },
  'GET /admin/jawaban/:id': { probe: (f) => ({ path: `/admin/jawaban/${f.templateId}` }), expect: onlyAdmin(200) },
  'POST /admin/jawaban/:id': { probe: (f) => ({ path: `/admin/jawaban/${f.templateId}`, body: {} }), expect: onlyAdmin(422, false) },
  'POST /admin/jawaban/:id/nonaktifkan': { probe: (f) => ({ path: `/admin/jawaban/${f.templateId}/nonaktifkan`, body: {} }), expect: onlyAdmin(303, false) },
  'POST /admin/jawaban/:id/aktifkan': { probe: (f) => ({ path: `/admin/jawaban/${f.templateId}/aktifkan`, body: {} }), expect: onlyAdmin(303, false) },
  'GET /admin/surel-masuk': { probe: r('/admin/surel-masuk'), expect: onlyAdmin(200) },
  // The audit log, and a reporter's personal data (export, erasure, retention): admins only.
  'GET /admin/audit': { probe: r('/admin/audit'), expect: onlyAdmin(200) },
  'GET /admin/kesehatan': { probe: r('/admin/kesehatan'), expect: onlyAdmin(200) },
  'GET /admin/data-pribadi': { probe: r('/admin/data-pribadi'), expect: onlyAdmin(200) },
  'POST /admin/data-pribadi/cari': { probe: () => ({ path: '/admin/data-pribadi/cari', body: {} }), expect: onlyAdmin(422, false) },
  'POST /admin/data-pribadi/ekspor': { probe: () => ({ path: '/admin/data-pribadi/ekspor', body: {} }), expect: onlyAdmin(422, false) },
  'POST /admin/data-pribadi/hapus': { probe: () => ({ path: '/admin/data-pribadi/hapus', body: {} }), expect: onlyAdmin(422, false) },
  'POST /admin/data-pribadi/retensi': { probe: () => ({ path: '/admin/data-pribadi/retensi', body: { days: 'x' } }), expect: onlyAdmin(422, false) },
  'GET /admin/open311': { probe: r('/admin/open311'), expect: onlyAdmin(200) },
  'POST /admin/open311': { probe: () => ({ path: '/admin/open311', body: {} }), expect: onlyAdmin(422, false) },
  'POST /admin/open311/:id/nonaktifkan': { probe: (f) => ({ path: `/admin/open311/${f.open311ClientId}/nonaktifkan`, body: {} }), expect: onlyAdmin(303, false) },

  // --- publication (coordinator) ----------------------------------------------------
  'GET /staf/publikasi': { probe: r('/staf/publikasi'), expect: coordinatorPage(200) },
  'GET /staf/publikasi/:code': { probe: (f, s) => ({ path: `/staf/publikasi/${pubCode(f, s)}` }), expect: coordinatorPage(200) },
  // Already published: saving or publishing again is refused (422), a decline needs a reason.
  'POST /staf/publikasi/:code': { probe: (f, s) => ({ path: `/staf/publikasi/${pubCode(f, s)}`, body: { title: '' } }), expect: coordinatorPage(422, false) },
  'POST /staf/publikasi/:code/terbitkan': { probe: (f, s) => ({ path: `/staf/publikasi/${pubCode(f, s)}/terbitkan`, body: {} }), expect: coordinatorPage(422, false) },
  'POST /staf/publikasi/:code/temuan': { probe: (f, s) => ({ path: `/staf/publikasi/${pubCode(f, s)}/temuan`, body: { term: '' } }), expect: coordinatorPage(422, false) },
  'POST /staf/publikasi/:code/tolak': { probe: (f, s) => ({ path: `/staf/publikasi/${pubCode(f, s)}/tolak`, body: { reason: '' } }), expect: coordinatorPage(422, false) },
  'GET /api/v1/staff/reports/:code/publication': { probe: (f, s) => ({ path: `/api/v1/staff/reports/${pubCode(f, s)}/publication` }), expect: coordinatorApi(200) },
  'PUT /api/v1/staff/reports/:code/publication': { probe: (f, s) => ({ path: `/api/v1/staff/reports/${pubCode(f, s)}/publication`, body: { title: '' } }), expect: coordinatorApi(422) },
  'POST /api/v1/staff/reports/:code/publication/approve': { probe: (f, s) => ({ path: `/api/v1/staff/reports/${pubCode(f, s)}/publication/approve`, body: {} }), expect: coordinatorApi(422) },
  'POST /api/v1/staff/reports/:code/publication/terms': { probe: (f, s) => ({ path: `/api/v1/staff/reports/${pubCode(f, s)}/publication/terms`, body: {} }), expect: coordinatorApi(422) },
  'POST /api/v1/staff/reports/:code/publication/decline': { probe: (f, s) => ({ path: `/api/v1/staff/reports/${pubCode(f, s)}/publication/decline`, body: {} }), expect: coordinatorApi(422) },

  // --- public portal, feeds, open data (no login; unpublished reports do not exist) -
  'GET /publik/feed.atom': { probe: r('/publik/feed.atom'), expect: everyone(200) },
  'GET /publik/feed.rss': { probe: r('/publik/feed.rss'), expect: everyone(200) },
  'GET /publik/feed.json': { probe: r('/publik/feed.json'), expect: everyone(200) },
  'GET /publik/opd/:agency/feed.atom': { probe: r(`/publik/opd/${OWN_OPD}/feed.atom`), expect: everyone(200) },
  'GET /publik/opd/:agency/feed.rss': { probe: r(`/publik/opd/${OWN_OPD}/feed.rss`), expect: everyone(200) },
  'GET /publik/opd/:agency.json': { probe: r(`/publik/opd/${OWN_OPD}.json`), expect: everyone(200) },
  'GET /publik/sematkan/:agency': { probe: r(`/publik/sematkan/${OWN_OPD}`), expect: everyone(200) },
  'GET /publik/data': { probe: r('/publik/data'), expect: everyone(200) },
  'GET /publik/data.csv': { probe: r('/publik/data.csv'), expect: everyone(200) },
  'GET /publik/data.json': { probe: r('/publik/data.json'), expect: everyone(200) },
  'GET /api/v1/public/reports': { probe: r('/api/v1/public/reports'), expect: everyone(200) },
  'GET /publik': { probe: r('/publik'), expect: everyone(200) },
  'GET /publik/statistik': { probe: r('/publik/statistik'), expect: everyone(200) },
  'GET /publik/foto/:id': { probe: (f, s) => ({ path: `/publik/foto/${f.publicCase[s].attachmentId}` }), expect: everyone([200, 404]) },
  'GET /publik/foto/:id/kecil': { probe: (f, s) => ({ path: `/publik/foto/${f.publicCase[s].attachmentId}/kecil` }), expect: everyone([200, 404]) },
  'GET /publik/:code': { probe: (f, s) => ({ path: `/publik/${f.publicCase[s].code}` }), expect: everyone([200, 404]) },
  'GET /publik/:code/kartu.png': { probe: (f, s) => ({ path: `/publik/${f.publicCase[s].code}/kartu.png` }), expect: everyone([200, 404]) },
  'GET /publik/:code/kartu/:version.png': { probe: (f, s) => ({ path: `/publik/${f.publicCase[s].code}/kartu/0123456789abcdef.png` }), expect: everyone([200, 404]) },
  'GET /static/vendor/chart.umd.min.js': { probe: r('/static/vendor/chart.umd.min.js'), expect: everyone(200) },

  // --- leadership dashboard (a Kepala OPD is held to their own OPD inside) -----------
  'GET /dasbor': { probe: r('/dasbor'), expect: dashboard(200) },
  'GET /dasbor/definisi': { probe: r('/dasbor/definisi'), expect: dashboard(200) },
  'GET /dasbor/laporan': { probe: r('/dasbor/laporan'), expect: dashboard(200) },
  'GET /dasbor/unduh/:file': { probe: r('/dasbor/unduh/terlambat.csv'), expect: dashboard(200) },
  'GET /dasbor/bulanan': { probe: r('/dasbor/bulanan'), expect: dashboard(200) },
  'GET /api/v1/dashboard/agencies': { probe: r('/api/v1/dashboard/agencies'), expect: [401, 401, 403, 200, 200, 200, 200] },

  // --- citizens: form, tracking, citizen API ----------------------------------------
  'GET /lapor': { probe: r('/lapor'), expect: everyone(200) },
  'POST /lapor': { probe: () => ({ path: '/lapor', body: {} }), expect: everyone(422) },
  'GET /lapor/terkirim': { probe: r('/lapor/terkirim'), expect: everyone(303) },
  'GET /lapor/antrean': { probe: r('/lapor/antrean'), expect: everyone(200) },
  // The receipt of the report this browser just sent; with none sent, back to the form.
  'GET /lapor/terkirim/bukti': { probe: r('/lapor/terkirim/bukti'), expect: everyone(303) },
  'GET /lacak': { probe: r('/lacak'), expect: everyone(200) },
  'POST /lacak': { probe: () => ({ path: '/lacak', body: {} }), expect: everyone(422) },
  // "Kirim ulang tautan": anyone may ask; the answer never says whether the code exists.
  'GET /lacak/kirim-ulang': { probe: r('/lacak/kirim-ulang'), expect: everyone(200) },
  'POST /lacak/kirim-ulang': { probe: () => ({ path: '/lacak/kirim-ulang', body: {} }), expect: everyone(422) },
  // Without the secret in this session: the lookup form, exactly as for an unknown code.
  'GET /lacak/:code': { probe: (f, s) => ({ path: `/lacak/${code(f, s)}` }), expect: ['lookup', [200, 'lookup'], 'lookup', 'lookup', 'lookup', 'lookup', 'lookup'] },
  // The citizen's own photos: only in the session that opened the report with its secret.
  'GET /lacak/:code/lampiran/:id': { probe: (f, s) => ({ path: `/lacak/${code(f, s)}/lampiran/${f.report[s].attachmentId}` }), expect: [404, [200, 404], 404, 404, 404, 404, 404] },
  // No letter on the fixture's report: 404 for all; test/letters/download.test.ts downloads a real one in its own session only.
  'GET /lacak/:code/surat/:id': { probe: (f, s) => ({ path: `/lacak/${code(f, s)}/surat/${NO_DRAFT}` }), expect: everyone(404) },
  'GET /lacak/:code/bukti': { probe: (f, s) => ({ path: `/lacak/${code(f, s)}/bukti` }), expect: [404, [200, 404], 404, 404, 404, 404, 404] },
  'GET /lacak/:code/lampiran/:id/kecil': { probe: (f, s) => ({ path: `/lacak/${code(f, s)}/lampiran/${f.report[s].attachmentId}/kecil` }), expect: [404, [200, 404], 404, 404, 404, 404, 404] },
  'POST /lacak/:code/informasi': { probe: (f, s) => ({ path: `/lacak/${code(f, s)}/informasi`, body: message }), expect: [404, [303, 404], 404, 404, 404, 404, 404] },
  'POST /lacak/:code/tanggapan': { probe: (f, s) => ({ path: `/lacak/${code(f, s)}/tanggapan`, body: { reply: message.body } }), expect: [404, [409, 404], 404, 404, 404, 404, 404] },
  'POST /lacak/:code/selesai': { probe: (f, s) => ({ path: `/lacak/${code(f, s)}/selesai`, body: {} }), expect: [404, [409, 404], 404, 404, 404, 404, 404] },
  'POST /lacak/:code/nilai': { probe: (f, s) => ({ path: `/lacak/${code(f, s)}/nilai`, body: { rating: 5 } }), expect: [404, [422, 404], 404, 404, 404, 404, 404] },
  // Leaving gives up only one's own access: anyone may, and it reveals nothing. After the
  // citizen's other rows: it ends their access to the report.
  'POST /lacak/:code/keluar': { probe: (f, s) => ({ path: `/lacak/${code(f, s)}/keluar`, body: {} }), expect: everyone(303) },
  // The answer letter's verification is public; an unknown token is the same 404 for everyone
  // (test/letters/verify.test.ts opens a real one).
  'GET /verifikasi/:token': { probe: r('/verifikasi/tidakAdaSuratDenganKodeIni1234567'), expect: everyone(404) },
  'POST /verifikasi/:token': { probe: () => ({ path: '/verifikasi/tidakAdaSuratDenganKodeIni1234567', body: {} }), expect: everyone(404) },
  'POST /api/v1/reports': { probe: () => ({ path: '/api/v1/reports', body: {} }), expect: everyone(422) },
  'GET /api/v1/reports/:code': { probe: (f, s) => ({ path: `/api/v1/reports/${code(f, s)}` }), expect: [404, [200, 404], 404, 404, 404, 404, 404] },
  // The fixture's report has no answer yet: its citizen is told so (409), everyone else the unknown code's 404.
  'GET /api/v1/reports/:code/letter': { probe: (f, s) => ({ path: `/api/v1/reports/${code(f, s)}/letter` }), expect: [404, [409, 404], 404, 404, 404, 404, 404] },
  'POST /api/v1/reports/:code/messages': { probe: (f, s) => ({ path: `/api/v1/reports/${code(f, s)}/messages`, body: message }), expect: [404, [201, 404], 404, 404, 404, 404, 404] },
  'POST /api/v1/reports/:code/resolution': { probe: (f, s) => ({ path: `/api/v1/reports/${code(f, s)}/resolution`, body: { accepted: true, rating: 5 } }), expect: [404, [409, 404], 404, 404, 404, 404, 404] },
  'GET /api/v1/categories': { probe: r('/api/v1/categories'), expect: everyone(200) },
  'GET /api/v1/agencies': { probe: r('/api/v1/agencies'), expect: everyone(200) },
  'GET /api/v1/regions': { probe: r('/api/v1/regions'), expect: everyone(200) },
  'GET /api/v1/openapi.json': { probe: r('/api/v1/openapi.json'), expect: everyone(200) },

  // --- staff: queues, report page, triage actions -----------------------------------
  'GET /staf': { probe: r('/staf'), expect: [303, 303, 200, 200, 303, 403, 403] },
  'GET /staf/verifikasi': { probe: r('/staf/verifikasi'), expect: coordinatorPage(200) },
  // Several reports at once; nothing chosen is refused (422) before any confirmation.
  'POST /staf/verifikasi/massal': { probe: () => ({ path: '/staf/verifikasi/massal', body: {} }), expect: coordinatorPage(422, false) },
  // The header's code box: straight to a report one may see (303), "not found" for another OPD's.
  'GET /staf/cari': { probe: (f, s) => ({ path: `/staf/cari?kode=${code(f, s).toLowerCase()}` }), expect: [303, 303, [303, 404], [303, 404], 303, 303, 303] },
  'GET /staf/laporan/:code': { probe: (f, s) => ({ path: staffReport(f, s) }), expect: [303, 303, [200, 404], [200, 404], 200, 200, 200] },
  // The reporter's identity, shown on request and written to the audit log (not an anonim report here).
  'POST /staf/laporan/:code/identitas': { probe: (f, s) => ({ path: `${staffReport(f, s)}/identitas`, body: {} }), expect: [401, 401, [200, 404], [200, 404], 200, 200, 200] },
  // In progress already: forwarding is not a step the state machine allows from there (409).
  'POST /staf/laporan/:code/forward': { probe: (f, s) => ({ path: `${staffReport(f, s)}/forward`, body: { agency: 'tidak-ada' } }), expect: verifyAction(409) },
  'POST /staf/laporan/:code/request_info': { probe: (f, s) => ({ path: `${staffReport(f, s)}/request_info`, body: { message: '' } }), expect: verifyAction(422) },
  'POST /staf/laporan/:code/reject': { probe: (f, s) => ({ path: `${staffReport(f, s)}/reject`, body: { reason: 'bosan' } }), expect: verifyAction(422) },
  'POST /staf/laporan/:code/merge': { probe: (f, s) => ({ path: `${staffReport(f, s)}/merge`, body: { into: '' } }), expect: verifyAction(422) },
  'POST /staf/laporan/:code/update': { probe: (f, s) => ({ path: `${staffReport(f, s)}/update`, body: { title: 'x' } }), expect: verifyAction(422) },
  'POST /staf/laporan/:code/return': { probe: (f, s) => ({ path: `${staffReport(f, s)}/return`, body: { reason: '' } }), expect: [401, 401, [422, 404], [422, 404], 403, 403, 403] },
  'POST /staf/laporan/:code/extend': { probe: (f, s) => ({ path: `${staffReport(f, s)}/extend`, body: { days: 0 } }), expect: [401, 401, [403, 404], [422, 404], 422, 403, 403] },
  // In progress already: acknowledging again is refused by the state machine (409).
  'POST /staf/laporan/:code/acknowledge': { probe: (f, s) => ({ path: `${staffReport(f, s)}/acknowledge`, body: {} }), expect: [401, 401, [409, 404], [409, 404], 403, 403, 403] },
  'POST /staf/laporan/:code/take': { probe: (f, s) => ({ path: `${staffReport(f, s)}/take`, body: {} }), expect: [401, 401, [303, 404], [303, 404], 403, 403, 403] },
  'POST /staf/laporan/:code/assign': { probe: (f, s) => ({ path: `${staffReport(f, s)}/assign`, body: { user: 'x' } }), expect: [401, 401, [403, 404], [422, 404], 403, 403, 403] },
  'POST /staf/laporan/:code/note': { probe: (f, s) => ({ path: `${staffReport(f, s)}/note`, body: { body: '' } }), expect: [401, 401, [422, 404], [422, 404], 422, 403, 403] },
  'GET /api/v1/staff/reports': { probe: r('/api/v1/staff/reports'), expect: coordinatorApi(200) },
  // Reports taken by staff (issue 23): coordinators, and OPD staff and heads for their own office; an empty body is refused (422).
  'POST /api/v1/staff/reports': { probe: () => ({ path: '/api/v1/staff/reports', body: {} }), expect: [401, 401, 422, 422, 422, 403, 403] },
  'GET /staf/laporan/baru': { probe: r('/staf/laporan/baru'), expect: [303, 303, 200, 200, 200, 403, 403] },
  'POST /staf/laporan/baru': { probe: () => ({ path: '/staf/laporan/baru', body: {} }), expect: [401, 401, 422, 422, 422, 403, 403] },
  // The page after saving and its receipt: with nothing recorded in this session, back to the form.
  'GET /staf/laporan/baru/tercatat': { probe: r('/staf/laporan/baru/tercatat'), expect: [303, 303, 303, 303, 303, 403, 403] },
  'GET /staf/laporan/baru/bukti': { probe: r('/staf/laporan/baru/bukti'), expect: [303, 303, 303, 303, 303, 403, 403] },
  'GET /api/v1/staff/reports/:code': { probe: (f, s) => ({ path: apiReportPath(f, s) }), expect: [401, 401, [200, 404], [200, 404], 200, 200, 200] },
  'POST /api/v1/staff/reports/:code/actions': {
    probe: (f, s) => ({ path: `${apiReportPath(f, s)}/actions`, body: { action: 'note', body: '' } }),
    expect: [401, 401, [422, 404], [422, 404], 422, 403, 403],
  },

  // --- answers: pages flash the refusal of an allowed step and redirect (303) --------
  'POST /staf/laporan/:code/jawaban': { probe: (f, s) => ({ path: `${staffReport(f, s)}/jawaban`, body: { body: '' } }), expect: [401, 401, [303, 404], [303, 404], 403, 403, 403] },
  'POST /staf/laporan/:code/jawaban/templat': { probe: (f, s) => ({ path: `${staffReport(f, s)}/jawaban/templat`, body: { templateId: f.templateId } }), expect: [401, 401, [303, 404], [303, 404], 403, 403, 403] },
  'POST /staf/laporan/:code/jawaban/:id/lampiran': { probe: (f, s) => ({ path: `${staffReport(f, s)}/jawaban/${NO_DRAFT}/lampiran`, body: {} }), expect: [401, 401, [303, 404], [303, 404], 403, 403, 403] },
  'POST /staf/laporan/:code/jawaban/:id/lampiran/:fileId/hapus': { probe: (f, s) => ({ path: `${staffReport(f, s)}/jawaban/${NO_DRAFT}/lampiran/1/hapus`, body: {} }), expect: [401, 401, [303, 404], [303, 404], 403, 403, 403] },
  'POST /staf/laporan/:code/jawaban/:id/lampiran/:fileId/publik': { probe: (f, s) => ({ path: `${staffReport(f, s)}/jawaban/${NO_DRAFT}/lampiran/1/publik`, body: { show: '1' } }), expect: [401, 401, [303, 404], [303, 404], 403, 403, 403] },
  'POST /staf/laporan/:code/jawaban/:id/ajukan': { probe: (f, s) => ({ path: `${staffReport(f, s)}/jawaban/${NO_DRAFT}/ajukan`, body: {} }), expect: [401, 401, [303, 404], [303, 404], 403, 403, 403] },
  'POST /staf/laporan/:code/jawaban/:id/setujui': { probe: (f, s) => ({ path: `${staffReport(f, s)}/jawaban/${NO_DRAFT}/setujui`, body: {} }), expect: [401, 401, [403, 404], [303, 404], 403, 403, 403] },
  'POST /staf/laporan/:code/jawaban/:id/ubah-setujui': { probe: (f, s) => ({ path: `${staffReport(f, s)}/jawaban/${NO_DRAFT}/ubah-setujui`, body: {} }), expect: [401, 401, [403, 404], [303, 404], 403, 403, 403] },
  'POST /staf/laporan/:code/jawaban/:id/kembalikan': { probe: (f, s) => ({ path: `${staffReport(f, s)}/jawaban/${f.draft[s]}/kembalikan`, body: { comment: '' } }), expect: [401, 401, [403, 404], [303, 404], 403, 403, 403] },
  'POST /staf/laporan/:code/jawaban/:id/validasi': { probe: (f, s) => ({ path: `${staffReport(f, s)}/jawaban/${NO_DRAFT}/validasi`, body: {} }), expect: [401, 401, [403, 404], [403, 404], 303, 403, 403] },
  'POST /staf/laporan/:code/jawaban/:id/tolak': { probe: (f, s) => ({ path: `${staffReport(f, s)}/jawaban/${f.draft[s]}/tolak`, body: { comment: '' } }), expect: [401, 401, [403, 404], [403, 404], 303, 403, 403] },
  // The Kepala OPD's approval inbox: the same steps, refusals shown on the list (422), another OPD's report 404.
  'GET /staf/persetujuan': { probe: r('/staf/persetujuan'), expect: [303, 303, 403, 200, 403, 403, 403] },
  'POST /staf/persetujuan/setujui': { probe: () => ({ path: '/staf/persetujuan/setujui', body: {} }), expect: [401, 401, 403, 422, 403, 403, 403] },
  'POST /staf/persetujuan/:code/:id/setujui': { probe: (f, s) => ({ path: `/staf/persetujuan/${code(f, s)}/${NO_DRAFT}/setujui`, body: {} }), expect: [401, 401, 403, [422, 404], 403, 403, 403] },
  'POST /staf/persetujuan/:code/:id/ubah-setujui': { probe: (f, s) => ({ path: `/staf/persetujuan/${code(f, s)}/${NO_DRAFT}/ubah-setujui`, body: {} }), expect: [401, 401, 403, [422, 404], 403, 403, 403] },
  'POST /staf/persetujuan/:code/:id/kembalikan': { probe: (f, s) => ({ path: `/staf/persetujuan/${code(f, s)}/${f.draft[s]}/kembalikan`, body: { comment: '' } }), expect: [401, 401, 403, [422, 404], 403, 403, 403] },
  // The draft checker on a text: whoever may write or approve this report's answer (test/answers/checkApi.test.ts).
  'POST /api/v1/staff/answer-check': { probe: (f, s) => ({ path: '/api/v1/staff/answer-check', body: { text: 'Yth. Bapak/Ibu, terima kasih.', reportCode: code(f, s) } }), expect: [401, 401, [200, 404], [200, 404], 403, 403, 403] },
  'GET /api/v1/staff/reports/:code/answer-templates': { probe: (f, s) => ({ path: `${apiReportPath(f, s)}/answer-templates` }), expect: [401, 401, [200, 404], [200, 404], 403, 403, 403] },
  'POST /api/v1/staff/reports/:code/answers': { probe: (f, s) => ({ path: `${apiReportPath(f, s)}/answers`, body: { body: '' } }), expect: [401, 401, [422, 404], [422, 404], 403, 403, 403] },
  'PUT /api/v1/staff/reports/:code/answers/:id': { probe: (f, s) => ({ path: `${apiReportPath(f, s)}/answers/${f.draft[s]}`, body: {} }), expect: [401, 401, [422, 404], [422, 404], 403, 403, 403] },
  'POST /api/v1/staff/reports/:code/answers/:id/submit': { probe: (f, s) => ({ path: `${apiReportPath(f, s)}/answers/${NO_DRAFT}/submit`, body: {} }), expect: [401, 401, [422, 404], [422, 404], 403, 403, 403] },
  'POST /api/v1/staff/reports/:code/answers/:id/approve': { probe: (f, s) => ({ path: `${apiReportPath(f, s)}/answers/${NO_DRAFT}/approve`, body: {} }), expect: [401, 401, [403, 404], [422, 404], 403, 403, 403] },
  'POST /api/v1/staff/reports/:code/answers/:id/edit-approve': { probe: (f, s) => ({ path: `${apiReportPath(f, s)}/answers/${NO_DRAFT}/edit-approve`, body: {} }), expect: [401, 401, [403, 404], [422, 404], 403, 403, 403] },
  'GET /api/v1/staff/reports/:code/answers/:id/preview': { probe: (f, s) => ({ path: `${apiReportPath(f, s)}/answers/${NO_DRAFT}/preview` }), expect: [401, 401, [422, 404], [422, 404], 422, 403, 403] },
  'POST /api/v1/staff/reports/:code/answers/:id/files': { probe: (f, s) => ({ path: `${apiReportPath(f, s)}/answers/${NO_DRAFT}/files`, body: {} }), expect: [401, 401, [422, 404], [422, 404], 403, 403, 403] },
  'PUT /api/v1/staff/reports/:code/answers/:id/files/:fileId': { probe: (f, s) => ({ path: `${apiReportPath(f, s)}/answers/${NO_DRAFT}/files/1`, body: { public: true } }), expect: [401, 401, [422, 404], [422, 404], 403, 403, 403] },
  'DELETE /api/v1/staff/reports/:code/answers/:id/files/:fileId': { probe: (f, s) => ({ path: `${apiReportPath(f, s)}/answers/${NO_DRAFT}/files/1` }), expect: [401, 401, [422, 404], [422, 404], 403, 403, 403] },
  'POST /api/v1/staff/reports/:code/answers/:id/return': { probe: (f, s) => ({ path: `${apiReportPath(f, s)}/answers/${f.draft[s]}/return`, body: { comment: '' } }), expect: [401, 401, [403, 404], [422, 404], 403, 403, 403] },
  'POST /api/v1/staff/reports/:code/answers/:id/validate': { probe: (f, s) => ({ path: `${apiReportPath(f, s)}/answers/${NO_DRAFT}/validate`, body: {} }), expect: [401, 401, [403, 404], [403, 404], 422, 403, 403] },
  'POST /api/v1/staff/reports/:code/answers/:id/refuse': { probe: (f, s) => ({ path: `${apiReportPath(f, s)}/answers/${f.draft[s]}/refuse`, body: { comment: '' } }), expect: [401, 401, [403, 404], [403, 404], 422, 403, 403] },

  // --- attachments for staff --------------------------------------------------------
  'GET /staf/lampiran/:id': { probe: (f, s) => ({ path: `/staf/lampiran/${f.report[s].attachmentId}` }), expect: [303, 303, [200, 404], [200, 404], 200, 200, 200] },
  'GET /staf/lampiran/:id/kecil': { probe: (f, s) => ({ path: `/staf/lampiran/${f.report[s].attachmentId}/kecil` }), expect: [303, 303, [200, 404], [200, 404], 200, 200, 200] },

  // --- Open311 (reads public, published cases only; posting needs a client key) -----
  'GET /open311/v2/discovery.:format': { probe: r('/open311/v2/discovery.json'), expect: everyone(200) },
  'GET /open311/v2/services.:format': { probe: r('/open311/v2/services.json'), expect: everyone(200) },
  'GET /open311/v2/services/:code.:format': { probe: (f) => ({ path: `/open311/v2/services/${f.categoryCode}.json` }), expect: everyone(200) },
  'GET /open311/v2/requests.:format': { probe: r('/open311/v2/requests.json'), expect: everyone(200) },
  // Posting needs an Open311 client key, whoever is signed in (403 in the spec's format).
  'POST /open311/v2/requests.:format': { probe: () => ({ path: '/open311/v2/requests.json', body: {} }), expect: everyone(403) },
  'GET /open311/v2/requests/:id.:format': { probe: (f, s) => ({ path: `/open311/v2/requests/${f.publicCase[s].code}.json` }), expect: everyone([200, 404]) },
  'GET /open311/v2/tokens/:token.:format': { probe: r('/open311/v2/tokens/abc.json'), expect: everyone(404) },
};

describe('security: authorisation matrix of every route, role and OPD', function () {
  this.timeout(180_000);
  let t: TestApp;
  let uploadDir: string;
  let f: Fixtures;
  const principals = {} as Record<Who, { browser: Browser; token?: string }>;

  async function principal(who: Who): Promise<{ browser: Browser; token?: string }> {
    if (who === 'anon') return { browser: await visitor(t) };
    if (who === 'citizen') return { browser: await citizenOf(t, f.report.own) };
    const s: Staff = await staffMember(t, STAFF_ROLES[who], OWN_OPD);
    return { browser: s, token: s.token };
  }

  before(async () => {
    uploadDir = tempDir('epengaduan-authz');
    // Limits have tests of their own; here every call must reach the policy.
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '100000', TRACKING_IP_LIMIT: '100000', TRACKING_RESEND_IP_LIMIT: '100000' });
    const db = t.database.db;
    const coordinator = await createUser(db, { email: uniqueEmail('coord'), name: 'Koordinator Uji', role: 'coordinator', agencyId: null });
    const report = { own: await apiReport(t), other: await apiReport(t) };
    await inProgressAt(t, report.own, OWN_OPD);
    await inProgressAt(t, report.other, OTHER_OPD);
    const draft = { own: await draftOn(t, report.own, OWN_OPD), other: await draftOn(t, report.other, OTHER_OPD) };
    const published = {
      own: await publishedAt(t, OWN_OPD, coordinator.user.id),
      other: await publishedAt(t, OTHER_OPD, coordinator.user.id),
    };
    const target = await createUser(db, { email: uniqueEmail('target'), name: 'Akun Sasaran', role: 'agency_staff', agencyId: await agencyId(t.database, OWN_OPD) });
    await issueApiToken(db, { userId: target.user.id, name: 'sasaran', createdBy: target.user.id });
    const token = await db.selectFrom('api_tokens').select('id').where('user_id', '=', target.user.id).executeTakeFirstOrThrow();
    const category = await db.selectFrom('categories').select(['id', 'code']).where('active', '=', true).orderBy('id').executeTakeFirstOrThrow();
    const rule = await createRule(db, { categoryId: category.id, regionCode: null, agencyId: await agencyId(t.database, OWN_OPD), note: 'uji' });
    const doomed = await createRule(db, { categoryId: category.id, regionCode: '33.18.01', agencyId: await agencyId(t.database, OWN_OPD), note: 'hapus' });
    const holiday = '2031-03-05';
    await db.insertInto('holidays').values({ date: holiday, name: 'Libur uji', kind: 'local' }).onConflict((c) => c.doNothing()).execute();
    const outbox = await db.selectFrom('outbox').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    f = {
      report,
      draft,
      published,
      publicCase: { own: published.own, other: report.other },
      user: { id: target.user.id, tokenId: token.id },
      slaPolicyId: (await db.selectFrom('sla_policies').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
      holiday,
      outboxId: outbox.id,
      ruleId: rule.id,
      ruleToDelete: doomed.id,
      templateId: await createTemplate(db, { name: 'Templat uji', categoryId: null, body: 'Terima kasih atas laporan Anda, kami tindak lanjuti segera.', sortOrder: 0 }),
      open311ClientId: (await open311Client(t)).id,
      categoryCode: category.code,
    };
    for (const who of WHO) principals[who] = await principal(who);
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  it('lists every route of the app, and no route that is gone', () => {
    const routes = listRoutes(t.app);
    const missing = routes.filter((route) => !(route in MATRIX));
    const stale = Object.keys(MATRIX).filter((route) => !routes.includes(route));
    expect(missing, 'routes without a row in the matrix: add them with the expected answer per role').to.deep.equal([]);
    expect(stale, 'rows for routes the app no longer has').to.deep.equal([]);
    expect(routes.length).to.be.greaterThan(100);
  });

  /** Sends one probe as one principal: a page through the browser, an /api/ call with the token. */
  async function send(who: Who, method: string, p: Probe): Promise<supertest.Response> {
    const me = p.fresh ? await principal(who) : principals[who];
    const m = method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    const viaApi = p.path.startsWith('/api/') && !p.path.startsWith('/api/v1/session');
    let req: supertest.Test;
    if (viaApi) {
      req = supertest(t.app)[m](p.path);
      if (me.token) req.set('Authorization', `Bearer ${me.token}`);
      // The citizen's secret goes with every call about a report: it must open theirs only.
      if (who === 'citizen') req.set('X-Tracking-Token', f.report.own.secret);
      if (p.body) req.send(p.body);
    } else {
      req = me.browser.agent[m](p.path);
      if (m !== 'get') req.set('X-CSRF-Token', me.browser.csrf);
      if (p.body) (p.path.startsWith('/api/') ? req : req.type('form')).send(p.body);
    }
    return req.redirects(0);
  }

  for (const [route, entry] of Object.entries(MATRIX)) {
    const [method] = route.split(' ');
    it(`${route}: ${entry.expect.map((c, i) => `${WHO[i]} ${Array.isArray(c) ? c.join('/') : c}`).join(', ')}`, async () => {
      const got: string[] = [];
      const want: string[] = [];
      for (const [i, who] of WHO.entries()) {
        const cell = entry.expect[i]!;
        for (const scope of ['own', 'other'] as const) {
          const expected = Array.isArray(cell) ? cell[scope === 'own' ? 0 : 1] : cell;
          // Unscoped routes are called once.
          if (scope === 'other' && !Array.isArray(cell) && entry.probe(f, 'own').path === entry.probe(f, 'other').path) continue;
          const res = await send(who, method!, entry.probe(f, scope));
          let outcome = String(res.status);
          // 200 with the lookup form and nothing of the report: the answer to a missing secret.
          if (route === 'GET /lacak/:code' && res.status === 200 && res.text?.includes('name="secret"') && !res.text.includes(f.report[scope].title)) outcome = 'lookup';
          got.push(`${who}/${scope}: ${outcome}`);
          want.push(`${who}/${scope}: ${expected}`);
        }
      }
      expect(got).to.deep.equal(want);
    });
  }
});
