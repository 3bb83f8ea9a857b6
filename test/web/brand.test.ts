import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { buildTestApp, loginAs } from '../helpers/app.js';

/** A real 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('the site’s icon and styles, and the Pemkab’s name and logo (issue 19, item 13)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-logo-'));
    fs.writeFileSync(path.join(dir, 'logo.png'), PNG);
    fs.writeFileSync(path.join(dir, 'logo.svg'), '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not an image');
    fs.writeFileSync(path.join(dir, 'huge.png'), Buffer.concat([PNG, Buffer.alloc(600 * 1024)]));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves /favicon.ico and links an icon from every page', async () => {
    const t = await buildTestApp();
    const icon = await supertest(t.app).get('/favicon.ico').expect(200).expect('Content-Type', 'image/x-icon');
    // An ICO file: reserved 0, type 1, and at least one image.
    expect((icon.body as Buffer).readUInt16LE(2)).to.equal(1);
    expect((icon.body as Buffer).readUInt16LE(4)).to.be.greaterThan(0);
    for (const page of ['/', '/lapor', '/masuk', '/publik']) {
      const res = await supertest(t.app).get(page).expect(200);
      expect(res.text, page).to.contain('<link rel="icon" href="/favicon.ico" sizes="any">');
    }
    await supertest(t.app).get('/static/img/icon.svg').expect(200).expect('Content-Type', /image\/svg\+xml/);
  });

  it('gives citizens\' pages the base styles only; staff pages add their own', async () => {
    const t = await buildTestApp();
    for (const page of ['/', '/lapor', '/lacak', '/publik', '/masuk']) {
      const res = await supertest(t.app).get(page).expect(200);
      expect(res.text, page).to.contain('href="/static/css/app.css?v=').and.not.contain('staff.css');
    }
    const coordinator = await loginAs(t, 'coordinator');
    const queue = await coordinator.agent.get('/staf/verifikasi').expect(200);
    expect(queue.text).to.contain('href="/static/css/app.css?v=').and.contain('href="/static/css/staff.css?v=');
    await supertest(t.app).get('/static/css/staff.css').expect(200).expect('Content-Type', /text\/css/);
  });

  it('shows the configured name and logo in the header and on the letterhead of printed pages', async () => {
    const t = await buildTestApp({ ORG_NAME: 'Pemerintah Kabupaten Rembang', ORG_LOGO_PATH: path.join(dir, 'logo.png') });
    const page = await supertest(t.app).get('/lapor').expect(200);
    const src = /<img class="brand-logo" src="([^"]+)" alt="" width="40" height="40">/.exec(page.text)?.[1];
    expect(src).to.match(/^\/logo\?v(=|&#x3D;)\w+$/);
    expect(page.text).to.contain('<span class="brand-org">Pemerintah Kabupaten Rembang</span>');
    expect(page.text).to.match(/<div class="letterhead">\s*<img class="letterhead-logo"[^>]*>\s*<div class="letterhead-text">\s*<p class="letterhead-org">Pemerintah Kabupaten Rembang<\/p>/);
    const logo = await supertest(t.app).get(src!.replace('&#x3D;', '=')).expect(200).expect('Content-Type', 'image/png');
    expect(Buffer.compare(logo.body as Buffer, PNG)).to.equal(0);
    expect(logo.headers['cache-control']).to.contain('immutable');
    expect(logo.headers['content-security-policy']).to.contain("default-src 'none'");
  });

  it('without a logo shows the names alone and answers no /logo', async () => {
    const t = await buildTestApp();
    const page = await supertest(t.app).get('/lapor').expect(200);
    expect(page.text).to.not.contain('brand-logo');
    expect(page.text).to.contain('<span class="brand-org">Pemerintah Kabupaten Pati</span>');
    await supertest(t.app).get('/logo').expect(404);
  });

  it('checks ORG_LOGO_PATH at start: a missing file, a file that is no image and one too large stop the app naming the variable', () => {
    const problem = (file: string) => {
      try {
        loadConfig({ ORG_LOGO_PATH: file });
      } catch (err) {
        expect(err).to.be.instanceOf(ConfigError);
        return (err as ConfigError).message;
      }
      throw new Error(`${file} was accepted`);
    };
    expect(problem(path.join(dir, 'missing.png'))).to.match(/ORG_LOGO_PATH: no file at .*missing\.png/);
    expect(problem(path.join(dir, 'notes.txt'))).to.contain('is not a PNG, JPEG, WebP or SVG image');
    expect(problem(path.join(dir, 'huge.png'))).to.match(/at most 512 KB/);
    expect(loadConfig({ ORG_LOGO_PATH: path.join(dir, 'logo.svg') }).orgLogo?.type).to.equal('image/svg+xml');
    expect(loadConfig({}).orgLogo).to.equal(undefined);
  });
});
