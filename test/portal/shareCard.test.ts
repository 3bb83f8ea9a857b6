import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import sharp from 'sharp';
import supertest from 'supertest';
import { findPublished } from '../../src/portal/queries.js';
import { answerLine, CARD_TEXT_WIDTH, cardInput, cardSvg, lineWidth } from '../../src/portal/shareCard.js';
import { cardsDrawn } from '../../src/portal/shareCardStore.js';
import { approvePublication, declinePublication } from '../../src/publication/commands/review.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { resolvedCase } from './helpers.js';

/** The share tags of a page, as a crawler reads them: name or property → content. */
function metaTags(html: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const m of html.matchAll(/<meta (?:name|property)="([^"]+)" content="([^"]*)">/g)) if (!tags.has(m[1]!)) tags.set(m[1]!, m[2]!);
  return tags;
}

const unescapeHtml = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`');

describe('the share card of a published case (Open Graph, X)', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let dataDir: string;
  const stamp = Date.now().toString(36);
  const PUBLIC_URL = 'https://lapor.patikab.go.id';

  before(async function () {
    // The first drawing reads the fonts (fontconfig), slow on a busy machine.
    this.timeout(120_000);
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'share-card-'));
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0', DATA_DIR: dataDir, PUBLIC_URL, COOKIE_SECURE: 'false' });
    coordinator = await loginAs(t, 'coordinator');
  });

  after(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('gives a published case every Open Graph and X tag, absolute, with the card as image', async () => {
    const c = await resolvedCase(t, { coordinatorId: coordinator.user.id, input: { title: `Lampu jalan mati di Desa Sukoharjo ${stamp}` } });
    const page = await supertest(t.app).get(`/publik/${c.report.tracking_code}`).expect(200);
    const tags = metaTags(page.text);
    const image = tags.get('og:image')!;
    expect(image).to.match(new RegExp(`^${PUBLIC_URL}/publik/${c.report.tracking_code}/kartu/[0-9a-f]{16}\\.png$`));
    expect(tags.get('og:title')).to.equal(c.report.title);
    expect(tags.get('og:url')).to.equal(`${PUBLIC_URL}/publik/${c.report.tracking_code}`);
    expect(tags.get('og:type')).to.equal('article');
    expect(tags.get('og:site_name')).to.equal(t.config.appName);
    expect(tags.get('og:locale')).to.equal('id_ID');
    expect(tags.get('og:image:width')).to.equal('1200');
    expect(tags.get('og:image:height')).to.equal('630');
    expect(tags.get('og:image:secure_url')).to.equal(image);
    expect(unescapeHtml(tags.get('og:image:alt')!)).to.contain(c.report.title).and.contain('Dijawab');
    expect(tags.get('og:description')).to.be.a('string').and.not.equal('');
    expect(tags.get('twitter:card')).to.equal('summary_large_image');
    expect(tags.get('twitter:title')).to.equal(c.report.title);
    expect(tags.get('twitter:description')).to.equal(tags.get('og:description'));
    expect(tags.get('twitter:image')).to.equal(image);
    expect(tags.get('twitter:image:alt')).to.equal(tags.get('og:image:alt'));
    // One og:image and one of each tag: the layout no longer writes its own.
    expect(page.text.match(/property="og:image"/g)).to.have.length(1);
    expect(page.text.match(/name="twitter:card"/g)).to.have.length(1);
    // Structured properties right after their root (ogp.me, "Arrays").
    const order = [...page.text.matchAll(/property="(og:image[^"]*)"/g)].map((m) => m[1]);
    expect(order[0]).to.equal('og:image');
    // The image itself, from its absolute address's path.
    const res = await supertest(t.app).get(image.slice(PUBLIC_URL.length)).expect(200);
    expect(res.headers['content-type']).to.equal('image/png');
    expect(res.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    const meta = await sharp(res.body as Buffer).metadata();
    expect(meta).to.include({ format: 'png', width: 1200, height: 630 });
  });

  it('draws a card once and serves it again from its cache; 304 to the same ETag', async () => {
    const c = await resolvedCase(t, { coordinatorId: coordinator.user.id, input: { title: `Saluran air tersumbat di Pasar Puri ${stamp}` } });
    const url = `/publik/${c.report.tracking_code}/kartu.png`;
    const before = cardsDrawn.count;
    // Two first requests at once: one drawing.
    const [a, b] = await Promise.all([supertest(t.app).get(url).expect(200), supertest(t.app).get(url).expect(200)]);
    expect(cardsDrawn.count).to.equal(before + 1);
    expect(Buffer.compare(a.body as Buffer, b.body as Buffer)).to.equal(0);
    // Without the version in the address: the current card, kept only briefly.
    expect(a.headers['cache-control']).to.equal('public, max-age=300');
    const folder = path.join(dataDir, 'share-cards', c.report.tracking_code);
    const files = await fs.readdir(folder);
    expect(files).to.have.length(1);
    const mtime = (await fs.stat(path.join(folder, files[0]!))).mtimeMs;
    const again = await supertest(t.app).get(url).expect(200);
    expect(cardsDrawn.count).to.equal(before + 1);
    expect((await fs.stat(path.join(folder, files[0]!))).mtimeMs).to.equal(mtime);
    expect(Buffer.compare(again.body as Buffer, a.body as Buffer)).to.equal(0);
    await supertest(t.app).get(url).set('If-None-Match', a.headers.etag!).expect(304);
  });

  it('makes a new card, at a new address, when the coordinator edits and republishes', async () => {
    const c = await resolvedCase(t, { coordinatorId: coordinator.user.id, input: { title: `Jembatan retak di Kecamatan Juwana ${stamp}` } });
    const code = c.report.tracking_code;
    const first = metaTags((await supertest(t.app).get(`/publik/${code}`).expect(200)).text).get('og:image')!;
    const firstPng = (await supertest(t.app).get(first.slice(PUBLIC_URL.length)).expect(200)).body as Buffer;

    // Withdrawn (declined) to be corrected: no page, no card, its cached cards removed.
    await declinePublication(t.database.db, { report: c.report, userId: coordinator.user.id, reason: 'Judul perlu diperbaiki.' });
    await supertest(t.app).get(`/publik/${code}`).expect(404);
    await supertest(t.app).get(first.slice(PUBLIC_URL.length)).expect(404);
    await fs.access(path.join(dataDir, 'share-cards', code)).then(
      () => expect.fail('the withdrawn case still has its cards'),
      () => undefined,
    );

    const newTitle = `Jembatan Juwana retak, sudah diperbaiki ${stamp}`;
    const report = await t.database.db.selectFrom('reports').selectAll().where('id', '=', c.report.id).executeTakeFirstOrThrow();
    expect(await approvePublication(t.database.db, { report, userId: coordinator.user.id, edit: { title: newTitle, body: 'Jembatan di Juwana retak di tengah.' } })).to.equal('published');
    const tags = metaTags((await supertest(t.app).get(`/publik/${code}`).expect(200)).text);
    const second = tags.get('og:image')!;
    expect(tags.get('og:title')).to.equal(newTitle);
    expect(second).to.not.equal(first);
    const secondPng = (await supertest(t.app).get(second.slice(PUBLIC_URL.length)).expect(200)).body as Buffer;
    expect(Buffer.compare(firstPng, secondPng)).to.not.equal(0);
    // The old address is stale: it gets the current card, not kept long.
    const stale = await supertest(t.app).get(first.slice(PUBLIC_URL.length)).expect(200);
    expect(stale.headers['cache-control']).to.equal('public, max-age=300');
    expect(await fs.readdir(path.join(dataDir, 'share-cards', code))).to.have.length(1);
  });

  it('has no card and no share tags for a draft, a declined or a rahasia case', async () => {
    const id = coordinator.user.id;
    const draft = await resolvedCase(t, { coordinatorId: id, publish: false, input: { title: `Draf kartu ${stamp}` } });
    const declined = await resolvedCase(t, { coordinatorId: id, publish: false, input: { title: `Ditolak kartu ${stamp}` } });
    await declinePublication(t.database.db, { report: declined.report, userId: id, reason: 'Terlalu pribadi.' });
    const secret = await resolvedCase(t, { coordinatorId: id, input: { title: `Rahasia kartu ${stamp}`, confidential: true } });
    const before = cardsDrawn.count;
    for (const c of [draft, declined, secret]) {
      const page = await supertest(t.app).get(`/publik/${c.report.tracking_code}`).expect(404);
      expect(page.text).to.not.contain('og:image').and.not.contain(c.report.title);
      await supertest(t.app).get(`/publik/${c.report.tracking_code}/kartu.png`).expect(404);
      await supertest(t.app).get(`/publik/${c.code}/kartu/0123456789abcdef.png`).expect(404);
    }
    await supertest(t.app).get('/publik/NOTACODE/kartu.png').expect(404);
    expect(cardsDrawn.count).to.equal(before);
  });

  it('shows only the redacted title: a name in the report never reaches the card or its tags', async () => {
    const c = await resolvedCase(t, {
      coordinatorId: coordinator.user.id,
      input: {
        title: `Saya Bambang Sutrisno melaporkan jalan berlubang ${stamp}`,
        body: 'Nama saya Bambang Sutrisno, jalan di depan rumah berlubang besar.',
        reporter: { name: 'Bambang Sutrisno', email: 'bambang.sutrisno@example.com', phone: '+6281234567890', nik: null },
      },
    });
    const row = (await findPublished(t.database.db, c.report.tracking_code))!;
    expect(row.title).to.not.contain('Bambang');
    const svg = cardSvg(cardInput(row, t.config), { logo: false, locale: 'id' });
    for (const personal of ['Bambang', 'Sutrisno', 'bambang.sutrisno', '81234567890']) expect(svg).to.not.contain(personal);
    const page = await supertest(t.app).get(`/publik/${c.report.tracking_code}`).expect(200);
    const head = page.text.slice(0, page.text.indexOf('</head>'));
    expect(head).to.not.contain('Bambang').and.not.contain('Sutrisno');
    const png = await supertest(t.app).get(`/publik/${c.report.tracking_code}/kartu.png`).expect(200);
    expect(png.body.length).to.be.greaterThan(1000);
  });

  it('escapes <script>, & and quotes in the SVG and drops emoji the font lacks', async () => {
    const input = {
      title: 'Tolong <script>alert("x")</script> & <b>jalan</b> rusak 😀👍🏽 di desa \u0007Kayen',
      agency: 'Dinas "PU" & <Penataan> Ruang',
      answerDays: 2,
      orgName: 'Pemkab <Pati> & "Sekitarnya"',
      appName: "e-Pengaduan 'Pati'",
    };
    const svg = cardSvg(input, { logo: false, locale: 'id' });
    expect(svg).to.not.contain('<script').and.not.contain('<b>').and.not.contain('<Pati>').and.not.contain('\u0007');
    // The skin tone modifier has no glyph in DejaVu: dropped, not drawn as an empty box.
    expect(svg).to.not.contain('🏽');
    expect(svg).to.contain('&lt;script&gt;').and.contain('&amp;');
    // Well-formed: sharp (librsvg) draws it; a broken SVG would throw.
    const png = await sharp(Buffer.from(svg)).png().toBuffer();
    expect(await sharp(png).metadata()).to.include({ width: 1200, height: 630 });
    // Every text line fits the card's width (a long word is broken, not overflowing).
    const long = cardSvg({ ...input, title: 'Permohonanpenerbitanaktakelahiranyangtertundaberbulanbulanlamanyaditempatpelayanan sekali lagi' }, { logo: false, locale: 'id' });
    expect(long).to.match(/-<\/text>/);
    const texts = [...long.matchAll(/<text x="(\d+)"[^>]*font-size="(\d+)" font-weight="(bold|normal)"[^>]*>([^<]*)</g)];
    const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    for (const [, x, size, weight, content] of texts) {
      expect(Number(x) + lineWidth(unescape(content!), Number(size), weight as 'bold'), content).to.be.at.most(72 + CARD_TEXT_WIDTH);
    }
    // Header (2 lines), the title in at most 3, the OPD, the days.
    expect(texts.length).to.be.within(5, 7);
  });

  it('says how long the answer took: days, the same day, a fraction, or without a figure', () => {
    expect(answerLine(3, 'id')).to.equal('Dijawab dalam 3 hari kerja');
    expect(answerLine(1, 'id')).to.equal('Dijawab dalam 1 hari kerja');
    expect(answerLine(8.5, 'id')).to.equal('Dijawab dalam 8,5 hari kerja');
    expect(answerLine(0, 'id')).to.equal('Dijawab pada hari kerja yang sama');
    expect(answerLine(null, 'id')).to.equal('Sudah dijawab');
    expect(answerLine(1, 'en')).to.equal('Answered in 1 working day');
    expect(answerLine(2.5, 'en')).to.equal('Answered in 2.5 working days');
  });

  it('lays the Pemkab’s logo on the card when ORG_LOGO_PATH is set', async () => {
    const logo = path.join(dataDir, 'logo.png');
    await sharp({ create: { width: 120, height: 120, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 1 } } }).png().toFile(logo);
    const withLogo = await buildTestApp({ DATA_DIR: dataDir, PUBLIC_URL, COOKIE_SECURE: 'false', ORG_LOGO_PATH: logo }, t.database);
    const c = await resolvedCase(t, { coordinatorId: coordinator.user.id, input: { title: `Pohon tumbang di jalan ${stamp}` } });
    const plain = (await supertest(t.app).get(`/publik/${c.report.tracking_code}/kartu.png`).expect(200)).body as Buffer;
    const page = await supertest(withLogo.app).get(`/publik/${c.report.tracking_code}`).expect(200);
    const image = metaTags(page.text).get('og:image')!;
    const png = (await supertest(withLogo.app).get(image.slice(PUBLIC_URL.length)).expect(200)).body as Buffer;
    // The logo's red square sits at the top left (72, 48, 96×96), where the plain card is white
    // (its header text starts lower).
    const pixel = async (buf: Buffer) => (await sharp(buf).extract({ left: 80, top: 56, width: 1, height: 1 }).removeAlpha().raw().toBuffer()).toJSON().data;
    expect(await pixel(png)).to.deep.equal([200, 0, 0]);
    expect(await pixel(plain)).to.deep.equal([255, 255, 255]);
  });
});
