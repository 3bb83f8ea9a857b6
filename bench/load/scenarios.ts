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
  request: (conn: number, n: number) => CannonRequest;
}

export interface Scenario {
  name: string;
  /** What the budget is on: p95 in ms, and/or the throughput ratio to the floor. */
  budget: { p95Ms?: number; minRatio?: number };
  app: Side;
  floor: Side;
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
  const forms = await Promise.all(range.map(() => formSession(appUrl)));
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
      budget: { minRatio: 0.5 },
      app: {
        expect: [201],
        request: (conn, n) => ({ method: 'POST', path: '/api/v1/reports', headers: json, body: JSON.stringify(report(conn, n, 'api', category, desa.code)) }),
      },
      floor: floorWrite,
    },
    {
      name: 'web form submission (POST /lapor)',
      budget: {},
      app: {
        expect: [303],
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
      budget: { p95Ms: 50 },
      app: { expect: [200], request: (conn, n) => ({ path: `/lacak/${tracked[conn]![n % perConn]!.code}`, headers: { cookie: trackCookies[conn]! } }) },
      floor: { expect: [200], request: (conn, n) => ({ path: `/track/${tracked[conn]![n % perConn]!.code}` }) },
    },
    {
      name: 'public search (GET /publik?q=)',
      budget: { p95Ms: 50 },
      app: { expect: [200], request: (conn, n) => ({ path: `/publik?q=${encodeURIComponent(SEARCHES[(conn + n) % SEARCHES.length]!)}` }) },
      floor: { expect: [200], request: (conn, n) => ({ path: `/search?q=${encodeURIComponent(SEARCHES[(conn + n) % SEARCHES.length]!)}` }) },
    },
    {
      name: 'staff queue (GET /staf, OPD with most reports)',
      budget: { p95Ms: 50 },
      app: { expect: [200], request: () => ({ path: '/staf', headers: { cookie: staffCookie } }) },
      floor: { expect: [200], request: () => ({ path: `/queue/${staff.agency_id}/${staff.id}` }) },
    },
    {
      name: 'dashboard (GET /dasbor, last 30 days)',
      budget: { p95Ms: 300 },
      app: { expect: [200], request: () => ({ path: '/dasbor', headers: { cookie: leaderCookie } }) },
      floor: { expect: [200], request: () => ({ path: `/dashboard?from=${monthAgo}&to=${to}` }) },
    },
    {
      name: 'dashboard API (GET /api/v1/dashboard/agencies, 30 days)',
      budget: { p95Ms: 300 },
      app: { expect: [200], request: () => ({ path: '/api/v1/dashboard/agencies', headers: { cookie: leaderCookie } }) },
      floor: { expect: [200], request: () => ({ path: `/dashboard?from=${monthAgo}&to=${to}` }) },
    },
    {
      name: 'dashboard API (a year)',
      budget: { p95Ms: 300 },
      app: { expect: [200], request: () => ({ path: `/api/v1/dashboard/agencies?from=${yearAgo}&to=${to}`, headers: { cookie: leaderCookie } }) },
      floor: { expect: [200], request: () => ({ path: `/dashboard?from=${yearAgo}&to=${to}` }) },
    },
  ];
}
