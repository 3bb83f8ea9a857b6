import { expect } from 'chai';
import { sql } from 'kysely';
import supertest from 'supertest';
import type { Report } from '../../src/db/schema.js';
import { createLogger } from '../../src/logger.js';
import { notifyCitizen } from '../../src/notify/citizen.js';
import { startOutboxWorker } from '../../src/notify/worker.js';
import { prepareDatabase } from '../../src/prepare.js';
import { applyStatus } from '../../src/whatsapp/outbound/statuses.js';
import { buildTestApp, csrfFrom, loginAs, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { type FakeGraph, startFakeGraph, statusUpdate } from '../helpers/fakeGraph.js';
import { transition } from '../../src/reports/commands/transition.js';
import { sweepAutoClose } from '../../src/sla/autoClose.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { staffApi } from '../answers/helpers.js';
import { answeredReport } from '../letters/helpers.js';

const PHONE = '+6281234567890';
const NUMBER = '6281234567890';

describe('WhatsApp out: what the citizen receives', () => {
  // A database of its own: the worker sends every due row it finds.
  let database: TestDatabase;
  let graph: FakeGraph;
  let t: TestApp;
  before(async () => {
    [database, graph] = await Promise.all([createTestDatabase({ migrate: false }), startFakeGraph()]);
    await prepareDatabase(database.db);
    t = await buildTestApp(
      {
        WHATSAPP_PHONE_NUMBER_ID: graph.phoneNumberId,
        WHATSAPP_ACCESS_TOKEN: graph.token,
        WHATSAPP_APP_SECRET: 'app-secret-for-tests',
        WHATSAPP_VERIFY_TOKEN: 'verify-token-for-tests',
        WHATSAPP_GRAPH_URL: graph.url,
      },
      database,
    );
  });
  after(async () => {
    await graph.close();
    await database.drop();
  });
  beforeEach(async () => {
    await database.db.deleteFrom('outbox').execute();
    await sql`delete from whatsapp_contacts`.execute(database.db);
    graph.requests.length = 0;
    graph.sent.length = 0;
  });

  async function sendAll() {
    const w = startOutboxWorker({ db: database.db, config: t.config, logger: createLogger('silent'), poll: false });
    while ((await w.runOnce()) > 0);
    await w.stop();
  }
  /** The citizen wrote to us an hour ago: the 24-hour window is open. */
  const wroteRecently = () => sql`insert into whatsapp_contacts (phone, last_inbound_at) values (${NUMBER}, now() - interval '1 hour')`.execute(database.db);
  const outbox = () => database.db.selectFrom('outbox').selectAll().orderBy('id').execute();
  const reporter = (email: string | null, phone: string | null) => ({ reporter: { name: 'Sri Wahyuni', email, phone, nik: null } });

  describe('one rule for mail and WhatsApp (notifyCitizen)', () => {
    const question = async (report: Report) => {
      const mail = { to: report.reporter_email ? [report.reporter_email] : [], subject: 'Pertanyaan', text: 'Isi', html: '<p>Isi</p>' };
      await database.db.transaction().execute((trx) =>
        notifyCitizen(trx, t.config, report, mail.to.length ? mail : undefined, { kind: 'question', vars: { question: 'Di RT berapa?' } }),
      );
      return (await outbox()).map((r) => `${r.channel}:${r.to_address}`);
    };
    const report = async (email: string | null, phone: string | null, both = false) => {
      const r = await buildReport(t, reporter(email, phone));
      await database.db.deleteFrom('outbox').execute();
      return database.db.updateTable('reports').set({ notify_whatsapp: both }).where('id', '=', r.report.id).returningAll().executeTakeFirstOrThrow();
    };

    it('e-mail only: mail only', async () => {
      expect(await question(await report('sri@warga.test', null))).to.deep.equal(['mail:sri@warga.test']);
    });
    it('a phone and no e-mail: WhatsApp only', async () => {
      expect(await question(await report(null, PHONE))).to.deep.equal([`whatsapp:${NUMBER}`]);
    });
    it('both given: mail only, unless the citizen asked for WhatsApp too', async () => {
      expect(await question(await report('sri@warga.test', PHONE))).to.deep.equal(['mail:sri@warga.test']);
      await database.db.deleteFrom('outbox').execute();
      expect(await question(await report('sri@warga.test', PHONE, true))).to.deep.equal(['mail:sri@warga.test', `whatsapp:${NUMBER}`]);
    });
  });

  it('the web form offers "Kirim kabar lewat WhatsApp juga" beside the phone; ticked, the citizen gets mail and WhatsApp', async () => {
    const agent = supertest.agent(t.app);
    const page = await agent.get('/lapor').expect(200);
    expect(page.text).to.contain('name="notifyWhatsApp"').and.contain('Kirim kabar lewat WhatsApp juga');
    const title = `Saluran air tersumbat di Desa Ngarus ${Date.now()}`;
    let req = agent.post('/lapor').field('_csrf', csrfFrom(page.text));
    const fields: Record<string, string> = {
      kind: 'pengaduan',
      title,
      body: 'Saluran air di depan SD Ngarus tersumbat sampah sejak hujan deras, air meluap ke jalan desa setiap sore.',
      categoryId: '',
      name: 'Ahmad Fauzi',
      email: 'ahmad.fauzi@example.com',
      phone: '0812-3456-7890',
      notifyWhatsApp: 'on',
      consent: 'on',
    };
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    await req.expect(303);
    const report = await database.db.selectFrom('reports').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
    expect(report.notify_whatsapp).to.equal(true);
    expect((await outbox()).map((r) => `${r.channel}:${r.to_address}`)).to.deep.equal(['mail:ahmad.fauzi@example.com', `whatsapp:${NUMBER}`]);
  });

  it('a new report from a citizen with only a phone is acknowledged by WhatsApp: the code and the secret link, filled only as it leaves', async () => {
    await wroteRecently();
    const r = await buildReport(t, reporter(null, PHONE));
    const [row] = await outbox();
    expect(row!.channel).to.equal('whatsapp');
    expect(row!.text_body).not.to.contain(r.secret);
    await sendAll();
    const body = (graph.sent[0]!.json as { text: { body: string } }).text.body;
    expect(body).to.contain(r.report.tracking_code.slice(0, 4)).and.contain(`/lacak/${r.report.tracking_code}?k=${r.secret}`);
    expect((await outbox())[0]!.secret).to.equal(null);
  });

  it('a new report from a citizen who never wrote on WhatsApp: the status template, its link carrying the secret', async () => {
    const r = await buildReport(t, reporter(null, PHONE));
    await sendAll();
    expect(graph.sent).to.have.length(1);
    const template = (graph.sent[0]!.json as { template: { name: string; components: { parameters: { text: string }[] }[] } }).template;
    expect(template.name).to.equal('status_laporan');
    expect(template.components[0]!.parameters[2]!.text).to.equal(`${t.config.publicUrl}/lacak/${r.report.tracking_code}?k=${r.secret}`);
  });

  it('the answer goes by WhatsApp with the letter uploaded and sent as a document', async () => {
    await wroteRecently();
    const r = await answeredReport(t, reporter(null, PHONE));
    const rows = (await outbox()).filter((o) => o.channel === 'whatsapp' && o.report_id === r.report.id);
    // The acknowledgement, the forward (advanceTo does not forward through triage), the answer and its letter.
    expect(rows.map((o) => o.subject).at(-1)).to.match(/\.pdf$/);
    await sendAll();
    const upload = graph.requests.find((q) => q.path.endsWith('/media') && q.method === 'POST');
    expect(upload, 'the letter is uploaded').to.not.equal(undefined);
    expect(upload!.headers['content-type']).to.match(/^multipart\/form-data/);
    expect(upload!.body.includes(Buffer.from('%PDF-'))).to.equal(true);
    const doc = graph.sent.find((q) => (q.json as { type: string }).type === 'document');
    expect(doc, 'a document message').to.not.equal(undefined);
    const document = (doc!.json as { document: { id: string; filename: string } }).document;
    expect(document.filename).to.match(/\.pdf$/);
    expect(document.id).to.be.a('string').and.not.equal('');
    const answered = graph.sent.find((q) => (q.json as { type: string }).type === 'text' && JSON.stringify(q.json).includes('sudah dijawab'));
    expect(answered, 'the answer message').to.not.equal(undefined);
  });

  it('the reporter of a merged report with only a phone hears of the answer by WhatsApp, about their own report, without the other\'s letter', async () => {
    const main = await buildReport(t, reporter('siti.rahayu@example.com', null));
    const other = await buildReport(t, reporter(null, '+6281234500009'));
    await transition(database.db, { reportId: other.report.id, action: 'merge', actor: { kind: 'staff' }, visibility: 'public', set: { merged_into_id: main.report.id } });
    await advanceTo(database.db, main.report.id, 'in_progress');
    await database.db.deleteFrom('outbox').execute();
    const staff = await staffApi(t, 'agency_staff');
    const head = await staffApi(t, 'agency_head');
    const base = `/api/v1/staff/reports/${main.report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body: 'Yth. {nama_pelapor},\n\nLampu PJU sudah diganti pada 20 November oleh UPT PJU; bila padam lagi hubungi UPT PJU.' }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);
    const rows = (await outbox()).filter((o) => o.channel === 'whatsapp');
    expect(rows.map((o) => [o.to_address, o.report_id])).to.deep.equal([['6281234500009', other.report.id]]);
    expect(rows[0]!.text_body).to.contain(`/lacak/${other.report.tracking_code}`).and.contain(main.report.tracking_code.slice(0, 4));
  });

  it('a report closed by the deadline (answered, no reply in time) is resolved and the citizen with a phone is told by WhatsApp', async () => {
    const r = await buildReport(t, reporter(null, PHONE));
    await advanceTo(database.db, r.report.id, 'answered');
    await database.db.updateTable('reports').set({ close_due_at: new Date(Date.now() - 60_000) }).where('id', '=', r.report.id).execute();
    await database.db.deleteFrom('outbox').execute();
    await sweepAutoClose(database.db, new Date(), t.config);
    const rows = await outbox();
    expect(rows.map((o) => `${o.channel}:${o.to_address}`)).to.deep.equal([`whatsapp:${NUMBER}`]);
    expect(rows[0]!.text_body).to.contain('selesai');
    expect(rows[0]!.wa_payload!.template!.params[1]).to.equal('selesai');
  });

  it('/admin/outbox shows WhatsApp rows with their delivery status and Meta\'s error', async () => {
    await wroteRecently();
    await buildReport(t, reporter(null, PHONE));
    await sendAll();
    const [row] = await outbox();
    await applyStatus(database.db, statusUpdate({ id: row!.provider_message_id!, status: 'failed', recipient: NUMBER }) as never);
    const admin = await loginAs(t, 'admin');
    const list = await admin.agent.get('/admin/outbox').expect(200);
    expect(list.text).to.contain('WhatsApp').and.contain(NUMBER).and.contain('Gagal disampaikan').and.contain('(#131026) Message undeliverable');
    const page = await admin.agent.get(`/admin/outbox/${row!.id}`).expect(200);
    expect(page.text).to.contain(row!.provider_message_id!).and.contain('WhatsApp Cloud API');
  });
});
