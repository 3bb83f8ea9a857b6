import type { Db } from '../../src/db/database.js';
import { jakartaDate } from '../../src/shared/calendar.js';
import { generatedReport, type GenerateResult } from '../generate.js';
import type { CannonRequest } from './measure.js';
import { formSession, multipart, staffLogin, trackingSession } from './sessions.js';

/**
 * The load scenarios of issue 10. Each gives the request of the app and the request of the
 * floor (a bare handler doing the same database work, floor-server.ts) for connection
 * `conn`, its `n`-th request; sessions are made once per connection beforehand.
 * Budgets (issue 10, item 4) are checked by index.ts.
 */
export interface Side {
  expect: number[];
  jar?: Map<number, string>;
  /** Run before each run of this side (warm-up included). */
  before?: () => Promise<void>;
  request: (conn: number, n: number) => CannonRequest;
}

/**
 * Issue 25's budgets, all measured in the same run: absolute p95s do not hold on a shared
 * 2-core machine (the floor itself reaches 57 ms on search), ratios to the floor do.
 * - minRatio: app throughput ÷ floor throughput at least this;
 * - maxP95Ratio: app p95 ÷ floor p95 at most this;
 * - coldP95Factor: app p95 below this many times the floor's single query (the floor
 *   measured alone, one request at a time: what one leader waits for without our summaries).
 */
export interface Budget {
  minRatio?: number;
  maxP95Ratio?: number;
  coldP95Factor?: number;
}

export interface Scenario {
  name: string;
  budget: Budget;
  app: Side;
  floor: Side;
  /** Both sides are measured with one connection, one request at a time (coldP95Factor). */
  alone?: boolean;
}

export interface LoadContext {
  appUrl: string;
  db: Db;
  connections: number;
  generated: Pick<GenerateResult, 'salt' | 'reports' | 'password' | 'accounts'>;
}

/** Words people search for in the portal, from the generated texts. */
const SEARCHES = ['jalan rusak', 'lampu', 'sampah', 'banjir', 'puskesmas', 'KTP', 'bantuan', 'air PDAM', 'sekolah', 'pungli', 'jembatan', 'pupuk'];

// Each run's texts differ from the last one's, or the duplicate guard (same text, same
// contact, within DUPLICATE_WINDOW_MINUTES) would answer 200 with the earlier report.
const RUN = Date.now().toString(36);

function report(conn: number, n: number, channel: string, category: number, region: string) {
  return {
    kind: 'pengaduan',
    title: `Jalan berlubang di depan rumah ${RUN}-${n}`,
    body: `Jalan di depan rumah nomor ${RUN}-${n} berlubang dan membahayakan pengendara sejak pekan lalu (${channel}).`,
    categoryId: category,
    regionCode: region,
    reporter: { name: `Warga ${conn}`, email: `warga.${RUN}.${n}@example.com` },
    consent: true,
  };
}

export async function scenarios(ctx: LoadContext): Promise<Scenario[]> {
  const { appUrl, db, connections, generated } = ctx;
  const category = (await db.selectFrom('categories').select('id').where('code', '=', 'jalan-jembatan').executeTakeFirstOrThrow()).id;
  const desa = await db.selectFrom('regions').select(['code', 'parent_code']).where('level', '=', 'desa').orderBy('code').executeTakeFirstOrThrow();
  const staff = await db.selectFrom('users').select(['id', 'agency_id']).where('email', '=', generated.accounts.staff).executeTakeFirstOrThrow();
  const json = { 'content-type': 'application/json' };

  const floorWrite: Side = {
    expect: [201],
    request: (conn, n) => ({ method: 'POST', path: '/reports', headers: json, body: JSON.stringify(report(conn, n, 'floor', category, desa.code)) }),
  };

  // Sessions: one per connection, as that many browsers would have.
  const range = Array.from({ length: connections }, (_, i) => i);
  let forms = await Promise.all(range.map(() => formSession(appUrl)));
  const formJar = new Map(forms.map((f, c) => [c, f.cookie] as const));
  const staffCookie = await staffLogin(appUrl, generated.accounts.staff, generated.password);
  const leaderCookie = await staffLogin(appUrl, generated.accounts.leader, generated.password);
  // Tracking: each connection follows 20 tracking links of reports spread over the data set.
  const perConn = 20;
  const tracked = range.map((c) =>
    Array.from({ length: perConn }, (_, i) => generatedReport(1 + ((c * perConn + i) * 7_919) % generated.reports, generated.salt)));
  const trackCookies = await Promise.all(tracked.map((reports) => trackingSession(appUrl, reports)));

  const today = new Date();
  const to = jakartaDate(today);
  const monthAgo = jakartaDate(new Date(today.getTime() - 29 * 86400_000));
  const yearAgo = jakartaDate(new Date(today.getTime() - 364 * 86400_000));

  return [
    {
      name: 'API submission (POST /api/v1/reports)',
      budget: { minRatio: 0.5, maxP95Ratio: 2 },
      app: {
        expect: [201],
        request: (conn, n) => ({ method: 'POST', path: '/api/v1/reports', headers: json, body: JSON.stringify(report(conn, n, 'api', category, desa.code)) }),
      },
      floor: floorWrite,
    },
    {
      name: 'web form submission (POST /lapor)',
      budget: { minRatio: 0.5, maxP95Ratio: 2 },
      app: {
        expect: [303],
        // Each send gives the session a new id (tracking access): the next send on it follows
        // the cookie. A send still in flight when a run stops changes its session's id unseen,
        // so every run starts from new form sessions.
        jar: formJar,
        before: async () => {
          forms = await Promise.all(range.map(() => formSession(appUrl)));
          forms.forEach((f, c) => formJar.set(c, f.cookie));
        },
        request: (conn, n) => {
          const r = report(conn, n, 'form', category, desa.code);
          const form = multipart({
            _csrf: forms[conn]!.token, kind: r.kind, title: r.title, body: r.body, categoryId: String(category),
            kecamatan: desa.parent_code ?? '', desa: desa.code, name: r.reporter.name, email: r.reporter.email, phone: '', nik: '',
            address: '', consent: 'on', website: '',
          });
          return { method: 'POST', path: '/lapor', headers: { 'content-type': form.type, cookie: forms[conn]!.cookie }, body: form.body };
        },
      },
      floor: floorWrite,
    },
    {
      name: 'tracking page (GET /lacak/:code)',
      budget: { minRatio: 0.75, maxP95Ratio: 1.5 },
      app: { expect: [200], request: (conn, n) => ({ path: `/lacak/${tracked[conn]![n % perConn]!.code}`, headers: { cookie: trackCookies[conn]! } }) },
      floor: { expect: [200], request: (conn, n) => ({ path: `/track/${tracked[conn]![n % perConn]!.code}` }) },
    },
    {
      name: 'public search (GET /publik?q=)',
      budget: { minRatio: 0.75, maxP95Ratio: 1.5 },
      app: { expect: [200], request: (conn, n) => ({ path: `/publik?q=${encodeURIComponent(SEARCHES[(conn + n) % SEARCHES.length]!)}` }) },
      floor: { expect: [200], request: (conn, n) => ({ path: `/search?q=${encodeURIComponent(SEARCHES[(conn + n) % SEARCHES.length]!)}` }) },
    },
    {
      name: 'staff queue (GET /staf, OPD with most reports)',
      budget: { minRatio: 0.75, maxP95Ratio: 1.5 },
      app: { expect: [200], request: () => ({ path: '/staf', headers: { cookie: staffCookie } }) },
      floor: { expect: [200], request: () => ({ path: `/queue/${staff.agency_id}/${staff.id}` }) },
    },
    {
      name: 'dashboard, cache warm (GET /dasbor, last 30 days)',
      budget: {},
      app: { expect: [200], request: () => ({ path: '/dasbor', headers: { cookie: leaderCookie } }) },
      floor: { expect: [200], request: () => ({ path: `/dashboard?from=${monthAgo}&to=${to}` }) },
    },
    {
      // Cache cold: `Cache-Control: no-cache` makes the app compute every request afresh
      // (dashboard/cache.ts honours it), as after a report changed or a restart. One leader
      // at a time on both sides: leaders arriving together on a cold cache share one
      // computation (the cache's single flight), which no-cache would bypass.
      name: 'dashboard, cache cold (GET /dasbor, no-cache, one at a time)',
      budget: { coldP95Factor: 10 },
      app: { expect: [200], request: () => ({ path: '/dasbor', headers: { cookie: leaderCookie, 'cache-control': 'no-cache' } }) },
      floor: { expect: [200], request: () => ({ path: `/dashboard?from=${monthAgo}&to=${to}` }) },
      alone: true,
    },
    {
      name: 'dashboard API (GET /api/v1/dashboard/agencies, 30 days)',
      budget: {},
      app: { expect: [200], request: () => ({ path: '/api/v1/dashboard/agencies', headers: { cookie: leaderCookie } }) },
      floor: { expect: [200], request: () => ({ path: `/dashboard?from=${monthAgo}&to=${to}` }) },
    },
    {
      name: 'dashboard API (a year)',
      budget: {},
      app: { expect: [200], request: () => ({ path: `/api/v1/dashboard/agencies?from=${yearAgo}&to=${to}`, headers: { cookie: leaderCookie } }) },
      floor: { expect: [200], request: () => ({ path: `/dashboard?from=${yearAgo}&to=${to}` }) },
    },
  ];
}
