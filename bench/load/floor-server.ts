import cluster from 'node:cluster';
import crypto from 'node:crypto';
import express from 'express';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { agencyFigures } from '../../src/dashboard/metrics.js';
// For its pg type parsers (bigint as number, date as 'YYYY-MM-DD'), which the queries expect.
import '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { searchPublished } from '../../src/portal/queries.js';
import { portalFilterSchema } from '../../src/portal/schema.js';
import { hashSecret, newTrackingCode, newTrackingSecret } from '../../src/reports/tracking.js';
import { citizenView } from '../../src/tracking/queries.js';
import { opdQueue } from '../../src/triage/queries.js';

/**
 * The floor of the load benchmarks (issue 10): a bare Express app on a plain pg pool doing
 * each scenario's database work and nothing else: no sessions, CSRF, templates, helmet,
 * compression, logging or rate limits. Reads call the app's own query functions (a query
 * builder over the same pool: the same SQL), so app / floor is what the web layers cost.
 * The write is the intake's core, by hand: the report, its event and the confirmation mail
 * in the outbox, in one transaction.
 *
 * Run by bench/load/index.ts as a child process: DATABASE_URL, PORT, WEB_CONCURRENCY; prints "floor ready".
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
const app = express();
app.use(express.json({ limit: '100kb' }));

app.post('/reports', async (req, res) => {
  const b = req.body as { kind?: string; title?: string; body?: string; reporter?: { name?: string; email?: string } };
  if (!b?.title || !b.body || !b.kind) return void res.status(422).json({ error: 'invalid' });
  const client = await pool.connect();
  try {
    await client.query('begin');
    const code = newTrackingCode();
    const { rows } = await client.query<{ id: number }>(
      `insert into reports (tracking_code, tracking_secret_hash, kind, channel, title, body, reporter_name, reporter_email, consent_at, verify_due_at)
       values ($1, $2, $3, 'api', $4, $5, $6, $7, now(), now() + interval '3 days') returning id`,
      [code, hashSecret(newTrackingSecret()), b.kind, b.title, b.body, b.reporter?.name ?? null, b.reporter?.email ?? null],
    );
    const id = rows[0]!.id;
    await client.query(
      `insert into report_events (report_id, type, actor_kind, to_status, visibility, data) values ($1, 'submitted', 'citizen', 'submitted', 'public', '{"channel":"api"}')`,
      [id],
    );
    if (b.reporter?.email) {
      await client.query(`insert into outbox (report_id, to_address, subject, text_body) values ($1, $2, $3, $4)`,
        [id, b.reporter.email, `Laporan ${code} diterima`, `Laporan Anda ${code} telah kami terima.`]);
    }
    await client.query('commit');
    res.status(201).json({ code });
  } catch (err) {
    await client.query('rollback').catch(() => {});
    res.status(500).json({ error: String(err) });
  } finally {
    client.release();
  }
});

app.get('/track/:code', async (req, res) => {
  const report = await db.selectFrom('reports').selectAll().where('tracking_code', '=', req.params.code).executeTakeFirst();
  if (!report) return void res.status(404).end();
  // The tracking page's own read: everything else in one statement.
  const { ctx, timeline, letters } = await citizenView(db, report);
  res.json({ code: report.tracking_code, status: report.status, title: report.title, ctx, events: timeline, letters });
});

app.get('/search', async (req, res) => {
  const filter = portalFilterSchema.validate(req.query).value!;
  res.json(await searchPublished(db, filter));
});

app.get('/queue/:agency/:user', async (req, res) => {
  res.json(await opdQueue(db, Number(req.params.agency), Number(req.params.user), {}));
});

app.get('/dashboard', async (req, res) => {
  const from = new Date(`${String(req.query.from)}T00:00:00+07:00`);
  const to = new Date(new Date(`${String(req.query.to)}T00:00:00+07:00`).getTime() + 86400_000);
  res.json(await agencyFigures(db, { from, to }));
});

app.get('/ping', (_req, res) => void res.json({ ok: crypto.randomInt(2) >= 0 }));

// As many processes as the app runs (WEB_CONCURRENCY), sharing the port the same way
// (node:cluster), so neither side has more cores to itself than the other.
const processes = Number(process.env.WEB_CONCURRENCY ?? 1);
if (cluster.isPrimary && processes > 1) {
  let listening = 0;
  for (let i = 0; i < processes; i++) {
    cluster.fork().once('listening', (address) => {
      if (++listening === processes) console.log(`floor ready on ${address.port} (${processes} processes)`);
    });
  }
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    cluster.on('exit', () => Object.keys(cluster.workers ?? {}).length || process.exit(0));
  });
} else {
  const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    if (cluster.isPrimary) console.log(`floor ready on ${(server.address() as { port: number }).port}`);
  });
  process.on('SIGTERM', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
}
