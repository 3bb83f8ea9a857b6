import { expect } from 'chai';
import { sql } from 'kysely';
import type { Role } from '../../src/db/schema.js';
import { submitReport } from '../../src/intake/commands/submitReport.js';
import { prepareDatabase } from '../../src/prepare.js';
import { cachedHolidays } from '../../src/reports/deadlines.js';
import { addWorkingMinutes } from '../../src/shared/calendar.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { agencyId, testConfig, uniqueEmail } from '../helpers/app.js';
import { createTestDatabase, onServer, type TestDatabase } from '../helpers/db.js';
import { logLines, runTs, type Spawned } from '../helpers/process.js';
import { advanceTo, reportInput } from '../helpers/reports.js';
import { startSmtp, type TestSmtp } from '../notify/smtp.js';

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const LOGIN_LIMIT = 5;

/**
 * Two real app processes (src/server.ts) on different ports against one PostgreSQL
 * database, both with their SLA sweeper and outbox sender running, as behind a load
 * balancer: every deadline alert is recorded once and every mail reaches the SMTP
 * server once; a rate limit allows its number of requests across both, not per process.
 */
describe('two app processes on one PostgreSQL server: work done once, limits shared', function () {
  this.timeout(180_000);
  let database: TestDatabase;
  let smtp: TestSmtp;
  const running: Spawned[] = [];
  let ports: number[] = [];

  before(async function () {
    if (!onServer()) this.skip(); // PGlite is one process by design (its data folder is locked).
    [database, smtp] = await Promise.all([createTestDatabase(), startSmtp()]);
    await prepareDatabase(database.db);
  });
  after(async () => {
    await Promise.all(running.map((p) => p.stop()));
    await smtp?.close();
    await database?.drop();
  });

  async function start(): Promise<void> {
    const env = {
      DATABASE_URL: database.url,
      PORT: '0',
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
      SLA_SWEEP_MS: '200',
      LOGIN_IP_LIMIT: String(LOGIN_LIMIT),
      SESSION_SECRET: 'rahasia-sesi-bersama-'.padEnd(48, 'x'),
    };
    const procs = [runTs('src/server.ts', env), runTs('src/server.ts', env)];
    running.push(...procs);
    await Promise.all(procs.map((p) => p.waitFor(/e-Pengaduan is ready/)));
    ports = procs.map((p) => (logLines(p, 'e-Pengaduan is ready')[0]!.port as number));
    expect(ports[0]).to.not.equal(ports[1]);
  }

  it('records each deadline alert once and delivers each mail once, with both sweepers and senders running', async () => {
    const config = testConfig();
    const dpupr = await agencyId(database, 'dpupr');
    const people: Record<string, string[]> = {};
    const make = async (role: Role, agency: number | null, n = 1) => {
      for (let i = 0; i < n; i++) {
        const { user } = await createUser(database.db, { name: `Proses ${role}`, email: uniqueEmail(role), role, agencyId: agency });
        (people[role] ??= []).push(user.email);
      }
    };
    await make('coordinator', null, 3);
    await make('agency_head', dpupr);
    await make('agency_staff', dpupr);
    await make('leader', null);

    const newReport = async () => (await submitReport(database.db, config, { input: reportInput(), channel: 'web', locale: 'id' })).report.id;
    const openReport = async () => {
      const id = await newReport();
      await advanceTo(database.db, id, 'in_progress');
      return id;
    };
    const groups = { verify: [] as number[], breach: [] as number[], old: [] as number[], soon: [] as number[] };
    for (let i = 0; i < 20; i++) groups.verify.push(await newReport());
    for (let i = 0; i < 12; i++) groups.breach.push(await openReport());
    for (let i = 0; i < 6; i++) groups.old.push(await openReport());
    for (let i = 0; i < 6; i++) groups.soon.push(await openReport());
    const all = Object.values(groups).flat();
    // Whatever these reports queued so far (none by design) is counted with the rest below.
    await start();

    // Both processes are sweeping; now the deadlines pass, all in one commit, so both
    // sweepers and both senders find the same work at the same time.
    const holidays = await cachedHolidays(database.db);
    await database.db.transaction().execute(async (trx) => {
      const far = sql<Date>`now() + interval '60 days'`;
      await trx.updateTable('reports').set({ verify_due_at: sql<Date>`now() - interval '1 minute'` }).where('id', 'in', groups.verify).execute();
      await trx.updateTable('reports').set({ response_due_at: sql<Date>`now() - interval '1 minute'`, resolve_due_at: far }).where('id', 'in', groups.breach).execute();
      await trx.updateTable('reports').set({ response_due_at: sql<Date>`now() - interval '30 days'`, resolve_due_at: far }).where('id', 'in', groups.old).execute();
      await trx.updateTable('reports').set({ response_due_at: addWorkingMinutes(new Date(), 60, holidays), resolve_due_at: far }).where('id', 'in', groups.soon).execute();
    });

    // 20 verification breaches, 18 response breaches, 6 escalations, 6 reminders.
    const expectedAlerts = 50;
    const alertCount = async () => Number((await database.db.selectFrom('sla_alerts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const unsent = async () =>
      Number((await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('status', 'in', ['pending', 'sending']).executeTakeFirstOrThrow()).n);
    await until(async () => (await alertCount()) >= expectedAlerts && (await unsent()) === 0, 'alerts recorded and mails sent');
    // A few more rounds of both sweepers and senders: nothing may come twice late either.
    await new Promise((r) => setTimeout(r, 1_500));

    const alerts = await database.db.selectFrom('sla_alerts').select(['report_id', 'stage', 'kind']).where('report_id', 'in', all).execute();
    const tally = (rows: { stage: string; kind: string }[]) =>
      rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [`${r.stage}:${r.kind}`]: (acc[`${r.stage}:${r.kind}`] ?? 0) + 1 }), {});
    expect(tally(alerts)).to.deep.equal({ 'verify:breach': 20, 'respond:breach': 18, 'respond:escalation': 6, 'respond:reminder': 6 });
    // Each alert recorded by one process: the sweepers' own counts add up to the rows.
    const sweeps = running.map((p) => logLines(p, 'sla sweep'));
    const recordedBy = sweeps.map((lines) => lines.reduce((n, l) => n + Number(l.breach) + Number(l.escalation) + Number(l.reminder), 0));
    expect(recordedBy[0]! + recordedBy[1]!).to.equal(expectedAlerts);

    // Every mail in the outbox went out, and reached the SMTP server once.
    const outbox = await database.db.selectFrom('outbox').select(['id', 'status', 'to_address', 'subject', 'message_id', 'dedupe_key']).execute();
    expect(outbox.filter((m) => m.status !== 'sent')).to.deep.equal([]);
    const slaMails = outbox.filter((m) => m.dedupe_key?.startsWith('sla:'));
    // 20 x 3 coordinators, 18 to the Kepala OPD, 6 to the leader, 6 to the OPD staff: enough
    // full batches that the two senders claim side by side many times.
    expect(slaMails).to.have.length(90);
    expect(smtp.mails).to.have.length(outbox.length);
    const delivered = smtp.mails.map((m) => m.headers['message-id']);
    expect(new Set(delivered).size, 'a Message-ID arrived twice').to.equal(delivered.length);
    expect([...delivered].sort()).to.deep.equal(outbox.map((m) => m.message_id).sort());
    // As the people see it: one mail per report and alert in each inbox.
    const inbox = (email: string) => smtp.mailsTo(email).map((m) => m.subject);
    for (const coordinator of people.coordinator!) expect(inbox(coordinator)).to.have.length(20);
    expect(inbox(people.agency_head![0]!)).to.have.length(18);
    expect(inbox(people.leader![0]!)).to.have.length(6);
    expect(inbox(people.agency_staff![0]!)).to.have.length(6);
    for (const email of Object.values(people).flat()) {
      const subjects = inbox(email);
      expect(new Set(subjects).size, `the same alert twice to ${email}`).to.equal(subjects.length);
    }
    // Each mail sent by one process; both took part.
    const sentBy = running.map((p) => logLines(p, 'mail sent').map((l) => Number(l.outboxId)));
    const sentIds = sentBy.flat();
    expect(new Set(sentIds).size).to.equal(sentIds.length);
    expect([...sentIds].sort((a, b) => a - b)).to.deep.equal(outbox.map((m) => m.id).sort((a, b) => a - b));
    expect(sentBy[0], 'process A sent nothing').to.not.be.empty;
    expect(sentBy[1], 'process B sent nothing').to.not.be.empty;
  });

  it(`allows ${LOGIN_LIMIT} login attempts from one address across both processes, not ${LOGIN_LIMIT} per process`, async () => {
    if (!ports.length) await start();
    const answers: { status: number; remaining: string | undefined; message?: string }[] = [];
    for (let i = 0; i < 2 * LOGIN_LIMIT; i++) {
      const res = await fetch(`http://127.0.0.1:${ports[i % 2]}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'id' },
        body: JSON.stringify({ email: 'bukan.pengguna@test.patikab.go.id', password: 'sandi-yang-salah' }),
      });
      const body = (await res.json().catch(() => ({}))) as { error?: { message?: string }; message?: string };
      answers.push({ status: res.status, remaining: /remaining=(\d+)/.exec(res.headers.get('ratelimit') ?? '')?.[1], message: body.error?.message ?? body.message });
    }
    // Through A, B, A, B, A: the five allowed; then refused by both.
    expect(answers.slice(0, LOGIN_LIMIT).map((a) => a.status)).to.not.include(429);
    expect(answers.slice(0, LOGIN_LIMIT).map((a) => a.remaining)).to.deep.equal(['4', '3', '2', '1', '0']);
    expect(answers.slice(LOGIN_LIMIT).map((a) => a.status)).to.deep.equal(Array(LOGIN_LIMIT).fill(429));
    expect(JSON.stringify(answers[LOGIN_LIMIT])).to.contain('Terlalu banyak');
  });
});
