import { sql, type Kysely } from 'kysely';
import type { CalendarSql } from './calendar.js';
import { sqlCode, sqlSalted, sqlSecret } from './codes.js';
import { REPORTER_POOL, TEXT_VARIANTS } from './pools.js';
import { timed } from './trace.js';

/**
 * The plan of one chunk of reports (temporary table gen_plan): for report number g, its
 * draws, its path through the lifecycle with the time of every step, its deadlines by the
 * working-day calendar, and where "now" finds it. Every row of every table is then an
 * INSERT ... SELECT from this plan (rows.ts), so a report, its events, messages and
 * durations tell one story.
 *
 * Draws are hashes of (g, salt, k): uniform in [0, 1), the same on every run and backend.
 * Distributions (skewed like a real complaint channel):
 *   - submissions over the last two years, growing (density rises linearly), by day time;
 *   - category: the first in popularity order gets the most (u^2.2); OPD: the category's
 *     default OPD (82%), the kecamatan office of the desa (10%), else any OPD, skewed;
 *   - desa: skewed towards the first (u^1.6); channel: web 72%, e-mail 12%, API 7%,
 *     Open311 3%, staff 6%;
 *   - path: rejected at verification 6%, merged 2%, a question first 8% (a fifth of those
 *     never answered: closed as incomplete), a draft returned once 12%; each OPD has a
 *     slowness between 0.6 and 2.4, and 1.5% x slowness of reports get stuck for months
 *     (the overdue list); answers close by themselves after 10 HK (72%) or the citizen
 *     closes them earlier and rates them (70% of those).
 */
export interface PlanInput {
  from: number;
  to: number;
  idBase: number;
  salt: number;
  now: Date;
  spanDays: number;
}

export function u(k: number, salt: number): string {
  return `((hashint8(g::bigint * 64 + ${k} + ${salt}::bigint * 7919) & 2147483647)::float8 / 2147483648.0)`;
}

/** Nested replace() of the place placeholders from gen_desa (alias d). */
export function places(col: string): string {
  let out = col;
  for (const [key, column] of [['desa', 'd.name'], ['kec', 'd.kec_name'], ['lokasi', 'd.lokasi'], ['balai', 'd.balai'], ['tetangga', 'd.neighbour']]) {
    out = `replace(${out}, '{${key}}', ${column})`;
  }
  return out;
}

const h = (x: string) => `(interval '1 second' * round(3600 * (${x})))`;

export async function buildPlan(conn: Kysely<any>, cal: CalendarSql, p: PlanInput): Promise<void> {
  const U = (k: number) => u(k, p.salt);
  const now = `'${p.now.toISOString()}'::timestamptz`;
  await sql`drop table if exists gen_plan`.execute(conn);
  // Draws, places, texts and people.
  await timed(conn, `
    create temp table gen_plan as
    select s.*, c.id as category_id, c.verify_days, c.respond_days, c.resolve_days, c.auto_close_days, c.info_days, c.escalate_days,
      d.code as region_code, d.kec_code,
      ${places('t.title')} as title, ${places('t.body')} as body, ${places('t.answer')} as answer, t.kind,
      r.name as rep_name, r.email as rep_email, r.phone as rep_phone, r.nik as rep_nik,
      a.agency_id, 0.6 + (a.agency_id * 37 % 10) / 5.0 as slow, st.staff_id, st.head_id,
      ${sqlCode('s.x')} as tracking_code,
      encode(sha256(convert_to(${sqlSecret('s.x')}, 'UTF8')), 'hex') as secret_hash
    from (
      select g, ${p.idBase} + g as id, ${sqlSalted('g', p.salt)} as x,
        least(date_trunc('second', ((date_trunc('day', ${now} at time zone 'Asia/Jakarta') - interval '1 day' * ${p.spanDays}
            + interval '1 day' * floor(${p.spanDays} * sqrt(${U(1)})) + ${h(`6 + 16 * power(${U(2)}, 1.3)`)}) at time zone 'Asia/Jakarta')),
          ${now} - interval '1 minute') as sub_at,
        1 + floor((select count(*) from gen_cat) * power(${U(3)}, 2.2))::int as cat_i,
        1 + floor((select count(*) from gen_desa) * power(${U(4)}, 1.6))::int as desa_i,
        case when ${U(5)} < 0.72 then 'web' when ${U(5)} < 0.84 then 'email' when ${U(5)} < 0.91 then 'api'
             when ${U(5)} < 0.94 then 'open311' else 'staff' end as channel,
        floor(${TEXT_VARIANTS} * ${U(6)})::int as text_v,
        floor(${REPORTER_POOL} * ${U(7)})::int as rep_i,
        ${U(8)} < 0.12 as anon, ${U(9)} < 0.03 as confidential, ${U(10)} < 0.55 as has_email, ${U(11)} < 0.7 as has_phone,
        ${U(12)} < 0.3 as has_nik,
        case when ${U(13)} < 0.06 then 'reject' when ${U(13)} < 0.08 and g > 25 then 'merge' else 'normal' end as branch,
        ${U(14)} < 0.08 as detour, ${U(15)} < 0.2 as incomplete, ${U(16)} < 0.12 as returned,
        ${U(17)} as stuck_u, ${U(18)} < 0.72 as auto_close, ${U(19)} < 0.35 as note, ${U(20)} < 0.4 as has_draft,
        case when ${U(21)} < 0.4 then 1 + floor(3 * power(${U(22)}, 2))::int else 0 end as photos,
        ${U(23)} < 0.15 as doc, ${U(24)} as publish_u, ${U(25)} as rate_u, ${U(26)} as rating_u,
        ${U(27)} as agency_u, ${U(28)} as agency_pick, ${U(29)} as pick_u,
        1 + 30 * power(${U(30)}, 2) as h_req, 2 + 150 * power(${U(31)}, 3) as h_provide, 1 + 70 * power(${U(32)}, 2) as h_verify,
        1 + 40 * power(${U(33)}, 2) as h_ack, 4 + 150 * power(${U(34)}, 2.5) as h_draft, 0.5 + 40 * power(${U(35)}, 2) as h_approve,
        4 + 48 * ${U(36)} as h_redraft, 0.5 + 24 * power(${U(37)}, 2) as h_approve2, 2 + 100 * power(${U(38)}, 2) as h_close,
        4 + 48 * ${U(39)} as h_publish
      from generate_series(${p.from}, ${p.to}) g
    ) s
    join gen_cat c on c.i = s.cat_i
    join gen_desa d on d.i = s.desa_i
    join gen_text t on t.cat = s.cat_i - 1 and t.v = s.text_v
    join gen_rep r on r.i = s.rep_i
    cross join lateral (
      select case
        when s.agency_u < 0.82 and c.agency_id is not null then c.agency_id
        when s.agency_u < 0.92 and d.kec_agency_id is not null then d.kec_agency_id
        else (select id from gen_agency where i = 1 + floor((select count(*) from gen_agency) * power(s.agency_pick, 1.8))::int)
      end as agency_id) a
    join gen_staff st on st.agency_id = a.agency_id`);

  const stuck = `(case when stuck_u < 0.015 * slow then 25 else 1 end)`;
  const steps = [
    // The path: a question before verification (and its answer), verification, or the end
    // of a rejected or merged report.
    `alter table gen_plan
       add column t_req timestamptz, add column t_provide timestamptz, add column info_due timestamptz,
       add column t_verify timestamptz, add column t_end timestamptz, add column verify_due timestamptz,
       add column response_due timestamptz, add column resolve_due timestamptz, add column t_ack timestamptz,
       add column t_draft0 timestamptz, add column t_return timestamptz, add column t_draft timestamptz,
       add column t_approve timestamptz, add column close_due timestamptz, add column t_resolve timestamptz,
       add column status text, add column verify_breach timestamptz, add column respond_breach timestamptz,
       add column resolve_breach timestamptz, add column verify_esc timestamptz, add column respond_esc timestamptz,
       add column resolve_esc timestamptz, add column cum_sub float8, add column cum_req float8, add column cum_provide float8,
       add column cum_approve float8`,
    `update gen_plan set detour = detour and branch = 'normal', incomplete = incomplete and detour and branch = 'normal'`,
    `update gen_plan set
       t_req = case when detour then sub_at + ${h('h_req')} end,
       t_provide = case when detour and not incomplete then sub_at + ${h('h_req + h_provide')} end,
       t_end = case when branch <> 'normal' then sub_at + ${h('h_verify')} end,
       t_verify = case when branch = 'normal' and not incomplete then sub_at + ${h('case when detour then h_req + h_provide else 0 end + h_verify')} end`,
    // A question pauses the verification clock: the deadline moves by the time paused
    // (wall-clock here; the app moves it by office minutes, which only shifts a few
    // verify deadlines of paused reports by hours).
    cal.setDueAfter('info_due', 't_req', 'info_days'),
    cal.setDueAfter('verify_due', 'sub_at', 'verify_days'),
    `update gen_plan set verify_due = verify_due + (t_provide - t_req) where t_provide is not null`,
    cal.setDueAfter('response_due', 't_verify', 'respond_days'),
    cal.setDueAfter('resolve_due', 't_verify', 'resolve_days'),
    `update gen_plan set
       t_end = case when incomplete then info_due else t_end end,
       t_ack = t_verify + ${h(`h_ack * slow`)},
       t_draft0 = case when returned then t_verify + ${h(`h_ack * slow + 0.6 * h_draft * slow * ${stuck}`)} end,
       t_return = case when returned then t_verify + ${h(`h_ack * slow + 0.6 * h_draft * slow * ${stuck} + h_approve`)} end,
       t_draft = t_verify + ${h(`h_ack * slow + case when returned then 0.6 * h_draft * slow * ${stuck} + h_approve + h_redraft * slow else h_draft * slow * ${stuck} end`)}`,
    `update gen_plan set t_approve = t_draft + ${h('case when returned then h_approve2 else h_approve end')}`,
    cal.setDueAfter('close_due', 't_approve', 'auto_close_days'),
    `update gen_plan set t_resolve = case when auto_close then close_due else t_approve + ${h('h_close')} end`,
    `update gen_plan set status = case
       when branch = 'reject' then case when t_end <= ${now} then 'rejected' else 'submitted' end
       when branch = 'merge' then case when t_end <= ${now} then 'merged' else 'submitted' end
       when detour and t_req > ${now} then 'submitted'
       when incomplete then case when info_due <= ${now} then 'rejected' else 'needs_info' end
       when detour and t_provide > ${now} then 'needs_info'
       when t_verify > ${now} then 'submitted'
       when t_ack > ${now} then 'assigned'
       when returned and t_draft0 > ${now} then 'in_progress'
       when returned and t_return > ${now} then 'awaiting_approval'
       when t_draft > ${now} then 'in_progress'
       when t_approve > ${now} then 'awaiting_approval'
       when t_resolve > ${now} then 'answered'
       else 'resolved' end`,
    // Breaches the sweeper would have found (a minute after the deadline, the sweep
    // interval): the stage still open at its deadline, on reports the sweeper watches.
    `update gen_plan set
       verify_breach = case when status <> 'needs_info' and least(coalesce(t_verify, t_end, ${now}), ${now}) > verify_due + interval '1 minute'
                            and (status = 'submitted' or coalesce(t_verify, t_end) <= ${now}) and not incomplete
                       then verify_due + interval '1 minute' end,
       respond_breach = case when t_verify <= ${now} and least(t_approve, ${now}) > response_due + interval '1 minute' then response_due + interval '1 minute' end,
       resolve_breach = case when t_verify <= ${now} and least(t_approve, ${now}) > resolve_due + interval '1 minute' then resolve_due + interval '1 minute' end`,
    // When an escalation was due (3 more working days by default), and the office minutes
    // at each step the durations are made of.
    cal.setCloseAfterDays('verify_esc', 'verify_due', 'escalate_days', 'verify_breach'),
    cal.setCloseAfterDays('respond_esc', 'response_due', 'escalate_days', 'respond_breach'),
    cal.setCloseAfterDays('resolve_esc', 'resolve_due', 'escalate_days', 'resolve_breach'),
    cal.setCum('cum_sub', 'sub_at', `status in ('answered', 'resolved')`),
    cal.setCum('cum_approve', 't_approve', `status in ('answered', 'resolved')`),
    cal.setCum('cum_req', 't_req', `status in ('answered', 'resolved')`),
    cal.setCum('cum_provide', 't_provide', `status in ('answered', 'resolved')`),
    `analyze gen_plan`,
  ];
  for (const step of steps) await timed(conn, step);
}
