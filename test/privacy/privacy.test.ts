import crypto from 'node:crypto';
import { expect } from 'chai';
import { sql } from 'kysely';
import supertest from 'supertest';
import { enqueueMail } from '../../src/notify/commands/enqueueMail.js';
import { ERASED_ADDRESS } from '../../src/privacy/scrub.js';
import { ERASED_NAME } from '../../src/reports/reporter.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { buildReport } from '../helpers/reports.js';
import { resolvedCase } from '../portal/helpers.js';

/** Random digits, so runs on a shared server never meet each other's reporters. */
const digits = (n: number) => Array.from(crypto.randomBytes(n), (b) => String(b % 10)).join('');

describe('personal data: export and erase one reporter, on request (/admin/data-pribadi)', () => {
  let t: TestApp;
  let admin: SignedIn;
  const tag = crypto.randomBytes(3).toString('hex');
  // Reporter A, whose data is asked for and erased; reporter B, who must stay untouched.
  const a = {
    name: 'Siti Aminah Rahayu',
    email: `siti.aminah.${tag}@contoh.id`,
    phoneTyped: `0812-${digits(4)}-${digits(4)}`,
    nik: `3318${digits(12)}`,
  };
  const aPhone = `+62${a.phoneTyped.replace(/\D/g, '').slice(1)}`;
  const b = { name: 'Bambang Sutrisno', email: `bambang.${tag}@contoh.id` };
  let published: Awaited<ReturnType<typeof resolvedCase>>;
  let open: Awaited<ReturnType<typeof buildReport>>;
  let other: Awaited<ReturnType<typeof buildReport>>;
  const staffAddress = `kepala.dpupr.${tag}@patikab.go.id`;

  const row = (id: number) => t.database.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const outboxTo = (address: string) =>
    t.database.db.selectFrom('outbox').selectAll().where(sql<string>`lower(to_address)`, '=', address.toLowerCase()).execute();

  async function post(s: SignedIn, path: string, body: Record<string, string>, status: number) {
    const token = await s.csrf();
    return s.agent.post(`/admin/data-pribadi/${path}`).type('form').send({ _csrf: token, ...body }).expect(status);
  }

  before(async function () {
    this.timeout(180_000);
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
    admin = await loginAs(t, 'admin');
    const coordinator = await loginAs(t, 'coordinator');
    const reporter = { name: a.name, email: a.email, phone: aPhone, nik: a.nik };
    published = await resolvedCase(t, {
      coordinatorId: coordinator.user.id,
      input: {
        title: `Lampu jalan mati di Desa Tambaharjo ${tag}`,
        body: `Lampu jalan di depan balai desa mati sejak sebulan. Saya ${a.name}, bisa dihubungi di ${a.phoneTyped}.`,
        reporter,
      },
    });
    open = await buildReport(t, {
      title: `Saluran air tersumbat ${tag}`,
      body: `Saluran air di RT 02 tersumbat sampah. Hubungi saya ${a.email} atau NIK ${a.nik} bila perlu.`,
      reporter,
    });
    other = await buildReport(t, { title: `Pohon tumbang ${tag}`, reporter: { name: b.name, email: b.email, phone: null, nik: null } });
    // What mail intake and the SLA sweeper would have left: a mail from A (address in other
    // case), a photo A sent, and an alert to the Kepala OPD that names A.
    await t.database.db
      .insertInto('inbound_mails')
      .values({
        dedupe_key: `test-${tag}`, message_id: `<m.${tag}@contoh.id>`, from_address: a.email.toUpperCase(), subject: 'Saluran air',
        outcome: 'reply', report_id: open.report.id, full_text: `Salam, ${a.name}\n${a.phoneTyped}`,
      })
      .execute();
    await t.database.db
      .insertInto('attachments')
      .values({
        report_id: open.report.id, storage_key: `2026/01/${crypto.randomUUID()}.jpg`, original_name: 'KTP_Siti_Aminah.jpg',
        mime_type: 'image/jpeg', size_bytes: 10, sha256: 'x'.repeat(64), uploaded_by: 'citizen',
      })
      .execute();
    await enqueueMail(t.database.db, {
      to: staffAddress, subject: `Pengingat ${open.report.tracking_code}`, text: `Laporan dari ${a.name} menunggu tanggapan.`, reportId: open.report.id,
    });
  });

  it('is for admins only: other roles get 403, visitors are sent to sign in, and nothing happens', async () => {
    for (const role of ['coordinator', 'agency_staff', 'agency_head', 'leader'] as const) {
      const s = await loginAs(t, role);
      await s.agent.get('/admin/data-pribadi').expect(403);
      const token = await s.csrf();
      await s.agent.post('/admin/data-pribadi/ekspor').type('form').send({ _csrf: token, kind: 'email', value: a.email }).expect(403);
      await s.agent.post('/admin/data-pribadi/hapus').type('form').send({ _csrf: token, kind: 'email', value: a.email, confirm: 'HAPUS', reference: 'x' }).expect(403);
    }
    const visitor = supertest.agent(t.app);
    const page = await visitor.get('/admin/data-pribadi').expect(303);
    expect(page.headers.location).to.equal('/masuk?next=%2Fadmin%2Fdata-pribadi');
    await visitor.post('/admin/data-pribadi/hapus').type('form').send({ kind: 'email', value: a.email, confirm: 'HAPUS', reference: 'x' }).expect(401);
    expect((await row(open.report.id)).reporter_email).to.equal(a.email);
  });

  it('finds the reporter by e-mail, phone (as typed) or tracking code, and lists their reports', async () => {
    for (const [kind, value] of [['email', a.email.toUpperCase()], ['phone', a.phoneTyped], ['code', published.code]] as const) {
      const res = await post(admin, 'cari', { kind, value }, 200);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.text, kind).to.contain(published.report.title).and.to.contain(open.report.title);
      expect(res.text, kind).not.to.contain(other.report.title);
    }
  });

  it('exports everything held about the reporter as JSON, and nothing of anyone else', async () => {
    const res = await post(admin, 'ekspor', { kind: 'email', value: a.email }, 200);
    expect(res.headers['content-type']).to.match(/^application\/json/);
    expect(res.headers['content-disposition']).to.match(/^attachment; filename="?data-pribadi-\d{4}-\d{2}-\d{2}\.json/);
    const data = JSON.parse(res.text);
    expect(data.reports.map((r: { trackingCode: string }) => r.trackingCode)).to.have.members([published.code, open.report.tracking_code.replace(/^(.{4})/, '$1-')]);
    expect(data.reports[0].reporter).to.deep.equal({ name: a.name, email: a.email, phone: aPhone, nik: a.nik });
    expect(data.reports[0].messages.some((m: { kind: string }) => m.kind === 'answer')).to.equal(true);
    expect(data.reports[1].attachments[0].name).to.equal('KTP_Siti_Aminah.jpg');
    expect(data.inboundMails).to.have.length(1);
    expect(data.inboundMails[0].text).to.contain(a.name);
    // The acknowledgements sent to A (one per report), with their text.
    expect(data.outgoingMails.length).to.be.at.least(2);
    expect(data.outgoingMails.every((m: { to: string }) => m.to.toLowerCase() === a.email)).to.equal(true);
    const text = res.text;
    expect(text).not.to.contain(b.email);
    expect(text).not.to.contain(b.name);
    expect(text).not.to.contain(other.report.tracking_code.slice(0, 4) + '-' + other.report.tracking_code.slice(4));
    expect(text).not.to.contain(staffAddress);
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const before = await row(open.report.id);
    const unknown = await post(admin, 'cari', { kind: 'email', value: `nobody.${tag}@contoh.id` }, 404);
    expect(unknown.text).to.contain('Tidak ada data yang tersimpan untuk e-mail');
    const notAPhone = await post(admin, 'cari', { kind: 'phone', value: '12' }, 422);
    expect(notAPhone.text).to.contain('Isi nomor telepon yang benar.');
    const unknownErase = await post(admin, 'hapus', { kind: 'email', value: `nobody.${tag}@contoh.id`, confirm: 'HAPUS', reference: 'Surat 1/2026' }, 404);
    expect(unknownErase.text).to.contain('Tidak ada yang diubah.');
    for (const confirm of ['', 'hapus', 'YA']) {
      const res = await post(admin, 'hapus', { kind: 'email', value: a.email, confirm, reference: 'Surat 1/2026' }, 422);
      expect(res.text).to.contain('Ketik HAPUS (huruf besar) untuk memastikan penghapusan.');
      // The reporter stays on screen, so the admin sees what the form is about.
      expect(res.text).to.contain(open.report.title);
    }
    const noReference = await post(admin, 'hapus', { kind: 'email', value: a.email, confirm: 'HAPUS', reference: '' }, 422);
    expect(noReference.text).to.contain('Isi nomor surat atau tiket permintaan');
    // Without the form's token: refused before anything is read.
    await admin.agent.post('/admin/data-pribadi/hapus').type('form').send({ kind: 'email', value: a.email, confirm: 'HAPUS', reference: 'x' }).expect(403);
    const after = await row(open.report.id);
    expect(after).to.deep.equal(before);
    expect(await outboxTo(a.email)).to.have.length.of.at.least(2);
    const erasures = await t.database.db.selectFrom('personal_data_erasures').select('report_ids').execute();
    expect(erasures.flatMap((e) => e.report_ids.map(Number))).not.to.include(open.report.id);
  });

  it('erases the identity from reports, mails and outbox, keeps figures, portal and tracking page the same', async () => {
    const leader = await loginAs(t, 'leader');
    // Computed afresh each time (not the dashboard's shared figures), or "the same after" could not fail.
    const figures = () =>
      leader.agent.get('/api/v1/dashboard/agencies').set('Cache-Control', 'no-cache').expect(200).then((r) => {
        const { asOf: _computedAt, ...body } = r.body as Record<string, unknown>;
        return body;
      });
    // Pages as a visitor reads them (each response has a fresh form token, not content).
    const text = (r: supertest.Response) => r.text.replace(/name="_csrf" value="[^"]+"/g, '');
    const portalCase = () => supertest(t.app).get(`/publik/${published.report.tracking_code}`).expect(200).then(text);
    const statistics = () => supertest(t.app).get('/publik/statistik').expect(200).then(text);
    const [figuresBefore, caseBefore, statsBefore, publishedBefore, openBefore, otherBefore] = await Promise.all([
      figures(), portalCase(), statistics(), row(published.report.id), row(open.report.id), row(other.report.id),
    ]);
    const otherMailsBefore = await outboxTo(b.email);

    const res = await post(admin, 'hapus', { kind: 'phone', value: a.phoneTyped, confirm: 'HAPUS', reference: 'Surat 470/12/2026' }, 303);
    expect(res.headers.location).to.equal('/admin/data-pribadi');
    const page = await admin.agent.get('/admin/data-pribadi').expect(200);
    expect(page.text).to.contain('Data pribadi dihapus: 2 laporan');
    expect(page.text).to.contain('Surat 470/12/2026');

    for (const [beforeRow, id] of [[publishedBefore, published.report.id], [openBefore, open.report.id]] as const) {
      const r = await row(id);
      expect(r).to.include({ reporter_name: ERASED_NAME, reporter_email: null, reporter_phone: null, reporter_nik: null });
      // The complaint, its place, state and every timing stay.
      for (const k of ['title', 'status', 'category_id', 'region_code', 'assigned_agency_id', 'kind', 'channel', 'is_anonymous', 'rating'] as const) {
        expect(r[k], k).to.deep.equal(beforeRow[k]);
      }
      for (const k of ['submitted_at', 'verified_at', 'answered_at', 'resolved_at', 'closed_at', 'response_due_at'] as const) {
        expect(r[k]?.valueOf(), k).to.equal(beforeRow[k]?.valueOf());
      }
      expect(r.body).not.to.contain('Siti').and.not.to.contain(a.email);
      expect(r.body.replace(/\D/g, '')).not.to.contain(a.nik).and.not.to.contain(aPhone.slice(3));
    }
    expect((await row(published.report.id)).body).to.contain('Lampu jalan di depan balai desa mati sejak sebulan.').and.to.contain('[nama disamarkan]');
    expect((await row(open.report.id)).body).to.contain('Saluran air di RT 02 tersumbat sampah.').and.to.contain('[e-mail disamarkan]').and.to.contain('[NIK disamarkan]');

    // Mails: nothing left under A's address; the mailbox row keeps only its outcome.
    expect(await outboxTo(a.email)).to.have.length(0);
    const mine = await t.database.db.selectFrom('outbox').selectAll().where('report_id', 'in', [published.report.id, open.report.id]).execute();
    const toReporter = mine.filter((m) => m.to_address === ERASED_ADDRESS);
    expect(toReporter.length).to.be.at.least(2);
    for (const m of toReporter) {
      expect(m.text_body).not.to.contain('Siti').and.not.to.contain('/lacak/');
      expect(m.status).to.be.oneOf(['sent', 'failed']);
    }
    const alert = mine.find((m) => m.to_address === staffAddress)!;
    expect(alert.text_body).to.equal('Laporan dari [nama disamarkan] menunggu tanggapan.');
    const inbound = await t.database.db.selectFrom('inbound_mails').selectAll().where('dedupe_key', '=', `test-${tag}`).executeTakeFirstOrThrow();
    expect(inbound).to.include({ from_address: null, subject: null, full_text: null, outcome: 'reply', report_id: open.report.id });
    const file = await t.database.db.selectFrom('attachments').select(['id', 'original_name']).where('report_id', '=', open.report.id).executeTakeFirstOrThrow();
    expect(file.original_name).to.equal(`lampiran-${file.id}.jpg`);
    const answers = await t.database.db.selectFrom('messages').select('body').where('report_id', '=', published.report.id).where('kind', '=', 'answer').execute();
    expect(answers.map((m) => m.body)).to.deep.equal(['Jalan sudah ditambal pada 20 November.']);

    // B is untouched.
    expect(await row(other.report.id)).to.deep.equal(otherBefore);
    expect(await outboxTo(b.email)).to.deep.equal(otherMailsBefore);

    // Every figure, the public case and the statistics are the same.
    expect(await figures()).to.deep.equal(figuresBefore);
    expect(await portalCase()).to.equal(caseBefore);
    expect(await statistics()).to.equal(statsBefore);

    // The tracking link still opens the report, now without anyone's name on it.
    const citizen = supertest.agent(t.app);
    const link = await citizen.get(`/lacak/${published.report.tracking_code}?k=${published.secret}`).expect(303);
    const tracking = await citizen.get(link.headers.location!).expect(200);
    expect(tracking.text).to.contain(published.report.title).and.not.to.contain('Siti');

    // Recorded: the erasure log (which reports, how many rows, no identity), an internal
    // event on each report, and the audit log.
    const log = await t.database.db.selectFrom('personal_data_erasures').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(log).to.include({ cause: 'request', lookup_kind: 'phone', reference: 'Surat 470/12/2026', erased_by: admin.user.id });
    expect(log.report_ids.map(Number)).to.have.members([published.report.id, open.report.id]);
    expect(JSON.stringify(log)).not.to.contain(a.email).and.not.to.contain(aPhone.slice(3));
    const events = await t.database.db.selectFrom('report_events').select(['report_id', 'visibility']).where('type', '=', 'personal_data_erased').where('report_id', 'in', [published.report.id, open.report.id]).execute();
    expect(events).to.have.length(2);
    expect(events.every((e) => e.visibility === 'internal')).to.equal(true);
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_user_id', 'details']).where('action', '=', 'personal_data_erase').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.actor_user_id).to.equal(admin.user.id);
    expect(JSON.stringify(audit.details)).not.to.contain(a.email);

    // Staff see on the report why the name is gone.
    const staffPage = await admin.agent.get(`/staf/laporan/${open.report.tracking_code}`).expect(200);
    expect(staffPage.text).to.contain('Data pribadi pelapor dihapus (UU 27/2022)');
    expect(staffPage.text).not.to.contain(a.email).and.not.to.contain('Siti');

    // Nothing personal is held any more under A's address.
    await post(admin, 'cari', { kind: 'email', value: a.email }, 404);
  });
});
