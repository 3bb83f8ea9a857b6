import { expect } from 'chai';
import supertest from 'supertest';
import { sql } from 'kysely';
import { rebuildDirtyMonths } from '../../src/dashboard/commands/rebuildSummaries.js';
import { channelBreakdown } from '../../src/dashboard/metrics.js';
import { cleanMonths } from '../../src/dashboard/metrics/summaries.js';
import { submitReport } from '../../src/intake/commands/submitReport.js';
import { formatSecret } from '../../src/reports/tracking.js';
import { reportInput } from '../helpers/reports.js';
import { photo } from '../attachments/fixtures.js';
import { agencyId, buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { pdfText } from '../letters/helpers.js';

/** Supertest collects a binary body only when told to. */
const binary = (res: supertest.Response, done: (err: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

const word = () => `kata${Math.random().toString(36).slice(2, 9)}`;
const BODY = 'Lampu penerangan jalan di depan pasar mati sejak sepekan, jalan gelap dan rawan kecelakaan pada malam hari.';

describe('staff intake: reports received by telephone, in person, by letter, on social media or from SP4N-LAPOR!', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let dpupr: number;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', PUBLIC_URL: 'http://lapor.patikab.go.id' });
    coordinator = await loginAs(t, 'coordinator');
    dpupr = await agencyId(t.database, 'dpupr');
  });

  const counts = async () => {
    const db = t.database.db;
    const [r, e, a, o, l] = await Promise.all(
      (['reports', 'report_events', 'attachments', 'outbox', 'audit_log'] as const).map((table) =>
        db.selectFrom(table).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ),
    );
    return [r, e, a, o, l].map((x) => Number(x!.n));
  };
  const byTitle = (title: string) => t.database.db.selectFrom('reports').selectAll().where('title', '=', title).executeTakeFirst();

  /** Posts the page's form (multipart, as the browser does) and returns the response. */
  async function post(s: SignedIn, fields: Record<string, string>, files: { name: string; bytes: Buffer; type: string }[] = [], status = 303) {
    const page = await s.agent.get('/staf/laporan/baru').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    let req = s.agent.post('/staf/laporan/baru').field('_csrf', csrf);
    for (const [k, v] of Object.entries({ kind: 'pengaduan', body: BODY, ...fields })) req = req.field(k, v);
    for (const f of files) req = req.attach('files', f.bytes, { filename: f.name, contentType: f.type });
    return req.expect(status);
  }

  it('records each source through the page: channel staff, the source and its details kept, shown after saving with the code', async () => {
    const cases: { fields: Record<string, string>; expect: Record<string, unknown> }[] = [
      { fields: { source: 'telephone', name: 'Bu Sri', phone: '0812 3456 7890' }, expect: { staff_source: 'telephone', reporter_phone: '+6281234567890' } },
      { fields: { source: 'walk_in' }, expect: { staff_source: 'walk_in', reporter_name: null, reporter_email: null } },
      { fields: { source: 'letter', letterNumber: '005/12/RT03', letterDate: '2026-11-30' }, expect: { staff_source: 'letter', letter_number: '005/12/RT03', letter_date: '2026-11-30' } },
      {
        fields: { source: 'social_media', platform: 'instagram', url: 'https://www.instagram.com/p/C0abc123/', name: '@warga_pati' },
        expect: { staff_source: 'social_media', source_platform: 'instagram', source_url: 'https://www.instagram.com/p/C0abc123/' },
      },
      { fields: { source: 'lapor', laporNumber: `#${Math.floor(1e6 + Math.random() * 8e6)}` }, expect: { staff_source: 'lapor' } },
    ];
    for (const c of cases) {
      const title = `Lampu jalan mati ${c.fields.source} ${word()}`;
      // Fields of another source sent along (the no-JS form sends every field) are dropped.
      const res = await post(coordinator, { ...c.fields, title, ...(c.fields.source !== 'letter' ? { letterNumber: 'ignored' } : {}) });
      expect(res.headers.location).to.equal('/staf/laporan/baru/tercatat');
      const row = (await byTitle(title))!;
      expect(row).to.include({ channel: 'staff', status: 'submitted', taken_by_user_id: coordinator.user.id, ...c.expect });
      if (c.fields.source !== 'letter') expect(row.letter_number).to.equal(null);
      if (c.fields.source === 'lapor') expect(row.lapor_number).to.equal(c.fields.laporNumber!.slice(1));
      expect(row.verify_due_at).to.be.an.instanceOf(Date);
      const done = await coordinator.agent.get('/staf/laporan/baru/tercatat').expect(200);
      expect(done.text).to.contain(`${row.tracking_code.slice(0, 4)}-${row.tracking_code.slice(4)}`).and.contain('Cetak bukti');
      // The first event is the staff member's, and the audit log names the source.
      const event = await t.database.db.selectFrom('report_events').selectAll().where('report_id', '=', row.id).executeTakeFirstOrThrow();
      expect(event).to.include({ type: 'submitted', actor_kind: 'staff', actor_user_id: coordinator.user.id });
      const audit = await t.database.db.selectFrom('audit_log').selectAll().where('report_id', '=', row.id).where('action', '=', 'staff_intake').executeTakeFirstOrThrow();
      expect(audit.actor_user_id).to.equal(coordinator.user.id);
      expect(audit.details).to.include({ channel: 'staff', source: c.fields.source });
    }
  });

  it('keeps a screenshot as an attachment, inspected like every upload', async () => {
    const title = `Komentar jalan rusak ${word()}`;
    await post(coordinator, { source: 'social_media', platform: 'facebook', title }, [{ name: 'tangkapan.png', bytes: await photo('png'), type: 'image/png' }]);
    const row = (await byTitle(title))!;
    const files = await t.database.db.selectFrom('attachments').selectAll().where('report_id', '=', row.id).execute();
    expect(files).to.have.length(1);
    expect(files[0]).to.include({ mime_type: 'image/png', original_name: 'tangkapan.png' });
  });

  it('refuses bad input with Indonesian messages, 422, the values kept, and nothing written', async () => {
    const before = await counts();
    const title = `Jalan berlubang ${word()}`;
    const bad: [Record<string, string>, string, string][] = [
      [{ source: 'social_media', platform: 'instagram', url: 'javascript:alert(1)' }, 'url', 'diawali http:// atau https://'],
      [{ source: 'social_media', platform: 'instagram', url: 'ftp://example.com/x' }, 'url', 'diawali http:// atau https://'],
      [{ source: 'social_media', platform: '' }, 'platform', 'Pilih platform media sosialnya'],
      [{ source: 'lapor', laporNumber: '12-34' }, 'laporNumber', 'terdiri dari 5–20 huruf atau angka'],
      [{ source: 'lapor', laporNumber: '' }, 'laporNumber', 'Isi nomor tracking SP4N-LAPOR!'],
      [{ source: 'telephone', phone: '12345' }, 'phone', ''],
      [{ source: 'telephone', email: 'bukan-email' }, 'email', ''],
      [{ source: 'letter', letterDate: '2999-01-01' }, 'letterDate', 'tidak boleh setelah hari ini'],
      [{ source: '' }, 'source', 'Pilih dari mana laporan diterima'],
      [{ source: 'fax' }, 'source', 'Pilih dari mana laporan diterima'],
    ];
    for (const [fields, field, message] of bad) {
      const res = await post(coordinator, { title, ...fields }, [], 422);
      expect(res.text, field).to.contain(`id="f-${field}-error"`);
      if (message) expect(res.text, field).to.contain(message);
      expect(res.text).to.contain(`value="${title}"`);
    }
    const empty = await post(coordinator, { source: 'telephone', title: '', body: '' }, [], 422);
    expect(empty.text).to.contain('id="f-title-error"').and.contain('id="f-body-error"');
    expect(await counts()).to.deep.equal(before);
  });

  it('takes the same JSON through POST /api/v1/staff/reports, with the same refusals', async () => {
    const title = `Pohon tumbang ${word()}`;
    const res = await coordinator.agent
      .post('/api/v1/staff/reports')
      .set('X-CSRF-Token', await coordinator.csrf())
      .send({ source: 'social_media', platform: 'tiktok', url: 'https://www.tiktok.com/@pemkabpati/video/1', kind: 'pengaduan', title, body: BODY, reporter: { name: '@warga' } })
      .expect(201);
    expect(res.body).to.include({ status: 'submitted', channel: 'staff' });
    expect(res.body.secret).to.be.a('string');
    expect(res.body.source).to.include({ kind: 'social_media', platform: 'tiktok', takenBy: 'Test coordinator' });
    const shown = await coordinator.agent.get(`/api/v1/staff/reports/${res.body.code}`).expect(200);
    expect(shown.body.channel).to.equal('staff');
    expect(shown.body.source).to.include({ kind: 'social_media', platform: 'tiktok', url: 'https://www.tiktok.com/@pemkabpati/video/1', takenBy: 'Test coordinator' });

    const before = await counts();
    const refused = await coordinator.agent
      .post('/api/v1/staff/reports')
      .set('X-CSRF-Token', await coordinator.csrf())
      .send({ source: 'lapor', laporNumber: 'ab', kind: 'pengaduan', title: '', body: BODY, reporter: { phone: '999' } })
      .expect(422);
    const fields = Object.fromEntries((refused.body.errors as { field: string; message: string }[]).map((e) => [e.field, e.message]));
    expect(fields.laporNumber).to.contain('5–20 huruf atau angka');
    expect(fields).to.have.keys('laporNumber', 'title', 'reporter.phone');
    expect(await counts()).to.deep.equal(before);
  });

  it('lets only coordinators and OPD staff record, OPD staff only what reaches their own office', async () => {
    await supertest(t.app).get('/staf/laporan/baru').expect(303);
    await supertest(t.app).post('/api/v1/staff/reports').send({ source: 'telephone' }).expect(401);
    for (const role of ['leader', 'admin'] as const) {
      const s = await loginAs(t, role);
      await s.agent.get('/staf/laporan/baru').expect(403);
      await s.agent.post('/api/v1/staff/reports').set('X-CSRF-Token', await s.csrf()).send({ source: 'telephone' }).expect(403);
      expect((await s.agent.get('/staf').redirects(1)).text).to.not.contain('href="/staf/laporan/baru"');
    }
    const staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    const page = await staff.agent.get('/staf/laporan/baru').expect(200);
    expect(page.text).to.contain('value="walk_in"').and.not.contain('value="lapor"').and.not.contain('value="social_media"');
    expect(page.text).to.contain('Dinas Pekerjaan Umum');
    const title = `Antrean loket ${word()}`;
    await post(staff, { source: 'walk_in', title });
    const row = (await byTitle(title))!;
    // Verification first, like every channel: the OPD is named on the first event.
    expect(row).to.include({ status: 'submitted', assigned_agency_id: null, taken_by_user_id: staff.user.id });
    const event = await t.database.db.selectFrom('report_events').selectAll().where('report_id', '=', row.id).executeTakeFirstOrThrow();
    expect(event.agency_id).to.equal(dpupr);
    const before = await counts();
    const refused = await staff.agent
      .post('/api/v1/staff/reports')
      .set('X-CSRF-Token', await staff.csrf())
      .send({ source: 'lapor', laporNumber: '1916449', kind: 'pengaduan', title: `Lapor ${word()}`, body: BODY })
      .expect(422);
    expect(refused.body.errors[0]).to.include({ field: 'source' });
    expect(await counts()).to.deep.equal(before);
    const head = await loginAs(t, 'agency_head', { agencyId: dpupr });
    await head.agent.get('/staf/laporan/baru').expect(200);
  });

  it('makes nothing twice: a double save, an anonymous walk-in saved twice, a LAPOR! number recorded once', async () => {
    const title = `Saluran mampet ${word()}`;
    await post(coordinator, { source: 'telephone', title, email: 'warga.dobel@example.com' });
    await post(coordinator, { source: 'telephone', title, email: 'warga.dobel@example.com' });
    const again = await coordinator.agent.get('/staf/laporan/baru/tercatat').expect(200);
    expect(again.text).to.contain('Laporan ini sudah dicatat');
    expect(await t.database.db.selectFrom('reports').select('id').where('title', '=', title).execute()).to.have.length(1);

    const anonymous = `Pungutan liar ${word()}`;
    await post(coordinator, { source: 'walk_in', title: anonymous });
    await post(coordinator, { source: 'walk_in', title: anonymous });
    expect(await t.database.db.selectFrom('reports').select('id').where('title', '=', anonymous).execute()).to.have.length(1);

    const number = String(Math.floor(1e6 + Math.random() * 8e6));
    await post(coordinator, { source: 'lapor', laporNumber: number, title: `LAPOR ${word()}` });
    const first = (await t.database.db.selectFrom('reports').select('tracking_code').where('lapor_number', '=', number).executeTakeFirstOrThrow()).tracking_code;
    const res = await post(coordinator, { source: 'lapor', laporNumber: `#${number}`, title: `LAPOR lagi ${word()}` }, [], 422);
    expect(res.text).to.contain(`Laporan SP4N-LAPOR! #${number} sudah dicatat dengan kode ${first.slice(0, 4)}-${first.slice(4)}`);
  });

  it('mails the tracking code to a reporter who gave an e-mail, as every channel does', async () => {
    const title = `Air PDAM keruh ${word()}`;
    await post(coordinator, { source: 'telephone', title, email: 'pelapor.telepon@example.com', name: 'Pak Budi' });
    const row = (await byTitle(title))!;
    const mail = await t.database.db.selectFrom('outbox').selectAll().where('report_id', '=', row.id).executeTakeFirstOrThrow();
    expect(mail.to_address).to.equal('pelapor.telepon@example.com');
    expect(mail.subject).to.contain(`${row.tracking_code.slice(0, 4)}-${row.tracking_code.slice(4)}`);
    const done = await coordinator.agent.get('/staf/laporan/baru/tercatat').expect(200);
    expect(done.text).to.contain('pelapor.telepon@example.com');
    // No secret on the receipt of a telephone report: nobody is at the desk to take it.
    expect(done.text).to.not.contain('name="kunci"');
  });

  it('prints the receipt for a walk-in, with the secret only when ticked, never stored in plain text', async () => {
    const title = `Jembatan retak ${word()}`;
    const staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    await post(staff, { source: 'walk_in', title, name: 'Ibu Wati' });
    const done = await staff.agent.get('/staf/laporan/baru/tercatat').expect(200);
    expect(done.text).to.contain('action="/staf/laporan/baru/bukti"').and.contain('name="kunci"');
    // Not yet forwarded to this OPD: no link to a page it may not open.
    expect(done.text).to.not.contain('Buka laporan');
    const row = (await byTitle(title))!;
    const shown = `${row.tracking_code.slice(0, 4)}-${row.tracking_code.slice(4)}`;
    const plain = await staff.agent.get('/staf/laporan/baru/bukti').buffer(true).parse(binary).expect(200);
    expect(plain.headers['content-type']).to.equal('application/pdf');
    const plainText = await pdfText(plain.body as Buffer);
    expect(plainText).to.contain('BUKTI LAPORAN').and.contain(shown).and.contain(title).and.not.contain('Kunci rahasia');
    const withKey = await pdfText((await staff.agent.get('/staf/laporan/baru/bukti?kunci=1').buffer(true).parse(binary).expect(200)).body as Buffer);
    const secret = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}(?:-[A-Z0-9]{4})*)/.exec(withKey.replace(shown, ''))?.[1];
    expect(secret, withKey).to.be.a('string');
    expect(row.tracking_secret_hash).to.not.contain(secret!.replace(/-/g, ''));
    expect(formatSecret(secret!.replace(/-/g, ''))).to.equal(secret);
    // Opening the form for the next report forgets the secret.
    await staff.agent.get('/staf/laporan/baru').expect(200);
    await staff.agent.get('/staf/laporan/baru/bukti?kunci=1').expect(303);
  });

  it('shows the channel and its source on the staff report page: who took it, the post, the LAPOR! number', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ source: 'telephone' }, /Petugas · Diterima lewat telepon oleh Test coordinator/],
      [{ source: 'social_media', platform: 'instagram', url: 'https://www.instagram.com/p/Cxyz/' }, /Dari komentar atau pesan Instagram oleh Test coordinator · <a [^>]*href="https:\/\/www\.instagram\.com\/p\/Cxyz\/"/],
      [{ source: 'lapor', laporNumber: String(Math.floor(1e6 + Math.random() * 8e6)) }, /SP4N-LAPOR! #\d+ oleh Test coordinator/],
      [{ source: 'letter', letterNumber: '12/III/2026', letterDate: '2026-11-02' }, /Diterima lewat surat nomor 12\/III\/2026 tanggal Senin, 2 November 2026 oleh Test coordinator/],
    ];
    for (const [fields, shown] of cases) {
      const title = `Papan nama rusak ${word()}`;
      await post(coordinator, { ...fields, title });
      const row = (await byTitle(title))!;
      const page = await coordinator.agent.get(`/staf/laporan/${row.tracking_code}`).expect(200);
      const channel = /data-testid="channel">([\s\S]*?)<\/dd>/.exec(page.text)![1]!.replace(/&#x2F;/g, '/').replace(/&#x3D;/g, '=');
      expect(channel, channel).to.match(shown);
    }
    // A citizen's report says its channel alone.
    const web = await t.database.db.selectFrom('reports').select('tracking_code').where('channel', '=', 'web').executeTakeFirst();
    if (web) expect(/data-testid="channel">([\s\S]*?)<\/dd>/.exec((await coordinator.agent.get(`/staf/laporan/${web.tracking_code}`).expect(200)).text)![1]).to.equal('Web');
    // In English too.
    const title = `Trotoar rusak ${word()}`;
    await post(coordinator, { source: 'walk_in', title });
    const row = (await byTitle(title))!;
    const en = await coordinator.agent.get(`/staf/laporan/${row.tracking_code}`).set('Cookie', 'lang=en').set('Accept-Language', 'en').expect(200);
    expect(en.text).to.match(/Staff · (The reporter came in person|Pelapor datang langsung)/);
  });

  it('offers "Catat laporan" where coordinators and OPD staff look for it, and only to them', async () => {
    const staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    for (const [s, page] of [[coordinator, '/staf/verifikasi'], [staff, '/staf']] as const) {
      const html = (await s.agent.get(page).expect(200)).text;
      expect(html).to.contain('data-testid="take-report"');
      expect(html).to.match(/<nav[\s\S]*href="\/staf\/laporan\/baru"[\s\S]*<\/nav>/);
    }
    const leader = await loginAs(t, 'leader');
    expect((await leader.agent.get('/dasbor').expect(200)).text).to.not.contain('/staf/laporan/baru');
  });

  it('counts reports per channel on the dashboard, staff-taken ones per source', async () => {
    const leader = await loginAs(t, 'leader');
    await post(coordinator, { source: 'telephone', title: `Dasbor telepon ${word()}` });
    await post(coordinator, { source: 'lapor', laporNumber: String(Math.floor(1e6 + Math.random() * 8e6)), title: `Dasbor lapor ${word()}` });
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const page = await leader.agent.get(`/dasbor?from=${today}&to=${today}`).set('Cache-Control', 'no-cache').expect(200);
    const table = /data-testid="channels">([\s\S]*?)<\/table>/.exec(page.text)![1]!;
    // Each channel's row, and under the staff channel one row per source ('staff:telephone').
    const shown = Object.fromEntries([...table.matchAll(/data-channel="([^"]+)"[^>]*><th scope="row">[\s\S]*?<\/th><td>(?:<a [^>]+>)?([\d.]+)</g)].map((m) => [m[1], Number(m[2]!.replace(/\./g, ''))]));
    const from = new Date(`${today}T00:00:00+07:00`);
    const rows = await t.database.db
      .selectFrom('reports')
      .select(['channel', 'staff_source', t.database.db.fn.countAll<number>().as('n')])
      .where('submitted_at', '>=', from)
      .where('status', '<>', 'merged')
      .groupBy(['channel', 'staff_source'])
      .execute();
    const expected: Record<string, number> = {};
    for (const r of rows) {
      expected[r.channel] = (expected[r.channel] ?? 0) + Number(r.n);
      if (r.channel === 'staff') expected[`staff:${r.staff_source ?? ''}`] = Number(r.n);
    }
    expect(shown).to.deep.equal(expected);
    expect(shown['staff:telephone']).to.be.at.least(1);
    expect(shown['staff:lapor']).to.be.at.least(1);
    expect(table).to.contain('<span class="visually-hidden">Petugas: </span>Telepon').and.contain('<span class="visually-hidden">Petugas: </span>SP4N-LAPOR!');
  });

  it('counts per channel from the monthly summaries as from the reports', async () => {
    // May 2018 holds only this test's reports.
    const may = { from: new Date('2018-05-01T00:00:00+07:00'), to: new Date('2018-06-01T00:00:00+07:00'), now: new Date('2018-06-15T12:00:00+07:00') };
    const at = (day: number) => new Date(`2018-05-${String(day).padStart(2, '0')}T10:00:00+07:00`);
    const staff = (source: 'telephone' | 'lapor', n: string | null = null) => ({
      userId: coordinator.user.id, agencyId: null,
      source: { staff_source: source, source_platform: null, source_url: null, lapor_number: n, letter_number: null, letter_date: null },
    });
    const input = () => reportInput({ title: `Arsip ${word()}`, reporter: { name: null, email: null, phone: null, nik: null } });
    for (const [day, channel, source] of [[2, 'web', null], [3, 'web', null], [4, 'staff', 'telephone'], [5, 'staff', 'telephone'], [6, 'staff', 'lapor'], [7, 'email', null]] as const) {
      await submitReport(t.database.db, t.config, {
        input: input(), channel, locale: 'id', now: at(day),
        ...(source ? { staff: staff(source, source === 'lapor' ? String(Math.floor(1e6 + Math.random() * 8e6)) : null) } : {}),
      });
    }
    const expected = [
      { channel: 'staff', source: 'telephone', received: 2 },
      { channel: 'web', source: null, received: 2 },
      { channel: 'email', source: null, received: 1 },
      { channel: 'staff', source: 'lapor', received: 1 },
    ];
    expect(await channelBreakdown(t.database.db, may)).to.deep.equal(expected);
    await rebuildDirtyMonths(t.database.db);
    expect(await cleanMonths(t.database.db, ['2018-05-01'])).to.deep.equal(['2018-05-01']);
    expect(await channelBreakdown(t.database.db, may)).to.deep.equal(expected);
    // Read from the summary indeed: a (deliberately) wrong count shows through.
    const tamper = (n: number) => sql`update dashboard_month_counts set received = received + ${n} where span = 'month' and dim = 'channel' and month = '2018-05-01' and key = 'staff:lapor'`.execute(t.database.db);
    await tamper(10);
    expect((await channelBreakdown(t.database.db, may))[0]).to.deep.equal({ channel: 'staff', source: 'lapor', received: 11 });
    await tamper(-10);
  });
});
