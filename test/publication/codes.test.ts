import { expect } from 'chai';
import { redact } from '../../src/publication/redact.js';
import { formatCode, newTrackingCode } from '../../src/reports/tracking.js';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { resolvedCase } from '../portal/helpers.js';

const PLATE = '[nomor kendaraan disamarkan]';

describe('redaction: our codes are never vehicle plates', () => {
  it('keeps tracking codes whose halves look like plates, however they are written', () => {
    for (const code of ['95D4-K7XW', 'B7XY-2345', 'K2AB-CD34', 'H4KL-M5NP', 'AB23-CD45', 'W9ZZ-R2ST']) {
      const text = `Laporan Anda (${code}) sudah kami tindak lanjuti; kode ${code.replace('-', ' ')} juga.`;
      expect(redact(text).text, code).to.equal(text);
    }
  });

  it('keeps a thousand random codes as they are', () => {
    for (let i = 0; i < 1000; i++) {
      const code = formatCode(newTrackingCode());
      expect(redact(`Kode laporan ${code}.`).text).to.equal(`Kode laporan ${code}.`);
    }
  });

  it('keeps the report’s own code even written without its dash, in any case', () => {
    // "AB2345CD" has the shape of a plate (AB 2345 CD): known as our code, it stays.
    const known = { codes: ['AB2345CD'] };
    expect(redact('Kode AB2345CD dan ab23-45cd.', known).text).to.equal('Kode AB2345CD dan ab23-45cd.');
    expect(redact('Plat AB2345CD.').text).to.equal(`Plat ${PLATE}.`);
  });

  it('keeps letter numbers, references and RT/RW', () => {
    for (const text of [
      'Sesuai surat nomor 800/A1B/DPUPR/2024 tanggal 3 Maret.',
      'Nota dinas B-12/KL.01/2025 sudah dikirim.',
      'Rujukan SP4N-K12AB dari LAPOR.',
      'Lokasi di RT 03 RW 05 Desa Sukoharjo.',
      'Lokasi di RT 3/RW 2, KM 12 jalan Pati-Juwana.',
    ]) {
      expect(redact(text).text, text).to.equal(text);
    }
  });

  it('still redacts real Indonesian plates', () => {
    for (const plate of ['H 1234 AB', 'K 1234 XY', 'B 1234 ABC', 'K1234XY', 'AB 12 CD', 'H 2345 KLM']) {
      expect(redact(`Truk ${plate} parkir di bahu jalan.`).text, plate).to.equal(`Truk ${PLATE} parkir di bahu jalan.`);
    }
    expect(redact('Mobil H 1234 AB (laporan 95D4-K7XW) dan motor K 5678 XY.').text).to.equal(`Mobil ${PLATE} (laporan 95D4-K7XW) dan motor ${PLATE}.`);
  });

  describe('in the publication drafted for a resolved case', () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
    });

    it('keeps its own code and other reports’ codes, and hides the plates', async () => {
      const coordinator = await loginAs(t, 'coordinator');
      const other = await resolvedCase(t, { coordinatorId: coordinator.user.id, publish: false });
      // The answer quotes the report's own code (which the test finds only once it exists): a placeholder does it.
      const c = await resolvedCase(t, {
        coordinatorId: coordinator.user.id,
        publish: false,
        input: { title: 'Truk H 1234 AB parkir di trotoar', body: 'Truk H 1234 AB dan mobil B 1234 ABC parkir di trotoar setiap malam.' },
        answer: `Terkait laporan {KODE} dan laporan ${other.code}, petugas telah menegur pemilik kendaraan K 1234 XY pada 20 November.`,
      });
      await t.database.db.deleteFrom('publications').where('report_id', '=', c.report.id).execute();
      await t.database.db.updateTable('messages').set({ body: (eb) => eb.fn('replace', [eb.ref('body'), eb.val('{KODE}'), eb.val(c.code)]) }).where('report_id', '=', c.report.id).where('kind', '=', 'answer').execute();
      const page = await coordinator.agent.get(`/staf/publikasi/${c.report.tracking_code}`).expect(200);
      const row = await t.database.db.selectFrom('publications').selectAll().where('report_id', '=', c.report.id).executeTakeFirstOrThrow();
      expect(row.answer).to.equal(`Terkait laporan ${c.code} dan laporan ${other.code}, petugas telah menegur pemilik kendaraan ${PLATE} pada 20 November.`);
      expect(row.title).to.equal(`Truk ${PLATE} parkir di trotoar`);
      expect(row.body).to.equal(`Truk ${PLATE} dan mobil ${PLATE} parkir di trotoar setiap malam.`);
      expect(page.text).to.contain(c.code).and.not.contain(`${c.code.slice(0, 4)}-[nomor kendaraan`);
    });
  });
});
