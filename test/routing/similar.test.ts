import { expect } from 'chai';
import { transition } from '../../src/reports/commands/transition.js';
import { anyWordQuery, findSimilarReports } from '../../src/routing/similar.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildReport } from '../helpers/reports.js';
import { kecamatan, nonce } from './helpers.js';

describe('routing: similar open reports', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  async function report(title: string, regionCode: string | null = null, body?: string) {
    const { report } = await buildReport(t, { title, regionCode, ...(body ? { body } : {}) });
    return report;
  }

  it('finds the same complaint written with the words in another order, and leaves itself out', async () => {
    const w = nonce();
    const source = await report(`Lampu penerangan jalan ${w} mati di depan pasar`);
    const other = await report(`Di depan pasar lampu penerangan jalan ${w} mati`);
    const unrelated = await report(`Pungutan sekolah ${nonce()} terlalu mahal`);
    const found = await findSimilarReports(t.database.db, source);
    const ids = found.map((r) => r.id);
    expect(ids).to.include(other.id);
    expect(ids).to.not.include(source.id);
    expect(ids).to.not.include(unrelated.id);
    const hit = found.find((r) => r.id === other.id)!;
    expect(hit).to.include({ trackingCode: other.tracking_code, status: 'submitted', sameKecamatan: false });
    expect(hit.score).to.be.within(0.7, 1);
  });

  it('ranks a report from the same kecamatan above an equally similar one elsewhere', async () => {
    const w = nonce();
    const tayu = await kecamatan(t.database.db, 'Tayu');
    const juwana = await kecamatan(t.database.db, 'Juwana');
    const source = await report(`Saluran air ${w} tersumbat sampah`, tayu.desaCode);
    const elsewhere = await report(`Saluran air ${w} tersumbat sampah`, juwana.desaCode);
    const near = await report(`Saluran air ${w} tersumbat sampah`, tayu.code);
    const found = await findSimilarReports(t.database.db, source);
    expect(found.map((r) => r.id).slice(0, 2)).to.deep.equal([near.id, elsewhere.id]);
    expect(found[0]).to.include({ sameKecamatan: true, regionName: 'Tayu' });
    expect(found[1]).to.include({ sameKecamatan: false, regionName: juwana.desaName });
    expect(found[0]!.score).to.be.greaterThan(found[1]!.score);
  });

  it('finds a report whose body holds every word of the title (full text, Indonesian stems)', async () => {
    const w = nonce();
    const source = await report(`Perbaikan jembatan ${w}`);
    const other = await report(`Keluhan warga ${nonce()} soal akses`, null,
      `Jembatan ${w} yang diperbaiki tahun lalu kembali retak dan membahayakan anak sekolah.`);
    const found = await findSimilarReports(t.database.db, { ...source, body: source.body });
    const hit = found.find((r) => r.id === other.id);
    expect(hit, 'found through the text index').to.not.equal(undefined);
    expect(hit!.score).to.be.at.least(0.25);
  });

  it('leaves out resolved, rejected and merged reports', async () => {
    const w = nonce();
    const db = t.database.db;
    const source = await report(`Pupuk bersubsidi ${w} langka di kios`);
    const open = await report(`Pupuk bersubsidi ${w} langka di kios desa`);
    const rejected = await report(`Pupuk bersubsidi ${w} langka di kios`);
    const merged = await report(`Pupuk bersubsidi ${w} langka di kios`);
    const staff = { kind: 'staff' as const };
    await transition(db, { reportId: rejected.id, action: 'reject', actor: staff, visibility: 'public', reason: 'tidak lengkap' });
    await transition(db, { reportId: merged.id, action: 'merge', actor: staff, visibility: 'public', set: { merged_into_id: open.id } });
    const ids = (await findSimilarReports(db, source)).map((r) => r.id);
    expect(ids).to.include(open.id);
    expect(ids).to.not.include(rejected.id).and.not.include(merged.id);
  });

  it('keeps to the limit, and finds nothing for an empty title', async () => {
    const w = nonce();
    const source = await report(`Sampah ${w} menumpuk di TPS`);
    for (let i = 0; i < 4; i++) await report(`Sampah ${w} menumpuk di TPS`);
    expect(await findSimilarReports(t.database.db, source, 2)).to.have.length(2);
    expect(await findSimilarReports(t.database.db, { ...source, title: '  ' })).to.deep.equal([]);
  });

  it('works inside a transaction of the caller', async () => {
    const w = nonce();
    const source = await report(`Banjir ${w} merendam rumah warga`);
    const other = await report(`Banjir ${w} merendam rumah warga`);
    const ids = await t.database.db.transaction().execute(async (trx) => (await findSimilarReports(trx, source)).map((r) => r.id));
    expect(ids).to.include(other.id);
  });

  it('builds the ranking query from letters and digits only', () => {
    expect(anyWordQuery("Jalan (rusak) & 'berlubang' | RT 05: a")).to.equal('jalan | rusak | berlubang | rt | 05');
  });
});
