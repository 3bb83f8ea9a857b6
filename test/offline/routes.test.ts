import { expect } from 'chai';
import sharp from 'sharp';
import supertest from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

/** What the browser fetches for the form offline (issue 24); the browser side is test/e2e/offline.e2e.ts. */
describe('the report form offline: worker, manifest, icons, waiting page', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ ORG_THEME_COLOR: '#1A7F37', APP_NAME: 'Lapor Pati' });
  });

  it('/sw.js names its version and every file it caches, each of which is served', async () => {
    const res = await supertest(t.app).get('/sw.js').expect(200);
    expect(res.headers['content-type']).to.match(/^application\/javascript/);
    expect(res.headers['cache-control']).to.equal('no-cache');
    const version = /var SW_VERSION = "([0-9a-f]{16})";/.exec(res.text)?.[1];
    expect(version).to.be.a('string');
    expect(res.headers.etag).to.equal(`"${version}"`);
    const cached = JSON.parse(/var SW_PRECACHE = (\[.*\]);/.exec(res.text)![1]!) as string[];
    expect(cached).to.include.members(['/static/css/app.css', '/static/js/report-form.js', '/static/js/report-draft.js', '/static/vendor/idb-keyval.js']);
    for (const url of [...cached, '/lapor', '/lapor/antrean']) await supertest(t.app).get(url).expect(200);
    // Asked again with its ETag, an unchanged worker costs a 304.
    await supertest(t.app).get('/sw.js').set('If-None-Match', `"${version}"`).expect(304);
  });

  it('the manifest takes the names and the theme colour from the settings, in the visitor’s language', async () => {
    const res = await supertest(t.app).get('/manifest.webmanifest').set('Cookie', 'lang=en').expect(200);
    expect(res.headers['content-type']).to.match(/^application\/manifest\+json/);
    const manifest = JSON.parse(res.text) as Record<string, unknown>;
    expect(manifest).to.deep.include({ short_name: 'Lapor Pati', start_url: '/lapor', display: 'standalone', theme_color: '#1a7f37', lang: 'en' });
    expect(manifest.description).to.match(/^Send a complaint/);
    const page = await supertest(t.app).get('/lapor').expect(200);
    expect(page.text).to.contain('<meta name="theme-color" content="#1a7f37">').and.contain('<link rel="manifest" href="/manifest.webmanifest">');
  });

  it('icons are PNGs of the sizes the manifest names; another size is 404', async () => {
    for (const size of [192, 512]) {
      const res = await supertest(t.app).get(`/icons/icon-${size}.png`).expect(200).expect('Content-Type', 'image/png');
      const meta = await sharp(res.body as Buffer).metadata();
      expect([meta.format, meta.width, meta.height]).to.deep.equal(['png', size, size]);
    }
    await supertest(t.app).get('/icons/icon-64.png').expect(404);
  });

  it('a wrong ORG_THEME_COLOR stops the start with a message naming it', async () => {
    let error: unknown;
    await buildTestApp({ ORG_THEME_COLOR: 'blue' }).catch((err: unknown) => (error = err));
    expect(String(error)).to.contain('ORG_THEME_COLOR');
  });

  it('the waiting page says in words what happens, and loads the script that lists what waits', async () => {
    const res = await supertest(t.app).get('/lapor/antrean').expect(200);
    expect(res.text).to.contain('Laporan Anda menunggu sinyal').and.contain('/static/js/report-draft.js').and.contain('data-waiting="Menunggu sinyal"');
  });
});
