import crypto from 'node:crypto';
import { expect } from 'chai';
import { sql } from 'kysely';
import { approveAnswer, refuseAnswer, returnDraft, submitDraft, validateAnswer } from '../../src/answers/commands/review.js';
import { saveDraft } from '../../src/answers/commands/saveDraft.js';
import { rebuildDirtyQualityMonths } from '../../src/dashboard/commands/rebuildQuality.js';
import { answersBehind, type DashboardFilter, type QualityFigure, qualityFigures } from '../../src/dashboard/metrics.js';
import { cleanQualityDays, cleanQualityMonths } from '../../src/dashboard/metrics/qualitySummaries.js';
import { monthRange } from '../../src/dashboard/metrics/summaries.js';
import type { Db } from '../../src/db/database.js';
import type { Report } from '../../src/db/schema.js';
import { transition } from '../../src/reports/commands/transition.js';
import { setSetting } from '../../src/settings/commands/setSetting.js';
import { confirmResolved, rateAnswer } from '../../src/tracking/commands/closeWithRating.js';
import { respondToAnswer } from '../../src/tracking/commands/respondToAnswer.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { buildTestApp, loginAs, type TestApp, uniqueEmail } from '../helpers/app.js';
import { buildReport } from '../helpers/reports.js';

/**
 * Answer quality per OPD (issue 21, item 7) on answers made through the real commands: a
 * draft returned by the Kepala OPD once then approved, one refused by the coordinator then
 * validated, one appealed and answered again, one re-opened by a reply, ratings given
 * through the tracking commands. Two fresh OPD keep the figures apart from other tests'.
 */
describe('dashboard: answer quality per OPD', () => {
  let t: TestApp;
  let db: Db;
  const tag = crypto.randomBytes(3).toString('hex');
  const agency: Record<'a' | 'b', { id: number; code: string }> = {} as never;
  const actors: Record<string, { kind: 'staff'; userId: number }> = {};
  const reports: Record<string, Report> = {};
  /** The answers (messages) sent, by name. */
  const sent: Record<string, number> = {};
  const day = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  const today = day(new Date());
  const from = new Date(`${today}T00:00:00+07:00`);
  const period = (over: Partial<DashboardFilter> = {}): DashboardFilter => ({ from, to: new Date(from.getTime() + 86_400_000), ...over });

  const fresh = async (id: number) => db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** A report of OPD `which`, verified to it and acknowledged: in progress. */
  async function working(which: 'a' | 'b', title: string): Promise<Report> {
    const { report } = await buildReport(t, { title: `${title} ${tag}` });
    await transition(db, {
      reportId: report.id, action: 'verify', actor: actors.coordinator!, visibility: 'public',
      set: { assigned_agency_id: agency[which].id, verified_at: sql`now()`, assigned_at: sql`now()`, response_due_at: sql`now() + interval '7 days'` },
    });
    await transition(db, { reportId: report.id, action: 'acknowledge', actor: actors[`staff-${which}`]!, visibility: 'public' });
    return fresh(report.id);
  }

  /** Staff write and submit a draft; returns its message id. */
  async function draft(which: 'a' | 'b', report: Report, body: string): Promise<number> {
    const current = await fresh(report.id);
    const existing = await db.selectFrom('messages').select(['id', 'version']).where('report_id', '=', report.id).where('kind', '=', 'answer').where('answer_status', 'in', ['draft', 'returned']).executeTakeFirst();
    const saved = await saveDraft(db, { report: current, actor: actors[`staff-${which}`]!, body, plannedAt: null, ...(existing ? { id: existing.id, version: existing.version } : {}) });
    await submitDraft(db, t.config, { report: await fresh(report.id), id: saved.id, actor: actors[`staff-${which}`]! });
    return saved.id;
  }

  // The Kepala OPD approves, having ticked that they read the checker's warnings (whatever it makes of these texts).
  const approve = async (which: 'a' | 'b', report: Report, id: number) =>
    approveAnswer(db, t.config, { report: await fresh(report.id), id, actor: actors[`head-${which}`]!, warningsRead: true });

  /**
   * The draft checker's verdict on the version that was sent, set here so each case is what
   * the test says whatever the checker (answers/check) makes of the text.
   */
  const checked = (messageId: number, verdict: boolean | null) =>
    sql`update answer_versions set elements_complete = ${verdict} where message_id = ${messageId} and version = (select max(version) from answer_versions where message_id = ${messageId})`.execute(db);

  const answer = (n: string) =>
    `Selamat siang Bapak/Ibu. Tim kami sudah meninjau lokasi (${n}) dan menemukan saluran tersumbat karena sampah. Sesuai Perda 5/2019 saluran dibersihkan oleh DPUPR; pembersihan dijadwalkan 10 Desember 2026. Hubungi UPT Jalan Pati di 0295-381234.`;

  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
    db = t.database.db;
    await setSetting(db, 'dashboardRankMinAnswered', 5, null);
    for (const x of ['a', 'b'] as const) {
      const code = `mutu-${x}-${tag}`;
      const row = await db.insertInto('agencies').values({ code, name: `Dinas Mutu ${x.toUpperCase()} ${tag}`, short_name: null, kind: 'dinas', parent_id: null, region_code: null, email: null, phone: null }).returning('id').executeTakeFirstOrThrow();
      agency[x] = { id: row.id, code };
      for (const role of ['agency_staff', 'agency_head'] as const) {
        const { user } = await createUser(db, { email: uniqueEmail(role), name: `Uji ${role} ${x}`, role, agencyId: row.id });
        actors[`${role === 'agency_staff' ? 'staff' : 'head'}-${x}`] = { kind: 'staff', userId: user.id };
      }
    }
    const { user } = await createUser(db, { email: uniqueEmail('coordinator'), name: 'Uji koordinator', role: 'coordinator', agencyId: null });
    actors.coordinator = { kind: 'staff', userId: user.id };

    // Returned once by the Kepala OPD, then approved; complete; rated 5 as the citizen closes it.
    reports.returned = await working('a', 'Saluran tersumbat di Jalan Kolonel Sunandar');
    const d1 = await draft('a', reports.returned, answer('pertama'));
    await returnDraft(db, t.config, { report: await fresh(reports.returned.id), id: d1, comment: 'Sebutkan tanggal pembersihan.', actor: actors['head-a']! });
    await draft('a', reports.returned, answer('kedua'));
    await approve('a', reports.returned, d1);
    sent.returned = d1;
    await checked(d1, true);
    await confirmResolved(db, { report: await fresh(reports.returned.id), rating: { rating: 5, comment: 'Terima kasih' } });

    // Refused once by the coordinator at validation, then validated; the checker found an element missing.
    await setSetting(db, 'answerValidation', true, null);
    try {
      reports.refused = await working('a', 'Lampu jalan mati di Desa Sidoharjo');
      const d2 = await draft('a', reports.refused, answer('lampu'));
      await approve('a', reports.refused, d2);
      await refuseAnswer(db, t.config, { report: await fresh(reports.refused.id), id: d2, comment: 'Dasar aturannya keliru.', actor: actors.coordinator! });
      await draft('a', reports.refused, answer('lampu, diperbaiki'));
      await approve('a', reports.refused, d2);
      await validateAnswer(db, t.config, { report: await fresh(reports.refused.id), id: d2, actor: actors.coordinator! });
      sent.refused = d2;
      await checked(d2, false);
    } finally {
      await setSetting(db, 'answerValidation', false, null);
    }

    // Appealed after the first answer, answered again (that one without a verdict, as if sent before the checker), and rated 2.
    reports.appealed = await working('a', 'Jembatan retak di Kecamatan Juwana');
    const d3 = await draft('a', reports.appealed, answer('jembatan'));
    await approve('a', reports.appealed, d3);
    sent.appealedFirst = d3;
    await checked(d3, true);
    await respondToAnswer(db, { report: await fresh(reports.appealed.id), body: 'Jawaban tidak menjawab pertanyaan saya.', appeal: true });
    const d4 = await draft('a', reports.appealed, answer('jembatan, diperbaiki'));
    expect(d4).to.not.equal(d3);
    await approve('a', reports.appealed, d4);
    sent.appealedSecond = d4;
    await checked(d4, null);
    await rateAnswer(db, { report: await fresh(reports.appealed.id), rating: { rating: 2, comment: null } });

    // Re-opened by a reply of the reporter, still being worked on; never checked (sent before the checker).
    reports.reopened = await working('a', 'Sampah menumpuk di Pasar Puri');
    const d5 = await draft('a', reports.reopened, answer('sampah'));
    await approve('a', reports.reopened, d5);
    sent.reopened = d5;
    await checked(d5, null);
    await respondToAnswer(db, { report: await fresh(reports.reopened.id), body: 'Kapan tepatnya diangkut?', appeal: false });

    // Another OPD's answer: complete, approved at once.
    reports.other = await working('b', 'Puskesmas tutup pada jam layanan');
    const d6 = await draft('b', reports.other, answer('puskesmas'));
    await approve('b', reports.other, d6);
    sent.other = d6;
    await checked(d6, true);
    // A draft not sent yet counts nowhere.
    const pending = await working('a', 'Drainase meluap');
    await draft('a', pending, answer('drainase'));
  });

  const rowOf = async (which: 'a' | 'b', over: Partial<DashboardFilter> = {}) => (await qualityFigures(db, period(over))).find((r) => r.agencyId === agency[which].id)!;
  const listed = async (figure: QualityFigure, which: 'a' | 'b') =>
    (await answersBehind(db, period({ agencyId: agency[which].id }), figure).execute()).map((r) => r.message_id).sort((x, y) => x - y);
  const ids = (...names: string[]) => names.map((n) => sent[n]!).sort((x, y) => x - y);

  it('counts each figure per OPD over the answers sent in the period', async () => {
    const a = await rowOf('a');
    expect(a).to.deep.include({
      agencyName: `Dinas Mutu A ${tag}`,
      sent: 5,
      complete: 2, incomplete: 1, unchecked: 2,
      sentBack: 2, reopened: 2, rated: 2, ratingAverage: 3.5,
    });
    expect(a.completeShare).to.equal(2 / 3);
    expect(a.sentBackShare).to.equal(2 / 5);
    expect(a.reopenedShare).to.equal(2 / 5);
    expect(await rowOf('b')).to.deep.include({ sent: 1, complete: 1, incomplete: 0, unchecked: 0, completeShare: 1, sentBack: 0, reopened: 0, rated: 0, ratingAverage: null });
    // Nothing sent on another day; an OPD's filter keeps its own row only.
    expect(await qualityFigures(db, { from: new Date(from.getTime() - 86_400_000), to: from, agencyId: agency.a.id })).to.deep.equal([]);
    expect((await qualityFigures(db, period({ agencyId: agency.b.id }))).map((r) => r.agencyId)).to.deep.equal([agency.b.id]);
  });

  it('lists exactly the answers behind each figure', async () => {
    expect(await listed('answersSent', 'a')).to.deep.equal(ids('returned', 'refused', 'appealedFirst', 'appealedSecond', 'reopened'));
    expect(await listed('answersComplete', 'a')).to.deep.equal(ids('returned', 'appealedFirst'));
    expect(await listed('answersIncomplete', 'a')).to.deep.equal(ids('refused'));
    expect(await listed('answersUnchecked', 'a')).to.deep.equal(ids('appealedSecond', 'reopened'));
    expect(await listed('answersSentBack', 'a')).to.deep.equal(ids('returned', 'refused'));
    expect(await listed('answersReopened', 'a')).to.deep.equal(ids('appealedFirst', 'reopened'));
    expect(await listed('answersRated', 'a')).to.deep.equal(ids('returned', 'appealedSecond'));
    const rated = await answersBehind(db, period({ agencyId: agency.a.id }), 'answersRated').execute();
    expect(rated.map((r) => [r.tracking_code, Number(r.rating)])).to.deep.equal([
      [reports.returned!.tracking_code, 5],
      [reports.appealed!.tracking_code, 2],
    ]);
  });

  it('shows the table on /dasbor with links to the lists, and the list page names the reports', async () => {
    const leader = await loginAs(t, 'leader');
    const page = (await leader.agent.get(`/dasbor?from=${today}&to=${today}`).expect(200)).text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(page).to.contain('Mutu jawaban per OPD');
    const row = page.split(`<tr data-quality="${agency.a.code}"`)[1]!.split('</tr>')[0]!;
    // Five answers: as many as the minimum (5), so not marked as too few.
    expect(row).to.not.contain('data-few');
    expect(row).to.contain('>67% (2)</a>').and.contain('>40% (2)</a>').and.contain('>3,5 (2)</a>');
    const link = /href="(\/dasbor\/laporan\?[^"]*figure=answersSentBack)"/.exec(row)![1]!;
    const list = await leader.agent.get(link).expect(200);
    expect(list.text).to.contain('Daftar jawaban yang pernah dikembalikan atau ditolak');
    for (const r of [reports.returned!, reports.refused!]) expect(list.text).to.contain(`/staf/laporan/${r.tracking_code}`);
    for (const r of [reports.appealed!, reports.reopened!, reports.other!]) expect(list.text).to.not.contain(`/staf/laporan/${r.tracking_code}`);
    // The other OPD has one answer: marked as too few to compare.
    const other = page.split(`<tr data-quality="${agency.b.code}"`)[1]!.split('</tr>')[0]!;
    expect(other).to.contain('data-few').and.contain('baru 1 jawaban, kurang dari 5');
  });

  it('holds a Kepala OPD to their own OPD, on the page, the lists and the download', async () => {
    const head = await loginAs(t, 'agency_head', { agencyId: agency.b.id });
    const page = (await head.agent.get(`/dasbor?from=${today}&to=${today}`).expect(200)).text;
    expect(page).to.contain(`data-quality="${agency.b.code}"`).and.not.contain(`data-quality="${agency.a.code}"`);
    // Asking for the other OPD's list by its code gets their own list instead.
    const list = await head.agent.get(`/dasbor/laporan?from=${today}&to=${today}&agency=${agency.a.code}&figure=answersSent`).expect(200);
    expect(list.text).to.contain(`/staf/laporan/${reports.other!.tracking_code}`);
    for (const r of [reports.returned!, reports.refused!, reports.appealed!, reports.reopened!]) expect(list.text).to.not.contain(r.tracking_code);
    const csv = await head.agent.get(`/dasbor/unduh/mutu.csv?from=${today}&to=${today}`).expect(200);
    expect(csv.text).to.contain(`Dinas Mutu B ${tag}`).and.not.contain(`Dinas Mutu A ${tag}`);
  });

  it('downloads the table, explains each figure, and refuses an unknown figure', async () => {
    const leader = await loginAs(t, 'leader');
    const csv = await leader.agent.get(`/dasbor/unduh/mutu.csv?from=${today}&to=${today}`).expect(200);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\n');
    expect(lines[0]).to.contain('Jawaban terkirim').and.contain('Lengkap 4 unsur (%)').and.contain('Jumlah penilaian').and.contain('Kurang dari 5 jawaban');
    const a = lines.find((l) => l.includes(`Dinas Mutu A ${tag}`))!;
    expect(a.split(',')).to.deep.equal([`Dinas Mutu A ${tag}`, '5', '66.7', '2', '1', '2', '40', '2', '40', '2', '3.5', '2', 'tidak']);
    const b = lines.find((l) => l.includes(`Dinas Mutu B ${tag}`))!;
    expect(b.split(',').at(-1)).to.equal('ya');
    const defs = (await leader.agent.get('/dasbor/definisi').expect(200)).text;
    expect(defs).to.contain('id="answersSent"').and.contain('Lengkap 4 unsur').and.contain('belum diperiksa').and.contain('Pernah dikembalikan atau ditolak').and.contain('Nilai rata-rata jawaban');
    await leader.agent.get(`/dasbor/laporan?figure=answersBogus`).expect(422);
  });
  it('reads whole months from their summaries, and a change after the rebuild at once', async () => {
    const month = `${today.slice(0, 7)}-01`;
    const whole = { ...monthRange(month), agencyId: agency.a.id };
    const counted = async () => {
      const [row] = await qualityFigures(db, whole);
      return { complete: row!.complete, unchecked: row!.unchecked, reopened: row!.reopened, rated: row!.rated, ratingAverage: row!.ratingAverage };
    };
    const live = await qualityFigures(db, whole);
    await rebuildDirtyQualityMonths(db, 1000);
    expect(await cleanQualityMonths(db, [month])).to.deep.equal([month]);
    const { rows } = await sql`
      select sent, complete, incomplete, unchecked, sent_back, reopened, rated, rating_sum
      from dashboard_quality_counts where span = 'month' and month = ${month}::date and key = ${String(agency.a.id)}`.execute(db);
    expect(rows).to.deep.equal([{ sent: 5, complete: 2, incomplete: 1, unchecked: 2, sent_back: 2, reopened: 2, rated: 2, rating_sum: 7 }]);
    expect(await qualityFigures(db, whole)).to.deep.equal(live);

    // Each later fact marks the month changed: it is read from the answers until rebuilt, so the figure moves at once.
    const changes: [() => Promise<unknown>, Partial<Awaited<ReturnType<typeof counted>>>][] = [
      [() => checked(sent.appealedSecond!, true), { complete: 3, unchecked: 1 }],
      [async () => rateAnswer(db, { report: await fresh(reports.appealed!.id), rating: { rating: 4, comment: null } }), { ratingAverage: 4.5 }],
      [async () => respondToAnswer(db, { report: await fresh(reports.appealed!.id), body: 'Terima kasih, satu pertanyaan lagi.', appeal: false }), { reopened: 3 }],
    ];
    for (const [change, expected] of changes) {
      await change();
      expect(await cleanQualityMonths(db, [month])).to.deep.equal([]);
      expect(await counted()).to.deep.include(expected);
      await rebuildDirtyQualityMonths(db, 1000);
      expect(await cleanQualityMonths(db, [month])).to.deep.equal([month]);
      expect(await counted()).to.deep.include(expected);
    }
  });

  it('reads the last 30 days from their day summaries, and a day changed after the rebuild from the answers (issue 25)', async () => {
    // The default period of /dasbor: 30 days to today, never a whole month.
    const days30 = { from: new Date(from.getTime() - 29 * 86_400_000), to: new Date(from.getTime() + 86_400_000), agencyId: agency.a.id };
    // Another day of this month (kept, so built by the rebuild): yesterday, or tomorrow on the 1st.
    const other = day(new Date(from.getTime() + (today.endsWith('-01') ? 1 : -1) * 86_400_000));
    // With a channel filter every answer is read (all of these reports came by the web form).
    const fromAnswers = async () => qualityFigures(db, { ...days30, channel: 'web' });
    const before = await fromAnswers();
    expect(before[0]).to.deep.include({ sent: 5 });
    await rebuildDirtyQualityMonths(db, 1000);
    expect(await cleanQualityDays(db, [other, today])).to.deep.equal([other, today].sort());
    expect(await qualityFigures(db, days30)).to.deep.equal(before);
    // Read from today's summary indeed: a (deliberately) wrong one shows through.
    const tamper = (n: number) => sql`update dashboard_quality_counts set sent = sent + ${n} where span = 'day' and month = ${today}::date and key = ${String(agency.a.id)}`.execute(db);
    await tamper(100);
    expect((await qualityFigures(db, days30))[0]!.sent).to.equal(105);
    await tamper(-100);

    // A checker's verdict changed now makes today dirty (the answer was sent today), and only
    // today: it is read from the answers at once.
    await checked(sent.appealedSecond!, false);
    expect(await cleanQualityDays(db, [other, today])).to.deep.equal([other]);
    const changed = await fromAnswers();
    expect(changed).to.not.deep.equal(before);
    expect(await qualityFigures(db, days30)).to.deep.equal(changed);
    await rebuildDirtyQualityMonths(db, 1000);
    expect(await cleanQualityDays(db, [other, today])).to.deep.equal([other, today].sort());
    expect(await qualityFigures(db, days30)).to.deep.equal(changed);
  });
});
