import { expect } from 'chai';
import { sql } from 'kysely';
import { REPORT_STATUSES } from '../../src/db/schema.js';
import { transition } from '../../src/reports/commands/transition.js';
import { governmentDueSql, isClosed, isOverdue, openSql, overdueSql } from '../../src/reports/statuses.js';
import { TransitionError } from '../../src/reports/transitions.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildReport } from '../helpers/reports.js';

const HOUR = 3_600_000;

describe('the overdue rule and the status groups, in TypeScript and in SQL', function () {
  let t: TestApp;
  const ids: number[] = [];
  const now = new Date('2026-06-10T05:00:00Z');

  before(async () => {
    t = await buildTestApp();
    // Every status, each with both deadlines passed, and again with both still ahead.
    for (const status of REPORT_STATUSES) {
      for (const passed of [true, false]) {
        const { report } = await buildReport(t);
        const due = new Date(now.getTime() + (passed ? -HOUR : HOUR));
        await t.database.db
          .updateTable('reports')
          // A merged report names the one it joined (a CHECK constraint).
          .set({ status, verify_due_at: due, response_due_at: due, ...(status === 'merged' ? { merged_into_id: ids[0]! } : {}) })
          .where('id', '=', report.id)
          .execute();
        ids.push(report.id);
      }
    }
  });

  it('finds the same overdue reports as isOverdue: only those waiting on the government, past the deadline of their stage', async () => {
    const rows = await t.database.db
      .selectFrom('reports as r')
      .select(['r.id', 'r.status', 'r.verify_due_at', 'r.response_due_at'])
      .select(overdueSql(now).as('overdue'))
      .where('r.id', 'in', ids)
      .execute();
    expect(rows).to.have.length(ids.length);
    for (const row of rows) expect(Boolean(row.overdue), `${row.status}`).to.equal(isOverdue(row, now));
    const overdue = rows.filter((r) => r.overdue).map((r) => r.status).sort();
    expect(overdue).to.deep.equal(['assigned', 'awaiting_approval', 'in_progress', 'submitted']);
  });

  it('reads the deadline of the stage a report waiting on the government is in', async () => {
    const rows = await t.database.db
      .selectFrom('reports as r')
      .select(['r.status', 'r.verify_due_at', 'r.response_due_at'])
      .select(governmentDueSql().as('due'))
      .where('r.id', 'in', ids)
      .execute();
    for (const row of rows) {
      const expected = row.status === 'submitted' ? row.verify_due_at : ['assigned', 'in_progress', 'awaiting_approval'].includes(row.status) ? row.response_due_at : null;
      expect(row.due?.getTime() ?? null, row.status).to.equal(expected?.getTime() ?? null);
    }
  });

  it('counts open reports as isClosed says', async () => {
    const rows = await t.database.db.selectFrom('reports as r').select(['r.status']).select(openSql().as('open')).where('r.id', 'in', ids).execute();
    for (const row of rows) expect(Boolean(row.open), row.status).to.equal(!isClosed(row.status));
  });
});

describe('transition(): the one writer of a report’s status', function () {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('writes the new status and its event in the caller’s transaction', async () => {
    const { report } = await buildReport(t);
    const updated = await t.database.db.transaction().execute((trx) =>
      transition(trx, { reportId: report.id, action: 'request_info', actor: { kind: 'staff' }, visibility: 'public', reason: 'Lokasi?' }),
    );
    expect(updated.status).to.equal('needs_info');
    expect(updated.status_before_pause).to.equal('submitted');
    const events = await t.database.db.selectFrom('report_events').selectAll().where('report_id', '=', report.id).orderBy('id').execute();
    expect(events.map((e) => [e.type, e.from_status, e.to_status])).to.deep.equal([
      ['submitted', null, 'submitted'],
      ['request_info', 'submitted', 'needs_info'],
    ]);
  });

  it('refuses a move the status does not allow, and writes nothing', async () => {
    const { report } = await buildReport(t);
    let error: unknown;
    try {
      await t.database.db.transaction().execute((trx) =>
        transition(trx, { reportId: report.id, action: 'approve', actor: { kind: 'staff' }, visibility: 'public', set: { answered_at: sql`now()` } }),
      );
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(TransitionError);
    const after = await t.database.db.selectFrom('reports').selectAll().where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(after.status).to.equal('submitted');
    expect(after.answered_at).to.equal(null);
    const events = await t.database.db.selectFrom('report_events').select('type').where('report_id', '=', report.id).execute();
    expect(events.map((e) => e.type)).to.deep.equal(['submitted']);
  });
});
