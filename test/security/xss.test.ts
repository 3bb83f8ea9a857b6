import fs from 'node:fs';
import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import supertest from 'supertest';
import { prepareDatabase } from '../../src/prepare.js';
import { agencyId, buildTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';
import { citizenOf, OWN_OPD, type Staff, staffMember, tempDir, visitor } from './fixtures.js';

/**
 * Stored XSS (issue 11, item 4): markup typed into every text field a citizen or a staff
 * member fills reaches every view that shows it as text, never as markup: staff pages,
 * the tracking page, the public portal, feeds, the outbox (HTML mail) and the admin
 * pages. Each field carries its own tag (<xss-title>, <xss-note>, ...), so a failure
 * names the field, and each view is also checked to show the field (escaped), so a
 * view that stopped showing it cannot pass by accident.
 */
const payload = (tag: string) => `"'><xss-${tag}></xss-${tag}><script>xss('${tag}')</script><img src=x onerror=xss('${tag}')>`;

/** No live markup from any payload: no probe element, no script, no handler attribute. */
function expectInert(html: string, where: string): void {
  expect(html, `${where}: a probe element`).to.not.match(/<xss-/i);
  expect(html, `${where}: a script`).to.not.match(/<script>xss\(/i);
  expect(html, `${where}: an onerror handler`).to.not.match(/<img[^>]*onerror/i);
}

/** The field is on the page, escaped (Handlebars writes < as &lt;). */
function expectShown(html: string, tag: string, where: string): void {
  expect(html, `${where} shows ${tag}`).to.include(`&lt;xss-${tag}&gt;`);
}

describe('security: stored XSS from every text field into every view', function () {
  this.timeout(120_000);
  let t: TestApp;
  let uploadDir: string;
  let coordinator: Staff;
  let staff: Staff;
  let head: Staff;
  let admin: Staff;
  let code: string;
  let secret: string;
  /** The report's kecamatan and category, for the lists' filters. */
  let kecamatan: string;
  let categoryId: number;

  const page = async (s: { agent: supertest.Agent }, path: string) => {
    const res = await s.agent.get(path).expect(200);
    return res.text;
  };
  const post = (s: { agent: supertest.Agent; csrf: string }, path: string, body: Record<string, unknown>) =>
    s.agent.post(path).type('form').set('X-CSRF-Token', s.csrf).send(body).redirects(0);

  before(async () => {
    uploadDir = tempDir('epengaduan-xss');
    // A database of its own: the lists looked at here (a queue page, the dashboard's list)
    // must not fill up with other tests' reports before this one's.
    const database = await createTestDatabase();
    await prepareDatabase(database.db);
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '10000', PUBLIC_URL: 'http://pengaduan.test' }, database);
    coordinator = await staffMember(t, 'coordinator', null);
    staff = await staffMember(t, 'agency_staff', OWN_OPD);
    head = await staffMember(t, 'agency_head', OWN_OPD);
    admin = await staffMember(t, 'admin', null);
    // Staff names are shown as authors of notes and events.
    await t.database.db.updateTable('users').set({ name: `Petugas ${payload('staffname')}`.slice(0, 120) }).where('id', '=', staff.signedIn.user.id).execute();

    // A citizen sends the report through the web form, markup in every text field.
    const v = await visitor(t);
    const category = await t.database.db.selectFrom('categories').select('id').where('code', '=', 'jalan-jembatan').executeTakeFirstOrThrow();
    // The address is shown with its kecamatan.
    const desa = await t.database.db.selectFrom('regions').select(['code', 'parent_code']).where('level', '=', 'desa').orderBy('code').executeTakeFirstOrThrow();
    kecamatan = desa.parent_code!;
    categoryId = category.id;
    const sent = await v.agent.post('/lapor').type('form').set('X-CSRF-Token', v.csrf).send({
      kind: 'pengaduan',
      title: `Jalan ${payload('title')}`,
      body: `Jalan berlubang di depan balai desa. ${payload('body')}`,
      name: `Budi ${payload('name')}`.slice(0, 100),
      email: 'budi.xss@example.com',
      address: `RT 03 ${payload('address')}`,
      kecamatan: desa.parent_code,
      desa: desa.code,
      categoryId: category.id,
      consent: '1',
    }).redirects(0);
    expect(sent.status, sent.text.slice(0, 500)).to.equal(303);
    const row = await t.database.db.selectFrom('reports').select(['id', 'tracking_code']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    code = row.tracking_code;
    // The secret is shown once, on the page after sending.
    const done = await v.agent.get(sent.headers.location!).expect(200);
    secret = /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(done.text)?.[0] ?? '';
    expect(secret, 'secret on the confirmation page').to.not.equal('');
  });
  after(async () => {
    fs.rmSync(uploadDir, { recursive: true, force: true });
    await t?.database.drop();
  });

  it('staff pages show the citizen\'s fields as text: verification queue and report page', async () => {
    const queue = await page(coordinator, `/staf/verifikasi?kecamatan=${kecamatan}&categoryId=${categoryId}`);
    expectInert(queue, 'verification queue');
    expectShown(queue, 'title', 'verification queue');
    const report = await page(coordinator, `/staf/laporan/${code}`);
    expectInert(report, 'staff report page');
    for (const tag of ['title', 'body']) expectShown(report, tag, 'staff report page');
    // The reporter's name is shown on request (and audited where the audit log exists).
    const identity = await post(coordinator, `/staf/laporan/${code}/identitas`, {});
    if (identity.status === 200) {
      expectInert(identity.text, 'report page with identity');
      for (const tag of ['name', 'address']) expectShown(identity.text, tag, 'report page with identity');
    } else {
      for (const tag of ['name', 'address']) expectShown(report, tag, 'staff report page');
    }
  });

  it('staff-entered text (notes, answer, publication) and the citizen\'s later messages stay text everywhere', async () => {
    await post(coordinator, `/staf/laporan/${code}/forward`, { agency: OWN_OPD }).expect(303);
    await post(coordinator, `/staf/laporan/${code}/note`, { body: `Catatan koordinator ${payload('coordnote')}` }).expect(303);
    await post(staff, `/staf/laporan/${code}/acknowledge`, {}).expect(303);
    await post(staff, `/staf/laporan/${code}/note`, { body: `Catatan OPD ${payload('note')}` }).expect(303);

    const citizen = await citizenOf(t, { code, secret, id: 0, attachmentId: 0, title: '' });
    await citizen.agent.post(`/lacak/${code}/informasi`).type('form').set('X-CSRF-Token', citizen.csrf)
      .send({ body: `Tambahan ${payload('information')}` }).redirects(0).expect(303);

    await post(staff, `/staf/laporan/${code}/jawaban`, { body: `Jalan sudah ditambal pada 20 November. ${payload('answer')}` }).expect(303);
    const draft = await t.database.db.selectFrom('messages').select('id').where('kind', '=', 'answer').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await post(staff, `/staf/laporan/${code}/jawaban/${draft.id}/ajukan`, {}).expect(303);
    await post(head, `/staf/laporan/${code}/jawaban/${draft.id}/setujui`, { warningsRead: '1' }).expect(303);
    const status = await t.database.db.selectFrom('reports').select('status').where('tracking_code', '=', code).executeTakeFirstOrThrow();
    expect(status.status).to.equal('answered');

    const staffPage = await page(head, `/staf/laporan/${code}`);
    expectInert(staffPage, 'staff report page after the answer');
    for (const tag of ['coordnote', 'note', 'information', 'answer', 'staffname']) expectShown(staffPage, tag, 'staff report page');
    const opdQueue = await page(staff, '/staf');
    expectInert(opdQueue, 'OPD queue');
    expectShown(opdQueue, 'title', 'OPD queue');

    // The citizen's tracking page: their own text and the answer; internal notes never.
    const tracking = await page(citizen, `/lacak/${code}`);
    expectInert(tracking, 'tracking page');
    for (const tag of ['title', 'information', 'answer']) expectShown(tracking, tag, 'tracking page');
    expect(tracking).to.not.include('xss-note').and.not.include('xss-coordnote');

    await citizen.agent.post(`/lacak/${code}/selesai`).type('form').set('X-CSRF-Token', citizen.csrf)
      .send({ rating: 5, comment: `Terima kasih ${payload('rating')}`.slice(0, 1000) }).redirects(0).expect(303);
    const after = await page(coordinator, `/staf/laporan/${code}`);
    expectInert(after, 'staff report page after the rating');

    // The coordinator edits the public version (their own text too) and publishes it.
    expectInert(await page(coordinator, `/staf/publikasi/${code}`), 'publication editor');
    await post(coordinator, `/staf/publikasi/${code}`, {
      title: `Jalan desa ${payload('pubtitle')}`,
      body: `Jalan berlubang di depan balai desa. ${payload('pubbody')}`,
      answer: `Sudah ditambal. ${payload('pubanswer')}`,
    }).expect(303);
    const editor = await page(coordinator, `/staf/publikasi/${code}`);
    expectInert(editor, 'publication editor after saving');
    for (const tag of ['pubtitle', 'pubbody', 'pubanswer', 'title', 'body']) expectShown(editor, tag, 'publication editor');
    await post(coordinator, `/staf/publikasi/${code}/terbitkan`, {}).expect(303);
    expectInert(await page(coordinator, '/staf/publikasi?status=published'), 'publication queue');
  });

  it('the public portal, its embed and the leadership dashboard show the published text as text', async () => {
    const anon = supertest(t.app);
    const casePage = (await anon.get(`/publik/${code}`).expect(200)).text;
    expectInert(casePage, 'portal case page');
    for (const tag of ['pubtitle', 'pubbody', 'pubanswer']) expectShown(casePage, tag, 'portal case page');
    const list = (await anon.get('/publik').query({ q: 'balai desa' }).expect(200)).text;
    expectInert(list, 'portal search');
    expectShown(list, 'pubtitle', 'portal search');
    expectInert((await anon.get(`/publik/sematkan/${OWN_OPD}`).expect(200)).text, 'portal embed');
    expectInert((await anon.get('/publik/statistik').expect(200)).text, 'portal statistics');
    for (const path of ['/dasbor', `/dasbor/laporan?figure=received`]) {
      const html = await page(coordinator, path);
      expectInert(html, path);
    }
    expectShown(await page(coordinator, `/dasbor/laporan?figure=received&category=jalan-jembatan&kecamatan=${kecamatan}`), 'title', 'dashboard list');
  });

  it('feeds carry the published text escaped once more inside their HTML fields', async () => {
    const anon = supertest(t.app);
    const parser = new XMLParser({ ignoreAttributes: false, htmlEntities: true, processEntities: true });
    const strings = (node: unknown): string[] =>
      typeof node === 'string' ? [node] : node && typeof node === 'object' ? Object.values(node).flatMap(strings) : [];
    for (const path of ['/publik/feed.atom', '/publik/feed.rss', `/publik/opd/${OWN_OPD}/feed.atom`, `/publik/opd/${OWN_OPD}/feed.rss`]) {
      const xml = (await anon.get(path).expect(200)).text;
      // What a feed reader has after decoding the XML once: HTML fields must still hold no markup.
      const decoded = strings(parser.parse(xml)).join('\n');
      expect(decoded, path).to.include('xss-pubtitle');
      expectInert(decoded, `${path} (decoded)`);
    }
    // Open311 XML: citizen text is character data, never elements.
    const o311 = (await anon.get('/open311/v2/requests.xml').expect(200)).text;
    expect(o311).to.include('xss-pub').and.not.match(/<xss-/);
    expect(() => parser.parse(o311)).to.not.throw();
    const json = (await anon.get('/publik/feed.json').expect(200)).body as { items: { content_html?: string; summary?: string }[] };
    const html = json.items.map((i) => i.content_html ?? '').join('\n');
    expect(html).to.include('xss-pub');
    expectInert(html, 'JSON feed content_html');
    // JSON answers are not pages: served as JSON, never sniffed as HTML.
    const api = await anon.get('/api/v1/public/reports').expect(200);
    expect(api.headers['content-type']).to.match(/^application\/json/);
    expect(api.headers['x-content-type-options']).to.equal('nosniff');
  });

  it('the answer mail and the outbox pages keep the text inert', async () => {
    const mails = await t.database.db.selectFrom('outbox').selectAll().where('to_address', '=', 'budi.xss@example.com').execute();
    expect(mails.length, 'mails to the reporter').to.be.greaterThan(0);
    const withAnswer = mails.find((m) => m.text_body.includes('xss-answer'));
    expect(withAnswer, 'the answer mail').to.not.equal(undefined);
    for (const m of mails) expectInert(m.html_body ?? '', `outbox HTML of mail ${m.id}`);
    expectShown(withAnswer!.html_body ?? '', 'answer', 'answer mail HTML');
    const list = await page(admin, '/admin/outbox');
    expectInert(list, 'outbox list');
    const one = await page(admin, `/admin/outbox/${withAnswer!.id}`);
    expectInert(one, 'outbox mail page');
    const html = await admin.agent.get(`/admin/outbox/${withAnswer!.id}/html`).expect(200);
    expectInert(html.text, 'outbox HTML view');
    // Shown inside the admin site: no script may run even if a mail held one.
    expect(String(html.headers['content-security-policy'])).to.match(/script-src 'self'|sandbox|default-src 'none'/);
  });

  it('admin-entered names and notes stay text on the admin pages and where staff see them', async () => {
    const category = await t.database.db.selectFrom('categories').select('id').where('code', '=', 'jalan-jembatan').executeTakeFirstOrThrow();
    const dpupr = await agencyId(t.database, OWN_OPD);
    await post(admin, '/admin/pengguna', { name: `Staf ${payload('username')}`, email: 'xss.user@test.patikab.go.id', role: 'agency_staff', agencyId: dpupr })
      .expect((res) => expect(res.status).to.be.oneOf([200, 201, 303]));
    await post(admin, '/admin/jawaban', { name: `Templat ${payload('tplname')}`.slice(0, 100), body: `Terima kasih atas laporan Anda. ${payload('tplbody')}`, categoryId: '' }).expect(303);
    await post(admin, '/admin/rute', { categoryId: category.id, agencyId: dpupr, regionCode: '33.18.02', note: `Rute ${payload('rulenote')}` }).expect(303);
    await post(admin, '/admin/libur', { date: '2031-04-07', name: `Libur ${payload('holiday')}`, kind: 'local' }).expect(303);
    await post(admin, '/admin/open311', { name: `Aplikasi ${payload('client')}`.slice(0, 100) }).expect((res) => expect(res.status).to.be.oneOf([200, 201, 303]));
    // What a mail sender wrote (subject, address) on the intake log page.
    await t.database.db.insertInto('inbound_mails').values({
      dedupe_key: `xss-${Date.now()}`, message_id: '<xss@evil.example>', from_address: 'penyerang@evil.example',
      subject: `Keluhan ${payload('mailsubject')}`, outcome: 'unreadable', report_id: null, full_text: null, detail: payload('maildetail'),
    }).execute();
    const checks: [string, string][] = [
      ['/admin/surel-masuk', 'mailsubject'],
      // Searched for: the list shows 25 a page, and a whole run's tests create many more users.
      ['/admin/pengguna?q=xss.user', 'username'],
      ['/admin/jawaban', 'tplname'],
      ['/admin/rute', 'rulenote'],
      ['/admin/libur?year=2031', 'holiday'],
      ['/admin/open311', 'client'],
    ];
    for (const [path, tag] of checks) {
      const html = await page(admin, path);
      expectInert(html, path);
      expectShown(html, tag, path);
    }
    // The template's name is offered on the report page of a report in progress.
    const other = await visitor(t);
    await other.agent.post('/lapor').type('form').set('X-CSRF-Token', other.csrf).send({
      kind: 'pengaduan', title: 'Gorong-gorong tersumbat di Desa Growong', body: 'Gorong-gorong tersumbat sampah sehingga air meluap ke jalan.',
      name: 'Siti', email: 'siti.xss@example.com', consent: '1',
    }).redirects(0).expect(303);
    const next = await t.database.db.selectFrom('reports').select('tracking_code').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await post(coordinator, `/staf/laporan/${next.tracking_code}/forward`, { agency: OWN_OPD }).expect(303);
    await post(staff, `/staf/laporan/${next.tracking_code}/acknowledge`, {}).expect(303);
    const html = await page(staff, `/staf/laporan/${next.tracking_code}`);
    expectInert(html, 'staff report page with templates');
    expectShown(html, 'tplname', 'staff report page with templates');
  });
});
