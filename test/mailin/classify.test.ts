import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { removeAttachmentFiles } from '../../src/mailin/attachments.js';
import { classifyMail } from '../../src/mailin/classify.js';
import { parseMail } from '../../src/mailin/parse.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const OWN = { ownAddresses: ['Pengaduan@PatiKab.go.id', 'noreply@patikab.go.id'] };
const uploads = { maxFiles: 5, maxFileBytes: 10 * 1024 * 1024 };

// Mails built here have no attachments; the fixtures' are removed once classified.
const parseText = (raw: string) => parseMail(Buffer.from(raw.replace(/\n/g, '\r\n')), { uploads });
const classifyFixture = async (name: string) => {
  const mail = await parseMail(fs.readFileSync(path.join(FIXTURES, name)), { uploads });
  await removeAttachmentFiles(mail.attachments);
  return classifyMail(mail, OWN);
};
const classifyHeaders = async (...headers: string[]) =>
  classifyMail(await parseText(['From: Siti <siti@example.com>', 'To: pengaduan@patikab.go.id', 'Subject: Jalan rusak', ...headers, '', 'Jalan rusak di RT 2.'].join('\n')), OWN);

describe('mail classification', () => {
  it('people\'s mail is a report, from every mail program, Outlook\'s X-Auto-Response-Suppress included', async () => {
    for (const name of ['gmail-reply.eml', 'outlook-reply.eml', 'yahoo.eml', 'iphone.eml', 'forwarded.eml', 'html-only.eml', 'iso-8859-1.eml']) {
      expect(await classifyFixture(name), name).to.deep.equal({ kind: 'report' });
    }
    expect(await classifyHeaders('X-Auto-Response-Suppress: All')).to.deep.equal({ kind: 'report' });
    expect(await classifyHeaders('Auto-Submitted: no', 'Precedence: first-class')).to.deep.equal({ kind: 'report' });
  });

  it('out-of-office replies, English and Indonesian, are auto-replies', async () => {
    expect(await classifyFixture('ooo-en.eml')).to.deep.equal({ kind: 'auto_reply', reason: 'Auto-Submitted: auto-replied' });
    expect(await classifyFixture('ooo-id.eml')).to.include({ kind: 'auto_reply' });
  });

  it('knows the headers of vacation programs, bulk senders and mailing lists', async () => {
    const headers = [
      'Auto-Submitted: auto-generated',
      'Precedence: bulk',
      'Precedence: junk',
      'Precedence: list',
      'Precedence: auto_reply',
      'X-Autoreply: yes',
      'X-Autorespond: Saya sedang cuti',
      'List-Id: Warga Pati <warga.googlegroups.com>',
      'List-Unsubscribe: <mailto:unsubscribe@news.example.com>',
    ];
    for (const header of headers) expect(await classifyHeaders(header), header).to.include({ kind: 'auto_reply' });
  });

  it('knows auto-reply subjects, also behind "Re:"', async () => {
    const subjects = ['Out of Office: Jalan rusak', 'Automatic reply: Laporan', 'Auto-Reply: Laporan', 'Balasan otomatis: Laporan', 'Di luar kantor', 'RE: Out of office'];
    for (const subject of subjects) {
      const mail = await parseText(`From: x@example.com\nSubject: ${subject}\n\nSaya sedang cuti.`);
      expect(classifyMail(mail, OWN), subject).to.include({ kind: 'auto_reply' });
    }
    const complaint = await parseText('From: x@example.com\nSubject: Kantor desa tutup, petugas di luar kantor terus\n\nMohon dicek.');
    expect(classifyMail(complaint, OWN)).to.deep.equal({ kind: 'report' });
  });

  it('a DSN bounce names our failed mail and the address that failed, so it can join its report', async () => {
    expect(await classifyFixture('bounce-dsn.eml')).to.deep.equal({
      kind: 'bounce',
      reason: 'multipart/report; report-type=delivery-status',
      originalMessageId: 'r.PTI-2611-0050.x9y8@pengaduan.patikab.go.id',
      failedRecipients: ['warga.salah.ketik@gmial.com'],
      action: 'failed',
      status: '5.1.1',
      diagnostic: 'smtp; 550 5.1.1 <warga.salah.ketik@gmial.com>: Recipient address rejected: User unknown',
    });
  });

  it('a plain-text bounce from MAILER-DAEMON: the pasted original and Exim\'s header are read', async () => {
    const mail = await parseText(
      [
        'From: Mail Delivery System <Mailer-Daemon@mx.example.net>',
        'To: pengaduan@patikab.go.id',
        'Subject: Mail delivery failed: returning message to sender',
        'X-Failed-Recipients: siti@example.net',
        '',
        'This message was created automatically by mail delivery software.',
        '',
        '  siti@example.net',
        '    mailbox is full: retry timeout exceeded',
        '',
        '------ This is a copy of the message, including all the headers. ------',
        'Message-ID: <r.PTI-2611-0007.aa11@pengaduan.patikab.go.id>',
        'Subject: Laporan diterima',
      ].join('\n'),
    );
    expect(classifyMail(mail, OWN)).to.deep.include({
      kind: 'bounce',
      reason: 'From: mailer-daemon@mx.example.net',
      originalMessageId: 'r.PTI-2611-0007.aa11@pengaduan.patikab.go.id',
      failedRecipients: ['siti@example.net'],
      action: 'failed',
    });
  });

  it('a null return path: a bounce alone, an auto-reply with an auto-reply marker', async () => {
    expect(await classifyHeaders('Return-Path: <>')).to.include({ kind: 'bounce', reason: 'Return-Path: <>', originalMessageId: null });
    expect(await classifyHeaders('Return-Path: <>', 'Auto-Submitted: auto-replied')).to.include({ kind: 'auto_reply' });
  });

  it('a read receipt is machine mail, not a bounce (more in edge-cases.test.ts)', async () => {
    expect(await classifyHeaders('Content-Type: multipart/report; report-type=disposition-notification; boundary="b"')).to.include({ kind: 'machine' });
  });

  it('mail from our own address is ignored, before anything else, in any letter case', async () => {
    const mail = await parseText('From: Pengaduan <PENGADUAN@patikab.go.id>\nAuto-Submitted: auto-replied\nContent-Type: text/plain\n\nLaporan diterima.');
    expect(classifyMail(mail, OWN)).to.deep.equal({ kind: 'own' });
    expect(classifyMail(mail, { ownAddresses: [] })).to.include({ kind: 'auto_reply' });
  });

  it('a bounce that also says auto-replied is a bounce (so it reaches its report)', async () => {
    const mail = await parseText('From: MAILER-DAEMON@mx.example.net\nAuto-Submitted: auto-replied\nPrecedence: bulk\n\nDelivery failed.');
    expect(classifyMail(mail, OWN)).to.include({ kind: 'bounce' });
  });

  it('a mail without any sender is a report for the worker to judge, not a crash', async () => {
    const mail = await parseText('Subject: tanpa pengirim\n\nIsi.');
    expect(classifyMail(mail, OWN)).to.deep.equal({ kind: 'report' });
  });
});
