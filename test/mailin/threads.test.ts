import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { staffApi } from '../answers/helpers.js';
import { agencyId, loginAs } from '../helpers/app.js';
import { advanceTo } from '../helpers/reports.js';
import { citizenAddress, composeMail, INTAKE, type MailWorld, startMailWorld } from './helpers.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

describe('reports by e-mail: conversations, and mail from real mail programs', function () {
  this.timeout(60_000);
  let world: MailWorld;
  before(async () => {
    world = await startMailWorld();
  });
  after(() => world?.close());

  const db = () => world.t.database.db;
  const pass = () => world.pass();
  async function reportByMail(from: string, subject: string, text: string) {
    const sent = await composeMail({ from, to: INTAKE, subject, text });
    await world.imap.append(sent);
    await pass();
    const report = await db().selectFrom('reports').selectAll().where('reporter_email', '=', from).executeTakeFirstOrThrow();
    const firstId = /^Message-ID: <([^>]+)>/im.exec(sent.toString())![1]!;
    return { report, firstId };
  }
  const reply = (from: string, to: { headers: Record<string, string>; subject: string }, text: string) =>
    composeMail({ from, to: INTAKE, subject: `Re: ${to.subject}`, inReplyTo: to.headers['message-id'], references: [to.headers['message-id']!], text });

  it('threads our answer under the citizen’s first mail, and a reply to it re-opens the report', async () => {
    const citizen = citizenAddress();
    const { report, firstId } = await reportByMail(citizen, 'Lampu taman padam', 'Lampu di taman alun-alun padam semua sejak kemarin malam.');
    await advanceTo(db(), report.id, 'in_progress');
    const staff = await staffApi(world.t, 'agency_staff');
    const head = await staffApi(world.t, 'agency_head');
    const base = `/api/v1/staff/reports/${report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body: 'Petugas sudah mengganti sekring panel lampu taman pada hari ini.' }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);
    await pass();
    const answer = world.smtp.mailsTo(citizen).find((m) => m.subject.startsWith('Jawaban'))!;
    expect(answer.headers['in-reply-to']).to.equal(`<${firstId}>`);
    expect(answer.headers['reply-to']).to.contain(INTAKE);

    await world.imap.append(await reply(citizen, answer, 'Lampu di sisi utara taman masih padam, mohon dicek lagi.'));
    await pass();
    const after = await db().selectFrom('reports').select('status').where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(after.status).to.equal('in_progress');
    const messages = await db().selectFrom('messages').select(['kind', 'body']).where('report_id', '=', report.id).where('kind', '=', 'citizen_reply').execute();
    expect(messages).to.deep.equal([{ kind: 'citizen_reply', body: 'Lampu di sisi utara taman masih padam, mohon dicek lagi.' }]);
  });

  it('keeps a staff member’s reply to a notification as an internal note the citizen never sees', async () => {
    const citizen = citizenAddress();
    const { report } = await reportByMail(citizen, 'Trotoar rusak', 'Trotoar di Jalan Diponegoro rusak dan membahayakan pejalan kaki.');
    const dpupr = await agencyId(world.t.database, 'dpupr');
    const head = await loginAs(world.t, 'agency_head', { agencyId: dpupr });
    const coordinator = await staffApi(world.t, 'coordinator');
    await coordinator.post(`/api/v1/staff/reports/${report.tracking_code}/actions`, { action: 'forward', agency: 'dpupr' }).expect(200);
    await pass();
    const notice = world.smtp.mailsTo(head.user.email).find((m) => m.text?.includes(report.title))!;
    expect(notice.headers['message-id']).to.match(/^<epg\.[0-9A-Z]{8}\.s\d+\./);
    const secret = 'Anggaran trotoar baru tersedia bulan Februari.';
    await world.imap.append(await composeMail({ from: head.user.email, to: INTAKE, subject: `Re: ${notice.subject}`, inReplyTo: notice.headers['message-id'], text: secret }));
    await pass();
    const note = await db().selectFrom('messages').select(['kind', 'visibility', 'author_user_id']).where('report_id', '=', report.id).where('body', '=', secret).executeTakeFirstOrThrow();
    expect(note).to.deep.equal({ kind: 'internal_note', visibility: 'internal', author_user_id: head.user.id });
    // The citizen's own view, opened with the key from their acknowledgement.
    const key = /\/lacak\/[0-9A-Z]{8}\?k=([0-9A-Za-z]+)/.exec(world.smtp.mailsTo(citizen)[0]!.text!)![1]!;
    const api = await supertest(world.t.app).get(`/api/v1/reports/${report.tracking_code}`).set('X-Tracking-Token', key).expect(200);
    expect(api.text).to.not.contain(secret);
    expect(world.smtp.mailsTo(citizen).map((m) => m.text).join()).to.not.contain(secret);
  });

  it('keeps a reply to a closed report for staff, without re-opening it', async () => {
    const citizen = citizenAddress();
    const { report } = await reportByMail(citizen, 'Parit tersumbat', 'Parit di depan rumah kami tersumbat sampah plastik.');
    await db().updateTable('reports').set({ status: 'resolved' }).where('id', '=', report.id).execute();
    const ack = world.smtp.mailsTo(citizen)[0]!;
    await world.imap.append(await reply(citizen, ack, 'Terima kasih, paritnya sudah bersih sekarang.'));
    await pass();
    const after = await db().selectFrom('reports').select('status').where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(after.status).to.equal('resolved');
    const kept = await db().selectFrom('messages').select('body').where('report_id', '=', report.id).execute();
    expect(kept.map((m) => m.body)).to.include('Terima kasih, paritnya sudah bersih sekarang.');
  });

  it('reads mail from Gmail, Outlook, Yahoo, iPhone, forwards, HTML-only and ISO-8859-1 as reports; skips the rest', async () => {
    const expected: Record<string, { outcome: string; text?: string }> = {
      'gmail-reply.eml': { outcome: 'report', text: 'Lampu di depan balai desa sudah menyala' },
      'outlook-reply.eml': { outcome: 'report', text: 'Warga menyebutnya “kali mati”' },
      'yahoo.eml': { outcome: 'report' },
      'iphone.eml': { outcome: 'report' },
      'forwarded.eml': { outcome: 'report', text: 'jalan di RT 02 RW 01 berlubang besar' },
      'html-only.eml': { outcome: 'report' },
      'iso-8859-1.eml': { outcome: 'report', text: 'Kafé tanpa izin' },
      'ooo-en.eml': { outcome: 'auto_reply' },
      'ooo-id.eml': { outcome: 'auto_reply' },
      'bounce-dsn.eml': { outcome: 'bounce' },
    };
    for (const name of Object.keys(expected)) await world.imap.append(await fs.promises.readFile(path.join(FIXTURES, name)));
    await pass();
    for (const [name, want] of Object.entries(expected)) {
      const raw = (await fs.promises.readFile(path.join(FIXTURES, name))).toString();
      const id = /^Message-ID:\s*<([^>]+)>/im.exec(raw)![1]!;
      const row = await db().selectFrom('inbound_mails').select(['outcome', 'report_id']).where('message_id', '=', id).executeTakeFirstOrThrow();
      expect(row.outcome, name).to.equal(want.outcome);
      if (want.outcome !== 'report') continue;
      const report = await db().selectFrom('reports').select(['body', 'channel']).where('id', '=', row.report_id!).executeTakeFirstOrThrow();
      expect(report.channel).to.equal('email');
      expect(report.body, name).to.not.match(/<(script|style|img|p|div)\b/i);
      if (want.text) expect(report.body, name).to.contain(want.text);
    }
    const iphone = await db()
      .selectFrom('attachments as a')
      .innerJoin('inbound_mails as m', 'm.report_id', 'a.report_id')
      .select('a.mime_type')
      .where('m.message_id', 'like', '%')
      .where('m.subject', '=', 'Sampah menumpuk di pasar Juwana')
      .execute();
    expect(iphone.map((a) => a.mime_type)).to.include('image/jpeg');
  });
});
