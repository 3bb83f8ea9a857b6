import { expect } from 'chai';
import { sql } from 'kysely';
import { agencyId, buildTestApp, csrfFrom, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

/**
 * Issue 19 on the staff report page: staff headings of the citizen's messages and the
 * place with its right words (item 10), a refused form that comes back open with its own
 * messages linked from the summary (item 12), the reject reason with no default (item 5),
 * and the supporting OPD as checkboxes grouped by kind, the report's kecamatan first (item 13).
 */
describe('triage: the staff report page', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let dpupr: number;
  let desa: { code: string; name: string; kecamatan: string; kecamatanCode: string };
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
    coordinator = await loginAs(t, 'coordinator');
    dpupr = await agencyId(t.database, 'dpupr');
    const row = await t.database.db
      .selectFrom('regions as d')
      .innerJoin('regions as k', 'k.code', 'd.parent_code')
      .select(['d.code', 'd.name', 'k.name as kecamatan', 'k.code as kecamatanCode'])
      .where('d.level', '=', 'desa')
      .orderBy('d.code')
      .executeTakeFirstOrThrow();
    desa = row;
  });

  const post = async (s: SignedIn, code: string, action: string, body: Record<string, unknown>, status: number) => {
    const token = await s.csrf();
    return s.agent.post(`/staf/laporan/${code}/${action}`).type('form').send({ _csrf: token, ...body }).expect(status);
  };

  it('heads the citizen’s messages for staff ("dari pelapor", not "dari Anda") and names the desa and its kecamatan', async () => {
    const r = await buildReport(t, { regionCode: desa.code, address: 'Jl. Raya Pati-Tayu km 5' });
    await t.database.db.insertInto('messages')
      .values({ report_id: r.report.id, kind: 'citizen_info', author_kind: 'citizen', body: 'Lubangnya di depan balai desa.', visibility: 'public' })
      .execute();
    const page = await coordinator.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.contain('Informasi tambahan dari pelapor').and.not.contain('Informasi dari Anda');
    const facts = /<dl class="facts">([\s\S]*?)<\/dl>/.exec(page.text)![1]!.replace(/\s+/g, ' ');
    expect(facts).to.contain(`<dt>Desa</dt><dd>${desa.name}</dd>`);
    expect(facts).to.contain(`<dt>Kecamatan</dt><dd>${desa.kecamatan}</dd>`);
    expect(facts).to.contain('<dt>Alamat</dt><dd>Jl. Raya Pati-Tayu km 5</dd>');
    const en = await coordinator.agent.get(`/staf/laporan/${r.report.tracking_code}`).set('Cookie', 'lang=en');
    expect(en.text).to.contain('More information from the reporter').and.not.contain('Information from you');
  });

  it('has no default reject reason: the coordinator must choose, and is told so', async () => {
    const r = await buildReport(t);
    const page = await coordinator.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    const select = /<select id="f-reject-reason"[\s\S]*?<\/select>/.exec(page.text)![0];
    expect(select).to.contain('required');
    expect(select).to.not.contain('selected');
    expect(/<option[^>]*>([^<]*)<\/option>/.exec(select)![1]).to.equal('— pilih alasan —');
    const res = await post(coordinator, r.report.tracking_code, 'reject', { reason: '', note: '' }, 422);
    expect(res.text).to.contain('Alasan wajib diisi.');
    expect((await t.database.db.selectFrom('reports').select('status').where('id', '=', r.report.id).executeTakeFirstOrThrow()).status).to.equal('submitted');
  });

  it('brings a refused form back open, its messages beside its own fields and linked from the summary', async () => {
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const head = await loginAs(t, 'agency_head', { agencyId: dpupr });
    const res = await post(head, r.report.tracking_code, 'extend', { days: '40', reason: 'Menunggu anggaran perubahan.' }, 422);
    // The extend section is open; the others with a "reason" field show no message.
    expect(res.text).to.match(/<details class="card action" id="act-extend" open>/);
    expect(res.text).to.match(/<details class="card action" id="act-note">/);
    const summary = /<div class="notice notice-error" role="alert"[\s\S]*?<\/div>/.exec(res.text)![0];
    const href = /href="#([^"]+)"/.exec(summary)![1]!;
    expect(href).to.equal('f-extend-days');
    expect(res.text).to.contain(`id="${href}"`);
    expect(res.text).to.match(/id="f-extend-days"[^>]*aria-invalid="true"/);
    expect(res.text).to.contain('value="40"').and.contain('Menunggu anggaran perubahan.');
    expect(res.text.match(/class="field-error"/g)).to.have.length(1);
    // A refusal of the state (409) is a notice; the page then offers what the state allows.
    const gone = await post(head, r.report.tracking_code, 'acknowledge', {}, 409);
    expect(gone.text).to.contain('data-testid="conflict"').and.not.contain(`action="/staf/laporan/${r.report.tracking_code}/acknowledge"`);
  });

  it('offers the supporting OPD as checkboxes in groups, the report’s kecamatan office first, and keeps them when refused', async () => {
    const r = await buildReport(t, { regionCode: desa.code });
    const office = await t.database.db.selectFrom('agencies').select(['id', 'name']).where('region_code', '=', desa.kecamatanCode).executeTakeFirstOrThrow();
    const page = await coordinator.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.not.contain('multiple');
    const fieldset = /<fieldset class="field supporting"[\s\S]*?<\/fieldset>/.exec(page.text)![0];
    const groups = [...fieldset.matchAll(/<summary>([^<]*)</g)].map((m) => m[1]!.trim());
    expect(groups[0]).to.equal('Di kecamatan laporan ini');
    expect(groups).to.include.members(['Dinas', 'Badan', 'Kecamatan']);
    const first = /<input type="checkbox" id="f-forward-supporting-(\d+)"/.exec(fieldset)![1];
    expect(Number(first)).to.equal(office.id);
    const count = await t.database.db.selectFrom('agencies').select(sql<number>`count(*)`.as('n')).where('active', '=', true).executeTakeFirstOrThrow();
    expect(fieldset.match(/type="checkbox"/g)).to.have.length(Number(count.n));
    // Refused (no such responsible OPD): the page comes back with the ticked ones still ticked.
    const dinkes = await agencyId(t.database, 'dinkes');
    const res = await coordinator.agent.post(`/staf/laporan/${r.report.tracking_code}/forward`).type('form')
      .send(`_csrf=${encodeURIComponent(csrfFrom(page.text))}&agency=999999&supporting=${dinkes}&supporting=${office.id}`).expect(422);
    expect(res.text).to.match(new RegExp(`id="f-forward-supporting-${dinkes}" name="supporting" value="${dinkes}" checked`));
    expect(res.text).to.match(new RegExp(`id="f-forward-supporting-${office.id}" name="supporting" value="${office.id}" checked`));
    // Forwarded with two supporting OPD.
    const ok = await coordinator.agent.post(`/staf/laporan/${r.report.tracking_code}/forward`).type('form')
      .send(`_csrf=${encodeURIComponent(csrfFrom(page.text))}&agency=${dpupr}&supporting=${dinkes}&supporting=${office.id}`).expect(303);
    void ok;
    const supporting = await t.database.db.selectFrom('report_supporting_agencies').select('agency_id').where('report_id', '=', r.report.id).execute();
    expect(supporting.map((s) => s.agency_id).sort()).to.deep.equal([dinkes, office.id].sort());
  });

  it('says who a report was forwarded to and merged with in its history', async () => {
    const main = await buildReport(t);
    const dup = await buildReport(t);
    await post(coordinator, main.report.tracking_code, 'forward', { agency: String(dpupr) }, 303);
    await post(coordinator, dup.report.tracking_code, 'merge', { into: main.report.tracking_code, confirm: '1' }, 303);
    const a = await coordinator.agent.get(`/staf/laporan/${main.report.tracking_code}`).expect(200);
    expect(a.text).to.contain('Diverifikasi dan diteruskan ke DPUPR');
    const b = await coordinator.agent.get(`/staf/laporan/${dup.report.tracking_code}`).expect(200);
    expect(b.text).to.contain(`Digabung dengan ${main.report.tracking_code.slice(0, 4)}-${main.report.tracking_code.slice(4)}`);
  });

  it('a page that answers a post (the confirmation, a refused form) switches language back to the page the form was on', async () => {
    const r = await buildReport(t);
    const from = `/staf/laporan/${r.report.tracking_code}`;
    const token = await coordinator.csrf();
    const ask = await coordinator.agent.post(`${from}/reject`).set('Host', 'pengaduan.test').set('Referer', `http://pengaduan.test${from}`).type('form')
      .send({ _csrf: token, reason: 'spam' }).expect(200);
    expect(/name="next" value="([^"]*)"/.exec(ask.text)![1]).to.equal(from);
    // A Referer of another site is not followed.
    const elsewhere = await coordinator.agent.post(`${from}/reject`).set('Host', 'pengaduan.test').set('Referer', 'https://evil.example/x').type('form')
      .send({ _csrf: token, reason: 'spam' }).expect(200);
    expect(/name="next" value="([^"]*)"/.exec(elsewhere.text)![1]).to.equal('/');
  });
});
