import { expect } from 'chai';
import { createLogger } from '../../src/logger.js';
import { startInboxWorker } from '../../src/whatsapp/inbound/worker.js';
import * as make from '../attachments/fixtures.js';
import { inbound, signedDelivery, statusUpdate, webhookBody, wamid } from '../helpers/fakeGraph.js';
import { APP_SECRET, newNumber, opusVoiceNote, type WhatsAppWorld, whatsappWorld } from './inbound-helpers.js';

/**
 * WhatsApp in, end to end: signed deliveries to the webhook, the inbox worker, and the
 * reports, messages and replies a citizen would notice, against a fake Graph API.
 */
describe('WhatsApp in: from messages to reports', () => {
  let w: WhatsAppWorld;
  before(async () => {
    w = await whatsappWorld();
  });
  after(async () => {
    await w?.close();
  });

  const db = () => w.t.database.db;
  const reportsOf = (phone: string) => db().selectFrom('reports').selectAll().where('reporter_phone', '=', `+${phone}`).orderBy('id').execute();
  const repliesTo = async (phone: string) =>
    (await db().selectFrom('outbox').select(['text_body', 'secret', 'report_id']).where('channel', '=', 'whatsapp').where('to_address', '=', phone).orderBy('id').execute());
  const messagesOf = (reportId: number) => db().selectFrom('messages').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
  const attachmentsOf = (reportId: number) => db().selectFrom('attachments').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
  const LONG = 'Jalan di depan Pasar Puri berlubang besar sejak dua minggu, sudah dua motor jatuh.';

  async function reportFrom(phone: string, name = 'Siti Aminah') {
    await w.deliver([inbound.text({ from: phone, body: LONG })], { [phone]: name });
    await w.deliver([inbound.text({ from: phone, body: 'KIRIM' })]);
    await w.drain();
    const [report] = await reportsOf(phone);
    expect(report, 'report made').to.not.equal(undefined);
    return report!;
  }

  it('a text, a photo and a location, then KIRIM: one report by the intake service, with the photo downloaded with the token', async () => {
    const phone = newNumber();
    const mediaId = w.graph.addMedia({ bytes: await make.photo('jpeg'), mimeType: 'image/jpeg' });
    await w.deliver([inbound.text({ from: phone, body: LONG })], { [phone]: 'Budi Santoso' });
    await w.drain();
    expect(await reportsOf(phone)).to.have.length(0);
    expect((await repliesTo(phone))[0]!.text_body).to.include('sedang kami catat').and.include('KIRIM');

    await w.deliver([inbound.image({ from: phone, mediaId, caption: 'Ini fotonya' })]);
    await w.deliver([inbound.location({ from: phone, latitude: -6.7559, longitude: 111.038, name: 'Pasar Puri', address: 'Jl. Kol. Sunandar, Pati' })]);
    await w.deliver([inbound.text({ from: phone, body: 'kirim' })]);
    await w.drain();

    const [report, ...more] = await reportsOf(phone);
    expect(more).to.have.length(0);
    expect(report).to.include({ channel: 'whatsapp', reporter_name: 'Budi Santoso', status: 'submitted', reporter_email: null });
    expect(report!.title).to.equal(LONG);
    expect(report!.body).to.include(LONG).and.include('Ini fotonya').and.include('Pasar Puri');
    expect(Number(report!.latitude)).to.be.closeTo(-6.7559, 1e-6);
    expect(report!.verify_due_at).to.be.an.instanceOf(Date);
    const files = await attachmentsOf(report!.id);
    expect(files).to.have.length(1);
    expect(files[0]!.mime_type).to.equal('image/jpeg');

    // Meta's two steps: the media id gives a URL, the URL gives the bytes with the Bearer token.
    const lookups = w.graph.requests.filter((r) => r.path.endsWith(`/${mediaId}`));
    expect(lookups.map((r) => r.path)).to.include(`/v21.0/${mediaId}`).and.include(`/media-bytes/${mediaId}`);
    for (const r of lookups) expect(r.headers.authorization).to.equal(`Bearer ${w.graph.token}`);

    // One confirmation with the code and the secret link (whether intake or WhatsApp queued it).
    // The link's secret is a slot filled as the message leaves; the row holds it only until then.
    const confirmations = (await repliesTo(phone)).filter((r) => r.report_id === report!.id && r.text_body.includes(`/lacak/${report!.tracking_code}?k={kunci-rahasia}`));
    expect(confirmations).to.have.length(1);
    expect(confirmations[0]!.text_body).to.include(`${report!.tracking_code.slice(0, 4)}-${report!.tracking_code.slice(4)}`);
    expect(confirmations[0]!.secret).to.match(/^[2-9A-Z]{16}$/);
    expect((await repliesTo(phone)).at(-1)!.text_body).to.include('ketik *BARU*');
    const contact = await db().selectFrom('whatsapp_contacts').selectAll().where('phone', '=', phone).executeTakeFirstOrThrow();
    expect(contact.last_inbound_at).to.be.an.instanceOf(Date);
  });

  it('submits a draft when the number has been quiet for the window (no KIRIM)', async () => {
    const phone = newNumber();
    await w.deliver([inbound.text({ from: phone, body: LONG })]);
    await w.drain();
    expect(await reportsOf(phone)).to.have.length(0);
    w.clock.now = new Date(Date.now() + 11 * 60_000);
    try {
      await w.drain();
    } finally {
      w.clock.now = new Date();
    }
    expect(await reportsOf(phone)).to.have.length(1);
  });

  it('Meta retries and duplicates change nothing: one report, one message', async () => {
    const phone = newNumber();
    const first = inbound.text({ from: phone, body: LONG });
    const d = signedDelivery(APP_SECRET, webhookBody({ phoneNumberId: w.graph.phoneNumberId, messages: [first] }));
    for (let i = 0; i < 3; i++) expect(await w.post(d.body, d.signature)).to.equal(200);
    // The same message in another delivery, with another.
    const kirim = inbound.text({ from: phone, body: 'KIRIM' });
    await w.deliver([first, kirim]);
    await w.deliver([kirim]);
    await w.drain();
    await w.drain();
    const reports = await reportsOf(phone);
    expect(reports).to.have.length(1);

    const more = inbound.text({ from: phone, body: 'Tambahan: lubangnya makin lebar setelah hujan semalam.' });
    await w.deliver([more]);
    await w.deliver([more]);
    await w.drain();
    const messages = (await messagesOf(reports[0]!.id)).filter((m) => m.author_kind === 'citizen');
    expect(messages).to.have.length(1);
    expect(messages[0]!.body).to.include('makin lebar');
    expect(await reportsOf(phone)).to.have.length(1);
  });

  it('out-of-order deliveries make the same report: parts in the order they were sent', async () => {
    const phone = newNumber();
    const at = Math.floor(Date.now() / 1000);
    const a = inbound.text({ from: phone, body: 'Pertama: lampu jalan di Jl. Diponegoro mati semua.', timestamp: at });
    const b = inbound.text({ from: phone, body: 'Kedua: sudah tiga malam gelap total.', timestamp: at + 30 });
    await w.deliver([b]);
    await w.deliver([a]);
    await w.deliver([inbound.text({ from: phone, body: 'KIRIM', timestamp: at + 60 })]);
    await w.drain();
    const [report] = await reportsOf(phone);
    expect(report!.body.indexOf('Pertama')).to.be.lessThan(report!.body.indexOf('Kedua'));
    expect(report!.title).to.equal('Pertama: lampu jalan di Jl. Diponegoro mati semua.');
  });

  it('a document and a voice note join the report; the voice note is kept as audio', async () => {
    const phone = newNumber();
    const doc = w.graph.addMedia({ bytes: make.pdf(), mimeType: 'application/pdf' });
    const voice = w.graph.addMedia({ bytes: opusVoiceNote(), mimeType: 'audio/ogg; codecs=opus' });
    await w.deliver([inbound.text({ from: phone, body: LONG }), inbound.document({ from: phone, mediaId: doc, filename: 'surat-rt.pdf' }), inbound.audio({ from: phone, mediaId: voice })]);
    await w.deliver([inbound.buttonReply({ from: phone, buttonId: 'KIRIM', title: 'Kirim' })]);
    await w.drain();
    const [report] = await reportsOf(phone);
    const files = await attachmentsOf(report!.id);
    expect(files.map((f) => f.mime_type).sort()).to.deep.equal(['application/pdf', 'audio/ogg; codecs=opus']);
    expect(files.find((f) => f.mime_type === 'application/pdf')!.original_name).to.equal('surat-rt.pdf');
  });

  it('refuses media too large or of a refused type with a reply, and keeps nothing of it', async () => {
    const phone = newNumber();
    const big = w.graph.addMedia({ bytes: Buffer.alloc(1024, 1), mimeType: 'image/jpeg', fileSize: 50 * 1024 * 1024 });
    const zip = w.graph.addMedia({ bytes: Buffer.from('PK\u0003\u0004'), mimeType: 'application/zip' });
    const liar = w.graph.addMedia({ bytes: make.html(), mimeType: 'image/jpeg' });
    await w.deliver([inbound.text({ from: phone, body: LONG })]);
    await w.deliver([inbound.image({ from: phone, mediaId: big })]);
    await w.deliver([inbound.document({ from: phone, mediaId: zip, mimeType: 'application/zip', filename: 'bukti.zip' })]);
    await w.deliver([inbound.image({ from: phone, mediaId: liar })]);
    await w.deliver([inbound.text({ from: phone, body: 'KIRIM' })]);
    await w.drain();
    const texts = (await repliesTo(phone)).map((r) => r.text_body);
    expect(texts.some((x) => /terlalu besar \(paling besar 10 MB\)/.test(x))).to.equal(true);
    expect(texts.some((x) => x.includes('"bukti.zip" tidak dapat kami terima'))).to.equal(true);
    // The bytes said HTML where Meta said JPEG: left out at submission, and said so.
    const [report] = await reportsOf(phone);
    expect(await attachmentsOf(report!.id)).to.have.length(0);
    expect(texts.at(-1)).to.include('tidak kami terima');
    // The large one was refused from Meta's size alone: never downloaded.
    expect(w.graph.requests.some((r) => r.path === `/media-bytes/${big}`)).to.equal(false);
  });

  it('a number with one open report adds to it; BARU starts a new one', async () => {
    const phone = newNumber();
    const report = await reportFrom(phone);
    const photo = w.graph.addMedia({ bytes: await make.photo('png'), mimeType: 'image/png' });
    await w.deliver([inbound.text({ from: phone, body: 'Sekarang ada genangan air juga.' })]);
    await w.deliver([inbound.image({ from: phone, mediaId: photo, caption: 'foto genangan' })]);
    await w.drain();
    const messages = (await messagesOf(report.id)).filter((m) => m.author_kind === 'citizen');
    expect(messages.map((m) => m.body)).to.deep.equal(['Sekarang ada genangan air juga.', 'foto genangan']);
    expect(await attachmentsOf(report.id)).to.have.length(1);
    expect((await repliesTo(phone)).at(-1)!.text_body).to.include('sudah ditambahkan ke laporan');

    await w.deliver([inbound.text({ from: phone, body: 'BARU' })]);
    await w.deliver([inbound.text({ from: phone, body: 'Sampah di sungai Juwana menumpuk dan berbau busuk sekali.' })]);
    await w.deliver([inbound.text({ from: phone, body: 'KIRIM' })]);
    await w.drain();
    const reports = await reportsOf(phone);
    expect(reports).to.have.length(2);
    expect(reports[1]!.body).to.include('Juwana');
  });

  it('with several open reports asks which; a message starting with a code adds to that one', async () => {
    const phone = newNumber();
    const first = await reportFrom(phone);
    await w.deliver([inbound.text({ from: phone, body: 'BARU' }), inbound.text({ from: phone, body: 'Pohon tumbang menutup jalan desa Tlogowungu sejak pagi ini.' })]);
    await w.deliver([inbound.text({ from: phone, body: 'KIRIM' })]);
    await w.drain();
    const [, second] = await reportsOf(phone);
    expect(second).to.not.equal(undefined);

    await w.deliver([inbound.text({ from: phone, body: 'Ada kabar?' })]);
    await w.drain();
    const ask = (await repliesTo(phone)).at(-1)!.text_body;
    expect(ask).to.include('beberapa laporan');
    const code = (c: string) => `${c.slice(0, 4)}-${c.slice(4)}`;
    expect(ask).to.include(code(first.tracking_code)).and.include(code(second!.tracking_code));

    await w.deliver([inbound.text({ from: phone, body: `${code(first.tracking_code).toLowerCase()} lubangnya sudah ditambal sebagian` })]);
    await w.drain();
    const added = (await messagesOf(first.id)).filter((m) => m.author_kind === 'citizen');
    expect(added.map((m) => m.body)).to.deep.equal(['lubangnya sudah ditambal sebagian']);
    expect((await messagesOf(second!.id)).filter((m) => m.author_kind === 'citizen')).to.have.length(0);
  });

  it('STOP opts the number out (and nothing more is sent); MULAI opts it in again', async () => {
    const phone = newNumber();
    const report = await reportFrom(phone);
    await w.deliver([inbound.text({ from: phone, body: 'STOP' })]);
    await w.drain();
    const contact = () => db().selectFrom('whatsapp_contacts').selectAll().where('phone', '=', phone).executeTakeFirstOrThrow();
    expect((await contact()).opted_out_at).to.be.an.instanceOf(Date);
    const before = (await repliesTo(phone)).length;
    await w.deliver([inbound.text({ from: phone, body: 'Tambahan keterangan setelah berhenti.' })]);
    await w.drain();
    expect((await repliesTo(phone)).length).to.equal(before);
    // The information still reaches the report.
    expect((await messagesOf(report.id)).some((m) => m.body === 'Tambahan keterangan setelah berhenti.')).to.equal(true);

    await w.deliver([inbound.text({ from: phone, body: 'Mulai' })]);
    await w.drain();
    expect((await contact()).opted_out_at).to.equal(null);
    expect((await repliesTo(phone)).at(-1)!.text_body).to.include('menerima kabar laporan lagi');
  });

  it('a report too short is held and the citizen asked for more; stickers and reactions are ignored', async () => {
    const phone = newNumber();
    await w.deliver([inbound.text({ from: phone, body: 'Jalan rusak' }), inbound.unsupported({ from: phone, type: 'reaction' })]);
    await w.deliver([inbound.text({ from: phone, body: 'KIRIM' })]);
    await w.drain();
    expect(await reportsOf(phone)).to.have.length(0);
    expect((await repliesTo(phone)).at(-1)!.text_body).to.include('terlalu singkat');
    const replies = (await repliesTo(phone)).length;
    await w.drain();
    expect((await repliesTo(phone)).length, 'asked once').to.equal(replies);
    await w.deliver([inbound.text({ from: phone, body: 'di Jl. Pemuda dekat alun-alun, lubang dalam sekali' }), inbound.text({ from: phone, body: 'KIRIM' })]);
    await w.drain();
    expect(await reportsOf(phone)).to.have.length(1);
  });

  it('statuses from the webhook reach the outbox, out of order: read is not undone by a late delivered', async () => {
    const phone = newNumber();
    await reportFrom(phone);
    const row = await db().selectFrom('outbox').select('id').where('channel', '=', 'whatsapp').where('to_address', '=', phone).orderBy('id', 'desc').executeTakeFirstOrThrow();
    // What the sender records when Meta accepts the message (its wamid).
    const id = wamid();
    await db().updateTable('outbox').set({ provider_message_id: id, delivery_status: 'sent' }).where('id', '=', row.id).execute();
    const at = Math.floor(Date.now() / 1000);
    for (const status of ['read', 'delivered'] as const) {
      const d = signedDelivery(APP_SECRET, webhookBody({ phoneNumberId: w.graph.phoneNumberId, statuses: [statusUpdate({ id, status, recipient: phone, timestamp: status === 'read' ? at + 5 : at })] }));
      expect(await w.post(d.body, d.signature)).to.equal(200);
    }
    await w.drain();
    const after = await db().selectFrom('outbox').select('delivery_status').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after.delivery_status).to.equal('read');
  });

  it('statuses in a delivery are recorded; unknown ones change nothing', async () => {
    const d = signedDelivery(APP_SECRET, webhookBody({ phoneNumberId: w.graph.phoneNumberId, statuses: [statusUpdate({ id: wamid(), status: 'delivered', recipient: newNumber() })] }));
    expect(await w.post(d.body, d.signature)).to.equal(200);
    await w.drain();
    const pending = await db().selectFrom('whatsapp_inbox').select('id').where('processed_at', 'is', null).execute();
    expect(pending).to.have.length(0);
  });

  it('a contact card is answered as a kind of message not taken; deliveries done a week ago are purged', async () => {
    const phone = newNumber();
    await w.deliver([{ ...inbound.unsupported({ from: phone, type: 'contacts' }), contacts: [{ name: { formatted_name: 'Pak RT' }, phones: [{ phone: '+62 812 0000 0000' }] }] }]);
    await w.drain();
    expect((await repliesTo(phone)).at(-1)!.text_body).to.include('jenis pesan ini tidak dapat kami terima');
    expect(await reportsOf(phone)).to.have.length(0);

    const old = await db().selectFrom('whatsapp_inbox').select('id').where('processed_at', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    await db().updateTable('whatsapp_inbox').set({ processed_at: new Date(Date.now() - 8 * 86_400_000) }).where('id', '=', old.id).execute();
    await w.drain();
    expect(await db().selectFrom('whatsapp_inbox').select('id').where('id', '=', old.id).executeTakeFirst()).to.equal(undefined);
  });

  it('a worker stopped mid-way leaves the delivery in the inbox; the next one takes it once', async () => {
    const phone = newNumber();
    await w.deliver([inbound.text({ from: phone, body: LONG }), inbound.text({ from: phone, body: 'KIRIM' })]);
    const stopped = startInboxWorker({ db: db(), config: w.t.config, logger: createLogger('silent'), poll: false });
    await stopped.stop();
    expect(await stopped.runOnce()).to.equal(0);
    const inbox = () => db().selectFrom('whatsapp_inbox').selectAll().where('processed_at', 'is', null).execute();
    expect(await inbox()).to.have.length(1);
    expect(await reportsOf(phone)).to.have.length(0);

    await w.drain();
    expect(await reportsOf(phone)).to.have.length(1);
    // A crash after the messages were taken but before the delivery was marked done: taken again, nothing new.
    const last = await db().selectFrom('whatsapp_inbox').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await db().updateTable('whatsapp_inbox').set({ processed_at: null }).where('id', '=', last.id).execute();
    await w.drain();
    expect(await reportsOf(phone)).to.have.length(1);
    expect(await inbox()).to.have.length(0);
  });

  it('Meta unreachable for a media: the delivery is tried again later, the text not taken twice', async () => {
    const phone = newNumber();
    const report = await reportFrom(phone);
    const photo = w.graph.addMedia({ bytes: await make.photo('jpeg'), mimeType: 'image/jpeg' });
    w.graph.failMediaNext(1);
    await w.deliver([inbound.text({ from: phone, body: 'Keterangan sebelum foto.' }), inbound.image({ from: phone, mediaId: photo })]);
    await w.drain();
    const row = await db().selectFrom('whatsapp_inbox').selectAll().where('processed_at', 'is', null).executeTakeFirstOrThrow();
    expect(row.last_error).to.include('HTTP 500');
    await db().updateTable('whatsapp_inbox').set({ locked_until: null }).where('id', '=', row.id).execute();
    await w.drain();
    const messages = (await messagesOf(report.id)).filter((m) => m.author_kind === 'citizen');
    expect(messages.map((m) => m.body)).to.deep.equal(['Keterangan sebelum foto.', '(Berkas dari WhatsApp tanpa keterangan.)']);
    expect(await attachmentsOf(report.id)).to.have.length(1);
  });
});
