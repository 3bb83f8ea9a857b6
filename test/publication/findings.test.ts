import { expect } from 'chai';
import { staffApi } from '../answers/helpers.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { resolvedCase } from '../portal/helpers.js';

/**
 * The coordinator's review of what the redaction found: names only in the text of an anonim
 * report are removed, what looks like a name and was left is listed, and each is decided
 * with one click that applies to every part of the publication and holds on later saves.
 */
describe('publication: the redaction’s findings, decided with one click', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
    coordinator = await loginAs(t, 'coordinator');
  });

  const anonim = (body: string, answer = 'Yth. Bapak/Ibu, Kepala Dinas PUPR sudah menugaskan tim. Saluran dibersihkan pada 20 November.') =>
    resolvedCase(t, {
      coordinatorId: coordinator.user.id,
      publish: false,
      input: { title: 'Saluran mampet di Desa Sambiroto', body, reporter: { name: null, email: null, phone: null, nik: null } },
      answer,
    });
  const stored = (reportId: number) => t.database.db.selectFrom('publications').selectAll().where('report_id', '=', reportId).executeTakeFirstOrThrow();
  const decide = async (code: string, term: string, decision: string, status: number, extra: Record<string, string> = {}) => {
    const csrf = await coordinator.csrf();
    return coordinator.agent.post(`/staf/publikasi/${code}/temuan`).type('form').send({ _csrf: csrf, term, decision, ...extra }).expect(status);
  };

  it('lists what was removed and what looks like a name, and applies each decision everywhere', async () => {
    const c = await anonim('Laporan ini atas nama Wahyu Nugroho. Saluran depan toko milik Sugiarto mampet sejak Senin, Sugiarto sudah lapor RT.\nSalam, Wahyu');
    const draft = await stored(c.report.id);
    expect(draft.body).to.not.match(/Wahyu|Nugroho/u);
    expect(draft.body).to.contain('Sugiarto');
    expect(draft.answer).to.contain('Kepala Dinas PUPR');

    const page = await coordinator.agent.get(`/staf/publikasi/${c.report.tracking_code}`).expect(200);
    expect(page.text).to.contain('Temuan penyamaran').and.contain('Tampak seperti nama, belum disamarkan');
    expect(page.text).to.contain('<strong>Wahyu Nugroho</strong>').and.contain('<strong>Sugiarto</strong>');
    expect(page.text).to.contain('aria-label="Samarkan “Sugiarto” di publikasi"').and.contain('aria-label="Tampilkan “Wahyu Nugroho” di publikasi"');

    // "Samarkan": gone from the text, no longer listed as a suspect, listed with what was removed.
    await decide(c.report.tracking_code, 'Sugiarto', 'remove', 303);
    const removed = await stored(c.report.id);
    expect(removed.body).to.not.contain('Sugiarto');
    expect(removed.removed_terms).to.deep.equal(['Sugiarto']);
    const after = await coordinator.agent.get(`/staf/publikasi/${c.report.tracking_code}`).expect(200);
    expect(after.text).to.contain('“Sugiarto” disamarkan di semua bagian.');
    expect(after.text).to.not.contain('aria-label="Samarkan “Sugiarto” di publikasi"');

    // "Tampilkan" on a removed name: back in the text, and a save keeps it readable.
    await decide(c.report.tracking_code, 'Wahyu Nugroho', 'keep', 303);
    const kept = await stored(c.report.id);
    expect(kept.body).to.contain('atas nama Wahyu Nugroho');
    await coordinator.agent
      .post(`/staf/publikasi/${c.report.tracking_code}`)
      .type('form')
      .send({ _csrf: await coordinator.csrf(), title: kept.title, body: kept.body, answer: kept.answer })
      .expect(303);
    expect((await stored(c.report.id)).body).to.contain('atas nama Wahyu Nugroho');
  });

  it('restores a kept term in a text the coordinator edited, where its token stands', async () => {
    const c = await anonim('Mohon saluran di gang masjid dibersihkan, sudah tiga minggu.\nHormat saya,\nBambang Irawan');
    const draft = await stored(c.report.id);
    expect(draft.body).to.contain('[nama disamarkan]');
    const edited = draft.body.replace('sudah tiga minggu', 'sudah 3 minggu');
    await coordinator.agent
      .post(`/staf/publikasi/${c.report.tracking_code}`)
      .type('form')
      .send({ _csrf: await coordinator.csrf(), title: draft.title, body: edited, answer: draft.answer })
      .expect(303);
    await decide(c.report.tracking_code, 'Bambang Irawan', 'keep', 303);
    expect((await stored(c.report.id)).body).to.equal('Mohon saluran di gang masjid dibersihkan, sudah 3 minggu.\nHormat saya,\nBambang Irawan');
  });

  it('refuses a bad decision with a message, and nothing changes', async () => {
    const c = await anonim('Saluran mampet, atas nama Dedi Kurnia.');
    const before = await stored(c.report.id);
    const bad = await decide(c.report.tracking_code, 'Dedi Kurnia', 'hapus', 422);
    expect(bad.text).to.contain('Keputusan');
    await decide(c.report.tracking_code, '', 'keep', 422);
    // Without the CSRF token: refused.
    await coordinator.agent.post(`/staf/publikasi/${c.report.tracking_code}/temuan`).type('form').send({ term: 'Dedi Kurnia', decision: 'keep' }).expect(403);
    // A version that is no longer the stored text: 409, as for a save.
    await decide(c.report.tracking_code, 'Dedi Kurnia', 'keep', 409, { version: '0123456789abcdef0123' });
    const after = await stored(c.report.id);
    expect(after.body).to.equal(before.body);
    expect(after.kept_terms).to.deep.equal([]);
  });

  it('is the coordinator’s alone, and not once the case is published', async () => {
    const c = await anonim('Saluran mampet, atas nama Rina Marlina.');
    const staff = await loginAs(t, 'agency_staff');
    await staff.agent.post(`/staf/publikasi/${c.report.tracking_code}/temuan`).type('form').send({ _csrf: await staff.csrf(), term: 'Rina Marlina', decision: 'keep' }).expect(403);
    await coordinator.agent.post(`/staf/publikasi/${c.report.tracking_code}/terbitkan`).type('form').send({ _csrf: await coordinator.csrf() }).expect(303);
    const page = await coordinator.agent.get(`/staf/publikasi/${c.report.tracking_code}`).expect(200);
    expect(page.text).to.not.contain('/temuan');
    await decide(c.report.tracking_code, 'Rina Marlina', 'keep', 422);
    expect((await stored(c.report.id)).body).to.not.contain('Rina');
  });

  it('offers the same through the staff API', async () => {
    const c = await anonim('Lampu mati. Terima kasih,\nYohana Wenda');
    const api = await staffApi(t, 'coordinator');
    const path = `/api/v1/staff/reports/${c.report.tracking_code}/publication`;
    const shown = await api.agent.get(path).expect(200);
    expect(shown.body.findings.removed).to.deep.include({ kind: 'person', text: 'Yohana Wenda', count: 1 });
    const kept = await api.post(`${path}/terms`, { term: 'Yohana Wenda', decision: 'keep' }).expect(200);
    expect(kept.body.body).to.contain('Yohana Wenda');
    expect(kept.body.findings.kept).to.deep.equal(['Yohana Wenda']);
    const refused = await api.post(`${path}/terms`, { term: 'Yohana Wenda', decision: 'maybe' }).expect(422);
    expect(JSON.stringify(refused.body)).to.contain('decision');
  });
});
