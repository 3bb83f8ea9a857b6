import { expect } from 'chai';
import type { Role } from '../../src/db/schema.js';
import { setSetting } from '../../src/settings/commands/setSetting.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { ANSWER, type StaffApi, staffApi } from './helpers.js';

type Step = 'create' | 'submit' | 'approve' | 'return' | 'validate' | 'refuse';
type Who = 'staff' | 'head' | 'otherStaff' | 'otherHead' | 'coordinator' | 'leader' | 'admin';

/**
 * Who may take each step of an answer, over the staff API, each from the stage it needs:
 * allowed ones succeed, the rest are 403 (may see, may not do) or 404 (another OPD's
 * report does not exist for them).
 */
const EXPECTED: Record<Who, Record<Step, number>> = {
  staff: { create: 201, submit: 200, approve: 403, return: 403, validate: 403, refuse: 403 },
  head: { create: 201, submit: 200, approve: 200, return: 200, validate: 403, refuse: 403 },
  otherStaff: { create: 404, submit: 404, approve: 404, return: 404, validate: 404, refuse: 404 },
  otherHead: { create: 404, submit: 404, approve: 404, return: 404, validate: 404, refuse: 404 },
  coordinator: { create: 403, submit: 403, approve: 403, return: 403, validate: 200, refuse: 200 },
  leader: { create: 403, submit: 403, approve: 403, return: 403, validate: 403, refuse: 403 },
  admin: { create: 403, submit: 403, approve: 403, return: 403, validate: 403, refuse: 403 },
};

const ROLES: Record<Who, [Role, string | null]> = {
  staff: ['agency_staff', 'dpupr'],
  head: ['agency_head', 'dpupr'],
  otherStaff: ['agency_staff', 'dinkes'],
  otherHead: ['agency_head', 'dinkes'],
  coordinator: ['coordinator', null],
  leader: ['leader', null],
  admin: ['admin', null],
};

describe('answers: who may take which step, and from which stage', () => {
  let t: TestApp;
  let people: Record<Who, StaffApi>;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '10000' });
    await setSetting(t.database.db, 'answerValidation', true, null);
    const entries = await Promise.all(Object.entries(ROLES).map(async ([who, [role, agency]]) => [who, await staffApi(t, role, agency)] as const));
    people = Object.fromEntries(entries) as Record<Who, StaffApi>;
  });
  after(() => setSetting(t.database.db, 'answerValidation', false, null));

  /** A report in progress with its draft brought to the stage the step starts from. */
  async function stagedFor(step: Step) {
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    if (step === 'create') return { base, url: base };
    const { body: draft } = await people.staff.post(base, { body: ANSWER }).expect(201);
    if (step !== 'submit') await people.staff.post(`${base}/${draft.id}/submit`).expect(200);
    if (step === 'validate' || step === 'refuse') await people.head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);
    return { base, url: `${base}/${draft.id}/${step}` };
  }

  const body = (step: Step) => (step === 'create' ? { body: ANSWER } : step === 'return' || step === 'refuse' ? { comment: 'Lengkapi jadwalnya.' } : {});

  for (const who of Object.keys(EXPECTED) as Who[]) {
    it(`${who}: ${Object.entries(EXPECTED[who]).map(([s, c]) => `${s} ${c}`).join(', ')}`, async () => {
      const got: Record<string, number> = {};
      for (const step of Object.keys(EXPECTED[who]) as Step[]) {
        const { url } = await stagedFor(step);
        got[step] = (await people[who].post(url, body(step))).status;
      }
      expect(got).to.deep.equal(EXPECTED[who]);
    });
  }

  it('refuses each step from the wrong stage (422) or a report in the wrong state (409/422)', async () => {
    const { staff, head, coordinator } = people;
    // Nothing to draft before the OPD took the report up, nor after it was answered.
    const early = await buildReport(t);
    await advanceTo(t.database.db, early.report.id, 'assigned');
    await staff.post(`/api/v1/staff/reports/${early.report.tracking_code}/answers`, { body: ANSWER }).expect(422);
    const done = await buildReport(t);
    await advanceTo(t.database.db, done.report.id, 'answered');
    await staff.post(`/api/v1/staff/reports/${done.report.tracking_code}/answers`, { body: ANSWER }).expect(422);

    const { base } = await stagedFor('create');
    const { body: draft } = await staff.post(base, { body: ANSWER }).expect(201);
    // A second draft for the same report is the same draft: the editor must send its version.
    await staff.post(base, { body: ANSWER }).expect(409);
    await head.post(`${base}/${draft.id}/approve`).expect(422);
    await coordinator.post(`${base}/${draft.id}/validate`).expect(422);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    await staff.post(`${base}/${draft.id}/submit`).expect(422);
    await staff.put(`${base}/${draft.id}`, { body: ANSWER, version: 1 }).expect(422);
    await coordinator.post(`${base}/${draft.id}/refuse`, { comment: 'Belum waktunya.' }).expect(422);
    await head.post(`${base}/${draft.id}/return`, {}).expect(422);
    await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);
    await head.post(`${base}/${draft.id}/approve`).expect(422);
    await coordinator.post(`${base}/${draft.id}/refuse`, { comment: '' }).expect(422);
    await coordinator.post(`${base}/${draft.id}/validate`).expect(200);
    await coordinator.post(`${base}/${draft.id}/refuse`, { comment: 'Terlambat.' }).expect(422);
    await staff.post(`${base}/999999999/submit`).expect(422);
    await staff.post(`${base}/abc/submit`).expect(404);
  });
});
