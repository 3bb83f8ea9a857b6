import { expect } from 'chai';
import { sql } from 'kysely';
import supertest from 'supertest';
import type { Role } from '../../src/db/schema.js';
import { checkHealth } from '../../src/health/checks.js';
import { ago, presentHealth, span } from '../../src/health/presenter.js';
import { formatBytes } from '../../src/shared/format.js';
import { createLogger } from '../../src/logger.js';
import { prepareDatabase } from '../../src/prepare.js';
import { translator } from '../../src/shared/i18n.js';
import { startSlaSweeper } from '../../src/sla/sweeper.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/** The page's HTML with Handlebars' escape of `=` in links undone. */
const plain = (html: string) => html.replace(/&#x3D;/g, '=');

/** The text of one check's card on the page. */
function card(html: string, key: string): string {
  const m = new RegExp(`<li[^>]*data-check="${key}"[^>]*data-state="([a-z]+)"[^>]*>([\\s\\S]*?)</li>\\s*(?=<li|</ul>)`).exec(html);
  if (!m) throw new Error(`no card ${key}`);
  return `state=${m[1]} ${m[2]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')}`;
}

describe('the admin’s health page /admin/kesehatan', () => {
  let database: TestDatabase;
  let t: TestApp;
  let admin: SignedIn;

  before(async () => {
    // A database of its own: the page counts every failed mail and the one sweeper row.
    database = await createTestDatabase();
    await prepareDatabase(database.db);
    t = await buildTestApp({ SLA_SWEEP_MS: '60000' }, database);
    admin = await loginAs(t, 'admin');
  });
  after(async () => database.drop());

  it('is the admin’s alone: visitors sign in first, other roles get 403, and only admins see it in the menu', async () => {
    const guest = await supertest(t.app).get('/admin/kesehatan').expect(303);
    expect(guest.headers.location).to.equal('/masuk?next=%2Fadmin%2Fkesehatan');
    for (const role of ['coordinator', 'agency_staff', 'agency_head', 'leader'] as Role[]) {
      const s = await loginAs(t, role);
      await s.agent.get('/admin/kesehatan').expect(403);
      expect((await s.agent.get('/akun/sandi').expect(200)).text).to.not.contain('href="/admin/kesehatan"');
    }
    const page = await admin.agent.get('/admin/kesehatan').expect(200).expect('Cache-Control', 'no-store');
    expect(page.text).to.contain('href="/admin/kesehatan" aria-current="page"').and.contain('Kesehatan sistem');
  });

  it('shows failed outgoing mail, the latest with its error, linked to the outbox', async () => {
    let page = await admin.agent.get('/admin/kesehatan').expect(200);
    expect(card(page.text, 'outbox')).to.contain('state=ok').and.contain('Tidak ada surel yang gagal terkirim.');
    const mail = (subject: string, status: 'failed' | 'sent') => ({
      to_address: 'warga@contoh.id', subject, text_body: 'isi', headers: '{}', status, attempts: 8,
      last_error: status === 'failed' ? '550 mailbox unavailable' : null, available_at: new Date(), created_at: new Date(),
    });
    await database.db.insertInto('outbox').values([mail('Laporan lama gagal', 'failed'), mail('Terkirim', 'sent')]).execute();
    const latest = await database.db.insertInto('outbox').values(mail('Laporan Anda diteruskan', 'failed')).returning('id').executeTakeFirstOrThrow();
    page = await admin.agent.get('/admin/kesehatan').expect(200);
    const text = card(page.text, 'outbox');
    expect(text).to.contain('state=problem').and.contain('2 surel gagal terkirim setelah semua percobaan.');
    expect(text).to.contain('Laporan Anda diteruskan').and.contain('550 mailbox unavailable').and.not.contain('Laporan lama gagal');
    expect(plain(page.text)).to.contain(`href="/admin/outbox/${latest.id}"`).and.contain('href="/admin/outbox?status=failed"');
    // Every link the card offers opens for the admin.
    await admin.agent.get(`/admin/outbox/${latest.id}`).expect(200);
    await admin.agent.get('/admin/outbox?status=failed').expect(200);
  });

  it('shows mails the intake could not read in the last 7 days, linked to the intake list', async () => {
    const old = new Date(Date.now() - 10 * 86_400_000);
    await database.db.insertInto('inbound_mails').values([
      { dedupe_key: 'h-1', outcome: 'unreadable', subject: 'Lama sekali', detail: 'old', received_at: sql`${old}` },
      { dedupe_key: 'h-2', outcome: 'report', subject: 'Jalan rusak', received_at: sql`now()` },
      { dedupe_key: 'h-3', outcome: 'unreadable', subject: 'Foto jalan', detail: 'MIME tidak dapat diurai', received_at: sql`now()` },
    ]).execute();
    const page = await admin.agent.get('/admin/kesehatan').expect(200);
    const text = card(page.text, 'mailIntake');
    expect(text).to.contain('state=problem').and.contain('1 surel tidak dapat dibaca dalam 7 hari terakhir.');
    expect(text).to.contain('Foto jalan').and.contain('MIME tidak dapat diurai');
    expect(plain(page.text)).to.contain('href="/admin/surel-masuk?outcome=unreadable"');
    await admin.agent.get('/admin/surel-masuk?outcome=unreadable').expect(200);
  });

  it('says when the deadline sweeper last ran, that it never ran, that it failed, and that it is late', async () => {
    let page = await admin.agent.get('/admin/kesehatan').expect(200);
    expect(card(page.text, 'sweeper')).to.contain('state=problem').and.contain('Belum pernah tercatat berjalan');

    const sweeper = startSlaSweeper({ db: database.db, config: t.config, logger: createLogger('silent'), poll: false });
    await sweeper.runOnce();
    await sweeper.stop();
    page = await admin.agent.get('/admin/kesehatan').expect(200);
    expect(card(page.text, 'sweeper')).to.contain('state=ok').and.match(/Terakhir berjalan (sekarang|\d+ detik)/);

    // An hour without a pass, at one a minute: late.
    await database.db.updateTable('worker_runs').set({ finished_at: sql`now() - interval '1 hour'` }).where('worker', '=', 'sla_sweeper').execute();
    page = await admin.agent.get('/admin/kesehatan').expect(200);
    expect(card(page.text, 'sweeper')).to.contain('state=problem').and.contain('Terlambat: terakhir berjalan 1 jam yang lalu, padahal seharusnya setiap 1 menit.');

    // A failed pass is recorded with its message, and the last good one is kept.
    const broken = startSlaSweeper({
      // Its reads fail; its writes (the record of the pass) still work.
      db: new Proxy(database.db, {
        get(target, p) {
          if (p === 'selectFrom') return () => { throw new Error('relation "holidays" is locked'); };
          const value: unknown = Reflect.get(target, p);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      }),
      config: t.config, logger: createLogger('silent'), poll: false,
    });
    await broken.runOnce().then(() => expect.fail('the pass should fail'), () => undefined);
    await broken.stop();
    const row = await database.db.selectFrom('worker_runs').selectAll().executeTakeFirstOrThrow();
    expect(row.ok).to.equal(false);
    expect(row.error).to.contain('locked');
    expect(row.ok_at).to.be.instanceOf(Date);
    page = await admin.agent.get('/admin/kesehatan').expect(200);
    expect(card(page.text, 'sweeper')).to.contain('state=problem').and.contain('gagal').and.contain('relation &quot;holidays&quot; is locked');
  });

  it('shows the database, the upload space, the dashboard summaries and the version in the visitor’s language', async () => {
    const page = await admin.agent.get('/admin/kesehatan').set('Cookie', 'lang=en').expect(200);
    expect(card(page.text, 'database')).to.contain('state=ok').and.match(/Answers in \d+ ms\./);
    expect(card(page.text, 'disk')).to.match(/[\d.,]+ [KMGT]?B free of [\d.,]+ [KMGT]?B \(\d+%\)/);
    expect(card(page.text, 'summaries')).to.match(/state=(ok|warn)/);
    expect(card(page.text, 'app')).to.contain('Version 0.1.0, running for');
    expect(page.text).to.contain('System health');
    // No ISO timestamps: every time on the page is formatted for the reader.
    expect(page.text.replace(/<[^>]+>/g, ' ')).to.not.match(/\d{4}-\d{2}-\d{2}T/);
  });

  it('says which checks it could not make when the database does not answer, instead of failing', async () => {
    const down = { ...database, ping: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) };
    const facts = await checkHealth(down, t.config);
    const view = presentHealth(facts, t.config, translator('id'), 'id');
    const byKey = Object.fromEntries(view.checks.map((c) => [c.key, c]));
    expect(byKey.database!.state).to.equal('problem');
    expect(byKey.database!.summary).to.contain('Tidak menjawab: connect ECONNREFUSED');
    for (const key of ['outbox', 'mailIntake', 'sweeper', 'summaries']) {
      expect(byKey[key]!.state, key).to.equal('unknown');
      expect(byKey[key]!.summary).to.equal('Tidak dapat diperiksa karena basis data tidak menjawab.');
    }
    expect(byKey.disk!.state).to.not.equal('unknown');
    expect(view.overallState).to.equal('problem');
  });

  it('writes sizes, spans and times ago as people read them', () => {
    expect(formatBytes(5.5 * 1024 ** 3, 'id')).to.equal('5,5 GB');
    expect(formatBytes(5.5 * 1024 ** 3, 'en')).to.equal('5.5 GB');
    expect(formatBytes(2 * 1024 ** 4, 'id')).to.equal('2 TB');
    expect(span(3 * 86_400 + 4 * 3600 + 60, translator('id'))).to.equal('3 hari 4 jam');
    expect(span(60, translator('en'))).to.equal('1 minute');
    const now = new Date();
    expect(ago(new Date(now.getTime() - 2 * 3600_000), now, 'id')).to.equal('2 jam yang lalu');
  });
});
