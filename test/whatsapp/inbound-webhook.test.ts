import { expect } from 'chai';
import supertest from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { inbound, signedDelivery, webhookBody } from '../helpers/fakeGraph.js';

/** The webhook alone: Meta's handshake, the signature, and what is stored. */
export const WA_ENV = {
  WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
  WHATSAPP_ACCESS_TOKEN: 'EAAGtesttokentesttoken',
  WHATSAPP_APP_SECRET: 'app-secret-for-tests',
  WHATSAPP_VERIFY_TOKEN: 'verify-token-for-tests',
};

describe('WhatsApp webhook (/webhooks/whatsapp)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(WA_ENV);
  });

  const inboxCount = async () => Number((await t.database.db.selectFrom('whatsapp_inbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('answers the subscription handshake with the challenge, as text', async () => {
    const res = await supertest(t.app)
      .get('/webhooks/whatsapp')
      .query({ 'hub.mode': 'subscribe', 'hub.verify_token': WA_ENV.WHATSAPP_VERIFY_TOKEN, 'hub.challenge': '1158201444' });
    expect(res.status).to.equal(200);
    expect(res.type).to.equal('text/plain');
    expect(res.text).to.equal('1158201444');
  });

  it('refuses the handshake with a wrong token, another mode or no challenge (403)', async () => {
    for (const query of [
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'wrong', 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': `${WA_ENV.WHATSAPP_VERIFY_TOKEN}x`, 'hub.challenge': '1' },
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': WA_ENV.WHATSAPP_VERIFY_TOKEN, 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': WA_ENV.WHATSAPP_VERIFY_TOKEN },
      { 'hub.mode': 'subscribe', 'hub.verify_token': WA_ENV.WHATSAPP_VERIFY_TOKEN, 'hub.challenge': '<script>' },
      {},
    ]) {
      const res = await supertest(t.app).get('/webhooks/whatsapp').query(query);
      expect(res.status, JSON.stringify(query)).to.equal(403);
      expect(res.text).to.not.include('<script>');
    }
  });

  it('stores a delivery signed with the app secret and answers 200, without session or CSRF', async () => {
    const before = await inboxCount();
    const delivery = signedDelivery(WA_ENV.WHATSAPP_APP_SECRET, webhookBody({ phoneNumberId: WA_ENV.WHATSAPP_PHONE_NUMBER_ID, messages: [inbound.text({ from: '6281234500001', body: 'Jalan rusak di depan pasar' })] }));
    const res = await supertest(t.app).post('/webhooks/whatsapp').set('Content-Type', 'application/json').set('X-Hub-Signature-256', delivery.signature).send(delivery.body);
    expect(res.status).to.equal(200);
    expect(res.headers['set-cookie']).to.equal(undefined);
    expect(await inboxCount()).to.equal(before + 1);
  });

  it('refuses a bad or missing signature with 401 and stores nothing', async () => {
    const before = await inboxCount();
    const body = webhookBody({ phoneNumberId: WA_ENV.WHATSAPP_PHONE_NUMBER_ID, messages: [inbound.text({ from: '6281234500002', body: 'Lampu jalan mati sejak seminggu' })] });
    const good = signedDelivery(WA_ENV.WHATSAPP_APP_SECRET, body);
    const forged = signedDelivery('another-secret', body);
    const tampered = good.body.replace('Lampu', 'Lampo');
    const attempts: [string, string | undefined][] = [
      [good.body, undefined],
      [good.body, forged.signature],
      [good.body, good.signature.replace('sha256=', 'sha1=')],
      [good.body, 'sha256=zz'],
      [tampered, good.signature],
    ];
    for (const [text, signature] of attempts) {
      const req = supertest(t.app).post('/webhooks/whatsapp').set('Content-Type', 'application/json');
      if (signature) req.set('X-Hub-Signature-256', signature);
      const res = await req.send(text);
      expect(res.status, String(signature)).to.equal(401);
    }
    expect(await inboxCount()).to.equal(before);
  });

  it('checks the signature over the raw bytes (spacing and unicode as sent)', async () => {
    const before = await inboxCount();
    const text = JSON.stringify(webhookBody({ phoneNumberId: WA_ENV.WHATSAPP_PHONE_NUMBER_ID, messages: [inbound.text({ from: '6281234500003', body: 'Sampah menumpuk — bau sekali 🙏' })] }), null, 2);
    const delivery = signedDelivery(WA_ENV.WHATSAPP_APP_SECRET, text);
    const res = await supertest(t.app).post('/webhooks/whatsapp').set('Content-Type', 'application/json').set('X-Hub-Signature-256', delivery.signature).send(delivery.body);
    expect(res.status).to.equal(200);
    expect(await inboxCount()).to.equal(before + 1);
  });

  it('refuses a body over the limit (413) and stores nothing', async () => {
    const before = await inboxCount();
    const delivery = signedDelivery(WA_ENV.WHATSAPP_APP_SECRET, { object: 'whatsapp_business_account', pad: 'x'.repeat(1_100_000) });
    const res = await supertest(t.app).post('/webhooks/whatsapp').set('Content-Type', 'application/json').set('X-Hub-Signature-256', delivery.signature).send(delivery.body);
    expect(res.status).to.equal(413);
    expect(await inboxCount()).to.equal(before);
  });

  it('does not exist when WhatsApp is not configured (404)', async () => {
    const off = await buildTestApp({});
    const delivery = signedDelivery(WA_ENV.WHATSAPP_APP_SECRET, webhookBody({ phoneNumberId: '1', messages: [] }));
    expect((await supertest(off.app).post('/webhooks/whatsapp').set('X-Hub-Signature-256', delivery.signature).send(delivery.body)).status).to.equal(404);
    expect((await supertest(off.app).get('/webhooks/whatsapp').query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'x', 'hub.challenge': '1' })).status).to.equal(404);
  });
});
