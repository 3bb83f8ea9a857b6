import crypto from 'node:crypto';
import { expect } from 'chai';
import { sql } from 'kysely';
import { lastCompleteMonth } from '../../src/dashboard/handlers.js';
import { previousPeriod } from '../../src/dashboard/filter.js';
import { rankAgencies, type AgencyFigures } from '../../src/dashboard/metrics.js';
import { daysChange, shareChange } from '../../src/dashboard/overview.js';
import { formatCode } from '../../src/reports/tracking.js';
import { translator } from '../../src/shared/i18n.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { buildReport } from '../helpers/reports.js';

/** The page's text without tags, Handlebars' escapes undone. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x3D;/g, '=').replace(/\s+/g, ' ');

function agency(id: number, answered: number, median: number | null, share: number | null, received = answered): AgencyFigures {
  return {
    agencyId: id, agencyName: `OPD ${id}`, received, open: 0, overdue: 0, firstResponse: answered, respondedInTime: 0, answered,
    answeredWithDeadline: answered, answeredInTime: 0, answeredInTimeShare: share, firstResponseMedian: median, firstResponseP90: median,
    answerMedian: median, answerP90: median, rated: 0, ratingAverage: null, appealed: 0, reopened: 0,
  };
}

describe('the leader’s dashboard answers “who is late, and is it getting better” (issue 19)', () => {
  describe('its rules', () => {
    it('compares with the period just before of the same length: whole months with the months before', () => {
      expect(previousPeriod('2026-11-01', '2026-11-30')).to.deep.equal({ from: '2026-10-01', to: '2026-10-31' });
      expect(previousPeriod('2026-03-01', '2026-03-31')).to.deep.equal({ from: '2026-02-01', to: '2026-02-28' });
      expect(previousPeriod('2026-01-01', '2026-03-31')).to.deep.equal({ from: '2025-10-01', to: '2025-12-31' });
      expect(previousPeriod('2026-11-08', '2026-12-07')).to.deep.equal({ from: '2026-10-09', to: '2026-11-07' });
      expect(previousPeriod('2026-12-07', '2026-12-07')).to.deep.equal({ from: '2026-12-06', to: '2026-12-06' });
    });

    it('never lists an OPD as both fastest and slowest, and ranks none below the minimum', () => {
      for (const n of [1, 2, 3, 7, 12]) {
        const rows = Array.from({ length: n }, (_, i) => agency(i + 1, 10, i + 1, 1 - i / 20));
        const r = rankAgencies(rows, { minCount: 5 });
        const both = r.fastest.filter((f) => r.slowest.includes(f));
        expect(both, `${n} OPD`).to.deep.equal([]);
        expect(r.fastest.length).to.equal(Math.min(5, Math.floor(n / 2)));
        expect(r.slowest[0]?.agencyId).to.equal(n >= 2 ? n : undefined);
      }
      const r = rankAgencies([agency(1, 4, 2, 0.5), agency(2, 9, 3, 0.2), agency(3, 9, 1, null), agency(4, 0, null, null, 3)], { minCount: 5 });
      expect(r.byShare.map((x) => x.agencyId), 'most often late first; no share last').to.deep.equal([2, 3]);
      expect(r.unranked.map((x) => x.agencyId)).to.deep.equal([1, 4]);
    });

    it('says in words whether a figure got better, with the number before', () => {
      const id = translator('id');
      const en = translator('en');
      expect(shareChange(0.72, 0.64, id, 'id')).to.deep.equal({ direction: 'better', arrow: '▲', text: 'naik 8 poin dari 64%' });
      expect(shareChange(0.5, 0.64, en, 'en')).to.deep.equal({ direction: 'worse', arrow: '▼', text: 'down 14 points from 64%' });
      expect(shareChange(0.5, null, id, 'id').direction).to.equal('none');
      expect(daysChange(4.2, 5.5, id, 'id')).to.deep.equal({ direction: 'better', arrow: '▼', text: 'lebih cepat 1,3 hari dari 5,5' });
      expect(daysChange(6, 5.5, en, 'en').text).to.equal('0.5 days slower than 5.5');
    });

    it('prints the last complete month by default', () => {
      expect(lastCompleteMonth(new Date('2026-12-07T03:00:00Z'))).to.equal('2026-11');
      expect(lastCompleteMonth(new Date('2027-01-15T03:00:00Z'))).to.equal('2026-12');
      // 1 January 00:30 in Jakarta is still 31 December in UTC: Jakarta decides.
      expect(lastCompleteMonth(new Date('2026-12-31T17:30:00Z'))).to.equal('2026-12');
    });
  });

  describe('the page', () => {
    let t: TestApp;
    let leader: SignedIn;
    let admin: SignedIn;
    let category: string;
    const names: Record<'fast' | 'slow' | 'few', string> = { fast: '', slow: '', few: '' };
    let overdueCode = '';

    /** A report of the category, answered (or open) in June or May 2019 (periods no other test uses). */
    async function answered(agencyId: number, submitted: string, days: number | null, inTime: boolean | null) {
      const { report } = await buildReport(t, { categoryId: (await t.database.db.selectFrom('categories').select('id').where('code', '=', category).executeTakeFirstOrThrow()).id });
      const at = new Date(`${submitted}T09:00:00+07:00`);
      const db = t.database.db;
      await db.updateTable('reports')
        .set({ submitted_at: at, created_at: at, assigned_agency_id: agencyId, status: days === null ? 'assigned' : 'answered', verify_due_at: null, response_due_at: days === null ? new Date(`${submitted}T16:00:00+07:00`) : null })
        .where('id', '=', report.id).execute();
      await sql`delete from report_durations where report_id = ${report.id}`.execute(db);
      await db.insertInto('report_durations').values({
        report_id: report.id, submitted_at: at, first_response_days: days, answer_days: days, responded_in_time: inTime, answered_in_time: inTime, computed_at: new Date(),
      }).execute();
      return report;
    }

    before(async () => {
      t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
      const db = t.database.db;
      const tag = crypto.randomBytes(3).toString('hex');
      const ids: Record<string, number> = {};
      for (const [key, label] of [['fast', 'Cepat'], ['slow', 'Lambat'], ['few', 'Sedikit']] as const) {
        names[key] = `Dinas Uji ${label} ${tag}`;
        ids[key] = (await db.insertInto('agencies').values({ code: `ov-${key}-${tag}`, name: names[key], short_name: null, kind: 'dinas', parent_id: null, region_code: null, email: null, phone: null }).returning('id').executeTakeFirstOrThrow()).id;
      }
      const policy = await db.selectFrom('sla_policies').select('id').orderBy('id').executeTakeFirstOrThrow();
      category = `ov-${tag}`;
      await db.insertInto('categories').values({ code: category, name: `Uji ringkasan ${tag}`, name_en: null, description: null, default_agency_id: ids.fast!, sla_policy_id: policy.id }).execute();
      // June: fast answers 4 of 4 on time in 2 days; slow 1 of 4 in 8 days; few 2 answered.
      for (const d of ['2019-06-03', '2019-06-04', '2019-06-05', '2019-06-06']) await answered(ids.fast!, d, 2, true);
      for (const [i, d] of ['2019-06-03', '2019-06-04', '2019-06-05', '2019-06-06'].entries()) await answered(ids.slow!, d, 8, i === 0);
      for (const d of ['2019-06-10', '2019-06-11']) await answered(ids.few!, d, 1, true);
      overdueCode = (await answered(ids.slow!, '2019-06-12', null, null)).tracking_code;
      // May: slow was on time 3 of 3 in 3 days.
      for (const d of ['2019-05-06', '2019-05-07', '2019-05-08']) await answered(ids.slow!, d, 3, true);
      leader = await loginAs(t, 'leader');
      admin = await loginAs(t, 'admin');
    });

    after(async () => {
      // The threshold is shared by the run's database: back to the default.
      await admin.agent.post('/admin/sla/peringkat').type('form').send({ _csrf: await admin.csrf(), rank_min_answered: '5' }).expect(303);
    });

    it('ranks the OPD with at least N answered reports, the most often late first, against the month before, N set at /admin/sla', async () => {
      // N is a setting, changed on the SLA page, refused out of range with a message.
      const bad = await admin.agent.post('/admin/sla/peringkat').type('form').send({ _csrf: await admin.csrf(), rank_min_answered: '0' }).expect(422);
      expect(bad.text).to.contain('Minimal laporan dijawab agar OPD diperingkat harus bilangan bulat 1 sampai 1000.');
      const saved = await admin.agent.post('/admin/sla/peringkat').type('form').send({ _csrf: await admin.csrf(), rank_min_answered: '3' }).expect(303);
      expect(saved.headers.location).to.equal('/admin/sla');
      expect(text((await admin.agent.get('/admin/sla').expect(200)).text)).to.contain('Dasbor kini memeringkat OPD dengan minimal 3 laporan dijawab.');

      const page = await leader.agent.get(`/dasbor?from=2019-06-01&to=2019-06-30&category=${category}`).expect(200);
      const all = text(page.text);
      expect(all).to.contain('Laporan yang masuk 1–30 Jun 2019, dibanding 1–31 Mei 2019.');
      // The ranked table: slow (25%) before fast (100%); few (2 answered) not ranked.
      const ranked = [...page.text.matchAll(/<tr data-rank="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => text(m[2]!).trim());
      expect(ranked).to.have.length(2);
      expect(ranked[0]).to.match(new RegExp(`^1 ${names.slow} 25% 8 4 1 ▼ turun 75 poin dari 100%$`));
      expect(ranked[1]).to.match(new RegExp(`^2 ${names.fast} 100% 2 4 0 tanpa pembanding$`));
      expect(all).to.contain('1 OPD tidak diperingkat (kurang dari 3 laporan dijawab)').and.contain(`${names.few} (2 dijawab)`);
      // Fastest and slowest by median: one each, never the same OPD, and the word is "Paling lambat".
      const list = (name: string) => text(new RegExp(`<ol data-list="${name}">([\\s\\S]*?)</ol>`).exec(page.text)![1]!);
      expect(list('fastest')).to.contain(names.fast).and.not.contain(names.slow);
      expect(list('slowest')).to.contain(names.slow).and.not.contain(names.fast);
      expect(page.text).to.contain('<h4>Paling lambat</h4>').and.not.match(/<h\d>Terlambat<\/h\d>/);
      // The verdict, in words, before the tables: overall 7 of 10 on time now, 3 of 3 before.
      const verdict = /<p class="verdict verdict-(\w+)">([\s\S]*?)<\/p>/.exec(page.text)!;
      expect(verdict[1]).to.equal('worse');
      expect(text(verdict[2]!)).to.contain('Memburuk.').and.contain('70% laporan dijawab tepat waktu, turun 30 poin dari 100% pada 1–31 Mei 2019.')
        .and.contain(`Paling sering terlambat: ${names.slow} (25% tepat waktu).`);
      expect(page.text.indexOf('class="verdict')).to.be.lessThan(page.text.indexOf('id="opd-title"'));
      // The sorted bar chart's data, in the table's order (the table is its equivalent without scripts).
      const model = JSON.parse(/data-model="([^"]+)"/.exec(page.text)![1]!.replace(/&quot;/g, '"').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&').replace(/&#x27;/g, "'")) as { opd: { labels: string[]; share: number[]; median: number[] } };
      expect(model.opd).to.deep.include({ labels: [names.slow, names.fast], share: [25, 100], median: [8, 2] });

      // In English too.
      const en = text((await leader.agent.get(`/dasbor?from=2019-06-01&to=2019-06-30&category=${category}`).set('Cookie', 'lang=en').expect(200)).text);
      expect(en).to.contain('Getting worse.').and.match(/down 30 points from 100% in the period before \(1\s?–\s?31 May 2019\)\. Median 2 working days to an answer, 1 day faster than 3\./).and.contain('Slowest').and.contain('Against the period before');

      // A higher N ranks nobody here, and says so.
      await admin.agent.post('/admin/sla/peringkat').type('form').send({ _csrf: await admin.csrf(), rank_min_answered: '5' }).expect(303);
      const none = text((await leader.agent.get(`/dasbor?from=2019-06-01&to=2019-06-30&category=${category}`).expect(200)).text);
      expect(none).to.contain('Belum ada OPD dengan minimal 5 laporan dijawab dalam periode ini.').and.contain('3 OPD tidak diperingkat');
    });

    it('writes tracking codes with their hyphen in the downloads', async () => {
      for (const format of ['csv']) {
        const file = await leader.agent.get(`/dasbor/unduh/terlambat.${format}?from=2019-06-01&to=2019-06-30&category=${category}`).expect(200);
        expect(file.text).to.contain(formatCode(overdueCode)).and.not.contain(`,${overdueCode},`);
        expect(formatCode(overdueCode)).to.match(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      }
    });

    it('prints the last complete month by default, on the Pemkab’s letterhead', async () => {
      const page = await leader.agent.get('/dasbor/bulanan').expect(200);
      const [y, m] = lastCompleteMonth().split('-').map(Number) as [number, number];
      const month = new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
      expect(page.text).to.contain(`Laporan bulanan pengaduan: ${month}`);
      expect(page.text).to.match(/<div class="letterhead">[\s\S]*<p class="letterhead-org">Pemerintah Kabupaten Pati<\/p>/);
      expect(page.text).to.contain(`name="bulan" type="month" value="${lastCompleteMonth()}"`);
    });
  });
});
