import { expect } from 'chai';
import { ERASED_ADDRESS } from '../../src/privacy/scrub.js';
import { type SignedIn, loginAs } from '../helpers/app.js';
import { inbound } from '../helpers/fakeGraph.js';
import { newNumber, type WhatsAppWorld, whatsappWorld } from '../whatsapp/inbound-helpers.js';

/**
 * A citizen who reported by WhatsApp asks for their data and its erasure: the messages the
 * app sent to their number are in the export, and the erasure takes them, the profile name
 * and what the conversation kept, while their STOP is still honoured.
 */
describe('personal data of a WhatsApp reporter: export and erase', () => {
  let w: WhatsAppWorld;
  let admin: SignedIn;
  before(async () => {
    w = await whatsappWorld();
    admin = await loginAs(w.t, 'admin');
  });
  after(async () => {
    await w?.close();
  });
  const db = () => w.t.database.db;

  async function post(path: string, body: Record<string, string>, status: number) {
    const token = await admin.csrf();
    return admin.agent.post(`/admin/data-pribadi/${path}`).type('form').send({ _csrf: token, ...body }).expect(status);
  }

  it('exports the WhatsApp messages sent to the number, then erases them with the conversation', async () => {
    const phone = newNumber();
    const other = newNumber();
    for (const [number, name] of [[phone, 'Yohana Wenda'], [other, 'Budi Santoso']] as const) {
      await w.deliver([inbound.text({ from: number, body: 'Lampu jalan di depan SD Negeri Puri 02 mati sejak seminggu, gelap sekali.' })], { [number]: name });
      await w.deliver([inbound.text({ from: number, body: 'KIRIM' })]);
    }
    await w.drain();
    // A draft started again by the same number, not yet sent.
    await w.deliver([inbound.text({ from: phone, body: 'BARU' })]);
    await w.deliver([inbound.text({ from: phone, body: 'Ada juga sampah menumpuk di gang tiga.' })]);
    await w.drain();
    const sentTo = (n: string) => db().selectFrom('outbox').selectAll().where('channel', '=', 'whatsapp').where('to_address', '=', n).execute();
    expect((await sentTo(phone)).length).to.be.at.least(2);

    const exported = JSON.parse((await post('ekspor', { kind: 'phone', value: `0${phone.slice(2)}` }, 200)).text);
    expect(exported.reports).to.have.length(1);
    expect(exported.outgoingMails.length).to.equal((await sentTo(phone)).length);
    expect(exported.outgoingMails.every((m: { to: string }) => m.to === phone)).to.equal(true);
    expect(JSON.stringify(exported)).to.not.contain(other);

    await post('hapus', { kind: 'phone', value: `+${phone}`, confirm: 'HAPUS', reference: 'Permintaan lewat WhatsApp' }, 303);
    expect(await sentTo(phone)).to.have.length(0);
    const [report] = await db().selectFrom('reports').selectAll().where('channel', '=', 'whatsapp').where('reporter_phone', 'is', null).execute();
    expect(report).to.not.equal(undefined);
    const erased = await db().selectFrom('outbox').selectAll().where('report_id', '=', report!.id).where('channel', '=', 'whatsapp').execute();
    expect(erased.length).to.be.at.least(1);
    for (const row of erased) {
      expect(row.to_address).to.equal(ERASED_ADDRESS);
      expect(row.text_body).to.not.contain('Yohana');
      expect(row.wa_payload).to.equal(null);
    }
    const contact = await db().selectFrom('whatsapp_contacts').selectAll().where('phone', '=', phone).executeTakeFirstOrThrow();
    expect(contact.profile_name).to.equal(null);
    expect(await db().selectFrom('whatsapp_drafts').select('id').where('phone', '=', phone).execute()).to.have.length(0);
    expect(await db().selectFrom('whatsapp_messages_seen').select('wamid').where('phone', '=', phone).execute()).to.have.length(0);
    const raw = await db().selectFrom('whatsapp_inbox').select('payload').execute();
    expect(JSON.stringify(raw)).to.not.contain(phone);

    // The other citizen is untouched.
    expect((await sentTo(other)).length).to.be.at.least(1);
    expect((await db().selectFrom('whatsapp_contacts').selectAll().where('phone', '=', other).executeTakeFirstOrThrow()).profile_name).to.not.equal(null);
  });
});
