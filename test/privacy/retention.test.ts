import crypto from 'node:crypto';
import { expect } from 'chai';
import { sql } from 'kysely';
import { enqueueMail } from '../../src/notify/commands/enqueueMail.js';
import { applyRetention, monthsBefore } from '../../src/privacy/retention.js';
import { ERASED_ADDRESS } from '../../src/privacy/scrub.js';
import { ERASED_NAME } from '../../src/reports/reporter.js';
import { getSetting } from '../../src/settings/queries.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { buildReport } from '../helpers/reports.js';

describe('personal data retention: the daily job erases only what is past its period', () => {
  let t: TestApp;
  let admin: SignedIn;
  const tag = crypto.randomBytes(3).toString('hex');
  const now = new Date();
  const ago = (months: number) => monthsBefore(now, months);

  before(async function () {
    this.timeout(180_000);
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
    admin = await loginAs(t, 'admin');
  });

  const report = (id: number) => t.database.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** A report of `who`, closed (as resolved) `closedMonthsAgo` months ago, or left open. */
  async function reportOf(who: string, closedMonthsAgo: number | null) {
    const r = await buildReport(t, { reporter: { name: `Warga ${who}`, email: `${who}.${tag}@contoh.id`, phone: null, nik: null } });
    if (closedMonthsAgo !== null) {
      await t.database.db
        .updateTable('reports')
        .set({ status: 'resolved', resolved_at: ago(closedMonthsAgo), closed_at: ago(closedMonthsAgo) })
        .where('id', '=', r.report.id)
        .execute();
    }
    return r.report;
  }

  it('shows the periods with their defaults, saves new ones, and refuses a bad one', async () => {
    const page = await admin.agent.get('/admin/data-pribadi').expect(200);
    expect(page.text).to.match(/name="retentionReporterMonths"[^>]*value="24"/);
    expect(page.text).to.match(/name="retentionInboundMailMonths"[^>]*value="6"/);
    expect(page.text).to.match(/name="retentionOutboxMonths"[^>]*value="12"/);
    const send = async (body: Record<string, string>, status: number) =>
      admin.agent.post('/admin/data-pribadi/retensi').type('form').send({ _csrf: await admin.csrf(), ...body }).expect(status);
    const bad = await send({ retentionReporterMonths: '-1', retentionInboundMailMonths: 'enam', retentionOutboxMonths: '12' }, 422);
    expect(bad.text).to.contain('Identitas pelapor, bulan setelah laporan ditutup tidak valid.');
    expect(await getSetting(t.database.db, 'retentionReporterMonths')).to.equal(24);
    await send({ retentionReporterMonths: '24', retentionInboundMailMonths: '6', retentionOutboxMonths: '12' }, 303);
    expect(await getSetting(t.database.db, 'retentionOutboxMonths')).to.equal(12);
    const coordinator = await loginAs(t, 'coordinator');
    await coordinator.agent
      .post('/admin/data-pribadi/retensi')
      .type('form')
      .send({ _csrf: await coordinator.csrf(), retentionReporterMonths: '0', retentionInboundMailMonths: '0', retentionOutboxMonths: '0' })
      .expect(403);
    expect(await getSetting(t.database.db, 'retentionReporterMonths')).to.equal(24);
  });

  it('erases reporters of reports closed 24+ months ago, old mail in and out, and keeps the rest', async () => {
    // Same person: one report closed 30 months ago, one still open (its contact stays).
    const old = await reportOf('lama', 30);
    const sameOpen = await buildReport(t, { reporter: { name: 'Warga lama', email: `lama.${tag}@contoh.id`, phone: null, nik: null } });
    const recent = await reportOf('baru', 10);
    const openOld = await reportOf('terbuka', null);
    await t.database.db.updateTable('reports').set({ submitted_at: ago(40) }).where('id', '=', openOld.id).execute();

    const inbound = async (key: string, months: number) =>
      t.database.db
        .insertInto('inbound_mails')
        .values({ dedupe_key: `${key}-${tag}`, from_address: `${key}.${tag}@contoh.id`, subject: 'Halo', outcome: 'report', full_text: 'Teks asli', received_at: sql`${ago(months)}` })
        .returning('id')
        .executeTakeFirstOrThrow();
    const oldMail = await inbound('surel-lama', 7);
    const newMail = await inbound('surel-baru', 5);
    const outbound = async (key: string, months: number, status: 'sent' | 'pending') => {
      const id = (await enqueueMail(t.database.db, { to: `${key}.${tag}@contoh.id`, subject: 'Info', text: 'Isi surel' }))!;
      await t.database.db.updateTable('outbox').set({ created_at: ago(months), status }).where('id', '=', id).execute();
      return id;
    };
    const oldSent = await outbound('keluar-lama', 13, 'sent');
    const newSent = await outbound('keluar-baru', 11, 'sent');
    const oldPending = await outbound('tertunda', 13, 'pending');

    const first = await applyRetention(t.database.db, now);
    expect(first.reports).to.be.at.least(1);

    const erased = await report(old.id);
    expect(erased).to.include({ reporter_name: ERASED_NAME, reporter_email: null, status: 'resolved' });
    expect(erased.closed_at?.valueOf()).to.equal(ago(30).valueOf());
    for (const kept of [sameOpen.report, recent, openOld]) expect((await report(kept.id)).reporter_email, kept.title).to.be.a('string');
    // The old report's acknowledgement is gone; the open report's one still has its address.
    const mails = await t.database.db.selectFrom('outbox').select(['report_id', 'to_address']).where('report_id', 'in', [old.id, sameOpen.report.id]).execute();
    expect(mails.find((m) => m.report_id === old.id)?.to_address).to.equal(ERASED_ADDRESS);
    expect(mails.find((m) => m.report_id === sameOpen.report.id)?.to_address).to.equal(`lama.${tag}@contoh.id`);

    const mailRow = (id: number) => t.database.db.selectFrom('inbound_mails').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(await mailRow(oldMail.id)).to.include({ from_address: null, full_text: null, subject: null, outcome: 'report' });
    expect(await mailRow(newMail.id)).to.include({ from_address: `surel-baru.${tag}@contoh.id`, full_text: 'Teks asli' });
    const outRow = (id: number) => t.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(await outRow(oldSent)).to.include({ to_address: ERASED_ADDRESS, status: 'sent' });
    expect(await outRow(newSent)).to.include({ to_address: `keluar-baru.${tag}@contoh.id`, text_body: 'Isi surel' });
    // A mail still waiting to be sent is not the job's to touch.
    expect(await outRow(oldPending)).to.include({ to_address: `tertunda.${tag}@contoh.id`, status: 'pending' });

    const log = await t.database.db.selectFrom('personal_data_erasures').selectAll().where('cause', '=', 'retention').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(log.report_ids.map(Number)).to.include(old.id);
    expect(log.erased_by).to.equal(null);

    // A second run finds nothing new of ours: each report is erased once.
    const events = () => t.database.db.selectFrom('report_events').select('id').where('report_id', '=', old.id).where('type', '=', 'personal_data_erased').execute();
    expect(await events()).to.have.length(1);
    await applyRetention(t.database.db, now);
    expect(await events()).to.have.length(1);
  });

  it('erases an old WhatsApp message like an old mail (its number, text and template)', async () => {
    const phone = `+62812${String(crypto.randomInt(10_000_000, 99_999_999))}`;
    const r = await buildReport(t, { reporter: { name: 'Warga WA', email: null, phone, nik: null } });
    const rows = () => t.database.db.selectFrom('outbox').selectAll().where('report_id', '=', r.report.id).where('channel', '=', 'whatsapp').execute();
    const [ack] = await rows();
    expect(ack, 'the acknowledgement went to WhatsApp').to.not.equal(undefined);
    expect(ack!.to_address).to.equal(phone.slice(1));
    await t.database.db.updateTable('outbox').set({ created_at: ago(13), status: 'sent', secret: null }).where('id', '=', ack!.id).execute();
    await applyRetention(t.database.db, now);
    const [erased] = await rows();
    expect(erased).to.include({ to_address: ERASED_ADDRESS, wa_payload: null, status: 'sent' });
    expect(erased!.text_body).to.not.contain(r.report.tracking_code);
  });

  it('works through more reports than one batch holds, each erased once', async () => {
    const many = [];
    for (let i = 0; i < 30; i++) many.push(await reportOf(`banyak${i}`, 25 + (i % 3)));
    await applyRetention(t.database.db, now);
    const left = await t.database.db.selectFrom('reports').select('id').where('id', 'in', many.map((r) => r.id)).where('reporter_email', 'is not', null).execute();
    expect(left).to.have.length(0);
    const erased = await t.database.db.selectFrom('personal_data_erased_reports').select('report_id').where('report_id', 'in', many.map((r) => r.id)).execute();
    expect(erased).to.have.length(30);
  });

  it('keeps everything when a period is 0', async () => {
    const r = await reportOf('nol', 300);
    await t.database.db.insertInto('settings').values({ key: 'retention_reporter_months', value: '0' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: '0' })).execute();
    try {
      await applyRetention(t.database.db, now);
      expect((await report(r.id)).reporter_email).to.equal(`nol.${tag}@contoh.id`);
    } finally {
      await t.database.db.deleteFrom('settings').where('key', '=', 'retention_reporter_months').execute();
    }
  });
});
