import { expect } from 'chai';
import sharp from 'sharp';
import { loginAs } from '../helpers/app.js';
import { citizenAddress, composeMail, INTAKE, type MailWorld, startMailWorld } from './helpers.js';

describe('reports by e-mail: intake from a real IMAP mailbox', function () {
  this.timeout(60_000);
  let world: MailWorld;
  before(async () => {
    world = await startMailWorld({ MAIL_SENDER_LIMIT_PER_HOUR: '5' });
  });
  after(() => world?.close());

  const db = () => world.t.database.db;
  const pass = () => world.pass();
  const reportsFrom = (address: string) => db().selectFrom('reports').selectAll().where('reporter_email', '=', address).execute();

  it('makes a report from a new mail, acknowledges it in the same thread, and moves the mail', async () => {
    const citizen = citizenAddress();
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#884422' } }).jpeg().toBuffer();
    const raw = await composeMail({
      from: `Siti Aminah <${citizen}>`,
      to: INTAKE,
      subject: 'Lampu jalan mati di Jalan Kartini',
      text: 'Sudah seminggu lampu jalan di depan SD Kartini mati, jalan gelap sekali pada malam hari.\n\n-- \nDikirim dari iPhone saya',
      attachments: [{ filename: 'lampu.jpg', content: photo, contentType: 'image/jpeg' }],
    });
    await world.imap.append(raw);
    expect(await pass()).to.equal(1);

    const [report] = await reportsFrom(citizen);
    expect(report).to.include({ channel: 'email', title: 'Lampu jalan mati di Jalan Kartini', reporter_name: 'Siti Aminah', status: 'submitted' });
    expect(report!.body).to.contain('lampu jalan di depan SD Kartini mati').and.not.contain('iPhone');
    const files = await db().selectFrom('attachments').select(['mime_type', 'original_name']).where('report_id', '=', report!.id).execute();
    expect(files).to.deep.equal([{ mime_type: 'image/jpeg', original_name: 'lampu.jpg' }]);
    // Staff can read the mail as it came, signature and all, in case the cut took too much.
    const coordinator = await loginAs(world.t, 'coordinator');
    // It carries the sender's signature, so it comes with the identity, after the recorded reveal.
    const staffPage = await coordinator.agent.get(`/staf/laporan/${report!.tracking_code}`).expect(200);
    expect(staffPage.text).to.not.contain('Dikirim dari iPhone saya');
    const token = /name="_csrf" value="([^"]+)"/.exec(staffPage.text)![1]!;
    const revealed = await coordinator.agent.post(`/staf/laporan/${report!.tracking_code}/identitas`).type('form').send({ _csrf: token }).expect(200);
    expect(revealed.text).to.contain('Surel asli').and.contain('Dikirim dari iPhone saya');

    // Out of the inbox, into the processed folder: nothing is read twice.
    expect(await world.imap.list('INBOX')).to.have.length(0);
    expect((await world.imap.list('Diproses')).length).to.be.greaterThan(0);

    const [ack] = world.smtp.mailsTo(citizen);
    expect(ack, 'acknowledgement').to.be.an('object');
    const sentId = /^<([^>]+)>$/.exec(raw.toString().match(/^Message-ID: (.+)$/im)![1]!.trim())![1];
    expect(ack!.headers['in-reply-to']).to.equal(`<${sentId}>`);
    expect(ack!.headers['reply-to']).to.contain(INTAKE);
    expect(ack!.headers['message-id']).to.match(new RegExp(`^<epg\\.${report!.tracking_code}\\.c\\d+\\.[0-9a-f]{20}@patikab\\.go\\.id>$`));
    expect(ack!.subject).to.equal(`Re: Lampu jalan mati di Jalan Kartini [${report!.tracking_code.slice(0, 4)}-${report!.tracking_code.slice(4)}]`);
    expect(ack!.text).to.contain(`${report!.tracking_code.slice(0, 4)}-${report!.tracking_code.slice(4)}`);
  });

  it('threads a reply to our mail into its report, and never a forged one or a stranger’s subject code', async () => {
    const citizen = citizenAddress();
    await world.imap.append(await composeMail({ from: citizen, to: INTAKE, subject: 'Sampah menumpuk di pasar', text: 'Sampah di Pasar Puri menumpuk sejak hari Senin dan berbau.' }));
    await pass();
    const [report] = await reportsFrom(citizen);
    const ack = world.smtp.mailsTo(citizen)[0]!;
    const ourId = ack.headers['message-id']!;

    // The citizen answers our acknowledgement, quoting it.
    await world.imap.append(
      await composeMail({
        from: citizen,
        to: INTAKE,
        subject: `Re: ${ack.subject}`,
        inReplyTo: ourId,
        references: [ourId],
        text: 'Tambahan: lokasinya di sisi timur pasar, dekat los ikan.\n\nPada Sen, 23 Nov 2026 pukul 10.12 e-Pengaduan menulis:\n> Laporan Anda sudah kami terima.',
      }),
    );
    await pass();
    expect(await reportsFrom(citizen)).to.have.length(1);
    const messages = await db().selectFrom('messages').select(['kind', 'body', 'visibility']).where('report_id', '=', report!.id).execute();
    expect(messages).to.deep.equal([{ kind: 'citizen_info', body: 'Tambahan: lokasinya di sisi timur pasar, dekat los ikan.', visibility: 'public' }]);

    // A made-up Message-ID naming the report, and the code in a stranger's subject: new reports.
    const stranger = citizenAddress('orang');
    const forged = ourId.replace(/\.([0-9a-f]{20})@/, (_m, sig: string) => `.${sig.replace(/^./, sig[0] === 'a' ? 'b' : 'a')}@`);
    await world.imap.append(await composeMail({ from: stranger, to: INTAKE, subject: 'Re: laporan', inReplyTo: forged, references: [forged], text: 'Saya ikut menambahkan keterangan palsu untuk laporan ini.' }));
    const code = `${report!.tracking_code.slice(0, 4)}-${report!.tracking_code.slice(4)}`;
    await world.imap.append(await composeMail({ from: stranger, to: INTAKE, subject: `Laporan ${code}`, text: 'Saya bukan pelapornya tetapi menyebut kodenya di subjek.' }));
    // The reporter's own subject code does thread.
    await world.imap.append(await composeMail({ from: citizen, to: INTAKE, subject: `Tentang laporan ${code}`, text: 'Sampahnya sekarang sudah sampai ke jalan raya.' }));
    await pass();
    expect(await reportsFrom(stranger)).to.have.length(2);
    expect(await reportsFrom(citizen)).to.have.length(1);
    const after = await db().selectFrom('messages').select('body').where('report_id', '=', report!.id).execute();
    expect(after.map((m) => m.body)).to.include('Sampahnya sekarang sudah sampai ke jalan raya.');
    expect(after.map((m) => m.body).join()).to.not.contain('palsu');
  });

  it('never makes a report of, nor answers, an auto-reply, our own mail, or a mail seen before', async () => {
    const citizen = citizenAddress();
    const before = world.smtp.mails.length;
    const ooo = await composeMail({
      from: citizen,
      to: INTAKE,
      subject: 'Balasan otomatis: Laporan diterima',
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'Saya sedang cuti sampai tanggal 30 November dan akan membalas setelahnya.',
    });
    await world.imap.append(ooo);
    await world.imap.append(await composeMail({ from: INTAKE, to: INTAKE, subject: 'Laporan diterima', text: 'Surel kami sendiri yang kembali ke kotak masuk.' }));
    const first = await composeMail({ from: citizen, to: INTAKE, subject: 'Jembatan retak', text: 'Jembatan di Desa Sukoharjo retak di bagian tengah.' });
    await world.imap.append(first);
    await world.imap.append(first); // delivered twice
    await pass();
    await world.imap.append(first); // and once more, later
    await pass();
    expect(await reportsFrom(citizen)).to.have.length(1);
    expect(await reportsFrom(INTAKE)).to.have.length(0);
    // One acknowledgement: for the one report, none for the auto-reply or our own mail.
    expect(world.smtp.mails.slice(before).map((m) => m.envelopeTo.join())).to.deep.equal([citizen]);
    const outcomes = await db().selectFrom('inbound_mails').select('outcome').where('from_address', 'in', [citizen, INTAKE]).execute();
    expect(outcomes.map((o) => o.outcome).sort()).to.deep.equal(['auto_reply', 'own', 'report']);
    expect(await world.imap.list('INBOX')).to.have.length(0);
  });

  it('attaches a bounce of our mail to its report for staff, and tells the citizen nothing', async () => {
    const citizen = citizenAddress();
    await world.imap.append(await composeMail({ from: citizen, to: INTAKE, subject: 'Air PDAM keruh', text: 'Air PDAM di rumah kami keruh sejak tiga hari lalu.' }));
    await pass();
    const [report] = await reportsFrom(citizen);
    const ourId = world.smtp.mailsTo(citizen)[0]!.headers['message-id']!;
    const before = world.smtp.mails.length;
    const bounce = await composeMail({
      from: 'Mail Delivery Subsystem <MAILER-DAEMON@mail.example.id>',
      to: INTAKE,
      subject: 'Undelivered Mail Returned to Sender',
      headers: { 'Auto-Submitted': 'auto-replied' },
      alternatives: [
        { contentType: 'message/delivery-status', content: `Reporting-MTA: dns; mail.example.id\r\n\r\nFinal-Recipient: rfc822; ${citizen}\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\r\n` },
        { contentType: 'text/rfc822-headers', content: `Message-ID: ${ourId}\r\nTo: ${citizen}\r\nSubject: Laporan diterima\r\n` },
      ],
      text: 'This is the mail system. Your message could not be delivered.',
    });
    // A DSN is multipart/report; MailComposer makes multipart/alternative, so set it by hand.
    const dsn = Buffer.from(bounce.toString().replace(/multipart\/alternative;/i, 'multipart/report; report-type=delivery-status;'));
    await world.imap.append(dsn);
    await pass();
    const events = await db().selectFrom('report_events').select(['type', 'visibility', 'reason']).where('report_id', '=', report!.id).where('type', '=', 'mail_bounced').execute();
    expect(events).to.have.length(1);
    expect(events[0]).to.include({ visibility: 'internal' });
    expect(events[0]!.reason).to.contain('5.1.1');
    expect(world.smtp.mails.length).to.equal(before);
    expect(await reportsFrom('mailer-daemon@mail.example.id')).to.have.length(0);
  });

  it('keeps a flood from one sender to the hourly limit, recording the rest', async () => {
    const citizen = citizenAddress('banjir');
    for (let i = 0; i < 7; i++) {
      await world.imap.append(await composeMail({ from: citizen, to: INTAKE, subject: `Laporan nomor ${i + 1} soal banjir`, text: `Banjir di RT ${i + 1} setinggi lutut sejak pagi tadi.` }));
    }
    await pass();
    expect(await reportsFrom(citizen)).to.have.length(5);
    const limited = await db().selectFrom('inbound_mails').select('outcome').where('from_address', '=', citizen).where('outcome', '=', 'limited').execute();
    expect(limited).to.have.length(2);
    expect(await world.imap.list('INBOX')).to.have.length(0);

    // Nothing vanishes: an admin sees the mails that made no report, and why.
    const admin = await loginAs(world.t, 'admin');
    const page = await admin.agent.get('/admin/surel-masuk?outcome=limited').expect(200);
    expect(page.text.split(citizen).length - 1).to.equal(2);
    expect(page.text).to.contain('Melebihi batas per pengirim');
    await (await loginAs(world.t, 'coordinator')).agent.get('/admin/surel-masuk').expect(403);
    await admin.agent.get('/admin/surel-masuk?outcome=bogus').expect(422);
  });
});
