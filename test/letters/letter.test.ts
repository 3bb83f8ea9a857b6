import crypto from 'node:crypto';
import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { answeredReport, letterOf, NIP, pdfQrCodes, pdfText } from './helpers.js';

describe('letters: the surat jawaban issued when an answer is sent', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0', PUBLIC_URL: 'http://lapor.patikab.go.id' });
  });

  it('is a real PDF with the number, the addressee, the subject, the answer and the signer’s name, title and NIP', async () => {
    const r = await answeredReport(t, { title: 'Jalan berlubang di Desa Sambiroto', reporter: { name: 'Siti Aminah', email: 'siti.letter@example.com', phone: null, nik: null } });
    const letter = await letterOf(t, r.report.id);
    const pdf = Buffer.from(letter.pdf);
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    expect(letter.sha256).to.equal(crypto.createHash('sha256').update(pdf).digest('hex'));
    expect(letter.number).to.match(new RegExp(`^${letter.seq}/DPUPR/\\d{4}$`));
    const text = await pdfText(pdf);
    const code = `${r.report.tracking_code.slice(0, 4)}-${r.report.tracking_code.slice(4)}`;
    expect(text).to.contain(letter.number);
    expect(text).to.contain('Siti Aminah');
    expect(text).to.contain(`Jawaban atas pengaduan ${code}`).and.contain('Jalan berlubang di Desa Sambiroto');
    expect(text).to.contain('Tim UPT sudah meninjau lokasi pada 20 November.');
    expect(text).to.contain('Ir. Bambang Suryanto, M.T.');
    expect(text).to.contain('Kepala Dinas Pekerjaan Umum dan Penataan Ruang');
    expect(text).to.contain(`NIP. ${NIP}`);
    expect(text).to.contain('PEMERINTAH KABUPATEN PATI');
  });

  it('carries a QR code that decodes to its verification page', async () => {
    const r = await answeredReport(t);
    const letter = await letterOf(t, r.report.id);
    expect(await pdfQrCodes(Buffer.from(letter.pdf))).to.deep.equal([`http://lapor.patikab.go.id/verifikasi/${letter.verify_token}`]);
  });

  it('is addressed to "Pelapor" when the reporter is anonim, and never names them', async () => {
    const r = await answeredReport(t, { anonymous: true, reporter: { name: 'Nama Rahasia Sekali', email: 'anon.letter@example.com', phone: null, nik: null } });
    const text = await pdfText(Buffer.from((await letterOf(t, r.report.id)).pdf));
    expect(text).to.match(/Yth\.\s+Pelapor/).and.not.contain('Nama Rahasia Sekali');
  });

  it('is stored once: the database refuses to change an issued letter', async () => {
    const r = await answeredReport(t);
    const letter = await letterOf(t, r.report.id);
    let error: unknown;
    try {
      await t.database.db.updateTable('answer_letters').set({ pdf: Buffer.from('%PDF-forged') }).where('id', '=', letter.id).execute();
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.contain('never changes');
    expect((await letterOf(t, r.report.id)).sha256).to.equal(letter.sha256);
  });
});
