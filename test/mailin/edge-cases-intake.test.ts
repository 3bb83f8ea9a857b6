import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import iconv from 'iconv-lite';
import { loginAs } from '../helpers/app.js';
import { citizenAddress, composeMail, INTAKE, type MailWorld, startMailWorld } from './helpers.js';

/**
 * Issue 22's mail edge cases end to end, through a real Dovecot mailbox and a real SMTP
 * server: machine mail is never a report nor answered, a re-used Message-ID does not
 * vanish, undeclared charsets make readable reports, and what a forward carries is kept.
 */
const FIXTURES = path.join(import.meta.dirname, 'fixtures');

describe('reports by e-mail: machine mail, re-used Message-IDs, charsets and forwards (real IMAP)', function () {
  this.timeout(60_000);
  let world: MailWorld;
  before(async () => {
    world = await startMailWorld();
  });
  after(() => world?.close());

  const db = () => world.t.database.db;
  const pass = () => world.pass();
  const reportsFrom = (address: string) => db().selectFrom('reports').selectAll().where('reporter_email', '=', address).execute();
  const outboxCount = async () => Number((await db().selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const inbound = (from: string) => db().selectFrom('inbound_mails').selectAll().where('from_address', '=', from).orderBy('id').execute();

  it('an ARF abuse report about our acknowledgement, an MDN and an abuse desk’s mail: no report, no answer, each listed with why', async () => {
    const citizen = citizenAddress();
    await world.imap.append(await composeMail({ from: citizen, to: INTAKE, subject: 'Saluran air tersumbat', text: 'Saluran air di depan rumah kami tersumbat sampah sejak minggu lalu.' }));
    await pass();
    const [report] = await reportsFrom(citizen);
    const ackId = world.smtp.mailsTo(citizen)[0]!.headers['message-id']!;
    const outboxBefore = await outboxCount();
    const mailsBefore = world.smtp.mails.length;

    // An ISP's feedback loop: a subscriber pressed "spam" on our acknowledgement.
    const arf = fs.readFileSync(path.join(FIXTURES, 'arf-isp.eml'), 'latin1').replace('<epg.PTI26110042.c17.0123456789abcdef0123@patikab.go.id>', ackId);
    await world.imap.append(Buffer.from(arf, 'latin1'));
    await world.imap.append(fs.readFileSync(path.join(FIXTURES, 'arf-rfc5965.eml')));
    await world.imap.append(fs.readFileSync(path.join(FIXTURES, 'mdn-rfc8098.eml')));
    // An abuse desk writing in prose, no report format at all.
    await world.imap.append(await composeMail({ from: 'Abuse Team <abuse@isp.example.net>', to: INTAKE, subject: 'Spam complaint regarding your server', text: 'We received complaints about mail from your server 203.0.113.10.' }));
    expect(await pass()).to.equal(4);

    expect(await outboxCount(), 'no acknowledgement queued').to.equal(outboxBefore);
    expect(world.smtp.mails.length, 'nothing sent').to.equal(mailsBefore);
    for (const sender of ['fbl@isp.example.net', 'abusedesk@example.com', 'joko@desa.example.id', 'abuse@isp.example.net']) {
      expect(await reportsFrom(sender), sender).to.have.length(0);
      expect((await inbound(sender)).map((m) => m.outcome), sender).to.deep.equal(['machine']);
    }
    // The report of the acknowledgement the abuse desk complained about is named.
    const [fbl] = await inbound('fbl@isp.example.net');
    expect(fbl!.report_id).to.equal(report!.id);
    expect(fbl!.detail).to.contain('ARF abuse feedback report (RFC 5965)').and.contain('Feedback-Type: abuse').and.contain('Source-IP: 203.0.113.10');

    const admin = await loginAs(world.t, 'admin');
    const page = await admin.agent.get('/admin/surel-masuk?outcome=machine').expect(200);
    expect(page.text).to.contain('fbl@isp.example.net').and.contain('Abuse report: Laporan Anda diterima');
    expect(page.text).to.contain('Surel mesin').and.contain('ARF abuse feedback report (RFC 5965)').and.contain('read receipt (RFC 8098)').and.contain('abuse desk or no-reply sender');
    expect(page.text).to.contain(`/staf/laporan/${report!.tracking_code}`);
  });

  it('a different mail with a known Message-ID makes no report but is listed with its sender and subject; the same mail again is not', async () => {
    const first = citizenAddress('pertama');
    const second = citizenAddress('kedua');
    const messageId = `<reused.${Date.now()}@app.example.id>`;
    const original = await composeMail({ from: first, to: INTAKE, subject: 'Lampu jalan mati', text: 'Lampu jalan di Gang Mawar mati sejak tiga hari.', messageId });
    const other = await composeMail({ from: `Budi Kedua <${second}>`, to: INTAKE, subject: 'Pohon tumbang di Jalan Melati', text: 'Pohon besar tumbang menutup jalan.', messageId });
    await world.imap.append(original);
    await pass();
    const outboxBefore = await outboxCount();
    await world.imap.append(other);
    await world.imap.append(original); // the same mail again, byte for byte
    // And once more through another route: the receiving server's trace fields differ.
    await world.imap.append(Buffer.concat([Buffer.from('Received: from relay2.example.id by mx.patikab.go.id; Tue, 1 Dec 2026 10:00:00 +0700\r\nDelivered-To: aduan@patikab.go.id\r\n'), original]));
    await pass();
    await world.imap.append(other); // the different one again: listed once
    await pass();

    const [report] = await reportsFrom(first);
    expect(await reportsFrom(first)).to.have.length(1);
    expect(await reportsFrom(second)).to.have.length(0);
    expect(await outboxCount(), 'nothing answered').to.equal(outboxBefore);
    expect((await inbound(first)).map((m) => m.outcome)).to.deep.equal(['report']);
    const listed = await inbound(second);
    expect(listed.map((m) => [m.outcome, m.subject, m.report_id])).to.deep.equal([['duplicate_id', 'Pohon tumbang di Jalan Melati', report!.id]]);
    expect(await world.imap.list('INBOX')).to.have.length(0);

    const admin = await loginAs(world.t, 'admin');
    const page = await admin.agent.get('/admin/surel-masuk?outcome=duplicate_id').expect(200);
    expect(page.text).to.contain(second).and.contain('Pohon tumbang di Jalan Melati');
    expect(page.text).to.contain('Message-ID sama dengan surel yang sudah diterima').and.contain(messageId.replace(/[<>]/g, ''));
    expect(page.text).to.not.contain(first);
  });

  it('a KOI8-R mail without a Content-Type and a windows-1252 one make reports in readable letters', async () => {
    const koiSender = citizenAddress('sergey');
    const koi = (s: string) => iconv.encode(s, 'koi8-r');
    await world.imap.append(
      Buffer.concat([
        Buffer.from('From: '),
        koi('Сергей Иванов'),
        Buffer.from(` <${koiSender}>\r\nTo: ${INTAKE}\r\nSubject: `),
        koi('Дорога разрушена'),
        Buffer.from(`\r\nMessage-ID: <koi8.${Date.now()}@mail.example.ru>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0300\r\n\r\n`),
        koi('Здравствуйте! Дорога возле школы разрушена уже месяц, после дождя там огромные ямы.\r\n'),
      ]),
    );
    const latinSender = citizenAddress('rene');
    const cp = (s: string) => iconv.encode(s, 'windows-1252');
    await world.imap.append(
      Buffer.concat([
        Buffer.from('From: '),
        cp('René Saragih'),
        Buffer.from(` <${latinSender}>\r\nTo: ${INTAKE}\r\nSubject: `),
        cp('Kafé bising di Jalan Pemuda'),
        Buffer.from(`\r\nMessage-ID: <cp.${Date.now()}@mail.example.id>\r\nContent-Type: text/plain\r\n\r\n`),
        cp('Kafé di depan SD Négeri 2 buka sampai larut — suaranya mengganggu warga.\r\n'),
      ]),
    );
    await pass();
    const [ru] = await reportsFrom(koiSender);
    expect(ru).to.include({ title: 'Дорога разрушена', reporter_name: 'Сергей Иванов' });
    expect(ru!.body).to.equal('Здравствуйте! Дорога возле школы разрушена уже месяц, после дождя там огромные ямы.');
    const [id] = await reportsFrom(latinSender);
    expect(id).to.include({ title: 'Kafé bising di Jalan Pemuda', reporter_name: 'René Saragih', body: 'Kafé di depan SD Négeri 2 buka sampai larut — suaranya mengganggu warga.' });
  });

  it('a forward as .eml with a text file and an S/MIME signature: the texts in the report, the parts and why on the staff page', async () => {
    const kades = citizenAddress('kades');
    const inner = [
      'From: Siti Aminah <siti.aminah88@example.id>',
      'To: Kades <kades@example.id>',
      'Subject: Jalan berlubang di RT 02',
      'Date: Wed, 25 Nov 2026 20:14:00 +0700',
      'Message-ID: <inner.forward@example.id>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Pak Kades, jalan di RT 02 berlubang besar di depan mushola. Sudah 2 motor jatuh.',
      '',
    ].join('\r\n');
    const raw = await composeMail({
      from: `Kepala Desa <${kades}>`,
      to: INTAKE,
      subject: 'Fwd: Jalan berlubang di RT 02',
      text: 'Mohon ditindaklanjuti, keluhan warga kami terlampir.',
      attachments: [
        { filename: 'keluhan warga.eml', content: inner, contentType: 'message/rfc822' },
        { filename: 'kronologi.txt', content: 'Tanggal 3: lubang mulai terlihat.\nTanggal 5: motor pertama jatuh.', contentType: 'text/plain' },
        { filename: 'smime.p7s', content: Buffer.from('0\x82\x05\x00 signature'), contentType: 'application/pkcs7-signature' },
      ],
    });
    await world.imap.append(raw);
    await pass();
    const [report] = await reportsFrom(kades);
    expect(report!.body).to.equal(
      'Mohon ditindaklanjuti, keluhan warga kami terlampir.\n\n' +
        '---------- Pesan diteruskan ----------\nDari: Siti Aminah <siti.aminah88@example.id>\nTanggal: Wed, 25 Nov 2026 20:14:00 +0700\n' +
        'Subjek: Jalan berlubang di RT 02\nKepada: Kades <kades@example.id>\n\n' +
        'Pak Kades, jalan di RT 02 berlubang besar di depan mushola. Sudah 2 motor jatuh.\n\n' +
        '---------- Lampiran teks: kronologi.txt ----------\nTanggal 3: lubang mulai terlihat.\nTanggal 5: motor pertama jatuh.',
    );
    expect(await db().selectFrom('attachments').select('id').where('report_id', '=', report!.id).execute()).to.have.length(0);

    // Staff see which parts were not kept as files, and why, with the mail as it came.
    const coordinator = await loginAs(world.t, 'coordinator');
    const staffPage = await coordinator.agent.get(`/staf/laporan/${report!.tracking_code}`).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(staffPage.text)![1]!;
    const revealed = await coordinator.agent.post(`/staf/laporan/${report!.tracking_code}/identitas`).type('form').send({ _csrf: token }).expect(200);
    const parts = [...revealed.text.matchAll(/<li data-testid="skipped-part">([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    expect(parts).to.have.length(3);
    expect(parts[0]).to.contain('keluhan warga.eml').and.contain('pesan yang diteruskan: teksnya dimasukkan ke isi laporan');
    expect(parts[1]).to.contain('kronologi.txt').and.contain('berkas teks: isinya dimasukkan ke isi laporan');
    expect(parts[2]).to.contain('smime.p7s').and.contain('tanda tangan digital surel');
  });
});
