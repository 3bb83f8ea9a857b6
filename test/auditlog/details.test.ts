import { expect } from 'chai';
import { recordAudit } from '../../src/audit/commands/recordAudit.js';
import { agencyId, buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { buildReport } from '../helpers/reports.js';

/** The visible text of the audit table's rows of one action. */
async function rowsOf(admin: SignedIn, action: string): Promise<string[]> {
  const page = await admin.agent.get(`/admin/audit?action=${action}`).expect(200);
  return [...page.text.matchAll(/<tr data-action="[^"]+">([\s\S]*?)<\/tr>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

describe('the audit log page shows details as readable label/value pairs (issue 19)', () => {
  let t: TestApp;
  let admin: SignedIn;
  before(async () => {
    t = await buildTestApp();
    admin = await loginAs(t, 'admin');
  });

  it('names OPD, people, categories and statuses instead of ids and codes, and shows no JSON', async () => {
    const dpupr = await agencyId(t.database, 'dpupr');
    const dinkes = await agencyId(t.database, 'dinkes');
    const staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    const category = await t.database.db.selectFrom('categories').select(['id', 'name']).orderBy('id').executeTakeFirstOrThrow();
    const { report } = await buildReport(t);
    const tag = `probe_${Math.random().toString(36).slice(2, 8)}`;
    await recordAudit(t.database.db, {
      action: `${tag}_a`, actor: { userId: admin.user.id }, report: { id: report.id },
      details: { from: 'submitted', to: 'assigned', agencyId: dpupr, supporting: [dinkes], categoryId: category.id, reason: 'unclear' },
    });
    await recordAudit(t.database.db, {
      action: `${tag}_b`, actor: { userId: admin.user.id }, target: { type: 'user', id: staff.user.id },
      details: { role: 'agency_staff', agencyId: null, userId: staff.user.id, anonymous: false, fields: ['name', 'nik'] },
    });
    await recordAudit(t.database.db, {
      action: `${tag}_c`, actor: 'system', target: { type: 'setting', id: 'dashboard_rank_min_answered' },
      details: { value: 7, responseDueAt: '2031-03-14T09:00:00.000Z', into: 'ABCD2345', reports: ['ABCD2345', 'EFGH6789'], someNewKey: 'x' },
    });

    const [a] = await rowsOf(admin, `${tag}_a`);
    expect(a).to.contain('Dari Menunggu verifikasi').and.contain('Menjadi Diteruskan');
    expect(a).to.contain('OPD Dinas Pekerjaan Umum dan Penataan Ruang').and.contain('OPD pendukung Dinas Kesehatan');
    expect(a).to.contain(`Kategori ${category.name}`).and.contain('Alasan Tidak jelas');
    expect(a).to.not.match(/agencyId|categoryId|submitted|\{|"/);

    const [b] = await rowsOf(admin, `${tag}_b`);
    expect(b).to.contain('Akun: Test agency_staff').and.contain('Peran Staf OPD').and.contain('OPD —').and.contain('Akun Test agency_staff');
    expect(b).to.contain('Anonim Tidak').and.contain('Data yang ditampilkan nama, NIK');

    const [c] = await rowsOf(admin, `${tag}_c`);
    expect(c).to.contain('Pengaturan: Minimal laporan dijawab untuk peringkat dasbor').and.contain('Nilai 7');
    // A time in the reader's language and Jakarta time, a code with its hyphen; an unknown key still shows.
    expect(c).to.contain('Batas tanggapan 14 Mar 2031, 16.00').and.contain('Digabung ke ABCD-2345').and.contain('Laporan ABCD-2345, EFGH-6789');
    expect(c).to.contain('someNewKey x').and.not.match(/\d{4}-\d{2}-\d{2}T/);

    const english = await admin.agent.get(`/admin/audit?action=${tag}_a`).set('Cookie', 'lang=en').expect(200);
    expect(english.text).to.contain('<dt>Agency</dt><dd>Dinas Pekerjaan Umum dan Penataan Ruang</dd>');
  });
});
