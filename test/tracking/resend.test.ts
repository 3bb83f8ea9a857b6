import { expect } from 'chai';
import { sql } from 'kysely';
import supertest from 'supertest';
import { createLogger } from '../../src/logger.js';
import { startOutboxWorker } from '../../src/notify/worker.js';
import { prepareDatabase } from '../../src/prepare.js';
import { formatCode, formatSecret } from '../../src/reports/tracking.js';
import { buildTestApp, csrfFrom, type TestApp, testConfig } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { buildReport } from '../helpers/reports.js';
import { startSmtp, type TestSmtp } from '../notify/smtp.js';

/**
 * "Kirim ulang tautan" (issue 20, item 7): a citizen who lost the secret gives the code and
 * the contact written in the report, and a new link goes to the e-mail on file. The answer
 * is the same whether the code exists, the contact matches or the report's limit is
 * reached; asking locks nobody out (the old key works until the new link is opened);
 * each link sent and each first use is in the audit log.
 */
describe('tracking: a new link for a citizen who lost the secret', () => {
  // A database of its own: a worker sends every due mail it finds.
  let database: TestDatabase;
  let smtp: TestSmtp;
  let t: TestApp;
  before(async () => {
    [database, smtp] = await Promise.all([createTestDatabase({ migrate: false }), startSmtp()]);
    await prepareDatabase(database.db);
    t = await buildTestApp({ TRACKING_RESEND_IP_LIMIT: '1000', TRACKING_IP_LIMIT: '1000', DUPLICATE_WINDOW_MINUTES: '10' }, database);
  });
  after(async () => {
    await smtp.close();
    await database.drop();
  });
  beforeEach(() => smtp.reset());

  const reporter = (email: string | null, phone: string | null = null) => ({ reporter: { name: 'Siti Aminah', email, phone, nik: null } });
  async function sendMails() {
    const w = startOutboxWorker({ db: database.db, config: testConfig({ SMTP_URL: smtp.url }), logger: createLogger('silent'), poll: false });
    while ((await w.runOnce()) > 0);
    await w.stop();
  }
  const mailsAbout = (reportId: number) => database.db.selectFrom('outbox').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
  const auditOf = (reportId: number) =>
    database.db.selectFrom('audit_log').select(['action', 'actor_role']).where('report_id', '=', reportId).orderBy('id').execute();

  /** Asks as a browser would: the form, then its POST. Returns the POST's answer and the page it leads to. */
  async function ask(code: string, contact: string, agent = supertest.agent(t.app)) {
    const form = await agent.get('/lacak/kirim-ulang').expect(200);
    const res = await agent.post('/lacak/kirim-ulang').type('form').send({ _csrf: csrfFrom(form.text), code, contact });
    const next = res.status === 303 ? await agent.get(res.headers.location!).expect(200) : undefined;
    return { res, next };
  }
  const opens = async (code: string, secret: string) => {
    const agent = supertest.agent(t.app);
    const res = await agent.get(`/lacak/${code}`).query({ k: secret }).redirects(0);
    if (res.status !== 303) return false;
    const page = await agent.get(`/lacak/${code}`).expect(200);
    return !page.text.includes('name="secret"');
  };
  const newSecretIn = (text: string, code: string) => new RegExp(`/lacak/${code}\\?k=([2-9A-HJ-NP-Z]{16})`).exec(text)?.[1];

  it('sends a new link to the e-mail on file; the old key works until it is opened, then only the new one', async () => {
    const r = await buildReport(t, reporter('siti.aminah@warga.test'));
    const code = r.report.tracking_code;
    await sendMails();
    smtp.reset();

    // The link from the lookup page fills the code in.
    const form = await supertest(t.app).get(`/lacak/kirim-ulang?kode=${code}`).expect(200);
    expect(form.text).to.contain(`value="${formatCode(code)}"`);

    // The code as a person types it, the address in another case.
    const { res, next } = await ask(formatCode(code).toLowerCase(), 'Siti.Aminah@Warga.test');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/lacak');
    expect(next!.text).to.contain('tautan baru sudah kami kirim');

    const queued = (await mailsAbout(r.report.id)).at(-1)!;
    expect(queued.to_address).to.equal('siti.aminah@warga.test');
    expect(queued.subject).to.contain(formatCode(code));
    await sendMails();
    const [mail] = smtp.mailsTo('siti.aminah@warga.test');
    expect(mail, 'the new link arrives').to.exist;
    const fresh = newSecretIn(mail!.text ?? '', code)!;
    expect(fresh).to.be.a('string').and.not.equal(r.secret);
    expect(mail!.text ?? '').to.contain(formatSecret(fresh)).and.contain('Tidak merasa meminta');
    // Once sent, the outbox keeps no readable secret (item 1).
    const sent = (await mailsAbout(r.report.id)).at(-1)!;
    expect(sent.secret).to.equal(null);
    expect(sent.text_body).not.to.contain(fresh);

    expect(await opens(code, r.secret!), 'the old key still works before the new link is used').to.equal(true);
    expect(await opens(code, fresh), 'the new link opens the report').to.equal(true);
    expect(await opens(code, r.secret!), 'the old key stops working once the new one was used').to.equal(false);
    expect(await opens(code, fresh), 'the new key is now the key').to.equal(true);

    expect(await auditOf(r.report.id)).to.deep.include.members([
      { action: 'tracking_link_resend', actor_role: 'anonymous' },
      { action: 'tracking_secret_replaced', actor_role: 'anonymous' },
    ]);
  });

  it('takes the phone number in any writing and sends the new link to the phone on file by WhatsApp; the e-mail typed, to the address on file', async () => {
    const r = await buildReport(t, reporter('budi@warga.test', '+6281234500001'));
    await ask(r.report.tracking_code, '0812-3450-0001');
    const last = (await mailsAbout(r.report.id)).at(-1)!;
    expect(last.channel).to.equal('whatsapp');
    expect(last.to_address).to.equal('6281234500001');
    expect(last.text_body).to.contain('Tautan baru').and.contain('{kunci-rahasia}');
    await ask(r.report.tracking_code, 'BUDI@warga.test');
    const mail = (await mailsAbout(r.report.id)).at(-1)!;
    expect(mail.subject).to.contain('Tautan baru');
    expect(mail.to_address).to.equal('budi@warga.test');
  });

  it('answers the same whatever happened: unknown code, wrong contact, the daily limit', async () => {
    const withMail = await buildReport(t, reporter('rina@warga.test'));
    const before = await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();

    const answers = [
      await ask('ZZZZ-ZZZZ', 'rina@warga.test'),
      await ask(withMail.report.tracking_code, 'orang.lain@warga.test'),
      await ask(withMail.report.tracking_code, '081299999999'),
    ];
    const after = await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n), 'nothing was queued').to.equal(Number(before.n));

    // Three links a day per report, whoever asks; the fourth asker is told the same.
    for (let i = 0; i < 3; i++) answers.push(await ask(withMail.report.tracking_code, 'rina@warga.test'));
    answers.push(await ask(withMail.report.tracking_code, 'rina@warga.test'));
    const resends = (await mailsAbout(withMail.report.id)).filter((m) => m.subject.includes('Tautan baru'));
    expect(resends).to.have.length(3);

    const shape = ({ res, next }: Awaited<ReturnType<typeof ask>>) => ({
      status: res.status,
      location: res.headers.location,
      notice: /<p class="notice[^"]*"[^>]*>([^<]*)</.exec(next!.text)?.[1],
    });
    const first = shape(answers[0]!);
    expect(first.notice).to.contain('Jika kode dan kontak itu cocok');
    for (const a of answers) expect(shape(a)).to.deep.equal(first);
  });

  it('a link that was not opened in time opens nothing, and the old key still works', async () => {
    const r = await buildReport(t, reporter('andi@warga.test'));
    await ask(r.report.tracking_code, 'andi@warga.test');
    await sendMails();
    const fresh = newSecretIn(smtp.mailsTo('andi@warga.test').at(-1)!.text ?? '', r.report.tracking_code)!;
    await sql`update tracking_resends set created_at = now() - interval '4 days', expires_at = now() - interval '1 day' where report_id = ${r.report.id}`.execute(
      database.db,
    );
    expect(await opens(r.report.tracking_code, fresh)).to.equal(false);
    expect(await opens(r.report.tracking_code, r.secret!)).to.equal(true);
  });

  it('refuses what is not a code or a contact with a message, in either language, and queues nothing', async () => {
    const agent = supertest.agent(t.app);
    const { res } = await ask('', '', agent);
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Kode pelacakan').and.contain('E-mail atau nomor HP di laporan');
    const bad = await ask('ABC', 'bukan kontak', agent);
    expect(bad.res.status).to.equal(422);
    expect(bad.res.text).to.contain('8 huruf/angka').and.contain('Tulis alamat e-mail atau nomor HP');
    expect(bad.res.text, 'what was typed comes back').to.contain('value="bukan kontak"');

    // In English (the language switch's cookie), with the session the form started.
    const form = await supertest(t.app).get('/lacak/kirim-ulang').set('Cookie', 'lang=en').expect(200);
    const session = ([] as string[]).concat(form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const refused = await supertest(t.app)
      .post('/lacak/kirim-ulang')
      .set('Cookie', `lang=en; ${session}`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), code: 'ABCD-2345', contact: '12' })
      .expect(422);
    expect(refused.text).to.contain('Enter the e-mail address or phone number you gave in the report');
  });

  it('needs the form token, and limits each network address', async () => {
    const r = await buildReport(t, reporter('dewi@warga.test'));
    const noToken = await supertest(t.app).post('/lacak/kirim-ulang').type('form').send({ code: r.report.tracking_code, contact: 'dewi@warga.test' });
    expect(noToken.status).to.equal(403);

    const limited = await buildTestApp({ TRACKING_RESEND_IP_LIMIT: '2' }, database);
    const agent = supertest.agent(limited.app);
    const token = csrfFrom((await agent.get('/lacak/kirim-ulang').expect(200)).text);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await agent.post('/lacak/kirim-ulang').type('form').send({ _csrf: token, code: 'ZZZZ-ZZZZ', contact: 'a@b.test' })).status);
    }
    expect(statuses).to.deep.equal([303, 303, 429]);
    expect((await mailsAbout(r.report.id)).filter((m) => m.subject.includes('Tautan baru'))).to.have.length(0);
  });

  it('the lookup page and an "already received" answer lead to it, with the code filled in', async () => {
    const lookup = await supertest(t.app).get('/lacak').expect(200);
    expect(lookup.text).to.contain('href="/lacak/kirim-ulang"');

    const agent = supertest.agent(t.app);
    const form = await agent.get('/lapor').expect(200);
    const fields: Record<string, string> = {
      kind: 'pengaduan',
      title: 'Lampu jalan mati di Jalan Diponegoro',
      body: 'Sudah tiga malam lampu jalan di depan pasar mati, jalan sangat gelap.',
      categoryId: '',
      name: 'Eko Prasetyo',
      email: 'eko@warga.test',
      consent: 'on',
    };
    const post = (token: string) => {
      let req = agent.post('/lapor').field('_csrf', token);
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      return req.expect(303);
    };
    await post(csrfFrom(form.text));
    const code = /data-testid="tracking-code">([^<]+)</.exec((await agent.get('/lapor/terkirim').expect(200)).text)![1]!.replace('-', '');
    // The same report again, as a retry after the first answer was lost.
    await post(csrfFrom((await agent.get('/lapor').expect(200)).text));
    const done = await agent.get('/lapor/terkirim').expect(200);
    expect(done.text).to.contain('Laporan yang sama sudah kami terima').and.match(new RegExp(`href="/lacak/kirim-ulang\\?kode(=|&#x3D;)${code}"`));
  });
});
