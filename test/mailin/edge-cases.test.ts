import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import iconv from 'iconv-lite';
import { removeAttachmentFiles } from '../../src/mailin/attachments.js';
import { classifyMail } from '../../src/mailin/classify.js';
import { contentHash } from '../../src/mailin/dedupe.js';
import { type InboundMail, parseMail } from '../../src/mailin/parse.js';
import { photo } from '../attachments/fixtures.js';

/**
 * Mail edge cases of issue 22: machine reports (RFC 6522 multipart/report of every type,
 * RFC 5965 ARF, RFC 8098 MDN), undeclared 8-bit charsets, and parts that are not
 * attachments (forwarded messages, text files, signatures). The intake's side (what is
 * recorded, shown and never answered) is in edge-cases-intake.test.ts.
 */
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const OWN = { ownAddresses: ['pengaduan@patikab.go.id'] };
const uploads = { maxFiles: 5, maxFileBytes: 10 * 1024 * 1024 };

describe('mail edge cases: machine reports, undeclared charsets, forwarded parts', () => {
  let tmpDir: string;
  const parsed: InboundMail[] = [];
  const parse = async (raw: Buffer | string) => {
    const mail = await parseMail(Buffer.isBuffer(raw) ? raw : Buffer.from(raw.replace(/\r?\n/g, '\r\n')), { uploads, tmpDir });
    parsed.push(mail);
    return mail;
  };
  const fixture = (name: string) => parse(fs.readFileSync(path.join(FIXTURES, name)));

  beforeEach(async () => {
    tmpDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'mailin-edge-'));
  });
  afterEach(async () => {
    await Promise.all(parsed.splice(0).map((m) => removeAttachmentFiles(m.attachments)));
    expect(await fs.promises.readdir(tmpDir)).to.deep.equal([]);
    await fs.promises.rm(tmpDir, { recursive: true, force: true });
  });

  describe('machine mail', () => {
    it('RFC 5965 appendix B.1: an ARF abuse report is machine mail, its feedback type and agent named', async () => {
      const kind = classifyMail(await fixture('arf-rfc5965.eml'), OWN);
      expect(kind).to.deep.equal({
        kind: 'machine',
        reason: 'multipart/report; report-type=feedback-report: ARF abuse feedback report (RFC 5965)',
        summary: 'Feedback-Type: abuse; User-Agent: SomeGenerator/1.0',
        originalMessageId: '8787KJKJ3K4J3K4J3K4J3.mail@example.net',
      });
    });

    it('an ISP feedback loop reporting our acknowledgement (headers only): the fields, and our Message-ID to find its report', async () => {
      const kind = classifyMail(await fixture('arf-isp.eml'), OWN);
      expect(kind).to.include({ kind: 'machine', originalMessageId: 'epg.PTI26110042.c17.0123456789abcdef0123@patikab.go.id' });
      expect(kind.kind === 'machine' && kind.summary).to.equal(
        'Feedback-Type: abuse; User-Agent: ExampleFBL/2.3; Reported-Domain: patikab.go.id; Source-IP: 203.0.113.10; ' +
          'Original-Mail-From: <pengaduan@patikab.go.id>; Arrival-Date: Tue, 1 Dec 2026 01:58:02 +0000',
      );
    });

    it('RFC 8098 read receipt: machine mail, with the disposition and the mail it is about', async () => {
      const kind = classifyMail(await fixture('mdn-rfc8098.eml'), OWN);
      expect(kind).to.deep.equal({
        kind: 'machine',
        reason: 'multipart/report; report-type=disposition-notification: read receipt (RFC 8098)',
        summary: 'Reporting-UA: joko-pc.desa.example.id; Foomail 97.1; Disposition: manual-action/MDN-sent-manually; displayed; Final-Recipient: rfc822;joko@desa.example.id',
        originalMessageId: 'epg.PTI26110042.c3.aaaabbbbccccddddeeee@patikab.go.id',
      });
    });

    it('any other report-type (TLS reports, types not yet invented, none at all) is machine mail; a DSN stays a bounce', async () => {
      for (const type of ['tlsrpt', 'x-vendor-report', '']) {
        const raw = [
          'From: Pelapor Otomatis <reports@mail.example.org>',
          'To: pengaduan@patikab.go.id',
          'Subject: Report',
          `Content-Type: multipart/report;${type ? ` report-type=${type};` : ''} boundary="r"`,
          '',
          '--r',
          'Content-Type: text/plain',
          '',
          'Jalan rusak, mohon diperbaiki.',
          '--r',
          'Content-Type: application/json',
          '',
          '{"policies": []}',
          '--r--',
          '',
        ].join('\n');
        expect(classifyMail(await parse(raw), OWN), type).to.include({ kind: 'machine' });
      }
      expect(classifyMail(await fixture('bounce-dsn.eml'), OWN)).to.include({ kind: 'bounce', originalMessageId: 'r.PTI-2611-0050.x9y8@pengaduan.patikab.go.id' });
    });

    it('abuse desks, feedback loops and no-reply senders are machine mail whatever they send; people are not', async () => {
      const from = (address: string) => parse(`From: ${address}\nTo: pengaduan@patikab.go.id\nSubject: Jalan rusak\n\nJalan di depan pasar rusak.`);
      for (const address of ['abuse@isp.example.net', 'Abuse Desk <abuse-desk@isp.example.net>', 'fbl@isp.example.net', 'scomp@aol.example.net', 'noreply@bank.example.com', 'no-reply@accounts.example.com', 'do-not-reply@app.example.org', 'noreply+fbl@mail.example.com']) {
        expect(classifyMail(await from(address), OWN), address).to.include({ kind: 'machine' });
      }
      for (const address of ['abusman@example.id', 'noreen@example.id', 'warga.abuse@example.id', 'Reply Santoso <reply@example.id>']) {
        expect(classifyMail(await from(address), OWN), address).to.deep.equal({ kind: 'report' });
      }
    });
  });

  describe('undeclared 8-bit charsets', () => {
    const raw = (head: (string | Buffer)[], body: Buffer) =>
      Buffer.concat([...head.flatMap((h) => [Buffer.isBuffer(h) ? h : Buffer.from(h), Buffer.from('\r\n')]), Buffer.from('\r\n'), body]);

    it('KOI8-R without any Content-Type: body, subject and display name decoded, no U+FFFD', async () => {
      const koi = (s: string) => iconv.encode(s, 'koi8-r');
      const mail = await parse(
        raw(
          [Buffer.concat([Buffer.from('From: '), koi('Сергей Иванов'), Buffer.from(' <sergey@mail.example.ru>')]), 'To: pengaduan@patikab.go.id', Buffer.concat([Buffer.from('Subject: '), koi('Дорога разрушена')]), 'Message-ID: <koi8@example.ru>'],
          koi('Здравствуйте! Дорога возле школы разрушена уже месяц, после дождя там огромные ямы. Просим отремонтировать.\r\n'),
        ),
      );
      expect(mail.subject).to.equal('Дорога разрушена');
      expect(mail.from).to.deep.equal({ name: 'Сергей Иванов', address: 'sergey@mail.example.ru' });
      expect(mail.text).to.equal('Здравствуйте! Дорога возле школы разрушена уже месяц, после дождя там огромные ямы. Просим отремонтировать.');
      expect(mail.subject + mail.from!.name + mail.fullText).to.not.contain('\uFFFD');
    });

    it('windows-1252 / ISO-8859-1 Indonesian with accents, undeclared, in the body, subject and name', async () => {
      const text = 'Selamat pagi Pak René, kafé di depan SD Négeri 2 buka sampai larut — suaranya mengganggu. Suhu 30°C, warga tidak bisa tidur.';
      for (const charset of ['windows-1252', 'iso-8859-1']) {
        const body = charset === 'iso-8859-1' ? text.replace('—', '-') : text;
        const enc = (s: string) => iconv.encode(s, charset);
        const mail = await parse(
          raw([Buffer.concat([Buffer.from('From: '), enc('André Kurniawan'), Buffer.from(' <andre@example.net>')]), Buffer.concat([Buffer.from('Subject: '), enc('Kafé bising di Jalan Pemuda')]), 'Content-Type: text/plain', 'Content-Transfer-Encoding: 8bit'], enc(`${body}\r\n`)),
        );
        expect(mail.text, charset).to.equal(body);
        expect(mail.subject, charset).to.equal('Kafé bising di Jalan Pemuda');
        expect(mail.from?.name, charset).to.equal('André Kurniawan');
      }
    });

    it('a raw 8-bit subject in a mail that declares its body charset takes that charset', async () => {
      const mail = await parse(
        raw([Buffer.concat([Buffer.from('Subject: '), iconv.encode('Jalan rusak di Désa Tayu', 'latin1')]), 'From: warga@example.id', 'Content-Type: text/plain; charset=iso-8859-1'], iconv.encode('Mohon segera diperbaiki, Pak Lurah René.\r\n', 'latin1')),
      );
      expect(mail.subject).to.equal('Jalan rusak di Désa Tayu');
      expect(mail.text).to.equal('Mohon segera diperbaiki, Pak Lurah René.');
    });

    it('an undeclared text part in a multipart mail, and an undeclared quoted-printable one', async () => {
      const mail = await parse(
        raw(
          ['From: warga@example.id', 'Subject: Banjir', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="x"'],
          Buffer.concat([Buffer.from('--x\r\nContent-Type: text/plain\r\n\r\n'), iconv.encode('Banjir di Désa Kébon setinggi lutut.\r\n', 'windows-1252'), Buffer.from('--x--\r\n')]),
        ),
      );
      expect(mail.text).to.equal('Banjir di Désa Kébon setinggi lutut.');
      const qp = await parse(raw(['From: warga@example.id', 'Subject: Banjir', 'Content-Transfer-Encoding: quoted-printable'], Buffer.from('Air masuk ke rumah Pak Andr=E9 di Kal=E9n.\r\n')));
      expect(qp.text).to.equal('Air masuk ke rumah Pak André di Kalén.');
    });

    it('valid UTF-8 stays UTF-8, declared or not, in headers too; the mail bytes are not touched', async () => {
      const text = 'Jalan di Désa Kébon rusak — mohon 🙏 diperbaiki. Сергей';
      const mail = await parse(raw(['From: Désa Kébon <desa@example.id>', 'Subject: Désa Kébon — jalan rusak'], Buffer.from(`${text}\r\n`)));
      expect(mail.text).to.equal(text);
      expect(mail.subject).to.equal('Désa Kébon — jalan rusak');
      expect(mail.from?.name).to.equal('Désa Kébon');
    });
  });

  describe('parts that are not attachments', () => {
    const forwardedComplaint = [
      'From: Siti Aminah <siti.aminah88@example.id>',
      'To: Kades Tayu Wetan <kades@example.id>',
      'Subject: Jalan berlubang di RT 02',
      'Date: Wed, 25 Nov 2026 20:14:00 +0700',
      'Message-ID: <inner-1@example.id>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Pak Kades, jalan di RT 02 berlubang besar di depan mushola. Sudah 2 motor jatuh.',
      '--inner',
      'Content-Type: image/jpeg; name="lubang.jpg"',
      'Content-Disposition: attachment; filename="lubang.jpg"',
      'Content-Transfer-Encoding: base64',
      '',
      '@PHOTO@',
      '--inner--',
      '',
    ].join('\r\n');

    it('a forwarded message (.eml): its text in the report with From, Date and Subject, its photo kept, the part named as skipped', async () => {
      const jpeg = await photo('jpeg');
      const inner = forwardedComplaint.replace('@PHOTO@', jpeg.toString('base64').replace(/.{76}/g, '$&\r\n'));
      const mail = await parse(
        [
          'From: Kepala Desa <kades@example.id>',
          'To: pengaduan@patikab.go.id',
          'Subject: Fwd: Jalan berlubang di RT 02',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="outer"',
          '',
          '--outer',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Mohon ditindaklanjuti, keluhan warga kami terlampir.',
          '--outer',
          'Content-Type: message/rfc822',
          'Content-Disposition: attachment; filename="keluhan warga.eml"',
          '',
          inner,
          '--outer',
          'Content-Type: application/pkcs7-signature; name="smime.p7s"',
          'Content-Disposition: attachment; filename="smime.p7s"',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from('0\x82\x05\x00signature bytes').toString('base64'),
          '--outer--',
          '',
        ].join('\n'),
      );
      expect(mail.text).to.equal(
        'Mohon ditindaklanjuti, keluhan warga kami terlampir.\n\n' +
          '---------- Pesan diteruskan ----------\n' +
          'Dari: Siti Aminah <siti.aminah88@example.id>\n' +
          'Tanggal: Wed, 25 Nov 2026 20:14:00 +0700\n' +
          'Subjek: Jalan berlubang di RT 02\n' +
          'Kepada: Kades Tayu Wetan <kades@example.id>\n\n' +
          'Pak Kades, jalan di RT 02 berlubang besar di depan mushola. Sudah 2 motor jatuh.',
      );
      expect(mail.fullText).to.contain('---------- Pesan diteruskan ----------');
      expect(mail.attachments.map((a) => [a.originalname, a.contentType])).to.deep.equal([['lubang.jpg', 'image/jpeg']]);
      expect(mail.skipped.map((s) => [s.name, s.contentType, s.reason])).to.deep.equal([
        ['keluhan warga.eml', 'message/rfc822', 'forwarded'],
        ['smime.p7s', 'application/pkcs7-signature', 'signature'],
      ]);
    });

    it('a text file: its text kept (in its charset), the file named as skipped; the body never dropped', async () => {
      const chronology = iconv.encode('Tanggal 3: pipa PDAM pecah di depan rumah Pak René.\r\nTanggal 5: belum ada petugas datang.\r\n', 'windows-1252');
      const mail = await parse(
        Buffer.concat([
          Buffer.from(
            [
              'From: warga@example.id',
              'To: pengaduan@patikab.go.id',
              'Subject: Kronologi',
              'MIME-Version: 1.0',
              'Content-Type: multipart/mixed; boundary="b"',
              '',
              '--b',
              'Content-Type: text/plain; charset=utf-8',
              '',
              'Kronologi kejadian ada di berkas terlampir.',
              '--b',
              'Content-Type: text/plain; name="kronologi.txt"',
              'Content-Disposition: attachment; filename="kronologi.txt"',
              '',
              '',
            ].join('\r\n'),
          ),
          chronology,
          Buffer.from('--b--\r\n'),
        ]),
      );
      expect(mail.text).to.equal(
        'Kronologi kejadian ada di berkas terlampir.\n\n---------- Lampiran teks: kronologi.txt ----------\n' +
          'Tanggal 3: pipa PDAM pecah di depan rumah Pak René.\nTanggal 5: belum ada petugas datang.',
      );
      // The line end before the boundary belongs to the boundary (RFC 2046 section 5.1.1).
      expect(mail.skipped).to.deep.equal([{ name: 'kronologi.txt', contentType: 'text/plain', size: chronology.length - 2, reason: 'text' }]);
    });

    it('a mail whose only content is a forwarded message still has that text', async () => {
      const inner = forwardedComplaint.replace('@PHOTO@', '');
      const mail = await parse(['From: kades@example.id', 'Subject: Fwd', 'Content-Type: message/rfc822', '', inner].join('\r\n'));
      expect(mail.text).to.contain('---------- Pesan diteruskan ----------').and.contain('berlubang besar di depan mushola');
    });
  });

  it('the content hash ignores what each delivery adds, and nothing else', () => {
    const mail = 'From: a@example.id\r\nSubject: Jalan\r\nMessage-ID: <1@example.id>\r\n\r\nJalan rusak.\r\n';
    const delivered = `Return-Path: <a@example.id>\r\nDelivered-To: pengaduan@patikab.go.id\r\nReceived: from x\r\n\tby y; Mon, 1 Dec 2026\r\n${mail}`;
    expect(contentHash(Buffer.from(delivered))).to.equal(contentHash(Buffer.from(mail)));
    expect(contentHash(Buffer.from(mail.replace('rusak', 'retak')))).to.not.equal(contentHash(Buffer.from(mail)));
    expect(contentHash(Buffer.from(mail.replace('Subject: Jalan', 'Subject: Jembatan')))).to.not.equal(contentHash(Buffer.from(mail)));
  });
});
