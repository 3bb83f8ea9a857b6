import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { inspectUploads } from '../../src/attachments/inspect.js';
import { removeAttachmentFiles } from '../../src/mailin/attachments.js';
import { type InboundMail, MailParseError, parseMail } from '../../src/mailin/parse.js';
import { noisyJpeg, pdf, photo } from '../attachments/fixtures.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const uploads = { maxFiles: 5, maxFileBytes: 10 * 1024 * 1024 };

describe('mail parsing', () => {
  let tmpDir: string;
  const parsed: InboundMail[] = [];
  const parse = async (raw: Buffer, opts: Partial<Parameters<typeof parseMail>[1]> = {}) => {
    const mail = await parseMail(raw, { uploads, tmpDir, ...opts });
    parsed.push(mail);
    return mail;
  };
  const fixture = (name: string) => parse(fs.readFileSync(path.join(FIXTURES, name)));

  beforeEach(async () => {
    tmpDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'mailin-'));
  });
  afterEach(async () => {
    await Promise.all(parsed.splice(0).map((m) => removeAttachmentFiles(m.attachments)));
    // Every file was removed above: what is left, parseMail leaked.
    expect(await fs.promises.readdir(tmpDir)).to.deep.equal([]);
    await fs.promises.rm(tmpDir, { recursive: true, force: true });
  });

  describe('bodies from real mail programs', () => {
    it('Gmail reply in Indonesian: the new text only, the "Pada ... menulis:" history cut but kept in fullText', async () => {
      const mail = await fixture('gmail-reply.eml');
      expect(mail.text).to.equal(
        'Terima kasih, Pak/Bu. Lampu di depan balai desa sudah menyala, tapi 2 tiang di\n' +
          'dekat jembatan Kali Juwana masih mati. Mohon dicek lagi — jalannya gelap\n' +
          'sekali kalau malam 🙏',
      );
      expect(mail.quoteCut).to.equal(true);
      expect(mail.fullText).to.contain('menulis:').and.contain('> Laporan Anda sudah kami terima dengan kode PTI-2611-0042.');
      expect(mail.subject).to.equal('Re: [PTI-2611-0042] Lampu jalan mati di Desa Sukoharjo – laporan diterima');
      expect(mail.from).to.deep.equal({ name: 'Budi Santoso', address: 'budi.santoso@gmail.com' });
      expect(mail.to).to.deep.equal([{ name: 'Pengaduan Kabupaten Pati', address: 'pengaduan@patikab.go.id' }]);
      expect(mail.messageId).to.equal('CAF9x2+Kq0LmN8zPq_7bXYz=w@mail.gmail.com');
      expect(mail.inReplyTo).to.equal('r.PTI-2611-0042.k3j2@pengaduan.patikab.go.id');
      expect(mail.references).to.deep.equal(['r.PTI-2611-0042.k3j2@pengaduan.patikab.go.id']);
      expect(mail.date?.toISOString()).to.equal('2026-11-23T11:15:00.000Z');
    });

    it('Outlook reply in windows-1252: smart quotes decoded, the "From: Sent:" block cut, the signature logo skipped', async () => {
      const mail = await fixture('outlook-reply.eml');
      expect(mail.text).to.equal(
        'Selamat pagi,\n\n' +
          'Saluran irigasi di Dukuh Krajan masih tersumbat sampah – air meluap ke sawah warga sejak Senin. ' +
          'Warga menyebutnya “kali mati”. Mohon segera dikirim petugas.\n\n' +
          'Hormat kami,\nSri Wahyuni, S.Sos\nSekretaris Desa Gembong',
      );
      expect(mail.fullText).to.contain('Café di depan balai desa');
      expect(mail.cc).to.deep.equal([{ name: 'Camat Gembong', address: 'camat.gembong@patikab.go.id' }]);
      expect(mail.from?.address).to.equal('swahyuni@desagembong.onmicrosoft.com');
      expect(mail.attachments).to.deep.equal([]);
      expect(mail.skipped).to.deep.equal([{ name: 'image001.png', contentType: 'image/png', size: 234, reason: 'logo' }]);
    });

    it('Yahoo: base64 text, its "Pada ... menulis:" on one line with the quote, and its mobile tagline cut', async () => {
      const mail = await fixture('yahoo.eml');
      expect(mail.text).to.equal(
        'Selamat siang,\n\nJembatan gantung di Desa Klakahkasihan rusak, papan lantainya banyak yang\n' +
          'lepas. Anak-anak sekolah tetap lewat karena tidak ada jalan lain.\n\nTerima kasih.',
      );
    });

    it('iPhone: "Dikirim dari iPhone saya" cut; the photo and the PDF on disk, accepted by inspectUploads', async () => {
      const mail = await fixture('iphone.eml');
      expect(mail.text).to.equal(
        'Sampah di belakang Pasar Juwana sudah 2 minggu tidak diangkut, baunya sampai ke rumah warga. Foto terlampir, juga surat pengantar dari RT.',
      );
      expect(mail.attachments.map((a) => [a.originalname, a.contentType, a.inline])).to.deep.equal([
        ['IMG_4821.JPG', 'image/jpeg', false],
        ['surat pengantar RT 03.pdf', 'application/pdf', false],
      ]);
      for (const a of mail.attachments) expect((await fs.promises.stat(a.path)).size).to.equal(a.size);
      expect(await fs.promises.readFile(mail.attachments[1]!.path)).to.deep.equal(pdf());

      const inspected = await inspectUploads(mail.attachments, { uploads });
      expect(inspected.map((f) => [f.originalName, f.kind])).to.deep.equal([
        ['IMG_4821.jpg', 'image'],
        ['surat pengantar RT 03.pdf', 'document'],
      ]);
      await removeAttachmentFiles(inspected);
    });

    it('a forward keeps the forwarded complaint: that is what the official sends us', async () => {
      const mail = await fixture('forwarded.eml');
      expect(mail.quoteCut).to.equal(false);
      expect(mail.text).to.match(/^Mohon ditindaklanjuti, ini keluhan warga kami\.\n\n---------- Forwarded message ---------\nFrom: Siti Aminah/);
      expect(mail.text).to.contain('Pak Kades, jalan di RT 02 RW 01 berlubang besar di depan mushola').and.match(/\n\nSiti$/);
    });

    it('HTML only: text with the link as text; no script, style, image or handler survives', async () => {
      const mail = await fixture('html-only.eml');
      expect(mail.text).to.equal(
        'Pohon tumbang\n\n' +
          'Pohon besar tumbang di Jalan Raya Margorejo KM 5, menutup semua lajur.\n\n' +
          'Lokasi: lihat peta [https://maps.example.com/?q=-6.74,111.03].\n\n' +
          'RT   03\nRW   05\n\n' +
          'Terima kasih & salam.',
      );
      for (const body of [mail.text, mail.fullText]) {
        expect(body).to.not.match(/LEAK|<|onerror|onclick|steal|color:red/);
      }
    });

    it('ISO-8859-1: body, subject and sender name decoded; Reply-To read', async () => {
      const mail = await fixture('iso-8859-1.eml');
      expect(mail.subject).to.equal('Café liar di alun-alun buka sampai jam 3 pagi');
      expect(mail.from).to.deep.equal({ name: 'André Kurniawan', address: 'andre.kurniawan@mail.example.net' });
      expect(mail.replyTo).to.deep.equal({ name: null, address: 'andre.k.rumah@example.net' });
      expect(mail.text).to.contain('Kafé tanpa izin').and.contain('Pak René').and.contain('30°C').and.match(/\n\nAndré$/);
      expect(mail.text).to.not.contain('\r').and.not.contain('\uFFFD');
    });
  });

  describe('bodies built here', () => {
    const mailWith = (headers: string[], body: string | Buffer) =>
      Buffer.concat([Buffer.from([...BASE_HEADERS, ...headers, '', ''].join('\r\n')), Buffer.isBuffer(body) ? body : Buffer.from(body)]);

    it('raw 8-bit ISO-8859-1 and a base64 UTF-8 body', async () => {
      const latin = await parse(mailWith(['Content-Type: text/plain; charset=iso-8859-1'], Buffer.from('Jalan di depan kafé rusak.\r\n', 'latin1')));
      expect(latin.text).to.equal('Jalan di depan kafé rusak.');
      const b64 = Buffer.from('Banjir setinggi 50 cm — mohon bantuan 🙏').toString('base64');
      const utf8 = await parse(mailWith(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'], b64));
      expect(utf8.text).to.equal('Banjir setinggi 50 cm — mohon bantuan 🙏');
    });

    it('an English Gmail reply, and an Outlook "-----Original Message-----" reply', async () => {
      const gmail = await parse(mailWith([], 'Masih rusak.\r\n\r\nOn Mon, Nov 23, 2026 at 10:12 AM Dinas PU <pu@patikab.go.id> wrote:\r\n\r\n> Sudah diperbaiki.\r\n'));
      expect(gmail.text).to.equal('Masih rusak.');
      const outlook = await parse(
        mailWith([], 'Belum ada petugas datang.\r\n\r\n-----Original Message-----\r\nFrom: Dinas PU [mailto:pu@patikab.go.id]\r\nSent: Monday\r\n\r\nSudah dijadwalkan.\r\n'),
      );
      expect(outlook.text).to.equal('Belum ada petugas datang.');
    });

    it('keeps what only looks like a quote: a citizen\'s "---" separator, "Pada tanggal ... menulis:", short "> " lines', async () => {
      const body = [
        'Masalah pertama: jalan rusak.',
        '---',
        'Masalah kedua: lampu mati.',
        'Pada tanggal 5 Oktober saya sudah menulis: surat ke kelurahan, tidak dijawab.',
        '> 100 rumah terdampak',
        'Mohon ditindaklanjuti.',
      ].join('\r\n');
      const mail = await parse(mailWith([], body));
      expect(mail.text).to.equal(body.replace(/\r/g, ''));
      expect(mail.quoteCut).to.equal(false);
    });

    it('a mail that is all quote is kept whole rather than cut to nothing', async () => {
      const mail = await parse(mailWith([], 'Pada Sen, 23 Nov 2026 pukul 10.12 X <x@patikab.go.id> menulis:\r\n> Laporan diterima.\r\n'));
      expect(mail.text).to.contain('Laporan diterima.');
      expect(mail.quoteCut).to.equal(false);
    });

    it('an empty body gives empty text; the headers still count', async () => {
      const mail = await parse(mailWith([], ''));
      expect(mail.text).to.equal('');
      expect(mail.fullText).to.equal('');
      expect(mail.from?.address).to.equal('warga@example.com');
    });

    it('a huge body is capped at the form\'s limit (or the one asked for), and says so', async () => {
      const huge = 'Jalan rusak parah. '.repeat(100_000);
      const mail = await parse(mailWith([], huge));
      expect(mail.text).to.have.length.at.most(5000).and.at.least(4990);
      expect(mail.truncated).to.equal(true);
      expect(mail.fullText).to.have.length.at.most(100_000);
      const short = await parse(mailWith([], huge), { maxTextChars: 3000 });
      expect(short.text).to.have.length.at.most(3000);
      // Never half an emoji at the cut.
      const emoji = await parse(mailWith([], 'a' + '🙏'.repeat(3000)), { maxTextChars: 3000 });
      expect(emoji.text).to.equal('a' + '🙏'.repeat(1499));
    });

    it('normalises line ends, control characters and blank runs', async () => {
      const mail = await parse(mailWith([], 'Baris satu\r\rBaris dua\x00\x07   \n\n\n\n\nBaris tiga  '));
      expect(mail.text).to.equal('Baris satu\n\nBaris dua\n\nBaris tiga');
    });
  });

  describe('attachments', () => {
    const multipart = (parts: Array<{ type: string; name: string; data: Buffer; inlineCid?: string }>) => {
      const b = 'b0undary';
      const lines = [...BASE_HEADERS, `Content-Type: multipart/${parts.some((p) => p.inlineCid) ? 'related' : 'mixed'}; boundary="${b}"`, '', `--${b}`, 'Content-Type: text/plain; charset=utf-8', '', 'Foto terlampir.'];
      for (const p of parts) {
        lines.push(`--${b}`, `Content-Type: ${p.type}; name="${p.name}"`, 'Content-Transfer-Encoding: base64');
        lines.push(p.inlineCid ? `Content-Disposition: inline; filename="${p.name}"` : `Content-Disposition: attachment; filename="${p.name}"`);
        if (p.inlineCid) lines.push(`Content-ID: <${p.inlineCid}>`);
        lines.push('', p.data.toString('base64').replace(/.{76}/g, '$&\r\n'));
      }
      lines.push(`--${b}--`, '');
      return Buffer.from(lines.join('\r\n'));
    };

    it('50 attachments: the first five kept, the rest skipped as too many', async () => {
      const jpeg = await photo('jpeg');
      const parts = Array.from({ length: 50 }, (_, i) => ({ type: 'image/jpeg', name: `foto-${i + 1}.jpg`, data: jpeg }));
      const mail = await parse(multipart(parts));
      expect(mail.attachments.map((a) => a.originalname)).to.deep.equal(['foto-1.jpg', 'foto-2.jpg', 'foto-3.jpg', 'foto-4.jpg', 'foto-5.jpg']);
      expect(mail.skipped).to.have.length(45);
      expect(mail.skipped[0]).to.deep.equal({ name: 'foto-6.jpg', contentType: 'image/jpeg', size: jpeg.length, reason: 'too_many' });
      expect(mail.skipped.every((s) => s.reason === 'too_many')).to.equal(true);
      expect(await fs.promises.readdir(tmpDir)).to.have.length(5);
    });

    it('too large, wrong type by its bytes, and empty files are skipped, nothing left on disk for them', async () => {
      const big = await noisyJpeg(400, 400);
      const mail = await parse(
        multipart([
          { type: 'image/jpeg', name: 'besar.jpg', data: big },
          { type: 'image/jpeg', name: 'bukan-foto.jpg', data: Buffer.from('MZ\x90\x00 this is an exe') },
          { type: 'application/octet-stream', name: 'kosong.pdf', data: Buffer.alloc(0) },
          { type: 'application/octet-stream', name: 'dokumen', data: pdf() },
        ]),
        { uploads: { maxFiles: 5, maxFileBytes: big.length - 1 } },
      );
      expect(mail.skipped.map((s) => [s.name, s.reason])).to.deep.equal([
        ['besar.jpg', 'too_large'],
        ['bukan-foto.jpg', 'type'],
        ['kosong.pdf', 'empty'],
      ]);
      expect(mail.skipped[0]!.size).to.equal(big.length);
      // Recognised by its bytes, whatever it was called.
      expect(mail.attachments.map((a) => a.originalname)).to.deep.equal(['dokumen']);
      expect(await fs.promises.readdir(tmpDir)).to.have.length(1);
    });

    it('a photo pasted into the text is kept; a small picture there (a logo) is not', async () => {
      const mail = await parse(
        multipart([
          { type: 'image/jpeg', name: 'image0.jpeg', data: await noisyJpeg(800, 600), inlineCid: 'ii_photo' },
          { type: 'image/png', name: 'logo.png', data: await photo('png', 200, 60), inlineCid: 'ii_logo' },
        ]),
      );
      expect(mail.attachments.map((a) => [a.originalname, a.inline])).to.deep.equal([['image0.jpeg', true]]);
      expect(mail.skipped.map((s) => [s.name, s.reason])).to.deep.equal([['logo.png', 'logo']]);
    });

    it('attachments off (UPLOAD_MAX_FILES=0): all skipped', async () => {
      const mail = await parse(multipart([{ type: 'application/pdf', name: 'a.pdf', data: pdf() }]), { uploads: { maxFiles: 0, maxFileBytes: 1024 } });
      expect(mail.attachments).to.deep.equal([]);
      expect(mail.skipped.map((s) => s.reason)).to.deep.equal(['too_many']);
    });
  });

  describe('bad input', () => {
    it('0 bytes: a typed error', async () => {
      const err = await parseMail(Buffer.alloc(0), { uploads, tmpDir }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(MailParseError).and.have.property('code', 'empty');
    });

    it('garbage bytes give a mail without sender, never a throw', async () => {
      const mail = await parse(Buffer.from([0x00, 0xff, 0xfe, 0x01, 0x0d, 0x0a, 0x0d, 0x0a, 0x80, 0x81, 0x41]));
      expect(mail.from).to.equal(null);
      expect(mail.messageId).to.equal(null);
      expect(mail.date).to.equal(null);
      expect(mail.subject).to.equal('');
      // eslint-disable-next-line no-control-regex -- the control characters are what must be gone
      expect(mail.text).to.not.match(/[\x00-\x08]/);
    });

    it('a MIME tree past the parser\'s limits: a typed error, and the files written so far removed', async () => {
      const b = 'x';
      const parts = [`--${b}`, 'Content-Type: application/pdf', 'Content-Disposition: attachment; filename="a.pdf"', 'Content-Transfer-Encoding: base64', '', pdf().toString('base64')];
      for (let i = 0; i < 1100; i++) parts.push(`--${b}`, 'Content-Type: text/plain', '', 'x');
      const raw = Buffer.from([...BASE_HEADERS, `Content-Type: multipart/mixed; boundary="${b}"`, '', ...parts, `--${b}--`, ''].join('\r\n'));
      const err = await parseMail(raw, { uploads, tmpDir }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(MailParseError).and.have.property('code', 'malformed');
    });

    it('header injection in names and subjects stays on one line', async () => {
      const mail = await parse(
        Buffer.from(
          ['From: =?UTF-8?B?' + Buffer.from('Siti\r\nBcc: x@evil.example').toString('base64') + '?= <siti@example.com>', 'Subject: =?UTF-8?Q?Jalan=0D=0ABcc:_x@evil.example?=', '', 'Isi'].join('\r\n'),
        ),
      );
      expect(mail.from).to.deep.equal({ name: 'Siti Bcc: x@evil.example', address: 'siti@example.com' });
      expect(mail.subject).to.equal('Jalan Bcc: x@evil.example');
    });
  });
});

const BASE_HEADERS = [
  'From: Warga <warga@example.com>',
  'To: pengaduan@patikab.go.id',
  'Subject: Laporan',
  'Date: Mon, 23 Nov 2026 10:00:00 +0700',
  'Message-ID: <test@example.com>',
  'MIME-Version: 1.0',
];
