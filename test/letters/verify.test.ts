import { expect } from 'chai';
import supertest from 'supertest';
import { buildTestApp, csrfFrom, type TestApp } from '../helpers/app.js';
import { answeredReport, letterOf, NIP } from './helpers.js';

describe('letters: the public verification page /verifikasi/{token}', () => {
  let t: TestApp;
  let letter: Awaited<ReturnType<typeof letterOf>>;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
    const r = await answeredReport(t, { reporter: { name: 'Wahyu Hidayat', email: 'wahyu.verify@example.com', phone: '081234567890', nik: null } });
    letter = await letterOf(t, r.report.id);
  });

  /** A visitor with no account opens the page, as anyone scanning the QR code would. */
  async function open(token: string) {
    const agent = supertest.agent(t.app);
    const page = await agent.get(`/verifikasi/${token}`);
    return { agent, page };
  }

  async function check(token: string, file: Buffer | null, status: number) {
    const { agent, page } = await open(token);
    const req = agent.post(`/verifikasi/${token}`).field('_csrf', csrfFrom(page.text));
    return (file ? req.attach('file', file, { filename: 'surat.pdf', contentType: 'application/pdf' }) : req).expect(status);
  }

  it('shows number, date, OPD, signer and the SHA-256 of the PDF, and nothing about the reporter', async () => {
    const { page } = await open(letter.verify_token);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain(letter.number);
    expect(page.text).to.contain('Dinas Pekerjaan Umum dan Penataan Ruang');
    expect(page.text).to.contain('Ir. Bambang Suryanto, M.T.').and.contain(NIP);
    expect(page.text).to.contain(`title="${letter.sha256}"`);
    expect(page.text).to.not.contain('Wahyu Hidayat').and.not.contain('wahyu.verify@example.com').and.not.contain('081234567890');
  });

  it('answers an unknown token with a clear 404 page', async () => {
    const { page } = await open('tidakAdaSuratDenganKodeIni1234567');
    expect(page.status).to.equal(404);
    expect(page.text).to.contain('Surat tidak ditemukan');
  });

  it('tells that the genuine file matches', async () => {
    const res = await check(letter.verify_token, Buffer.from(letter.pdf!), 200);
    expect(res.text).to.contain('Cocok: berkas ini sama persis');
  });

  it('tells that a tampered file does not match', async () => {
    const pdf = Buffer.from(letter.pdf!);
    // One changed byte in the middle: a number or a name edited in the file.
    const tampered = Buffer.from(pdf);
    const at = Math.floor(pdf.length / 2);
    tampered.writeUInt8(tampered.readUInt8(at) ^ 0x01, at);
    const res = await check(letter.verify_token, tampered, 200);
    expect(res.text).to.contain('Tidak cocok');
    expect(res.text).to.not.contain('Cocok: berkas ini sama persis');
  });

  it('asks for a file when none was chosen, and refuses a check without the form’s token', async () => {
    const res = await check(letter.verify_token, null, 422);
    expect(res.text).to.contain('Pilih berkas PDF surat');
    await supertest(t.app).post(`/verifikasi/${letter.verify_token}`).attach('file', Buffer.from(letter.pdf!), 'surat.pdf').expect(403);
  });
});
