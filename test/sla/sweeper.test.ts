import { expect } from 'chai';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.js';
import type { Role } from '../../src/db/schema.js';
import { createLogger } from '../../src/logger.js';
import { prepareDatabase } from '../../src/prepare.js';
import { resumeClock } from '../../src/reports/commands/clock.js';
import { transition } from '../../src/reports/commands/transition.js';
import { cachedHolidays } from '../../src/reports/deadlines.js';
import { addWorkingMinutes, jakartaInstant } from '../../src/shared/calendar.js';
import { InputError } from '../../src/shared/errors.js';
import { extendDeadline } from '../../src/sla/commands/extendDeadline.js';
import { startSlaSweeper } from '../../src/sla/sweeper.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { agencyId, buildTestApp, type TestApp, uniqueEmail } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

const DAY = 480;

describe('SLA sweeper, pause and extension', () => {
  let database: TestDatabase;
  let t: TestApp;
  let holidays: ReadonlySet<string>;
  const people: Partial<Record<Role | 'assignee', { id: number; email: string }>> = {};

  before(async () => {
    // A database of its own: the sweeper looks at every report in it.
    database = await createTestDatabase();
    await prepareDatabase(database.db);
    t = await buildTestApp({}, database);
    holidays = await cachedHolidays(database.db);
    const dpupr = await agencyId(database, 'dpupr');
    const make = async (role: Role, agency: number | null) =>
      (await createUser(database.db, { name: `SLA ${role}`, email: uniqueEmail(role), role, agencyId: agency })).user;
    people.coordinator = await make('coordinator', null);
    people.agency_staff = await make('agency_staff', dpupr);
    people.assignee = await make('agency_staff', dpupr);
    people.agency_head = await make('agency_head', dpupr);
    people.leader = await make('leader', null);
  });
  after(async () => database.drop());

  function sweeper(db = database.db) {
    return startSlaSweeper({ db, config: t.config, logger: createLogger('silent'), poll: false });
  }

  async function openReport(set: Record<string, unknown> = {}) {
    const { report } = await buildReport(t);
    await advanceTo(database.db, report.id, 'in_progress');
    await database.db.updateTable('reports').set({ resolve_due_at: new Date(Date.now() + 60 * 86400_000), ...set }).where('id', '=', report.id).execute();
    return report.id;
  }

  async function alerts(reportId: number) {
    return database.db.selectFrom('sla_alerts').selectAll().where('report_id', '=', reportId).orderBy('kind').execute();
  }

  async function mailsTo(reportId: number) {
    const rows = await database.db.selectFrom('outbox').select(['to_address', 'subject', 'dedupe_key']).where('report_id', '=', reportId).where('dedupe_key', 'like', 'sla:%').execute();
    return rows.map((r) => r.to_address).sort();
  }

  it('reminds the OPD staff one working day before the response deadline, once', async () => {
    const now = new Date();
    const id = await openReport({ response_due_at: addWorkingMinutes(now, DAY / 2, holidays) });
    const s = sweeper();
    await s.runOnce(now);
    await s.runOnce(now);
    expect((await alerts(id)).map((a) => a.kind)).to.deep.equal(['reminder']);
    expect(await mailsTo(id)).to.deep.equal([people.agency_staff!.email, people.assignee!.email].sort());
    // Two working days away: no reminder yet.
    const later = await openReport({ response_due_at: addWorkingMinutes(now, 2 * DAY + 30, holidays) });
    await s.runOnce(now);
    expect(await alerts(later)).to.have.length(0);
  });

  it('reminds only the assignee when there is one', async () => {
    const now = new Date();
    const id = await openReport({ response_due_at: addWorkingMinutes(now, 60, holidays), assigned_user_id: people.assignee!.id });
    await sweeper().runOnce(now);
    expect(await mailsTo(id)).to.deep.equal([people.assignee!.email]);
  });

  it('alerts the Kepala OPD at breach, once, and freezes the breach on the report', async () => {
    const now = new Date();
    const due = new Date(now.getTime() - 60_000);
    const id = await openReport({ response_due_at: due });
    const s = sweeper();
    await s.runOnce(now);
    await s.runOnce(now);
    expect((await alerts(id)).map((a) => a.kind)).to.deep.equal(['breach']);
    expect(await mailsTo(id)).to.deep.equal([people.agency_head!.email]);
    const row = await database.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.response_breached_at!.toISOString()).to.equal(due.toISOString());
    expect(row.resolve_breached_at).to.equal(null);
    const mail = await database.db.selectFrom('outbox').select(['subject', 'text_body']).where('report_id', '=', id).executeTakeFirstOrThrow();
    // The code as people read it (issue 19): with its hyphen.
    expect(mail.subject).to.contain('Terlambat').and.contain(`${row.tracking_code.slice(0, 4)}-${row.tracking_code.slice(4)}`);
  });

  it('records a breach of a deadline stored with microseconds (set by SQL) once', async () => {
    const id = await openReport({ response_due_at: sql<Date>`now() - interval '1.234567 seconds'` });
    const s = sweeper();
    await s.runOnce(new Date());
    await s.runOnce(new Date());
    expect((await alerts(id)).map((a) => a.kind)).to.deep.equal(['breach']);
    expect(await mailsTo(id)).to.deep.equal([people.agency_head!.email]);
  });

  it('sends a verification breach to the coordinators', async () => {
    const now = new Date();
    const { report } = await buildReport(t);
    await database.db.updateTable('reports').set({ verify_due_at: new Date(now.getTime() - 1000) }).where('id', '=', report.id).execute();
    await sweeper().runOnce(now);
    expect((await alerts(report.id)).map((a) => `${a.stage}:${a.kind}`)).to.deep.equal(['verify:breach']);
    expect(await mailsTo(report.id)).to.deep.equal([people.coordinator!.email]);
  });

  it('escalates to the leaders when a breach is older than the policy says, once', async () => {
    const now = new Date();
    const id = await openReport({ response_due_at: addWorkingMinutes(now, -4 * DAY, holidays) });
    const s = sweeper();
    await s.runOnce(now);
    await s.runOnce(now);
    expect((await alerts(id)).map((a) => a.kind)).to.deep.equal(['breach', 'escalation']);
    expect(await mailsTo(id)).to.deep.equal([people.agency_head!.email, people.leader!.email].sort());
    // Two working days late (policy: 3): breach only.
    const young = await openReport({ response_due_at: addWorkingMinutes(now, -2 * DAY, holidays) });
    await s.runOnce(now);
    expect((await alerts(young)).map((a) => a.kind)).to.deep.equal(['breach']);
  });

  it('sends one alert per deadline when two sweepers run at once', async () => {
    const now = new Date();
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await openReport({ response_due_at: new Date(now.getTime() - (i + 1) * 1000) }));
    // On a server the second sweeper has its own connection pool, like a second process.
    const other = database.url ? await openDatabase({ databaseUrl: database.url, dataDir: '', inMemory: false, poolMax: 5 }) : undefined;
    try {
      const [a, b] = [sweeper(), sweeper(other?.db ?? database.db)];
      await Promise.all([a.runOnce(now), b.runOnce(now), a.runOnce(now), b.runOnce(now)]);
    } finally {
      await other?.close();
    }
    for (const id of ids) {
      expect((await alerts(id)).map((a) => a.kind), `report ${id}`).to.deep.equal(['breach']);
      expect(await mailsTo(id), `report ${id}`).to.deep.equal([people.agency_head!.email]);
    }
  });

  it('closes an answered report when its close deadline passes, and rejects one left in needs_info', async () => {
    const now = new Date();
    const answered = await openReport();
    await advanceTo(database.db, answered, 'answered');
    await database.db.updateTable('reports').set({ close_due_at: new Date(now.getTime() - 1000) }).where('id', '=', answered).execute();
    const { report } = await buildReport(t);
    await transition(database.db, {
      reportId: report.id, action: 'request_info', actor: { kind: 'staff' }, visibility: 'public',
      set: { paused_at: new Date(now.getTime() - 86400_000), info_due_at: new Date(now.getTime() - 1000) },
    });
    await Promise.all([sweeper().runOnce(now), sweeper().runOnce(now)]);
    const [a, r] = await Promise.all([answered, report.id].map((id) =>
      database.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow()));
    expect(a!.status).to.equal('resolved');
    expect(a!.resolved_at).to.be.instanceOf(Date);
    expect(a!.closed_at).to.be.instanceOf(Date);
    expect(r!.status).to.equal('rejected');
    expect(r!.rejection_reason).to.equal('incomplete');
    const events = await database.db.selectFrom('report_events').select(['report_id', 'type', 'actor_kind', 'data'])
      .where('report_id', 'in', [answered, report.id]).where('type', 'in', ['resolve', 'reject']).execute();
    expect(events).to.have.length(2);
    expect(events.every((e) => e.actor_kind === 'system' && e.data.by === 'auto')).to.equal(true);
  });

  it('resumes a clock paused across Idul Fitri by the working time paused', async () => {
    const id = await openReport({
      response_due_at: jakartaInstant('2026-03-26', 960),
      resolve_due_at: jakartaInstant('2026-04-07', 960),
      paused_at: jakartaInstant('2026-03-17', 720),
    });
    await database.db.transaction().execute((trx) => resumeClock(trx, id, jakartaInstant('2026-03-25', 720)));
    const row = await database.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.paused_at).to.equal(null);
    expect(row.response_due_at!.toISOString()).to.equal(jakartaInstant('2026-03-27', 960).toISOString());
    expect(row.resolve_due_at!.toISOString()).to.equal(jakartaInstant('2026-04-08', 960).toISOString());
  });

  it('extends the deadlines once, with a public event; a second extension is refused', async () => {
    const id = await openReport({ response_due_at: jakartaInstant('2026-12-23', 960), resolve_due_at: jakartaInstant('2026-12-30', 960) });
    const actor = { kind: 'staff' as const, userId: people.agency_head!.id };
    const reason = 'Menunggu anggaran perbaikan jalan dari provinsi.';
    const row = await extendDeadline(database.db, { reportId: id, days: 2, reason, actor });
    // 24 Dec cuti bersama, 25 Dec Natal; 1 Jan Tahun Baru.
    expect(row.response_due_at!.toISOString()).to.equal(jakartaInstant('2026-12-29', 960).toISOString());
    expect(row.resolve_due_at!.toISOString()).to.equal(jakartaInstant('2027-01-04', 960).toISOString());
    expect(row.extension_reason).to.equal(reason);
    const event = await database.db.selectFrom('report_events').selectAll().where('report_id', '=', id).where('type', '=', 'extended').executeTakeFirstOrThrow();
    expect(event.visibility).to.equal('public');
    expect(event.reason).to.equal(reason);
    let refused: unknown;
    try {
      await extendDeadline(database.db, { reportId: id, days: 1, reason, actor });
    } catch (err) {
      refused = err;
    }
    expect(refused).to.be.instanceOf(InputError);
    expect((refused as InputError).keys).to.deep.equal({ days: 'sla:extend.already' });
    const after = await database.db.selectFrom('reports').select(sql<string>`response_due_at::text`.as('due')).where('id', '=', id).executeTakeFirstOrThrow();
    expect(new Date(after.due).toISOString()).to.equal(jakartaInstant('2026-12-29', 960).toISOString());
  });
});
