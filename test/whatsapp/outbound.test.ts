import { expect } from 'chai';
import { sql } from 'kysely';
import { createLogger } from '../../src/logger.js';
import { startOutboxWorker } from '../../src/notify/worker.js';
import { queueWhatsApp, type WhatsAppOut } from '../../src/whatsapp/outbound/queue.js';
import { applyStatus } from '../../src/whatsapp/outbound/statuses.js';
import { testConfig } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { type FakeGraph, GRAPH_ERRORS, startFakeGraph, statusUpdate } from '../helpers/fakeGraph.js';

const NUMBER = '6281234567890';

describe('WhatsApp out: the outbox sends through the Graph API', () => {
  // A database of its own: the worker sends every due row it finds.
  let database: TestDatabase;
  let graph: FakeGraph;
  before(async () => {
    [database, graph] = await Promise.all([createTestDatabase(), startFakeGraph()]);
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

  const env = () => ({
    WHATSAPP_PHONE_NUMBER_ID: graph.phoneNumberId,
    WHATSAPP_ACCESS_TOKEN: graph.token,
    WHATSAPP_APP_SECRET: 'app-secret-for-tests',
    WHATSAPP_VERIFY_TOKEN: 'verify-token-for-tests',
    WHATSAPP_GRAPH_URL: graph.url,
  });
  const config = (e: Record<string, string> = env()) => testConfig(e);
  async function sendAll(e: Record<string, string> = env()) {
    const w = startOutboxWorker({ db: database.db, config: config(e), logger: createLogger('silent'), poll: false });
    let tried = 0;
    for (let n = await w.runOnce(); n > 0; n = await w.runOnce()) tried += n;
    await w.stop();
    return tried;
  }
  /** The citizen wrote `hoursAgo` hours ago (null: never), or asked for no more messages. */
  async function contact(hoursAgo: number | null, optedOut = false) {
    await sql`
      insert into whatsapp_contacts (phone, last_inbound_at, opted_out_at)
      values (${NUMBER}, ${hoursAgo === null ? null : new Date(Date.now() - hoursAgo * 3_600_000)}, ${optedOut ? new Date() : null})`.execute(database.db);
  }
  const rows = () => database.db.selectFrom('outbox').selectAll().where('channel', '=', 'whatsapp').orderBy('id').execute();
  const message = (over: Partial<WhatsAppOut> = {}): WhatsAppOut => ({
    to: NUMBER,
    reportId: null,
    text: 'Laporan ABCD-1234 telah diteruskan ke Dinas PUPR.',
    template: { code: 'ABCD-1234', status: 'diteruskan ke Dinas PUPR', link: 'https://pengaduan.test/lacak/ABCD1234' },
    ...over,
  });
  const makeDue = () => database.db.updateTable('outbox').set({ available_at: sql<Date>`now()` }).where('status', '=', 'pending').execute();

  it('inside the 24-hour window sends the text as a session message, with the Bearer token, and keeps the wamid', async () => {
    await contact(2);
    await queueWhatsApp(database.db, config(), message());
    expect(await sendAll()).to.equal(1);
    expect(graph.sent).to.have.length(1);
    const req = graph.sent[0]!;
    expect(req.path).to.equal(`/v21.0/${graph.phoneNumberId}/messages`);
    expect(req.headers.authorization).to.equal(`Bearer ${graph.token}`);
    expect(req.json).to.deep.equal({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: NUMBER,
      type: 'text',
      text: { preview_url: false, body: 'Laporan ABCD-1234 telah diteruskan ke Dinas PUPR.' },
    });
    const [row] = await rows();
    expect(row!.status).to.equal('sent');
    expect(row!.transport).to.equal('whatsapp');
    expect(row!.provider_message_id).to.match(/^wamid\./);
  });

  it('outside the window sends the approved template with its language and three parameters, never the text', async () => {
    await contact(25);
    await queueWhatsApp(database.db, config(), message({ template: { code: 'ABCD-1234', status: 'sudah\ndijawab   oleh  Dinas PUPR', link: 'https://pengaduan.test/lacak/ABCD1234' } }));
    await sendAll();
    expect(graph.sent).to.have.length(1);
    expect(graph.sent[0]!.json).to.deep.include({ type: 'template', to: NUMBER });
    expect((graph.sent[0]!.json as { template: unknown }).template).to.deep.equal({
      name: 'status_laporan',
      language: { code: 'id', policy: 'deterministic' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'ABCD-1234' },
            // Meta refuses line breaks and runs of spaces in a parameter.
            { type: 'text', text: 'sudah dijawab oleh Dinas PUPR' },
            { type: 'text', text: 'https://pengaduan.test/lacak/ABCD1234' },
          ],
        },
      ],
    });
    expect(JSON.stringify(graph.sent[0]!.json)).not.to.contain('telah diteruskan');
  });

  it('a number that never wrote is outside the window: template only', async () => {
    await queueWhatsApp(database.db, config(), message());
    await sendAll();
    expect(graph.sent.map((r) => (r.json as { type: string }).type)).to.deep.equal(['template']);
  });

  it('outside the window without a template queues nothing and sends nothing', async () => {
    await contact(30);
    await queueWhatsApp(database.db, config(), message({ template: undefined }));
    expect(await rows()).to.have.length(0);
    await sendAll();
    expect(graph.requests).to.have.length(0);
  });

  it('a window that closed while the message waited: the template then, or a visible failure without one', async () => {
    await contact(1);
    await queueWhatsApp(database.db, config(), message());
    await queueWhatsApp(database.db, config(), message({ template: undefined, text: 'Balasan bebas' }));
    await sql`update whatsapp_contacts set last_inbound_at = now() - interval '25 hours'`.execute(database.db);
    await sendAll();
    expect(graph.sent.map((r) => (r.json as { type: string }).type)).to.deep.equal(['template']);
    const [, second] = await rows();
    expect(second!.status).to.equal('failed');
    expect(second!.last_error).to.contain('24-hour');
  });

  it('an opted-out number gets nothing: not queued, and not sent if it opted out after queuing', async () => {
    await contact(1, true);
    await queueWhatsApp(database.db, config(), message());
    expect(await rows()).to.have.length(0);
    await sql`update whatsapp_contacts set opted_out_at = null`.execute(database.db);
    await queueWhatsApp(database.db, config(), message());
    await sql`update whatsapp_contacts set opted_out_at = now()`.execute(database.db);
    await sendAll();
    expect(graph.requests).to.have.length(0);
    const [row] = await rows();
    expect(row!.status).to.equal('failed');
    expect(row!.last_error).to.contain('STOP');
  });

  it('the API down (500s): retried with backoff, nothing lost or doubled, then sent exactly once', async () => {
    await contact(1);
    await queueWhatsApp(database.db, config(), message({ dedupeKey: 'wa:test:1' }));
    await queueWhatsApp(database.db, config(), message({ dedupeKey: 'wa:test:1' }));
    expect(await rows()).to.have.length(1);
    graph.failNext(2, 'http500');
    await sendAll();
    let [row] = await rows();
    expect(row!.status).to.equal('pending');
    expect(row!.attempts).to.equal(1);
    expect(row!.last_error).to.contain('500');
    expect(row!.available_at.getTime()).to.be.greaterThan(Date.now());
    await makeDue();
    await sendAll();
    [row] = await rows();
    expect(row!.status).to.equal('pending');
    await makeDue();
    await sendAll();
    await makeDue();
    await sendAll();
    [row] = await rows();
    expect(row!.status).to.equal('sent');
    expect(row!.attempts).to.equal(3);
    expect(graph.sent).to.have.length(1);
    expect(graph.requests.filter((r) => r.path.endsWith('/messages'))).to.have.length(3);
  });

  it("Meta's rate limit (130429) is retried; 131026 (undeliverable) fails at once with Meta's words", async () => {
    await contact(1);
    await queueWhatsApp(database.db, config(), message());
    graph.failNext(1, GRAPH_ERRORS.rateLimited);
    await sendAll();
    expect((await rows())[0]!.status).to.equal('pending');
    await makeDue();
    graph.failNext(1, GRAPH_ERRORS.undeliverable);
    await sendAll();
    const [row] = await rows();
    expect(row!.status).to.equal('failed');
    expect(row!.last_error).to.contain('131026');
    expect(graph.sent).to.have.length(0);
  });

  it('131047 (the window closed by Meta\'s clock) switches to the template; without one the row fails visibly', async () => {
    await contact(23.99);
    await queueWhatsApp(database.db, config(), message());
    graph.failNext(1, GRAPH_ERRORS.reEngagement);
    await sendAll();
    expect(graph.sent.map((r) => (r.json as { type: string }).type)).to.deep.equal(['template']);
    expect((await rows())[0]!.status).to.equal('sent');

    await database.db.deleteFrom('outbox').execute();
    graph.sent.length = 0;
    await queueWhatsApp(database.db, config(), message({ template: undefined }));
    graph.failNext(1, GRAPH_ERRORS.reEngagement);
    await sendAll();
    expect(graph.sent).to.have.length(0);
    const [row] = await rows();
    expect(row!.status).to.equal('failed');
    expect(row!.last_error).to.contain('131047');
  });

  it('the secret goes into the text only as it leaves, and is erased after', async () => {
    await contact(1);
    const secret = 'ABCDEFGHJKLMNPQR';
    await queueWhatsApp(database.db, config(), message({ text: 'Pantau di https://pengaduan.test/lacak/X?k={kunci-rahasia}', secret }));
    const [queued] = await rows();
    expect(queued!.text_body).not.to.contain(secret);
    await sendAll();
    expect((graph.sent[0]!.json as { text: { body: string } }).text.body).to.equal(`Pantau di https://pengaduan.test/lacak/X?k=${secret}`);
    const [row] = await rows();
    expect(row!.secret).to.equal(null);
  });

  it('without configuration the message is kept in the development outbox and nothing is sent', async () => {
    await queueWhatsApp(database.db, config({}), message({ template: undefined }));
    await sendAll({});
    expect(graph.requests).to.have.length(0);
    const [row] = await rows();
    expect(row!.status).to.equal('sent');
    expect(row!.transport).to.equal('dev-outbox');
    expect(row!.text_body).to.contain('telah diteruskan');
  });

  describe('statuses from the webhook', () => {
    async function sentRow() {
      await contact(1);
      await queueWhatsApp(database.db, config(), message());
      await sendAll();
      return (await rows())[0]!;
    }
    const status = (id: string, s: 'sent' | 'delivered' | 'read' | 'failed', timestamp = Math.floor(Date.now() / 1000)) =>
      statusUpdate({ id, status: s, recipient: NUMBER, timestamp }) as unknown as Parameters<typeof applyStatus>[1];

    it('records sent, delivered, read in turn; an older status arriving late never goes backwards', async () => {
      const row = await sentRow();
      const id = row.provider_message_id!;
      await applyStatus(database.db, status(id, 'sent'));
      expect((await rows())[0]!.delivery_status).to.equal('sent');
      await applyStatus(database.db, status(id, 'read'));
      await applyStatus(database.db, status(id, 'delivered'));
      await applyStatus(database.db, status(id, 'sent'));
      const [after] = await rows();
      expect(after!.delivery_status).to.equal('read');
    });

    it("failed is final and keeps Meta's error; unknown ids change nothing", async () => {
      const row = await sentRow();
      const id = row.provider_message_id!;
      await applyStatus(database.db, status(id, 'failed'));
      await applyStatus(database.db, status(id, 'read'));
      await applyStatus(database.db, status('wamid.unknown', 'read'));
      const [after] = await rows();
      expect(after!.delivery_status).to.equal('failed');
      expect(after!.delivery_error).to.equal('(#131026) Message undeliverable');
    });
  });
});
