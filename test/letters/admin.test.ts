import { expect } from 'chai';
import sharp from 'sharp';
import { newDocument, toBuffer } from '../../src/letters/pdf.js';
import { prepareDatabase } from '../../src/prepare.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { answeredReport, dpupr, letterOf, pdfQrCodes, pdfText } from './helpers.js';

describe('letters: /admin/opd, each OPD’s letterhead and numbering', () => {
  let database: TestDatabase;
  let t: TestApp;
  let admin: SignedIn;
  let url: string;
  before(async () => {
    // Its own database: the pattern set here must not renumber other files' letters.
    database = await createTestDatabase();
    await prepareDatabase(database.db);
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' }, database);
    admin = await loginAs(t, 'admin');
    url = `/admin/opd/${await dpupr(t)}`;
  });
  after(async () => {
    await database.drop();
  });

  const letterhead = () => database.db.selectFrom('agency_letterheads').selectAll().where('agency_id', '=', database.db.selectFrom('agencies').select('id').where('code', '=', 'dpupr')).executeTakeFirst();
  const form = {
    fullName: 'Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Pati',
    address: 'Jl. P. Sudirman No. 50, Pati 59113',
    phone: '(0295) 381234',
    email: 'dpupr@patikab.go.id',
    website: 'dpupr.patikab.go.id',
    numberPattern: '000.9/{n}/DPUPR/{bulan}/{tahun}',
  };
  async function post(fields: Record<string, string>, logo?: Buffer, status?: number) {
    let req = admin.agent.post(url).field('_csrf', await admin.csrf());
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    if (logo) req = req.attach('logo', logo, 'logo.png');
    return status ? req.expect(status) : req;
  }

  it('lists every OPD with its pattern, and refuses a pattern without {n} with a message, saving nothing', async () => {
    const list = await admin.agent.get('/admin/opd').expect(200);
    expect(list.text).to.contain('Dinas Pekerjaan Umum dan Penataan Ruang').and.contain('{n}/DPUPR/{tahun}');
    const refused = await post({ ...form, numberPattern: '000.9/DPUPR/{tahun}' });
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('Pola nomor harus memuat {n}');
    expect(refused.text).to.contain('value="Jl. P. Sudirman No. 50, Pati 59113"');
    expect(await letterhead()).to.equal(undefined);
    expect((await post({ ...form, numberPattern: '{n}/{nomor}/{tahun}' })).status).to.equal(422);
  });

  it('refuses a logo that is not an image, through the upload inspection', async () => {
    // A real PDF passes the inspection as a document; a logo must be an image.
    const pdf = await toBuffer(await newDocument({ title: 'x', author: 'x', subject: 'x', createdAt: new Date() }));
    const res = await post(form, pdf);
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Logo harus berupa gambar');
    expect(await letterhead()).to.equal(undefined);
  });

  it('saves letterhead, logo and pattern, and the next letter carries them', async () => {
    const logo = await sharp({ create: { width: 300, height: 360, channels: 3, background: '#1b7f3a' } }).jpeg().toBuffer();
    await post(form, logo, 303);
    const saved = (await letterhead())!;
    expect(saved).to.include({ full_name: form.fullName, number_pattern: form.numberPattern, logo_mime: 'image/png' });
    expect((await sharp(Buffer.from(saved.logo!)).metadata()).format).to.equal('png');

    const r = await answeredReport(t);
    const letter = await letterOf(t, r.report.id);
    expect(letter.number).to.match(/^000\.9\/1\/DPUPR\/[IVX]+\/\d{4}$/);
    const text = await pdfText(Buffer.from(letter.pdf!));
    expect(text).to.contain(form.fullName.toUpperCase()).and.contain(form.address).and.contain('dpupr@patikab.go.id');
    // The logo is in the letter beside the QR code, which still decodes.
    expect(await pdfQrCodes(Buffer.from(letter.pdf!))).to.have.length(1);

    // Kept when the form comes back without a file; removed when asked.
    await post({ ...form, address: 'Jl. P. Sudirman No. 52, Pati 59113' }, undefined, 303);
    expect((await letterhead())!.logo).to.not.equal(null);
    await post({ ...form, removeLogo: '1' }, undefined, 303);
    expect((await letterhead())!.logo).to.equal(null);
  });

  it('is for admins only', async () => {
    const head = await loginAs(t, 'agency_head');
    await head.agent.get('/admin/opd').expect(403);
    await head.agent.get(url).expect(403);
  });
});
