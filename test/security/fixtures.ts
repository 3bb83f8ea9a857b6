import fs from 'node:fs';
import type express from 'express';
import { sql } from 'kysely';
import supertest from 'supertest';
import { saveDraft } from '../../src/answers/commands/saveDraft.js';
import type { Role } from '../../src/db/schema.js';
import { draftPublication } from '../../src/publication/commands/draft.js';
import { approvePublication } from '../../src/publication/commands/review.js';
import { transition } from '../../src/reports/commands/transition.js';
import { issueApiToken } from '../../src/users/commands/apiTokens.js';
import { jpeg, reportBody, seeded } from '../api/helpers.js';
import { agencyId, csrfFrom, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { advanceTo } from '../helpers/reports.js';

/**
 * Shared set-up of the security tests: real people signed in through the login form,
 * API tokens issued the way the admin page issues them, reports made through the public
 * API (with a real photo) and moved along the one state machine.
 */

export type Who = 'anon' | 'citizen' | 'staff' | 'head' | 'coordinator' | 'leader' | 'admin';
export const WHO: Who[] = ['anon', 'citizen', 'staff', 'head', 'coordinator', 'leader', 'admin'];

/** "Own" OPD of the OPD roles, and the other one. */
export const OWN_OPD = 'dpupr';
export const OTHER_OPD = 'dinkes';

export const STAFF_ROLES: Record<Exclude<Who, 'anon' | 'citizen'>, Role> = {
  staff: 'agency_staff',
  head: 'agency_head',
  coordinator: 'coordinator',
  leader: 'leader',
  admin: 'admin',
};

export interface FixtureReport {
  id: number;
  code: string;
  secret: string;
  attachmentId: number;
  title: string;
}

/** A report made through POST /api/v1/reports with one photo; returns code, secret and the photo's id. */
export async function apiReport(t: TestApp, overrides: Record<string, unknown> = {}): Promise<FixtureReport> {
  const ref = await seeded(t);
  const body = reportBody(ref, overrides);
  const req = supertest(t.app).post('/api/v1/reports');
  for (const [k, v] of Object.entries(body)) {
    if (k === 'reporter') req.field('reporter', JSON.stringify(v));
    else req.field(k, String(v));
  }
  const res = await req.attach('files', await jpeg(), { filename: 'foto.jpg', contentType: 'image/jpeg' }).expect(201);
  const row = await t.database.db.selectFrom('reports').select(['id', 'title']).where('tracking_code', '=', res.body.code).executeTakeFirstOrThrow();
  const att = await t.database.db.selectFrom('attachments').select('id').where('report_id', '=', row.id).executeTakeFirstOrThrow();
  return { id: row.id, code: res.body.code, secret: res.body.secret, attachmentId: att.id, title: row.title };
}

/** Moves a report to in_progress at an OPD (the test helper forwards to dpupr; another OPD is re-pointed after). */
export async function inProgressAt(t: TestApp, report: FixtureReport, opd: string): Promise<void> {
  await advanceTo(t.database.db, report.id, 'in_progress');
  if (opd !== OWN_OPD) {
    await t.database.db.updateTable('reports').set({ assigned_agency_id: await agencyId(t.database, opd) }).where('id', '=', report.id).execute();
  }
}

/** A draft answer on a report in progress at that OPD; returns its id. */
export async function draftOn(t: TestApp, report: FixtureReport, opd: string): Promise<number> {
  const db = t.database.db;
  const row = await db.selectFrom('reports').selectAll().where('id', '=', report.id).executeTakeFirstOrThrow();
  const draft = await saveDraft(db, {
    report: row,
    actor: { kind: 'staff', agencyId: await agencyId(t.database, opd) },
    body: 'Tim UPT sudah meninjau lokasi pada 20 November dan menjadwalkan perbaikan pada 2 Desember.',
    plannedAt: null,
  });
  return draft.id;
}

/** A resolved report at that OPD with its public version published (and its photo shown). */
export async function publishedAt(t: TestApp, opd: string, coordinatorId: number, overrides: Record<string, unknown> = {}): Promise<FixtureReport> {
  const db = t.database.db;
  const r = await apiReport(t, overrides);
  await advanceTo(db, r.id, 'answered');
  await transition(db, { reportId: r.id, action: 'resolve', actor: { kind: 'citizen' }, visibility: 'public', set: { resolved_at: sql`now()` } });
  if (opd !== OWN_OPD) await db.updateTable('reports').set({ assigned_agency_id: await agencyId(t.database, opd) }).where('id', '=', r.id).execute();
  await draftPublication(db, r.id);
  await db.updateTable('publications').set({ photo_ids: [r.attachmentId] }).where('report_id', '=', r.id).execute();
  const report = await db.selectFrom('reports').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
  await approvePublication(db, { report, userId: coordinatorId });
  return r;
}

/** A browser: a cookie jar and the CSRF token of its session. */
export interface Browser {
  agent: supertest.Agent;
  csrf: string;
}

/** A visitor who opened a form: has a session (for its CSRF token) and no login. */
export async function visitor(t: TestApp): Promise<Browser> {
  const agent = supertest.agent(t.app);
  const page = await agent.get('/lapor').expect(200);
  return { agent, csrf: csrfFrom(page.text) };
}

/** A citizen who opened their report with the secret link, as the confirmation mail gives it. */
export async function citizenOf(t: TestApp, report: FixtureReport): Promise<Browser> {
  const b = await visitor(t);
  await b.agent.get(`/lacak/${report.code}?k=${encodeURIComponent(report.secret)}`).expect(303);
  return b;
}

export interface Staff extends Browser {
  signedIn: SignedIn;
  token: string;
}

/** A staff member signed in through the login form, with an API token of their own. */
export async function staffMember(t: TestApp, role: Role, opd: string | null = OWN_OPD): Promise<Staff> {
  const needsAgency = role === 'agency_staff' || role === 'agency_head';
  const signedIn = await loginAs(t, role, { agencyId: needsAgency && opd ? await agencyId(t.database, opd) : null });
  const token = await issueApiToken(t.database.db, { userId: signedIn.user.id, name: 'uji keamanan', createdBy: signedIn.user.id });
  return { signedIn, agent: signedIn.agent, csrf: await signedIn.csrf(), token };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(`/tmp/${prefix}-`);
}

/** The parts of Express's (untyped) router layers that listRoutes reads. */
interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
  slash?: boolean;
  rawPath?: string;
}

/** Every "METHOD /path" of the app, by walking Express's router stack. */
export function listRoutes(app: express.Express): string[] {
  const out: string[] = [];
  const walk = (stack: RouterLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths: string[] = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) for (const m of Object.keys(layer.route.methods)) if (m !== '_all') out.push(`${m.toUpperCase()} ${prefix}${p}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + (layer.slash ? '' : String(layer.rawPath ?? '')));
      }
    }
  };
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack, '');
  return out;
}
