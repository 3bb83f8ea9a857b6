import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { PUBLIC_DIR } from '../../src/paths.js';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';

/**
 * Pages name their scripts and styles by an address that holds the file's hash: a changed
 * file is a new address, so a browser never runs last week's script with this week's page,
 * and a versioned address is kept for a year without asking again.
 */
const versionOf = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(path.join(PUBLIC_DIR, file))).digest('hex').slice(0, 12);

describe('static files by versioned address', function () {
  this.timeout(30_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('pages name each file of public/ with the hash of its content', async () => {
    const form = (await supertest(t.app).get('/lapor').expect(200)).text;
    expect(form).to.contain(`href="/static/css/app.css?v=${versionOf('css/app.css')}"`);
    expect(form).to.contain(`src="/static/js/report-form.js?v=${versionOf('js/report-form.js')}"`);
    // The vendor script served from node_modules keeps its plain address.
    expect(form).to.contain('src="/static/vendor/idb-keyval.js"');
    expect(form, 'no file of public/ named without its version').to.not.match(/(?:src|href)="\/static\/(?:js|css|img)\/[^"?]+"/);
    const staff = await loginAs(t, 'coordinator');
    const queue = (await staff.agent.get('/staf/verifikasi').expect(200)).text;
    expect(queue).to.contain(`src="/static/js/live.js?v=${versionOf('js/live.js')}"`).and.contain(`href="/static/css/staff.css?v=${versionOf('css/staff.css')}"`);
  });

  it('a versioned address is kept a year; a plain one is checked each time and answered 304 while unchanged', async () => {
    const versioned = await supertest(t.app).get(`/static/js/live.js?v=${versionOf('js/live.js')}`).expect(200);
    expect(versioned.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    expect(versioned.text).to.equal(fs.readFileSync(path.join(PUBLIC_DIR, 'js/live.js'), 'utf8'));
    const plain = await supertest(t.app).get('/static/js/live.js').expect(200);
    expect(plain.headers['cache-control']).to.equal('public, max-age=0, must-revalidate');
    expect(plain.headers.etag).to.be.a('string');
    await supertest(t.app).get('/static/js/live.js').set('If-None-Match', plain.headers.etag as string).expect(304);
  });
});
