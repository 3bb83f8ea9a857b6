import { expect } from 'chai';
import type { Role } from '../../src/db/schema.js';
import { STAFF_ACTIONS } from '../../src/triage/policy.js';
import { agencyId, buildTestApp, csrfFrom, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

/**
 * Issue 19, items 6 and 7: the staff report page offers exactly the actions the server
 * accepts from the report's state for this user, says what each one did, and every link
 * it shows is one its viewer may follow.
 */
describe('triage: the report page offers only what the server accepts', () => {
  let t: TestApp;
  let dpupr: number;
  const people = {} as Record<'coordinator' | 'agency_staff' | 'agency_head', SignedIn>;

  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
    dpupr = await agencyId(t.database, 'dpupr');
    people.coordinator = await loginAs(t, 'coordinator');
    people.agency_staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    people.agency_head = await loginAs(t, 'agency_head', { agencyId: dpupr });
  });

  const row = (id: number) => t.database.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** The triage actions whose form the page shows (its form posts to /staf/laporan/CODE/<action>). */
  function offered(html: string, code: string): string[] {
    const found = [...html.matchAll(new RegExp(`action="/staf/laporan/${code}/([a-z_]+)"`, 'g'))].map((m) => m[1]!);
    return found.filter((a) => (STAFF_ACTIONS as readonly string[]).includes(a)).sort();
  }

  /** Valid parameters for each action, so only the role or the state can refuse it. */
  function params(action: string, other: SignedIn): Record<string, unknown> {
    switch (action) {
      case 'forward': return { agency: 'dpupr' };
      case 'request_info': return { message: 'Di RT berapa tepatnya?' };
      case 'reject': return { reason: 'unclear', note: 'Mohon lengkapi lokasi.' };
      case 'merge': return { into: 'ZZZZ-ZZZZ' };
      case 'update': return { title: 'Judul yang diperbaiki koordinator' };
      case 'return': return { reason: 'Saluran irigasi kewenangan BBWS.' };
      case 'extend': return { days: 2, reason: 'Menunggu hasil survei lapangan.' };
      case 'assign': return { user: other.user.id };
      case 'note': return { body: 'Catatan uji' };
      default: return {};
    }
  }

  // Each state a report passes through, and for each role what its page must offer there.
  const states = ['submitted', 'assigned', 'in_progress', 'awaiting_approval', 'answered', 'merged'] as const;
  const expected: Record<(typeof states)[number], Record<'coordinator' | 'agency_staff' | 'agency_head', string[]>> = {
    submitted: { coordinator: ['forward', 'merge', 'note', 'reject', 'request_info', 'update'], agency_staff: [], agency_head: [] },
    assigned: {
      coordinator: ['extend', 'note', 'request_info', 'update'],
      agency_staff: ['acknowledge', 'note', 'return', 'take'],
      agency_head: ['acknowledge', 'assign', 'extend', 'note', 'return', 'take'],
    },
    in_progress: {
      coordinator: ['extend', 'note', 'request_info', 'update'],
      agency_staff: ['note', 'return', 'take'],
      agency_head: ['assign', 'extend', 'note', 'return', 'take'],
    },
    awaiting_approval: { coordinator: ['extend', 'note', 'update'], agency_staff: ['note'], agency_head: ['extend', 'note'] },
    answered: { coordinator: ['note', 'update'], agency_staff: ['note'], agency_head: ['note'] },
    merged: { coordinator: ['note'], agency_staff: [], agency_head: [] },
  };

  for (const state of states) {
    it(`${state}: each role sees the actions the state allows, and the server refuses every other one`, async () => {
      for (const role of ['coordinator', 'agency_staff', 'agency_head'] as const) {
        const r = await buildReport(t);
        if (state === 'merged') {
          const main = await buildReport(t);
          const token = await people.coordinator.csrf();
          await people.coordinator.agent.post(`/staf/laporan/${r.report.tracking_code}/merge`).type('form')
            .send({ _csrf: token, into: main.report.tracking_code, confirm: '1' }).expect(303);
        } else if (state !== 'submitted') {
          await advanceTo(t.database.db, r.report.id, state);
        }
        const s = people[role];
        const code = r.report.tracking_code;
        const page = await s.agent.get(`/staf/laporan/${code}`);
        if (role !== 'coordinator' && (state === 'submitted' || state === 'merged')) {
          expect(page.status, `${role} on ${state}`).to.equal(404);
          continue;
        }
        expect(page.status).to.equal(200);
        const shown = offered(page.text, code);
        expect(shown, `${role} on ${state}`).to.deep.equal(expected[state][role]);
        // What is not offered, the server refuses (403 for the role, 409 for the state), and
        // nothing changes; checked through the staff API with valid parameters.
        const token = (await s.agent.get('/api/v1/session')).body.csrfToken as string;
        const before = await row(r.report.id);
        for (const action of STAFF_ACTIONS.filter((a) => !shown.includes(a))) {
          const res = await s.agent.post(`/api/v1/staff/reports/${code}/actions`).set('X-CSRF-Token', token)
            .send({ action, ...params(action, people.agency_staff) });
          expect([403, 409], `${role} ${action} on ${state}: ${res.status} ${res.text.slice(0, 160)}`).to.include(res.status);
        }
        const after = await row(r.report.id);
        expect([after.status, after.assigned_user_id, after.extended_at]).to.deep.equal([before.status, before.assigned_user_id, before.extended_at]);
      }
    });
  }

  it('does not offer "Ambil (tugaskan ke saya)" to whom it is already assigned, and refuses it (409)', async () => {
    const staff = people.agency_staff;
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'assigned');
    const code = r.report.tracking_code;
    const before = await staff.agent.get(`/staf/laporan/${code}`).expect(200);
    expect(before.text).to.contain('Ambil (tugaskan ke saya)');
    await staff.agent.post(`/staf/laporan/${code}/take`).type('form').send({ _csrf: csrfFrom(before.text) }).expect(303);
    const mine = await staff.agent.get(`/staf/laporan/${code}`).expect(200);
    expect(mine.text).to.contain('Ditugaskan ke Anda.');
    expect(mine.text).to.not.contain('Ambil (tugaskan ke saya)');
    const again = await staff.agent.post(`/staf/laporan/${code}/take`).type('form').send({ _csrf: csrfFrom(mine.text) }).expect(409);
    expect(again.text).to.contain('Laporan ini sudah ditugaskan kepada Anda.');
    // The head may still hand it to someone else, but not to whom holds it.
    const head = await people.agency_head.agent.get(`/staf/laporan/${code}`).expect(200);
    const assignees = /<select id="f-assign-user"[^>]*>([\s\S]*?)<\/select>/.exec(head.text)?.[1] ?? '';
    expect(assignees).to.not.contain(`value="${staff.user.id}"`);
  });

  it('says what each action did, not "Tersimpan."', async () => {
    const c = people.coordinator;
    const main = await buildReport(t);
    const dup = await buildReport(t);
    const fwd = await buildReport(t);
    const say = async (s: SignedIn, code: string, action: string, body: Record<string, unknown>) => {
      const token = await s.csrf();
      const res = await s.agent.post(`/staf/laporan/${code}/${action}`).type('form').send({ _csrf: token, ...body }).expect(303);
      const page = await s.agent.get(res.headers.location!).expect(200);
      return /<p class="notice notice-success" role="status">([^<]*)<\/p>/.exec(page.text)?.[1];
    };
    expect(await say(c, fwd.report.tracking_code, 'forward', { agency: String(dpupr) })).to.equal('Diteruskan ke DPUPR.');
    const target = `${main.report.tracking_code.slice(0, 4)}-${main.report.tracking_code.slice(4)}`;
    expect(await say(c, dup.report.tracking_code, 'merge', { into: main.report.tracking_code.toLowerCase(), confirm: '1' })).to.equal(`Digabung dengan ${target}.`);
    expect(await say(c, main.report.tracking_code, 'reject', { reason: 'spam', confirm: '1' })).to.equal('Ditolak.');
    const staff = people.agency_staff;
    expect(await say(staff, fwd.report.tracking_code, 'acknowledge', {})).to.equal('Diterima. Tindak lanjut dimulai.');
    expect(await say(people.agency_head, fwd.report.tracking_code, 'assign', { user: String(staff.user.id) })).to.equal('Ditugaskan ke Test agency_staff.');
    expect(await say(people.agency_head, fwd.report.tracking_code, 'extend', { days: '2', reason: 'Menunggu hasil survei lapangan.' }))
      .to.match(/^Batas waktu diperpanjang sampai \w+, \d+ \w+ \d{4}\.$/);
    expect(await say(staff, fwd.report.tracking_code, 'note', { body: 'Sudah disurvei.' })).to.equal('Catatan internal ditambahkan.');
    // Returned as "bukan wewenang", the report leaves the OPD: its staff land on their queue, told so.
    const token = await staff.csrf();
    const back = await staff.agent.post(`/staf/laporan/${fwd.report.tracking_code}/return`).type('form')
      .send({ _csrf: token, reason: 'Bukan kewenangan DPUPR.' }).expect(303);
    expect(back.headers.location).to.equal('/staf');
    const queue = await staff.agent.get('/staf').expect(200);
    expect(queue.text).to.contain('Dikembalikan ke Diskominfo sebagai bukan wewenang.');
  });

  it('links back to the viewer’s own queue, and every link on the page answers (no 403, no 500)', async () => {
    const leader = await loginAs(t, 'leader');
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const code = r.report.tracking_code;
    const backs: [Role, SignedIn, string][] = [
      ['coordinator', people.coordinator, '/staf/verifikasi'],
      ['agency_staff', people.agency_staff, '/staf'],
      ['agency_head', people.agency_head, '/staf'],
      ['leader', leader, '/dasbor/laporan'],
    ];
    for (const [role, s, href] of backs) {
      const page = await s.agent.get(`/staf/laporan/${code}`).expect(200);
      expect(/<a href="([^"]+)" data-testid="back">/.exec(page.text)?.[1], role).to.equal(href);
      const links = [...page.text.matchAll(/<a\b[^>]*\shref="(\/[^"#]*)/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
      for (const link of new Set(links)) {
        const res = await s.agent.get(link);
        expect([403, 404, 500], `${role}: ${link} answered ${res.status}`).to.not.include(res.status);
      }
    }
  });
});
