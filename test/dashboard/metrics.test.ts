import crypto from 'node:crypto';
import { expect } from 'chai';
import { sql } from 'kysely';
import { rebuildDirtyMonths } from '../../src/dashboard/commands/rebuildSummaries.js';
import { agencyFigures, breakdown, DEFINITIONS, FIGURES, overdueList, rankAgencies, reportsBehind, trend, type DashboardFilter } from '../../src/dashboard/metrics.js';
import { cleanDays, cleanMonths, cleanSpans, wholeSpans } from '../../src/dashboard/metrics/summaries.js';
import type { Db } from '../../src/db/database.js';
import type { Report } from '../../src/db/schema.js';
import { pauseClock, resumedDeadlines } from '../../src/reports/commands/clock.js';
import { backfillDurations, recordDurations } from '../../src/reports/commands/recordDurations.js';
import { transition } from '../../src/reports/commands/transition.js';
import { invalidateHolidays } from '../../src/reports/deadlines.js';
import { workingDaysTaken } from '../../src/reports/durations.js';
import { type Action } from '../../src/reports/transitions.js';
import { confirmResolved, rateAnswer } from '../../src/tracking/commands/closeWithRating.js';
import { respondToAnswer } from '../../src/tracking/commands/respondToAnswer.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { onServer } from '../helpers/db.js';
import { buildReport } from '../helpers/reports.js';

/**
 * The dashboard's figures on a data set made through the real lifecycle, against figures
 * computed by hand below. Time: the state machine stamps events with the database clock
 * (now()), so after each step the test moves that step's event (and the columns the step
 * stamped with now()) to the scenario's instant and calls recordDurations again, as the
 * hook in transition() did with the real clock. Deadlines are set as `set` of the
 * transition or by the real commands with their `now` option.
 *
 * Scenario: March 2019 (a period no other test uses), Asia/Jakarta, office 08:00-16:00
 * (one working day = 480 minutes). 1 March 2019 is a Friday. Days off added here:
 * Thu 7 March (Nyepi) and Mon 11 March (a local day off). A fresh category (SLA policy:
 * respond in 1 HK) and two fresh OPD A and B scope every figure.
 */
const J = (s: string) => new Date(`${s}+07:00`);
const staff = { kind: 'staff' as const };

describe('dashboard metrics', function () {
  let t: TestApp;
  let db: Db;
  let agencyA: number;
  let agencyB: number;
  let categoryId: number;
  let kecamatan: string;
  let desa: string;
  const r: Record<string, number> = {};
  const filter = (over: Partial<DashboardFilter> = {}): DashboardFilter => ({
    from: J('2019-03-01T00:00:00'), to: J('2019-04-01T00:00:00'), categoryId, now: J('2019-04-15T12:00:00'), ...over,
  });

  async function stamp(reportId: number, at: Date, columns: Partial<Record<'first_response_at' | 'answered_at' | 'resolved_at' | 'closed_at' | 'rated_at' | 'acknowledged_at', Date>> = {}) {
    await sql`update report_events set created_at = ${at} where id = (select max(id) from report_events where report_id = ${reportId})`.execute(db);
    if (Object.keys(columns).length) await db.updateTable('reports').set(columns).where('id', '=', reportId).execute();
    await recordDurations(db, reportId);
  }

  async function step(reportId: number, action: Action, at: Date, set: Record<string, unknown> = {}) {
    await transition(db, { reportId, action, actor: staff, visibility: 'internal', set });
    const columns = action === 'approve' ? { answered_at: at } : {};
    if (action === 'approve') await sql`update reports set first_response_at = coalesce(first_response_at, ${at}) where id = ${reportId}`.execute(db);
    await stamp(reportId, at, columns);
  }

  async function submitted(at: string, over: { regionCode?: string | null } = {}): Promise<number> {
    const { report } = await buildReport(t, { categoryId, regionCode: over.regionCode ?? null });
    await db.updateTable('reports').set({ submitted_at: J(at), created_at: J(at), verify_due_at: null }).where('id', '=', report.id).execute();
    await sql`update report_events set created_at = ${J(at)} where report_id = ${report.id}`.execute(db);
    return report.id;
  }

  const verify = (id: number, agencyId: number, at: string, due: string) =>
    step(id, 'verify', J(at), { assigned_agency_id: agencyId, assigned_at: J(at), response_due_at: J(due) });
  const get = (id: number) => db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow() as Promise<Report>;
  const durations = (id: number) => db.selectFrom('report_durations').selectAll().where('report_id', '=', id).executeTakeFirstOrThrow();

  before(async function () {
    t = await buildTestApp();
    db = t.database.db;
    const tag = crypto.randomBytes(3).toString('hex');
    const [a, b] = await Promise.all(
      ['a', 'b'].map((x) => db.insertInto('agencies').values({ code: `dash-${x}-${tag}`, name: `Dinas Uji ${x.toUpperCase()} ${tag}`, short_name: null, kind: 'dinas', parent_id: null, region_code: null, email: null, phone: null }).returning('id').executeTakeFirstOrThrow()),
    );
    agencyA = a!.id;
    agencyB = b!.id;
    const policy = await db.insertInto('sla_policies').values({ code: `dash-${tag}`, name: 'Uji dasbor', verify_days: 1, respond_days: 1, resolve_days: 5, auto_close_days: 10 }).returning('id').executeTakeFirstOrThrow();
    const category = await db.insertInto('categories').values({ code: `dash-${tag}`, name: `Uji dasbor ${tag}`, name_en: null, description: null, default_agency_id: agencyA, sla_policy_id: policy.id }).returning('id').executeTakeFirstOrThrow();
    categoryId = category.id;
    const region = await db.selectFrom('regions').select(['code', 'parent_code']).where('level', '=', 'desa').orderBy('code').executeTakeFirstOrThrow();
    desa = region.code;
    kecamatan = region.parent_code!;
    await db.insertInto('holidays').values([
      { date: '2019-03-07', name: 'Nyepi (uji)', kind: 'national' },
      { date: '2019-03-11', name: 'Libur daerah (uji)', kind: 'local' },
    ]).onConflict((oc) => oc.doNothing()).execute();
    invalidateHolidays();
    const days = await db.selectFrom('holidays').select('date').where('date', '>=', '2019-02-01').where('date', '<=', '2019-04-30').orderBy('date').execute();
    expect(days.map((d) => d.date), 'no other days off in the scenario').to.deep.equal(['2019-03-07', '2019-03-11']);

    // R1 (A): a holiday inside. Wed 6 10:00 -> Fri 8 12:00: Wed 10-16 = 360, Thu 7 off,
    // Fri 08-12 = 240: 600 min = 1.25 HK. Due Tue 12 16:00: on time. Resolved Wed 20 with 5.
    r.R1 = await submitted('2019-03-06T10:00:00', { regionCode: desa });
    await verify(r.R1, agencyA, '2019-03-06T10:30:00', '2019-03-12T16:00:00');
    await step(r.R1, 'acknowledge', J('2019-03-06T11:00:00'));
    await step(r.R1, 'submit_draft', J('2019-03-08T11:00:00'));
    await step(r.R1, 'approve', J('2019-03-08T12:00:00'));
    await confirmResolved(db, { report: await get(r.R1), rating: { rating: 5, comment: null } });
    await stamp(r.R1, J('2019-03-20T09:00:00'), { resolved_at: J('2019-03-20T09:00:00'), closed_at: J('2019-03-20T09:00:00'), rated_at: J('2019-03-20T09:00:00') });

    // R2 (A): a pause over a weekend and a day off. Fri 8 09:00 -> Wed 13 11:00:
    // Fri 09-16 = 420, Sat/Sun, Mon 11 off, Tue 480, Wed 08-11 = 180: 1080 min.
    // needs_info Fri 14:00 -> Tue 10:00: Fri 14-16 = 120 + Tue 08-10 = 120 = 240 min.
    // 1080 - 240 = 840 min = 1.75 HK. Due Tue 12 16:00 moved by the 240 paused minutes
    // (resumedDeadlines) to Wed 13 12:00: answered 11:00, on time (late without the pause).
    r.R2 = await submitted('2019-03-08T09:00:00', { regionCode: kecamatan });
    await verify(r.R2, agencyA, '2019-03-08T09:30:00', '2019-03-12T16:00:00');
    await step(r.R2, 'acknowledge', J('2019-03-08T10:00:00'));
    await step(r.R2, 'request_info', J('2019-03-08T14:00:00'));
    await pauseClock(db, r.R2, J('2019-03-08T14:00:00'));
    await step(r.R2, 'provide_info', J('2019-03-12T10:00:00'), await resumedDeadlines(db, r.R2, J('2019-03-12T10:00:00')));
    expect((await get(r.R2)).response_due_at?.toISOString()).to.equal(J('2019-03-13T12:00:00').toISOString());
    await step(r.R2, 'submit_draft', J('2019-03-13T10:00:00'));
    await step(r.R2, 'approve', J('2019-03-13T11:00:00'));

    // R3 (A): re-opened, then appealed. Mon 4 08:00 -> first answer Tue 5 16:00 = 480+480
    // = 960 min = 2.00 HK, due Wed 6 16:00: on time. Reply Thu 14 10:00 (respondToAnswer:
    // due = 1 HK from the next working day = Fri 15 16:00); answer 2 Fri 15 10:00. Appeal
    // Mon 18 09:00 (due Tue 19 16:00); answer 3 Wed 20 09:00: late.
    // Time to answer = 960 (Mon 4 08:00-Tue 5 16:00) + [answer with the reporter until
    // Thu 14 10:00: left out] + 480 (Thu 10-16 = 360, Fri 08-10 = 120) + [with the reporter
    // until Mon 18 09:00: left out] + 960 (Mon 09-16 = 420, Tue 480, Wed 08-09 = 60)
    // = 2400 min = 5.00 HK. Rated 2.
    r.R3 = await submitted('2019-03-04T08:00:00');
    await verify(r.R3, agencyA, '2019-03-04T08:10:00', '2019-03-06T16:00:00');
    await step(r.R3, 'acknowledge', J('2019-03-04T08:20:00'));
    await step(r.R3, 'submit_draft', J('2019-03-05T15:00:00'));
    await step(r.R3, 'approve', J('2019-03-05T16:00:00'));
    await respondToAnswer(db, { report: await get(r.R3), body: 'Masih berlubang.', appeal: false, now: J('2019-03-14T10:00:00') });
    await stamp(r.R3, J('2019-03-14T10:00:00'));
    expect((await get(r.R3)).response_due_at?.toISOString()).to.equal(J('2019-03-15T16:00:00').toISOString());
    await step(r.R3, 'submit_draft', J('2019-03-15T09:00:00'));
    await step(r.R3, 'approve', J('2019-03-15T10:00:00'));
    await respondToAnswer(db, { report: await get(r.R3), body: 'Jawaban tidak sesuai.', appeal: true, now: J('2019-03-18T09:00:00') });
    await stamp(r.R3, J('2019-03-18T09:00:00'));
    await step(r.R3, 'submit_draft', J('2019-03-19T09:00:00'));
    await step(r.R3, 'approve', J('2019-03-20T09:00:00'));
    await rateAnswer(db, { report: await get(r.R3), rating: { rating: 2, comment: null } });

    // R4 (A): overdue. Tue 19 10:00, due Fri 22 16:00, still in progress on 15 April.
    r.R4 = await submitted('2019-03-19T10:00:00');
    await verify(r.R4, agencyA, '2019-03-19T10:30:00', '2019-03-22T16:00:00');
    await step(r.R4, 'acknowledge', J('2019-03-19T11:00:00'));

    // R5 (B): Mon 25 08:00 -> Tue 26 08:00 = 480 min = 1.00 HK, due Mon 25 16:00: late.
    // Resolved Wed 3 April, after the period: open at its end. Rated 4.
    r.R5 = await submitted('2019-03-25T08:00:00');
    await verify(r.R5, agencyB, '2019-03-25T08:00:00', '2019-03-25T16:00:00');
    await step(r.R5, 'acknowledge', J('2019-03-25T09:00:00'));
    await step(r.R5, 'submit_draft', J('2019-03-25T15:00:00'));
    await step(r.R5, 'approve', J('2019-03-26T08:00:00'));
    await confirmResolved(db, { report: await get(r.R5), rating: { rating: 4, comment: null } });
    await stamp(r.R5, J('2019-04-03T09:00:00'), { resolved_at: J('2019-04-03T09:00:00'), closed_at: J('2019-04-03T09:00:00') });

    // R6 (no OPD yet): Tue 12 09:00, verification due Wed 13 16:00: overdue.
    r.R6 = await submitted('2019-03-12T09:00:00');
    await db.updateTable('reports').set({ verify_due_at: J('2019-03-13T16:00:00') }).where('id', '=', r.R6).execute();

    // R7 (A): submitted 28 February, outside the period; answered: counted nowhere.
    r.R7 = await submitted('2019-02-28T10:00:00');
    await verify(r.R7, agencyA, '2019-02-28T10:30:00', '2019-03-01T16:00:00');
    await step(r.R7, 'acknowledge', J('2019-02-28T11:00:00'));
    await step(r.R7, 'submit_draft', J('2019-02-28T12:00:00'));
    await step(r.R7, 'approve', J('2019-02-28T13:00:00'));
  });

  it('stores each duration and verdict as computed by hand', async function () {
    const row = async (id: number) => {
      const d = await durations(id);
      return [d.first_response_days, d.answer_days, d.responded_in_time, d.answered_in_time, d.reopened_count, d.appeal_count];
    };
    // Kept to one decimal, as the tracking page shows them: 1.25 -> 1.3, 1.75 -> 1.8.
    expect(await row(r.R1!)).to.deep.equal(['1.3', '1.3', true, true, 0, 0]);
    expect(await row(r.R2!)).to.deep.equal(['1.8', '1.8', true, true, 0, 0]);
    expect(await row(r.R3!)).to.deep.equal(['2.0', '5.0', true, false, 1, 1]);
    expect(await row(r.R5!)).to.deep.equal(['1.0', '1.0', false, false, 0, 0]);
    // R4 (never answered) has a row of nothing yet (the test recomputed it after each step); R6 none.
    expect(await row(r.R4!)).to.deep.equal([null, null, null, null, 0, 0]);
    expect(await db.selectFrom('report_durations').select('report_id').where('report_id', '=', r.R6!).execute()).to.have.length(0);
    // The first response is counted as workingDaysTaken counts (the public pages' figure).
    for (const id of [r.R1!, r.R2!, r.R3!]) {
      const report = await get(id);
      const days = await workingDaysTaken(db, { reportId: id, from: report.submitted_at, to: report.first_response_at! });
      expect(Number((await durations(id)).first_response_days)).to.equal(days);
    }
  });

  it('gives every per-OPD figure as computed by hand', async function () {
    const rows = await agencyFigures(db, filter());
    const a = rows.find((x) => x.agencyId === agencyA)!;
    // A: R1-R4. Open now: R2, R3 answered (open until resolved), R4; R1 closed 20 March.
    // Overdue now (15 April): R4. First response: [1.3, 1.8, 2.0]: median 1.8,
    // p90 at rank 0.9*(3-1) = 1.8: 1.8 + 0.8*(2.0-1.8) = 1.96. Answer: [1.3, 1.8, 5.0]:
    // median 1.8, p90 = 1.8 + 0.8*(5.0-1.8) = 4.36. On time: R1, R2 of 3. Ratings 5, 2: 3.5.
    expect(a).to.deep.include({
      received: 4, open: 3, overdue: 1, firstResponse: 3, respondedInTime: 3, answered: 3, answeredWithDeadline: 3, answeredInTime: 2,
      answeredInTimeShare: 2 / 3, firstResponseMedian: 1.8, firstResponseP90: 1.96, answerMedian: 1.8, answerP90: 4.36,
      rated: 2, ratingAverage: 3.5, appealed: 1, reopened: 1,
    });
    const b = rows.find((x) => x.agencyId === agencyB)!;
    // B: R5, closed 3 April (after the period): no longer open; answered late.
    expect(b).to.deep.include({
      received: 1, open: 0, overdue: 0, answered: 1, answeredInTime: 0, answeredInTimeShare: 0,
      firstResponseMedian: 1, firstResponseP90: 1, answerMedian: 1, answerP90: 1, ratingAverage: 4, appealed: 0,
    });
    const none = rows.find((x) => x.agencyId === null)!;
    expect(none).to.deep.include({ received: 1, open: 1, overdue: 1, answered: 0, answeredInTimeShare: null, answerMedian: null, ratingAverage: null });
    expect(rows).to.have.length(3);
  });

  it('filters by OPD, kecamatan (its desa included) and channel', async function () {
    expect((await agencyFigures(db, filter({ agencyId: agencyB }))).map((x) => x.agencyId)).to.deep.equal([agencyB]);
    const inKecamatan = await agencyFigures(db, filter({ kecamatan }));
    expect(inKecamatan).to.have.length(1);
    expect(inKecamatan[0]).to.deep.include({ agencyId: agencyA, received: 2, answerMedian: 1.55 }); // R1 (desa) 1.3, R2 1.8
    expect(await agencyFigures(db, filter({ channel: 'email' }))).to.deep.equal([]);
  });

  it('ranks OPD by median time to answer with a minimum count, never one OPD as both fastest and slowest (issue 19)', async function () {
    const rows = await agencyFigures(db, filter());
    const one = rankAgencies(rows, { minCount: 1 });
    // Two ranked: one is the fastest, the other the slowest; neither in both lists.
    expect(one.fastest.map((x) => x.agencyId)).to.deep.equal([agencyB]); // 1.0 < 1.8
    expect(one.slowest.map((x) => x.agencyId)).to.deep.equal([agencyA]);
    // The most often late first: B answered 0 of 1 on time, A 2 of 3.
    expect(one.byShare.map((x) => x.agencyId)).to.deep.equal([agencyB, agencyA]);
    // At least two answered: A alone is ranked, so it is neither the fastest nor the slowest of anything.
    const two = rankAgencies(rows, { minCount: 2 });
    expect(two.byShare.map((x) => x.agencyId)).to.deep.equal([agencyA]);
    expect(two.fastest).to.deep.equal([]);
    expect(two.slowest).to.deep.equal([]);
    expect(two.unranked.map((x) => x.agencyId)).to.deep.equal([agencyB]);
  });

  it('gives the trend by week and month and the breakdowns', async function () {
    // Month: all six; answers [1.0, 1.3, 1.8, 5.0]: median (1.3+1.8)/2 = 1.55.
    const month = await trend(db, filter(), 'month');
    expect(month.map((p) => [p.period, p.received, p.answered, p.answerMedian])).to.deep.equal([['2019-03-01', 6, 4, 1.55]]);
    // Weeks from Monday: 4 March (R3, R1, R2), 11 March (R6), 18 March (R4), 25 March (R5).
    const week = await trend(db, filter(), 'week');
    expect(week.map((p) => [p.period, p.received])).to.deep.equal([['2019-03-04', 3], ['2019-03-11', 1], ['2019-03-18', 1], ['2019-03-25', 1]]);
    const byKecamatan = await breakdown(db, filter(), 'kecamatan');
    expect(byKecamatan.map((x) => [x.key, x.received])).to.deep.equal([[null, 4], [kecamatan, 2]]);
    expect(byKecamatan[1]!.name).to.be.a('string');
    const byCategory = await breakdown(db, filter(), 'category');
    expect(byCategory.map((x) => [x.key, x.received, x.overdue])).to.deep.equal([[categoryId, 6, 2]]);
  });

  it('lists the overdue reports, longest overdue first', async function () {
    const list = await overdueList(db, filter(), 10);
    expect(list.map((x) => x.id)).to.deep.equal([r.R6, r.R4]);
    // R4: due Fri 22 March 16:00; to Mon 15 April 12:00: 25-29 March, 1-5 and 8-12 April
    // (15 HK) + 08:00-12:00 (0.5): 15.5 HK.
    expect(list[1]!.daysOverdue).to.equal(15.5);
  });

  it('lists the reports behind every figure, as many as it counts', async function () {
    const behind = async (figure: (typeof FIGURES)[number], agencyId?: number | null) => (await reportsBehind(db, filter(), figure, agencyId).execute()).map((x) => x.id);
    expect(await behind('answeredInTime', agencyA)).to.deep.equal([r.R1, r.R2]);
    expect(await behind('open', agencyA)).to.deep.equal([r.R3, r.R2, r.R4]);
    expect(await behind('open', agencyB)).to.deep.equal([]);
    expect(await behind('overdue')).to.deep.equal([r.R6, r.R4]);
    expect(await behind('appealed')).to.deep.equal([r.R3]);
    expect(await behind('received', null)).to.deep.equal([r.R6]);
    const rows = await agencyFigures(db, filter());
    for (const row of rows) {
      for (const figure of FIGURES) expect(await behind(figure, row.agencyId), `${figure} of ${row.agencyId}`).to.have.length(row[figure]);
    }
    for (const d of DEFINITIONS) expect(d.id.text.length > 20 && d.en.text.length > 20, d.key).to.equal(true);
  });

  it('backfills the same rows as the transitions kept', async function () {
    const ids = [r.R1!, r.R2!, r.R3!, r.R5!];
    const pick = ({ computed_at: _c, first_response_due_at: _f, ...rest }: Awaited<ReturnType<typeof durations>>) => rest;
    const before = await Promise.all(ids.map(async (id) => pick(await durations(id))));
    await db.deleteFrom('report_durations').where('report_id', 'in', ids).execute();
    await backfillDurations(db, 2);
    expect(await Promise.all(ids.map(async (id) => pick(await durations(id))))).to.deep.equal(before);
  });

  it('keeps the row current after each transition, through the real clock', async function () {
    const { report } = await buildReport(t, { categoryId });
    const id = report.id;
    const has = async () => (await db.selectFrom('report_durations').select('report_id').where('report_id', '=', id).execute()).length;
    for (const action of ['verify', 'acknowledge', 'request_info', 'provide_info', 'submit_draft'] as const) {
      await transition(db, { reportId: id, action, actor: staff, visibility: 'internal', set: action === 'verify' ? { assigned_agency_id: agencyA, response_due_at: sql`now() + interval '7 days'` } : {} });
      expect(await has(), `no row after ${action}`).to.equal(0);
    }
    await transition(db, { reportId: id, action: 'approve', actor: staff, visibility: 'public', set: { answered_at: sql`now()`, first_response_at: sql`coalesce(first_response_at, now())` } });
    let d = await durations(id);
    expect([d.first_response_days !== null, d.answer_days !== null, d.responded_in_time, d.answered_in_time, d.reopened_count]).to.deep.equal([true, true, true, true, 0]);
    await respondToAnswer(db, { report: await get(id), body: 'Belum beres.', appeal: false });
    d = await durations(id);
    expect([d.first_response_days !== null, d.answer_days, d.answered_in_time, d.reopened_count, d.appeal_count]).to.deep.equal([true, null, null, 1, 0]);
    await transition(db, { reportId: id, action: 'submit_draft', actor: staff, visibility: 'internal' });
    await transition(db, { reportId: id, action: 'approve', actor: staff, visibility: 'public', set: { answered_at: sql`now()` } });
    expect((await durations(id)).answer_days).to.not.equal(null);
    await respondToAnswer(db, { report: await get(id), body: 'Banding.', appeal: true });
    d = await durations(id);
    expect([d.answer_days, d.reopened_count, d.appeal_count]).to.deep.equal([null, 1, 1]);
    await transition(db, { reportId: id, action: 'submit_draft', actor: staff, visibility: 'internal' });
    await transition(db, { reportId: id, action: 'approve', actor: staff, visibility: 'public', set: { answered_at: sql`now()` } });
    await confirmResolved(db, { report: await get(id), rating: null });
    d = await durations(id);
    expect([d.answer_days !== null, d.answered_in_time, d.reopened_count, d.appeal_count]).to.deep.equal([true, true, 1, 1]);
    // The row is what a recomputation from scratch gives.
    const { computed_at: _c, ...kept } = d;
    await db.deleteFrom('report_durations').where('report_id', '=', id).execute();
    await backfillDurations(db);
    const { computed_at: _c2, ...fresh } = await durations(id);
    expect(fresh).to.deep.equal({ ...kept, first_response_due_at: null });
  });
  describe('monthly summaries', function () {
    // March 2019 holds only this file's reports, so the period alone (which may be read
    // from the summaries) and the period with the test's category (always read from the
    // reports) must give the same figures.
    const march = (over: Partial<DashboardFilter> = {}): DashboardFilter => ({ from: J('2019-03-01T00:00:00'), to: J('2019-04-01T00:00:00'), now: J('2019-04-15T12:00:00'), ...over });
    const everything = async (f: DashboardFilter) => ({
      agencies: await agencyFigures(db, f),
      months: await trend(db, f, 'month'),
      categories: await breakdown(db, f, 'category'),
      kecamatan: await breakdown(db, f, 'kecamatan'),
    });

    it('reads a built month from its summary, with the figures the reports give', async function () {
      const fromReports = await everything(march({ categoryId }));
      const rebuilt = await rebuildDirtyMonths(db);
      expect(rebuilt).to.include('2019-03-01');
      expect(await cleanMonths(db, ['2019-02-01', '2019-03-01'])).to.deep.equal(['2019-02-01', '2019-03-01']);
      expect(await everything(march())).to.deep.equal(fromReports);
      // Read from the summary indeed: a (deliberately) wrong summary shows through.
      const tamper = (n: number) => sql`update dashboard_month_counts set received = received + ${n} where span = 'month' and dim = 'agency' and month = '2019-03-01' and key = ${String(agencyA)}`.execute(db);
      await tamper(100);
      expect((await agencyFigures(db, march())).find((x) => x.agencyId === agencyA)!.received).to.equal(104);
      await tamper(-100);
      // The hand-computed figures, now from the summary.
      expect((await agencyFigures(db, march())).find((x) => x.agencyId === agencyA)).to.deep.include({
        received: 4, open: 3, overdue: 1, answeredInTime: 2, firstResponseMedian: 1.8, firstResponseP90: 1.96, answerMedian: 1.8, answerP90: 4.36, ratingAverage: 3.5,
      });
      // February (R7) and March from their summaries, and a period that cuts March (read
      // from the reports for the cut month): each as the reports say.
      const both = march({ from: J('2019-02-01T00:00:00') });
      expect(await everything(both)).to.deep.equal(await everything({ ...both, categoryId }));
      // The year 2019 from its year summary (the months added up), the trend from months.
      const year = march({ from: J('2019-01-01T00:00:00'), to: J('2020-01-01T00:00:00') });
      expect(await cleanSpans(db, 'year', ['2019-01-01'])).to.deep.equal(['2019-01-01']);
      expect(await everything(year)).to.deep.equal(await everything({ ...year, categoryId }));
      const tamperYear = (n: number) => sql`update dashboard_month_counts set received = received + ${n} where span = 'year' and dim = 'agency' and month = '2019-01-01' and key = ${String(agencyA)}`.execute(db);
      await tamperYear(100);
      expect((await agencyFigures(db, year)).find((x) => x.agencyId === agencyA)!.received).to.equal(105); // R1-R4, R7 + 100
      await tamperYear(-100);
      const cut = march({ from: J('2019-03-05T00:00:00') });
      expect((await agencyFigures(db, cut)).find((x) => x.agencyId === agencyA)!.received).to.equal(3); // R1, R2, R4
    });

    it('reads a changed month from the reports until it is rebuilt', async function () {
      await rebuildDirtyMonths(db);
      // A title is not a counted fact: the month stays clean.
      await db.updateTable('reports').set({ title: 'Judul diperbaiki' }).where('id', '=', r.R4!).execute();
      expect(await cleanMonths(db, ['2019-03-01'])).to.deep.equal(['2019-03-01']);
      // A rating is: the month is read from the reports at once, and the figure is right.
      await db.updateTable('reports').set({ rating: 1 }).where('id', '=', r.R2!).execute();
      expect(await cleanMonths(db, ['2019-03-01'])).to.deep.equal([]);
      expect(await cleanSpans(db, 'year', ['2019-01-01'])).to.deep.equal([]);
      const a = async () => (await agencyFigures(db, march())).find((x) => x.agencyId === agencyA)!;
      expect(await a()).to.deep.include({ rated: 3, ratingAverage: 2.67 }); // (5 + 1 + 2) / 3
      expect(await rebuildDirtyMonths(db)).to.deep.equal(['2019-03-01']);
      expect(await cleanMonths(db, ['2019-03-01'])).to.deep.equal(['2019-03-01']);
      expect(await a()).to.deep.include({ rated: 3, ratingAverage: 2.67 });
      expect(await everything(march())).to.deep.equal(await everything(march({ categoryId })));
      await db.updateTable('reports').set({ rating: null }).where('id', '=', r.R2!).execute();
    });

    it('keeps a month dirty when a change commits after the rebuild began', async function () {
      if (!onServer()) this.skip(); // needs two connections at once
      await rebuildDirtyMonths(db);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('reports').set({ rating: 3 }).where('id', '=', r.R2!).execute();
        // The rebuild runs on another connection while this change is not yet committed.
        expect(await rebuildDirtyMonths(db)).to.deep.equal([]);
      });
      expect(await cleanMonths(db, ['2019-03-01'])).to.deep.equal([]);
      expect((await agencyFigures(db, march())).find((x) => x.agencyId === agencyA)).to.deep.include({ rated: 3, ratingAverage: 3.33 });
      await rebuildDirtyMonths(db);
      expect((await agencyFigures(db, march())).find((x) => x.agencyId === agencyA)).to.deep.include({ rated: 3, ratingAverage: 3.33 });
      await db.updateTable('reports').set({ rating: null }).where('id', '=', r.R2!).execute();
    });
  });

  describe('day summaries (issue 25)', function () {
    // Thirty days across February and March 2019 (the default period's length, no whole
    // month): read from day summaries when the rebuild keeps the days of these months,
    // which it does at a "now" of 15 April 2019 (this month and the two before).
    const april = J('2019-04-15T12:00:00');
    const window = (over: Partial<DashboardFilter> = {}): DashboardFilter => ({ from: J('2019-02-20T00:00:00'), to: J('2019-03-22T00:00:00'), now: april, ...over });
    const days = wholeSpans('day', J('2019-02-20T00:00:00'), J('2019-03-22T00:00:00'));
    // The period alone may be read from the summaries; with the test's category it is always read from the reports.
    const everything = async (f: DashboardFilter) => ({
      agencies: await agencyFigures(db, f),
      weeks: await trend(db, f, 'week'),
      months: await trend(db, f, 'month'),
      categories: await breakdown(db, f, 'category'),
      kecamatan: await breakdown(db, f, 'kecamatan'),
    });
    const agencyAOf = async (f: DashboardFilter) => (await agencyFigures(db, f)).find((x) => x.agencyId === agencyA)!;

    it('reads thirty days from their day summaries, with the figures the reports give', async function () {
      expect(days).to.have.length(30);
      const fromReports = await everything(window({ categoryId }));
      await rebuildDirtyMonths(db, 1000, april);
      expect(await cleanDays(db, days)).to.deep.equal(days);
      expect(await everything(window())).to.deep.equal(fromReports);
      expect(await agencyAOf(window())).to.deep.include({ received: 5, rated: 2, ratingAverage: 3.5 }); // R1-R4, R7; R1 5, R3 2
      // Read from the day summaries indeed (the tables and the weekly trend alike): a (deliberately) wrong one shows through.
      const tamper = (dim: string, key: string, n: number) =>
        sql`update dashboard_month_counts set received = received + ${n} where span = 'day' and dim = ${dim} and month = '2019-03-06' and key = ${key}`.execute(db);
      await tamper('agency', String(agencyA), 100);
      expect((await agencyAOf(window())).received).to.equal(105);
      await tamper('agency', String(agencyA), -100);
      await tamper('*', '', 100);
      const week = async () => (await trend(db, window(), 'week')).find((p) => p.period === '2019-03-04')!.received;
      expect(await week()).to.equal(fromReports.weeks.find((p) => p.period === '2019-03-04')!.received + 100);
      await tamper('*', '', -100);
      // The month of days is the sum of its days: what the reports give for March.
      const march = { from: J('2019-03-01T00:00:00'), to: J('2019-04-01T00:00:00'), now: april };
      expect(await cleanMonths(db, ['2019-03-01'])).to.deep.equal(['2019-03-01']);
      expect(await agencyFigures(db, march)).to.deep.equal(await agencyFigures(db, { ...march, categoryId }));
    });

    it('makes only the changed day dirty, reads it from the reports, and the rest from their summaries', async function () {
      await rebuildDirtyMonths(db, 1000, april);
      // R2 was submitted on 8 March: rating it changes that day (and its month and year) only.
      await db.updateTable('reports').set({ rating: 1 }).where('id', '=', r.R2!).execute();
      expect(await cleanDays(db, days)).to.deep.equal(days.filter((d) => d !== '2019-03-08'));
      expect(await cleanMonths(db, ['2019-02-01', '2019-03-01'])).to.deep.equal(['2019-02-01']);
      expect(await cleanSpans(db, 'year', ['2019-01-01'])).to.deep.equal([]);
      // Mixed: 29 days from their summaries, 8 March from the reports; the figure is right at once.
      expect(await agencyAOf(window())).to.deep.include({ rated: 3, ratingAverage: 2.67 }); // (5 + 1 + 2) / 3
      expect(await everything(window())).to.deep.equal(await everything(window({ categoryId })));
      // A summary of the changed day, however wrong, is not read while it is dirty.
      await sql`update dashboard_month_counts set received = received + 100 where span = 'day' and dim = 'agency' and month = '2019-03-08' and key = ${String(agencyA)}`.execute(db);
      expect((await agencyAOf(window())).received).to.equal(5);
      expect(await rebuildDirtyMonths(db, 1000, april)).to.include('2019-03-01');
      expect(await cleanDays(db, days)).to.deep.equal(days);
      expect(await agencyAOf(window())).to.deep.include({ received: 5, rated: 3, ratingAverage: 2.67 });
      expect(await everything(window())).to.deep.equal(await everything(window({ categoryId })));
      await db.updateTable('reports').set({ rating: null }).where('id', '=', r.R2!).execute();
      await rebuildDirtyMonths(db, 1000, april);
    });

    it('deletes the day summaries of months no longer kept, and reads those days from the reports', async function () {
      await rebuildDirtyMonths(db, 1000, april);
      const dayRows = async () => {
        const { rows } = await sql<{ n: string }>`
          select (select count(*) from dashboard_months where span = 'day' and month < '2019-04-01')
               + (select count(*) from dashboard_month_counts where span = 'day' and month < '2019-04-01')
               + (select count(*) from dashboard_month_days where span = 'day' and month < '2019-04-01') as n`.execute(db);
        return Number(rows[0]!.n);
      };
      expect(await dayRows()).to.be.greaterThan(0);
      const fromReports = await everything(window({ categoryId }));
      // In June 2019 the days kept are April's to June's: February's and March's go.
      await rebuildDirtyMonths(db, 1000, J('2019-06-15T12:00:00'));
      expect(await dayRows()).to.equal(0);
      expect(await cleanDays(db, days)).to.deep.equal([]);
      // The months stay summarised; the thirty days are read from the reports, with the same figures.
      expect(await cleanMonths(db, ['2019-02-01', '2019-03-01'])).to.deep.equal(['2019-02-01', '2019-03-01']);
      expect(await everything(window())).to.deep.equal(fromReports);
      // A change to a month no longer kept by days rebuilds it from its reports, and builds no days.
      await db.updateTable('reports').set({ rating: 1 }).where('id', '=', r.R2!).execute();
      expect(await rebuildDirtyMonths(db, 1000, J('2019-06-15T12:00:00'))).to.include('2019-03-01');
      expect(await dayRows()).to.equal(0);
      expect(await agencyFigures(db, { from: J('2019-03-01T00:00:00'), to: J('2019-04-01T00:00:00'), now: april })).to.deep.equal(
        await agencyFigures(db, { from: J('2019-03-01T00:00:00'), to: J('2019-04-01T00:00:00'), now: april, categoryId }),
      );
      await db.updateTable('reports').set({ rating: null }).where('id', '=', r.R2!).execute();
    });
  });
});
