import argon2 from 'argon2';
import { expect } from 'chai';
import { getVillages } from 'idn-area-data';
import { sql } from 'kysely';
import { REPORT_STATUSES, ROLES } from '../../src/db/schema.js';
import { CATEGORIES } from '../../src/db/seed/categories.js';
import { PATI_AGENCIES } from '../../src/db/seed/pati-agencies.js';
import {
  DEFAULT_SLA_POLICY, HOLIDAY_YEARS, OFFICIAL_HOLIDAYS, packageHolidays, seedReference,
} from '../../src/db/seed/reference.js';
import { DEMO_EMAIL_DOMAIN, TRACKING_ALPHABET, planDemoReports, seedDemo } from '../../src/demo/index.js';
import { addWorkingDays, jakartaDate } from '../../src/shared/calendar.js';
import { type TestDatabase, createTestDatabase } from '../helpers/db.js';

const NOW = new Date('2026-11-20T03:00:00Z'); // Friday 10:00 in Pati

describe('addWorkingDays', () => {
  const none = new Set<string>();

  it('skips weekends and keeps the wall-clock time', () => {
    // Friday 10:00 WIB + 1 working day = Monday 10:00 WIB.
    expect(addWorkingDays(new Date('2026-11-20T03:00:00Z'), 1, none).toISOString()).to.equal('2026-11-23T03:00:00.000Z');
    expect(addWorkingDays(new Date('2026-11-20T03:00:00Z'), 5, none).toISOString()).to.equal('2026-11-27T03:00:00.000Z');
    expect(addWorkingDays(new Date('2026-11-20T03:00:00Z'), 0, none).toISOString()).to.equal('2026-11-20T03:00:00.000Z');
  });

  it('skips holidays', () => {
    const christmas = new Set(['2026-12-24', '2026-12-25']);
    // Wednesday 23 Dec + 1: Thursday and Friday are off, so Monday 28 Dec.
    expect(jakartaDate(addWorkingDays(new Date('2026-12-23T03:00:00Z'), 1, christmas))).to.equal('2026-12-28');
  });

  it('counts Jakarta calendar days, not UTC ones', () => {
    // 2026-11-19T18:00Z is Friday 01:00 in Jakarta (Thursday in UTC): + 1 is Monday 01:00 WIB.
    expect(addWorkingDays(new Date('2026-11-19T18:00:00Z'), 1, none).toISOString()).to.equal('2026-11-22T18:00:00.000Z');
    expect(jakartaDate(new Date('2026-11-19T18:00:00Z'))).to.equal('2026-11-20');
  });

  it('refuses negative or fractional days', () => {
    expect(() => addWorkingDays(NOW, -1, none)).to.throw(RangeError);
    expect(() => addWorkingDays(NOW, 1.5, none)).to.throw(RangeError);
  });
});

describe('date-holidays for Indonesia (what the package returns)', () => {
  it('dates Islamic holidays on the day itself, not on the eve where they start at 18:00', () => {
    const y2026 = packageHolidays(2026);
    const fitri = y2026.filter((h) => h.rule.endsWith('Shawwal')).map((h) => h.date);
    // The package's tabular calendar says 20-21 March; the SKB says 21-22 (see below).
    expect(fitri).to.deep.equal(['2026-03-20', '2026-03-21']);
    const dates = y2026.map((h) => h.date);
    expect(dates).to.include.members(['2026-01-16', '2026-05-27', '2026-06-16', '2026-08-25']);
    expect(dates).not.to.include.members(['2026-01-15', '2026-05-26', '2026-06-15', '2026-08-24']);
    expect(y2026.find((h) => h.date === '2026-01-16')!.name).to.equal('Isra Mikraj Nabi Muhammad SAW');
  });

  it('keeps only days off (type public)', () => {
    for (const year of HOLIDAY_YEARS) expect(packageHolidays(year).length).to.be.within(14, 20);
  });
});

describe('seed data', function () {
  // Booting PGlite, argon2 hashing and a year of reports take a few seconds on 2 cores.
  this.timeout(180_000);
  let tdb: TestDatabase;
  let first: { loaded: boolean };

  before(async () => {
    tdb = await createTestDatabase();
    first = await seedReference(tdb.db);
  });

  after(async () => {
    await tdb?.drop();
  });

  async function counts() {
    const { rows } = await sql<{ agencies: number; categories: number; regions: number; holidays: number; policies: number }>`
      select (select count(*)::int from agencies) as agencies, (select count(*)::int from categories) as categories,
             (select count(*)::int from regions) as regions, (select count(*)::int from holidays) as holidays,
             (select count(*)::int from sla_policies) as policies`.execute(tdb.db);
    return rows[0]!;
  }

  describe('seedReference', () => {
    it('loads into an empty database once, and nothing the second time', async () => {
      expect(first.loaded).to.equal(true);
      const before = await counts();
      expect(await seedReference(tdb.db)).to.deep.equal({ loaded: false });
      expect(await counts()).to.deep.equal(before);
      expect(before.policies).to.equal(1);
    });

    it('has the 21 kecamatan of Kabupaten Pati with their names', async () => {
      const kec = await tdb.db.selectFrom('regions').selectAll().where('level', '=', 'kecamatan').orderBy('code').execute();
      expect(kec).to.have.length(21);
      expect(kec.map((k) => k.code)).to.satisfy((codes: string[]) => codes.every((c) => /^33\.18\.\d{2}$/.test(c)));
      const names = kec.map((k) => k.name);
      expect(names).to.include.members(['Juwana', 'Tayu', 'Pati', 'Sukolilo', 'Kayen', 'Gunungwungkal', 'Dukuhseti']);
      expect(kec.find((k) => k.code === '33.18.08')!.name).to.equal('Juwana');
      expect(kec.find((k) => k.code === '33.18.10')!.name).to.equal('Pati');
    });

    it('has every desa and kelurahan of the package, each under its kecamatan', async () => {
      const fromPackage = (await getVillages()).filter((v) => v.district_code.startsWith('33.18.'));
      expect(fromPackage).to.have.length(406); // idn-area-data 3.1.2
      const villages = await tdb.db.selectFrom('regions').selectAll().where('level', '<>', 'kecamatan').execute();
      expect(villages).to.have.length(fromPackage.length);
      expect(villages.filter((v) => v.level === 'kelurahan').map((v) => v.name).sort())
        .to.deep.equal(['Kalidoro', 'Parenggan', 'Pati Kidul', 'Pati Lor', 'Pati Wetan']);
      for (const v of villages) {
        expect(v.parent_code).to.equal(v.code.slice(0, 8));
        expect(v.level).to.equal(v.code.slice(9, 10) === '1' ? 'kelurahan' : 'desa');
        expect(v.name, v.code).not.to.equal(v.name.toUpperCase());
      }
      const perKecamatan = await tdb.db
        .selectFrom('regions as k')
        .leftJoin('regions as v', 'v.parent_code', 'k.code')
        .select(['k.name', (eb) => eb.fn.count<number>('v.code').as('n')])
        .where('k.level', '=', 'kecamatan')
        .groupBy('k.name')
        .execute();
      for (const k of perKecamatan) expect(Number(k.n), k.name).to.be.greaterThan(0);
    });

    it('gives every kecamatan an office under the Sekretariat Daerah', async () => {
      const rows = await tdb.db
        .selectFrom('regions as r')
        .leftJoin('agencies as a', (j) => j.onRef('a.region_code', '=', 'r.code').on('a.kind', '=', 'kecamatan'))
        .leftJoin('agencies as p', 'p.id', 'a.parent_id')
        .select(['r.name', 'a.code', 'a.name as agency', 'p.code as parent'])
        .where('r.level', '=', 'kecamatan')
        .execute();
      expect(rows).to.have.length(21);
      for (const r of rows) {
        expect(r.agency, r.name).to.equal(`Kecamatan ${r.name}`);
        expect(r.parent).to.equal('setda');
      }
      expect(rows.map((r) => r.code)).to.include('kec-juwana');
    });

    it('loads the OPD with valid kinds, codes and parents', async () => {
      const agencies = await tdb.db.selectFrom('agencies').selectAll().execute();
      const byCode = new Map(agencies.map((a) => [a.code, a]));
      for (const seed of PATI_AGENCIES) {
        const a = byCode.get(seed.code);
        expect(a, seed.code).to.not.equal(undefined);
        expect(a!.kind).to.equal(seed.kind);
        expect(a!.parent_id ?? null).to.equal(seed.parent ? byCode.get(seed.parent)!.id : null);
      }
      for (const code of ['diskominfo', 'dpupr', 'dinkes', 'bpbd', 'rsud-soewondo', 'rsud-kayen', 'inspektorat']) {
        expect(byCode.has(code), code).to.equal(true);
      }
      expect(byCode.get('setda-prokompim')!.kind).to.equal('bagian');
      expect(byCode.get('kel-pati-kidul')!.parent_id).to.equal(byCode.get('kec-pati')!.id);
    });

    it('maps every active category to an existing agency and the default SLA policy', async () => {
      const rows = await tdb.db
        .selectFrom('categories as c')
        .leftJoin('agencies as a', 'a.id', 'c.default_agency_id')
        .innerJoin('sla_policies as p', 'p.id', 'c.sla_policy_id')
        .select(['c.code', 'c.name', 'c.name_en', 'c.description', 'a.code as agency', 'p.code as policy', 'c.auto_forward'])
        .where('c.active', '=', true)
        .execute();
      expect(rows).to.have.length(CATEGORIES.length);
      expect(rows.length).to.be.within(20, 35);
      for (const r of rows) {
        expect(r.agency, r.code).to.be.a('string');
        expect(r.policy).to.equal('default');
        expect(r.name && r.name_en && r.description, r.code).to.be.a('string');
      }
      const forwarded = rows.filter((r) => r.auto_forward).map((r) => r.code);
      expect(forwarded).to.include('adminduk');
      expect(forwarded.length).to.be.lessThan(rows.length / 3);
      const policy = await tdb.db.selectFrom('sla_policies').selectAll().executeTakeFirstOrThrow();
      expect(policy).to.include({ ...DEFAULT_SLA_POLICY });
    });

    it('has the days off of 2025-2027 on the right dates', async () => {
      const rows = await tdb.db.selectFrom('holidays').selectAll().orderBy('date').execute();
      const by = new Map(rows.map((h) => [h.date, h]));
      for (const year of HOLIDAY_YEARS) {
        expect(rows.filter((h) => h.date.startsWith(`${year}-`) && h.kind === 'national').length, String(year))
          .to.be.within(15, 18);
      }
      const national = (date: string) => expect(by.get(date)?.kind, date).to.equal('national');
      const cuti = (date: string) => expect(by.get(date)?.kind, date).to.equal('cuti_bersama');
      const absent = (date: string) => expect(by.has(date), date).to.equal(false);

      for (const d of ['2026-01-01', '2026-08-17', '2026-12-25', '2025-12-25', '2027-12-25', '2027-08-17']) national(d);
      expect(by.get('2026-01-01')!.source).to.equal('date-holidays');
      // Idul Fitri 1447 H: SKB 21-22 March 2026, cuti bersama 20, 23, 24 March.
      national('2026-03-21');
      national('2026-03-22');
      expect(by.get('2026-03-22')!.source).to.equal('admin');
      for (const d of ['2026-03-20', '2026-03-23', '2026-03-24']) cuti(d);
      // Idul Fitri 1446 H: 31 March - 1 April 2025 (the package says 30-31 March).
      national('2025-03-31');
      national('2025-04-01');
      absent('2025-03-30');
      // 1 Muharram 1447 H: 27 June 2025, not the package's 26 June.
      national('2025-06-27');
      absent('2025-06-26');
      // Never on the eve: Idul Adha, Isra Mikraj, Maulid 2026; Idul Adha and 1 Muharram 2027.
      for (const [day, eve] of [['2026-05-27', '2026-05-26'], ['2026-01-16', '2026-01-15'], ['2026-08-25', '2026-08-24'],
        ['2027-05-16', '2027-05-15'], ['2027-06-06', '2027-06-05']] as const) {
        national(day);
        absent(eve);
      }
      // 2027 has no SKB loaded: the package's own dates.
      expect(by.get('2027-03-09')).to.include({ kind: 'national', source: 'date-holidays' });
      expect(by.get('2027-03-10')).to.include({ kind: 'national', source: 'date-holidays' });
      // Cuti bersama: exactly the SKB lists of 2025 and 2026, entered as admin data.
      const cutiRows = rows.filter((h) => h.kind === 'cuti_bersama');
      const expected = Object.values(OFFICIAL_HOLIDAYS).flatMap((y) => y.cutiBersama.map(([d]) => d)).sort();
      expect(cutiRows.map((h) => h.date)).to.deep.equal(expected);
      expect(cutiRows.every((h) => h.source === 'admin')).to.equal(true);
      expect(expected).to.have.length(19);
      cuti('2025-08-18');
    });
  });

  describe('seedDemo', () => {
    let result: Awaited<ReturnType<typeof seedDemo>>;

    before(async () => {
      result = await seedDemo(tdb.db, { reports: 300, now: NOW });
    });

    it('creates users of every role with distinct random passwords that verify', async () => {
      expect(result.reports).to.equal(300);
      const roles = new Set(result.users.map((u) => u.role));
      expect([...roles].sort()).to.deep.equal([...ROLES].sort());
      const passwords = result.users.map((u) => u.password);
      expect(new Set(passwords).size).to.equal(passwords.length);
      for (const p of passwords) expect(p).to.match(/^[A-Za-z0-9_-]{16}$/);
      expect(result.users.filter((u) => u.role === 'agency_head')).to.have.length.within(4, 5);
      expect(result.users.filter((u) => u.role === 'agency_staff')).to.have.length.within(8, 10);
      expect(result.users.filter((u) => u.role === 'coordinator')).to.have.length(2);
      expect(result.users.map((u) => u.email)).to.include(`kepala.dpupr@${DEMO_EMAIL_DOMAIN}`);

      const stored = await tdb.db.selectFrom('users as u').leftJoin('agencies as a', 'a.id', 'u.agency_id')
        .select(['u.email', 'u.role', 'u.password_hash', 'a.code as agency']).execute();
      const byEmail = new Map(stored.map((u) => [u.email, u]));
      // One user per role is enough to prove the hashes (argon2 is slow on purpose).
      const sample = [...roles].map((role) => result.users.find((u) => u.role === role)!);
      for (const u of result.users) {
        const s = byEmail.get(u.email)!;
        expect(s.role).to.equal(u.role);
        expect(s.agency ?? null).to.equal(u.agency);
        expect(s.password_hash).to.match(/^\$argon2id\$/);
      }
      const checks = await Promise.all(sample.map((u) => argon2.verify(byEmail.get(u.email)!.password_hash, u.password)));
      expect(checks.every(Boolean)).to.equal(true);
      expect(await argon2.verify(byEmail.get(sample[0]!.email)!.password_hash, sample[1]!.password)).to.equal(false);
    });

    it('has reports in every status, spread over the last twelve months', async () => {
      const rows = await tdb.db.selectFrom('reports').select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status').execute();
      expect(rows.map((r) => r.status).sort()).to.deep.equal([...REPORT_STATUSES].sort());
      const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      expect(byStatus.resolved! + byStatus.answered!).to.be.greaterThan(100);
      const span = await sql<{ first: Date; last: Date }>`select min(submitted_at) as first, max(submitted_at) as last from reports`
        .execute(tdb.db);
      const { first: oldest, last: newest } = span.rows[0]!;
      expect(NOW.getTime() - oldest.getTime()).to.be.within(300 * 86_400_000, 400 * 86_400_000);
      expect(newest.getTime()).to.be.lessThan(NOW.getTime());
    });

    it('writes one event per transition, ending in the report status', async () => {
      const reports = await tdb.db.selectFrom('reports').select(['id', 'status']).execute();
      const events = await tdb.db.selectFrom('report_events').selectAll().orderBy('report_id').orderBy('created_at')
        .orderBy('id').execute();
      const byReport = new Map<number, typeof events>();
      for (const e of events) byReport.set(e.report_id, [...(byReport.get(e.report_id) ?? []), e]);
      for (const r of reports) {
        const list = byReport.get(r.id)!;
        expect(list[0]).to.include({ type: 'submitted', from_status: null, to_status: 'submitted', visibility: 'public' });
        expect(list[list.length - 1]!.to_status, `report ${r.id}`).to.equal(r.status);
        for (let i = 1; i < list.length; i++) {
          expect(list[i]!.from_status).to.equal(list[i - 1]!.to_status);
          expect(list[i]!.created_at.getTime()).to.be.greaterThan(list[i - 1]!.created_at.getTime());
        }
      }
    });

    it('keeps stage timestamps, deadlines and fields consistent with the status', async () => {
      const reports = await tdb.db.selectFrom('reports as r').innerJoin('categories as c', 'c.id', 'r.category_id')
        .selectAll('r').select('c.default_agency_id').execute();
      const holidays = new Set((await tdb.db.selectFrom('holidays').select('date').execute()).map((h) => h.date));
      const codes = new Set<string>();
      const ids = new Set(reports.map((r) => r.id));
      for (const r of reports) {
        const label = `${r.tracking_code} (${r.status})`;
        const stages = [r.submitted_at, r.verified_at, r.assigned_at, r.acknowledged_at, r.answered_at, r.resolved_at]
          .filter((d): d is Date => d !== null)
          .map((d) => d.getTime());
        expect(stages, label).to.deep.equal([...stages].sort((a, b) => a - b));
        expect(Math.max(...stages), label).to.be.at.most(NOW.getTime());
        if (r.acknowledged_at) expect(r.acknowledged_at.getTime(), label).to.be.greaterThan(r.assigned_at!.getTime());
        if (r.answered_at) expect(r.answered_at.getTime(), label).to.be.greaterThan(r.acknowledged_at!.getTime());
        if (r.resolved_at) expect(r.resolved_at.getTime(), label).to.be.greaterThan(r.answered_at!.getTime());
        expect(r.verify_due_at!.getTime()).to.equal(addWorkingDays(r.submitted_at, 3, holidays).getTime());

        expect(r.tracking_code).to.have.length(8);
        expect([...r.tracking_code].every((ch) => TRACKING_ALPHABET.includes(ch)), label).to.equal(true);
        expect(codes.has(r.tracking_code)).to.equal(false);
        codes.add(r.tracking_code);
        expect(r.tracking_secret_hash).to.match(/^[0-9a-f]{64}$/);

        const working = ['assigned', 'in_progress', 'awaiting_approval', 'answered', 'resolved'].includes(r.status);
        if (working) {
          expect(r.assigned_agency_id, label).to.equal(r.default_agency_id);
          expect(r.response_due_at!.getTime(), label).to.be.greaterThan(r.assigned_at!.getTime());
          expect(r.resolve_due_at!.getTime(), label).to.be.greaterThan(r.response_due_at!.getTime());
        }
        if (r.status === 'answered' || r.status === 'resolved') {
          expect(r.close_due_at, label).to.not.equal(null);
          expect(r.first_response_at, label).to.not.equal(null);
        }
        if (r.status === 'resolved') expect(r.closed_at?.getTime()).to.equal(r.resolved_at!.getTime());
        if (r.status === 'rejected') expect(r.rejection_reason, label).to.be.a('string');
        if (r.status === 'merged') expect(ids.has(r.merged_into_id!), label).to.equal(true);
        if (r.status === 'needs_info') {
          expect(r.paused_at && r.info_due_at && r.status_before_pause, label).to.not.equal(null);
        }
        if (['submitted', 'rejected', 'merged'].includes(r.status)) expect(r.assigned_agency_id, label).to.equal(null);
        if (r.rating !== null) expect(r.status).to.equal('resolved');
      }
      const regions = await sql<{ n: number }>`
        select count(*)::int as n from reports r join regions g on g.code = r.region_code
        where g.level = 'kecamatan' or g.code not like '33.18.%'`.execute(tdb.db);
      expect(regions.rows[0]!.n).to.equal(0);
    });

    it('sends a public answer for every answered and resolved report', async () => {
      const missing = await sql<{ n: number }>`
        select count(*)::int as n from reports r
        where r.status in ('answered', 'resolved') and not exists (
          select 1 from messages m where m.report_id = r.id and m.kind = 'answer' and m.answer_status = 'sent'
            and m.visibility = 'public' and m.sent_at = r.answered_at)`.execute(tdb.db);
      expect(missing.rows[0]!.n).to.equal(0);
      const kinds = await tdb.db.selectFrom('messages').select('kind').distinct().execute();
      expect(kinds.map((k) => k.kind)).to.include.members(['answer', 'internal_note', 'question']);
      const flags = await sql<{ anonymous: number; confidential: number; channels: number; kinds: number }>`
        select count(*) filter (where is_anonymous)::int as anonymous, count(*) filter (where is_confidential)::int as confidential,
               count(distinct channel)::int as channels, count(distinct kind)::int as kinds from reports`.execute(tdb.db);
      expect(flags.rows[0]).to.satisfy((f: { anonymous: number; confidential: number; channels: number; kinds: number }) =>
        f.anonymous > 0 && f.confidential > 0 && f.channels === 5 && f.kinds === 3);
    });

    it('plans the same reports for the same database state and time', async () => {
      const strip = (rows: Awaited<ReturnType<typeof planDemoReports>>) =>
        rows.map(({ tracking_secret_hash: _secret, ...rest }) => rest);
      const a = await planDemoReports(tdb.db, { reports: 40, now: NOW });
      const b = await planDemoReports(tdb.db, { reports: 40, now: NOW });
      expect(strip(a)).to.deep.equal(strip(b));
    });

    it('does not duplicate users when run again, and adds more reports', async () => {
      const usersBefore = await tdb.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const again = await seedDemo(tdb.db, { reports: 20, now: NOW });
      expect(again.users).to.deep.equal([]);
      expect(again.reports).to.equal(20);
      const usersAfter = await tdb.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(usersAfter.n)).to.equal(Number(usersBefore.n));
      const total = await tdb.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(total.n)).to.equal(320);
    });
  });
});
