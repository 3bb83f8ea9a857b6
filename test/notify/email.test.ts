import { expect } from 'chai';
import { emailSite, renderEmail } from '../../src/notify/email.js';
import { prepareMail } from '../../src/notify/reportMail.js';
import { testConfig } from '../helpers/app.js';

describe('e-mail templates', () => {
  const site = emailSite(testConfig({ ORG_NAME: 'Pemerintah Kabupaten Pati', PUBLIC_URL: 'https://pengaduan.patikab.go.id' }));

  it('renders a pair, HTML and plain text, in the base layout, in Bahasa Indonesia', async () => {
    const mail = await renderEmail(
      'test-message',
      { site, name: 'Siti', message: 'Jalan di Desa Sukoharjo sudah diperbaiki.', subjectKey: 'notify:emails.testMessage.subject', preheaderKey: 'notify:emails.testMessage.preheader' },
      'id',
    );
    expect(mail.subject).to.equal('Uji coba e-mail e-Pengaduan');
    for (const body of [mail.html, mail.text]) {
      expect(body).to.contain('Halo Siti,').and.contain('Jalan di Desa Sukoharjo sudah diperbaiki.');
      expect(body).to.contain('Pemerintah Kabupaten Pati').and.contain('https://pengaduan.patikab.go.id');
      expect(body).to.contain('Pesan ini dikirim otomatis oleh e-Pengaduan, Pemerintah Kabupaten Pati.');
    }
    expect(mail.html).to.match(/^<!doctype html>/).and.contain('<html lang="id">').and.contain('name="viewport"');
    // The preheader: in the HTML, hidden; not in the plain text.
    expect(mail.html).to.contain('Jika Anda menerima pesan ini, pengiriman e-mail berjalan.');
    expect(mail.text).to.not.contain('Jika Anda menerima pesan ini');
    // Phones: no layout tables, no stylesheet to lose; styles inline.
    expect(mail.html).to.not.match(/<table|<style|<script/i);
    expect(mail.text).to.not.match(/<[a-z]/i);
    expect(mail.text).to.match(/\n-- \n/);
    expect(mail.text).to.not.match(/\n{3,}/);
  });

  it('escapes data in the HTML and leaves the plain text free of entities', async () => {
    const mail = await renderEmail(
      'test-message',
      { site, name: `Siti & <Budi> "O'Neil"`, message: 'Pipa <b>bocor</b> & air keruh', subject: 'Laporan "air" & <pipa>' },
      'id',
    );
    expect(mail.html).to.contain('Siti &amp; &lt;Budi&gt; &quot;O&#x27;Neil&quot;').and.contain('Pipa &lt;b&gt;bocor&lt;/b&gt; &amp; air keruh');
    expect(mail.html).to.not.contain('<b>bocor</b>');
    expect(mail.html).to.contain('<title>Laporan &quot;air&quot; &amp; &lt;pipa&gt;</title>');
    expect(mail.text).to.contain(`Halo Siti & <Budi> "O'Neil",`).and.contain('Pipa <b>bocor</b> & air keruh');
    expect(mail.text).to.not.match(/&(amp|lt|gt|quot|#x27|#39);/);
    expect(mail.subject).to.equal('Laporan "air" & <pipa>');
  });

  it('speaks English when asked', async () => {
    const mail = await renderEmail('test-message', { site, name: 'Sam', message: 'Hi', subjectKey: 'notify:emails.testMessage.subject' }, 'en');
    expect(mail.subject).to.equal('e-Pengaduan test e-mail');
    expect(mail.html).to.contain('<html lang="en">').and.contain('Hello Sam,');
    expect(mail.text).to.contain('This is an automatic message from e-Pengaduan, Pemerintah Kabupaten Pati.');
  });

  it('keeps a subject on one line, and takes the site from the settings when none is given', async () => {
    const mail = await renderEmail('test-message', { name: 'A', message: 'B', subject: 'Baris satu\r\nBcc: x@example.com' }, 'id');
    expect(mail.subject).to.equal('Baris satu Bcc: x@example.com');
    const defaults = await renderEmail('test-message', { name: 'A', message: 'B', subjectKey: 'notify:emails.testMessage.subject' }, 'id');
    expect(defaults.subject).to.equal('Uji coba e-mail e-Pengaduan');
    expect(defaults.text).to.contain('e-Pengaduan - Pemerintah Kabupaten Pati');
  });

  it('refuses a mail without a subject, and template names that leave the folder', async () => {
    let error: unknown;
    try {
      await renderEmail('test-message', { site, name: 'A', message: 'B' }, 'id');
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.contain('neither subject nor subjectKey');
    error = undefined;
    try {
      await renderEmail('../layouts/main', { site, subject: 'x' }, 'id');
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.contain('invalid e-mail template name');
  });

  it('shows report codes with their hyphen, whichever form the caller passed (issue 19)', async () => {
    const alert = await renderEmail('sla-alert', {
      site, subjectKey: 'sla:mail.breach.subject', leadKey: 'sla:mail.breach.lead', stage: 'tanggapan', stageLabel: 'tanggapan',
      code: '95D4K7XW', title: 'Jalan berlubang', agency: 'DPUPR', dueText: 'Senin', days: 2,
    }, 'id');
    expect(alert.subject).to.contain('95D4-K7XW');
    for (const body of [alert.html, alert.text]) expect(body).to.contain('Laporan 95D4-K7XW: Jalan berlubang').and.not.contain('95D4K7XW');
    const config = testConfig();
    const assigned = await prepareMail(config, 'id', ['staf@example.com'], 'assigned', { code: '95D4K7XW', title: 'Jalan', name: 'Budi' });
    expect(assigned!.subject).to.equal('Laporan 95D4-K7XW ditugaskan kepada Anda');
    expect(assigned!.text).to.contain('(95D4-K7XW)');
    const merged = await prepareMail(config, 'id', ['warga@example.com'], 'merged', { code: '95d4-k7xw', title: 'Jalan', name: '', target: 'ABCD2345' });
    expect(merged!.text).to.contain('laporan ABCD-2345').and.not.contain('ABCD2345');
  });
});
