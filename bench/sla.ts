import crypto from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { type Database, openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { prepareDatabase } from '../src/prepare.js';
import { startSlaSweeper } from '../src/sla/sweeper.js';
import { createUser } from '../src/users/commands/createUser.js';
import { withScratchDatabase } from './scratch.js';

/**
 * The SLA sweeper: time of a sweep with a large backlog and 1,000 reports coming due (it
 * must grow with what is due, not with the backlog), and the delay from a deadline to its
 * alert. On the server from DATABASE_URL (a scratch database created and dropped here):
 * 1,000,000 reports, 100,000 open. On the embedded database (no DATABASE_URL) fewer rows:
 * 100,000 reports, 10,000 open. Rows are made on the database with generate_series.
 */
interface Sizes {
  total: number;
  open: number;
  due: number;
}

async function fill(database: Database, sizes: Sizes): Promise<void> {
  const { db } = database;
  const agency = await db.selectFrom('agencies').select('id').where('code', '=', 'dpupr').executeTakeFirstOrThrow();
  for (const role of ['agency_head', 'agency_staff', 'leader', 'coordinator'] as const) {
    await createUser(db, {
      name: `Bench ${role}`, email: `${role}@bench.example`, role,
      agencyId: role.startsWith('agency') ? agency.id : null,
    });
  }
  // Closed reports, open ones with deadlines weeks away, and `due` whose response
  // deadline passed in the last hour. Inserted in chunks to keep each statement modest.
  const chunk = 100_000;
  for (let from = 1; from <= sizes.total; from += chunk) {
    const to = Math.min(sizes.total, from + chunk - 1);
    await sql`
      insert into reports (tracking_code, tracking_secret_hash, kind, channel, title, body, status,
        assigned_agency_id, response_due_at, resolve_due_at, submitted_at, resolved_at, closed_at)
      select 'B' || g, 'x', 'pengaduan', 'web', 'Laporan ' || g, 'Isi laporan bench ' || g,
        case when g <= ${sizes.due} or g <= ${sizes.open} then 'in_progress' else 'resolved' end,
        ${agency.id},
        case when g <= ${sizes.due} then now() - (g || ' seconds')::interval
             when g <= ${sizes.open} then now() + ((10 + g % 50) || ' days')::interval
             else null end,
        case when g <= ${sizes.open} then now() + interval '60 days' else null end,
        now() - interval '90 days',
        case when g > ${sizes.open} then now() - interval '30 days' else null end,
        case when g > ${sizes.open} then now() - interval '30 days' else null end
      from generate_series(${from}::int, ${to}::int) g
    `.execute(db);
  }
  await sql`analyze reports`.execute(db);
}

async function measure(label: string, database: Database, sizes: Sizes): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SLA_SWEEP_MS: '1000' });
  const logger = createLogger('silent');
  let t0 = performance.now();
  await fill(database, sizes);
  console.log(`${label}: ${sizes.total.toLocaleString('en')} reports, ${sizes.open.toLocaleString('en')} open, ${sizes.due} due; filled in ${Math.round(performance.now() - t0)} ms`);

  const sweeper = startSlaSweeper({ db: database.db, config, logger, poll: false });
  const now = new Date();
  t0 = performance.now();
  const sweeps: number[] = [];
  let breaches = 0;
  for (;;) {
    const s0 = performance.now();
    const r = await sweeper.runOnce(now);
    sweeps.push(performance.now() - s0);
    breaches += r.breach;
    if (!r.more) break;
  }
  const total = performance.now() - t0;
  console.log(`  ${breaches} breaches recorded in ${sweeps.length} sweeps of <= 200 per stage: ${Math.round(total)} ms ` +
    `(${(total / Math.max(1, breaches)).toFixed(2)} ms per alert; sweeps ${sweeps.map((s) => Math.round(s)).join(', ')} ms)`);
  const idle: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s0 = performance.now();
    await sweeper.runOnce();
    idle.push(performance.now() - s0);
  }
  console.log(`  a sweep with nothing due (backlog only): median ${median(idle).toFixed(1)} ms`);
  const plan = await sql<{ 'QUERY PLAN': string }>`
    explain select r.id from reports r where r.status in ('assigned', 'in_progress', 'awaiting_approval')
      and r.response_due_at <= now() and not exists (select 1 from sla_alerts a where a.report_id = r.id
      and a.stage = 'respond' and a.kind = 'breach' and a.due_at = date_trunc('milliseconds', r.response_due_at))
      order by r.response_due_at limit 200`.execute(database.db);
  console.log(`  plan: ${plan.rows.map((r) => r['QUERY PLAN'].trim()).join(' | ').slice(0, 400)}`);
  await sweeper.stop();

  // Delay: a deadline 1.5 s ahead, a polling sweeper every second; when is the alert in?
  const polling = startSlaSweeper({ db: database.db, config, logger });
  const delays: number[] = [];
  for (let i = 0; i < 3; i++) {
    const due = new Date(Date.now() + 1500);
    const row = await database.db.insertInto('reports')
      .values({ tracking_code: `D${i}-${crypto.randomBytes(3).toString('hex')}`, tracking_secret_hash: 'x', kind: 'pengaduan', channel: 'web',
        title: 'Delay', body: 'Delay', status: 'in_progress', response_due_at: due, resolve_due_at: new Date(Date.now() + 86400_000 * 60),
        assigned_agency_id: (await database.db.selectFrom('agencies').select('id').where('code', '=', 'dpupr').executeTakeFirstOrThrow()).id })
      .returning('id').executeTakeFirstOrThrow();
    for (;;) {
      const alert = await database.db.selectFrom('sla_alerts').select('created_at').where('report_id', '=', row.id).where('kind', '=', 'breach').executeTakeFirst();
      if (alert) {
        delays.push(alert.created_at.getTime() - due.getTime());
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await polling.stop();
  console.log(`  deadline -> alert with SLA_SWEEP_MS=1000: ${delays.map((d) => `${d} ms`).join(', ')} ` +
    '(at most one sweep interval plus a sweep: <= 60 s plus a sweep by default)');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}


export async function benchSweep(): Promise<void> {
  console.log('\nSLA sweeper');
  const embedded = await openDatabase({ databaseUrl: undefined, dataDir: '', inMemory: true, poolMax: 1 });
  try {
    await prepareDatabase(embedded.db);
    await measure('embedded (PGlite, fewer rows)', embedded, { total: 100_000, open: 10_000, due: 1_000 });
  } finally {
    await embedded.close();
  }
  const server = process.env.DATABASE_URL;
  if (!server) return;
  await withScratchDatabase(server, 'epengaduan_bench_sla', async (url) => {
    const database = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 10 });
    try {
      await prepareDatabase(database.db);
      await measure('server', database, { total: 1_000_000, open: 100_000, due: 1_000 });
    } finally {
      await database.close();
    }
  });
}
