import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { agencyId, buildTestApp, csrfFrom, loginAs, type TestApp } from '../helpers/app.js';
import { advanceTo } from '../helpers/reports.js';
import { pdf, photo } from './fixtures.js';

describe('attachments for staff', () => {
  let t: TestApp;
  let uploadDir: string;
  let ids: { image: number; doc: number };
  let code: string;

  before(async () => {
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-serve-'));
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '1000' });
    const agent = supertest.agent(t.app);
    const token = csrfFrom((await agent.get('/lapor')).text);
    await agent
      .post('/lapor')
      .field('_csrf', token)
      .field('kind', 'pengaduan')
      .field('title', 'Gorong-gorong ambrol')
      .field('body', 'Gorong-gorong di jalan desa ambrol sejak hujan deras kemarin malam.')
      .field('name', 'Pelapor Berkas')
      .field('consent', 'on')
      .attach('files', await photo('jpeg', 800, 600), 'ambrol.jpg')
      .attach('files', pdf(), 'surat.pdf')
      .expect(303);
    const done = await agent.get('/lapor/terkirim');
    code = /data-testid="tracking-code">([A-Z0-9-]+)</.exec(done.text)![1]!.replace('-', '');
    const report = await t.database.db.selectFrom('reports').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow();
    const rows = await t.database.db.selectFrom('attachments').select(['id', 'mime_type']).where('report_id', '=', report.id).orderBy('id').execute();
    ids = { image: rows.find((r) => r.mime_type === 'image/jpeg')!.id, doc: rows.find((r) => r.mime_type === 'application/pdf')!.id };
    await advanceTo(t.database.db, report.id, 'assigned');
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  it('serves the OPD its report’s photo, thumbnail and document, safely typed', async () => {
    const staff = await loginAs(t, 'agency_staff', { agencyId: await agencyId(t.database, 'dpupr') });
    const page = await staff.agent.get(`/staf/laporan/${code}`).expect(200);
    expect(page.text).to.contain(`/staf/lampiran/${ids.image}/kecil`).and.contain('surat.pdf');
    const image = await staff.agent.get(`/staf/lampiran/${ids.image}`).expect(200);
    expect(image.headers['content-type']).to.equal('image/jpeg');
    expect(image.headers['x-content-type-options']).to.equal('nosniff');
    expect(image.headers['content-disposition']).to.match(/^inline/);
    const thumb = await staff.agent.get(`/staf/lampiran/${ids.image}/kecil`).expect(200);
    expect(thumb.headers['content-type']).to.match(/^image\/(webp|jpeg)/);
    const doc = await staff.agent.get(`/staf/lampiran/${ids.doc}`).expect(200);
    expect(doc.headers['content-type']).to.equal('application/pdf');
    expect(doc.headers['content-disposition']).to.match(/^attachment; filename="?surat.pdf"?/);
    await staff.agent.get(`/staf/lampiran/${ids.doc}/kecil`).expect(404);
  });

  it('answers 404 to another OPD and to unknown ids, and sends visitors to sign in', async () => {
    const other = await loginAs(t, 'agency_staff', { agencyId: await agencyId(t.database, 'dinkes') });
    await other.agent.get(`/staf/lampiran/${ids.image}`).expect(404);
    await other.agent.get(`/staf/lampiran/${ids.image}/kecil`).expect(404);
    await other.agent.get('/staf/lampiran/999999999').expect(404);
    await other.agent.get('/staf/lampiran/abc').expect(404);
    const visitor = await supertest(t.app).get(`/staf/lampiran/${ids.image}`).expect(303);
    expect(visitor.headers.location).to.contain('/masuk');
    const coordinator = await loginAs(t, 'coordinator');
    await coordinator.agent.get(`/staf/lampiran/${ids.image}`).expect(200);
  });
});
