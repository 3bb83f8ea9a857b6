import crypto from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Channel, ReportStatus, ReportsTable } from '../db/schema.js';
import { isClosed } from '../reports/statuses.js';
import { addWorkingDays } from '../shared/calendar.js';
import type { Context, Place } from './context.js';
import { type NewEvent, type NewMessage, walkPath } from './events.js';
import { must } from './must.js';
import { Rng } from './random.js';
import { clip, informalTitle, placeVars, render } from './render.js';
import { makeReporter } from './reporters.js';
import { CLOSERS, OPENERS, TEMPLATES } from './texts.js';
import { DAY, planPath, timePath } from './timeline.js';

/**
 * Planning the demo reports: how many of each status, category and channel, when each was
 * submitted, and the report rows with their timestamps and deadlines.
 */

export const TRACKING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export type NewReport = Insertable<ReportsTable>;

export interface Generated {
  report: NewReport;
  events: NewEvent[];
  messages: NewMessage[];
  /** For merged reports: index of the report it was merged into. */
  mergedInto?: number;
  categoryCode: string;
  templateIndex: number;
}

/** Share of each status among demo reports (percent). Most reports are done. */
const STATUS_WEIGHTS: [ReportStatus, number][] = [
  ['resolved', 46], ['answered', 9], ['in_progress', 10], ['assigned', 6], ['awaiting_approval', 4],
  ['submitted', 7], ['needs_info', 4], ['rejected', 9], ['merged', 5],
];
const STATUS_ORDER: ReportStatus[] = [
  'resolved', 'answered', 'in_progress', 'assigned', 'awaiting_approval', 'submitted', 'needs_info', 'rejected',
  'merged',
];
const CHANNEL_WEIGHTS: [Channel, number][] = [['web', 60], ['email', 25], ['staff', 8], ['api', 4], ['open311', 3]];

/** Relative frequency of categories: roads, flooding, ID cards, aid and rubbish lead. */
const CATEGORY_WEIGHTS: [string, number][] = [
  ['jalan-jembatan', 16], ['drainase-banjir', 8], ['air-bersih', 4], ['penerangan-jalan', 6], ['sampah', 7],
  ['lingkungan', 3], ['kesehatan', 6], ['rumah-sakit', 4], ['pendidikan', 5], ['bantuan-sosial', 7],
  ['perlindungan-anak', 1], ['adminduk', 8], ['perizinan', 2], ['pajak-daerah', 4], ['ketertiban-umum', 3],
  ['transportasi', 3], ['pertanian', 4], ['perikanan', 2], ['pasar', 2], ['umkm', 1], ['ketenagakerjaan', 2],
  ['pariwisata', 1], ['perumahan', 2], ['bencana', 2], ['kepegawaian', 2], ['pungli', 1], ['pemerintahan-desa', 3],
  ['informasi-publik', 2], ['lainnya', 1],
];

export function generateReports(ctx: Context, count: number): Generated[] {
  const r = new Rng(ctx.seed);
  const categoryWeights = CATEGORY_WEIGHTS.filter(([code]) => ctx.categories.has(code) && TEMPLATES[code]);
  if (!categoryWeights.length) throw new Error('None of the demo categories exist');

  // Every status at least once when there is room for it, then the realistic mix.
  const statuses: ReportStatus[] = [];
  for (let i = 0; i < count; i++) {
    statuses.push(i < STATUS_ORDER.length && count >= STATUS_ORDER.length ? STATUS_ORDER[i]! : r.weighted(STATUS_WEIGHTS));
  }
  // Merged reports point at an earlier, non-merged one: generate those first.
  const order = statuses.map((s, i) => ({ s, i })).sort((a, b) => Number(a.s === 'merged') - Number(b.s === 'merged'));
  const out: Generated[] = [];
  for (const { s } of order) {
    if (s === 'merged' && out.length === 0) {
      out.push(generateOne(ctx, r, 'rejected', r.weighted(categoryWeights)));
      continue;
    }
    if (s === 'merged') {
      // Duplicates of a report that is itself merged are merged into the first one.
      let targetIndex = r.int(0, out.length - 1);
      while (out[targetIndex]!.mergedInto !== undefined) targetIndex = out[targetIndex]!.mergedInto!;
      out.push(generateMerged(ctx, r, out, targetIndex));
    } else {
      out.push(generateOne(ctx, r, s, r.weighted(categoryWeights)));
    }
  }
  return out;
}

/** Age in days at which a report of this status was submitted. */
function ageDays(r: Rng, status: ReportStatus): number {
  switch (status) {
    case 'submitted': return r.chance(0.75) ? r.float(0.05, 3) : r.float(3, 25);
    case 'needs_info': return r.float(1, 18);
    case 'assigned': return r.chance(0.75) ? r.float(0.5, 6) : r.float(6, 40);
    case 'in_progress': return r.chance(0.7) ? r.float(3, 20) : r.float(20, 120);
    case 'awaiting_approval': return r.float(4, 25);
    case 'answered': return r.float(5, 24);
    case 'resolved': return r.float(14, 365);
    case 'rejected': return r.float(0.5, 365);
    case 'merged': return r.float(0.5, 365);
  }
}

function generateOne(ctx: Context, r: Rng, status: ReportStatus, categoryCode: string, forced?: {
  place: Place; templateIndex: number; submittedAt: Date;
}): Generated {
  const cat = must(ctx.categories.get(categoryCode), `category ${categoryCode}`);
  const templates = must(TEMPLATES[categoryCode], `templates for ${categoryCode}`);
  const templateIndex = forced?.templateIndex ?? r.int(0, templates.length - 1);
  const template = templates[templateIndex]!;
  const place = forced?.place ?? r.pick(ctx.places);
  const channel = r.weighted(CHANNEL_WEIGHTS);
  const reporter = makeReporter(r, channel, place);
  const confidential = categoryCode === 'perlindungan-anak' || categoryCode === 'pungli' ? r.chance(0.6) : r.chance(0.05);

  const path = planPath(r, status);
  const wantedStart = forced?.submittedAt ?? new Date(ctx.now.getTime() - ageDays(r, status) * DAY);
  const timed = timePath(r, ctx, cat, path, wantedStart);
  const submittedAt = timed.submittedAt;

  const vars = placeVars(r, place, ctx);
  const title = clip(render(template.title, vars), 200);
  const bodyParts = [
    r.chance(0.6) ? r.pick(OPENERS) : '',
    render(template.body, vars),
    r.pick(CLOSERS),
    channel === 'email' && reporter.name && !reporter.anonymous ? `\n\nHormat saya,\n${reporter.name}` : '',
  ];
  const body = bodyParts.filter(Boolean).join(' ').replace(/ \n/g, '\n');

  const {
    events, messages, current, beforePause, agencyId, verifiedAt, assignedAt, acknowledgedAt, firstResponseAt,
    answeredAt, closedAt, pausedAt, pausedMs, returned, assignee, rejectionReason, rating,
  } = walkPath(ctx, r, { status, categoryCode, cat, place, channel, vars, timed });

  const sla = cat.sla;
  const lastAt = events[events.length - 1]!.created_at as Date;
  const assigned = assignedAt !== null && ['assigned', 'in_progress', 'awaiting_approval', 'answered', 'resolved', 'needs_info']
    .includes(current);
  const shift = (d: Date) => new Date(d.getTime() + pausedMs);
  const corrected = cat.code !== 'lainnya' && ctx.otherCategoryId !== undefined && verifiedAt !== null && r.chance(0.08);

  const report: NewReport = {
    tracking_code: trackingCode(r, ctx.takenCodes),
    tracking_secret_hash: crypto.createHash('sha256').update(crypto.randomBytes(24)).digest('hex'),
    kind: template.kind,
    channel,
    title,
    body: clip(body, 20_000),
    original_title: verifiedAt && r.chance(0.1) ? clip(informalTitle(title), 200) : null,
    original_category_id: corrected ? ctx.otherCategoryId! : null,
    category_id: cat.id,
    region_code: r.chance(0.93) ? place.code : null,
    address: r.chance(0.7) ? `${vars.rt}, ${place.level === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${place.name}` : null,
    latitude: null,
    longitude: null,
    reporter_name: reporter.name,
    reporter_email: reporter.email,
    reporter_phone: reporter.phone,
    reporter_nik: reporter.nik,
    is_anonymous: reporter.anonymous,
    is_confidential: confidential,
    consent_at: channel === 'web' || channel === 'open311' ? submittedAt : null,
    source_ref: sourceRef(r, channel),
    status: current,
    status_before_pause: current === 'needs_info' ? beforePause : null,
    rejection_reason: rejectionReason,
    merged_into_id: null,
    assigned_agency_id: ['submitted', 'rejected', 'merged'].includes(current) || (current === 'needs_info' && beforePause === 'submitted')
      ? null
      : agencyId,
    assigned_user_id: acknowledgedAt && !['rejected', 'merged'].includes(current) ? assignee : null,
    returned_count: returned,
    verify_due_at: addWorkingDays(submittedAt, sla.verify, ctx.holidays),
    response_due_at: assigned ? shift(addWorkingDays(assignedAt!, sla.respond, ctx.holidays)) : null,
    resolve_due_at: assigned ? shift(addWorkingDays(assignedAt!, sla.resolve, ctx.holidays)) : null,
    close_due_at: answeredAt ? addWorkingDays(answeredAt, sla.autoClose, ctx.holidays) : null,
    info_due_at: current === 'needs_info' && pausedAt ? addWorkingDays(pausedAt, sla.infoWait, ctx.holidays) : null,
    paused_at: current === 'needs_info' ? pausedAt : null,
    submitted_at: submittedAt,
    verified_at: verifiedAt,
    assigned_at: current === 'submitted' || current === 'rejected' || current === 'merged' ? null : assignedAt,
    acknowledged_at: acknowledgedAt,
    first_response_at: firstResponseAt,
    answered_at: answeredAt,
    resolved_at: current === 'resolved' ? closedAt : null,
    closed_at: isClosed(current) ? closedAt : null,
    rating: rating?.rating ?? null,
    rating_comment: rating?.comment ?? null,
    rated_at: rating?.at ?? null,
    created_at: submittedAt,
    updated_at: lastAt,
  };
  return { report, events, messages, categoryCode, templateIndex };
}

/** A duplicate of an earlier report: same place and problem, submitted later, merged into it. */
function generateMerged(ctx: Context, r: Rng, done: Generated[], targetIndex: number): Generated {
  const target = done[targetIndex]!;
  const targetAt = new Date(target.report.submitted_at as Date);
  const ageAvailable = ctx.now.getTime() - targetAt.getTime();
  const submittedAt = new Date(targetAt.getTime() + Math.min(r.float(0.1, 10) * DAY, ageAvailable * r.float(0.2, 0.8)));
  const place = ctx.places.find((p) => p.code === target.report.region_code) ?? r.pick(ctx.places);
  const generated = generateOne(ctx, r, 'merged', target.categoryCode, {
    place, templateIndex: target.templateIndex, submittedAt,
  });
  const mergeEvent = generated.events[generated.events.length - 1]!;
  mergeEvent.reason = `Laporan sama dengan ${target.report.tracking_code}; digabung agar ditangani sekali`;
  mergeEvent.data = { into: target.report.tracking_code };
  generated.report.title = target.report.title;
  generated.mergedInto = targetIndex;
  return generated;
}

function sourceRef(r: Rng, channel: Channel): string | null {
  switch (channel) {
    case 'email': return `<${r.hex(16)}@mail.example.net>`;
    case 'api': return `sp4n-lapor:${r.int(1_000_000, 9_999_999)}`;
    case 'open311': return `open311:demo-app:${r.hex(8)}`;
    default: return null;
  }
}

function trackingCode(r: Rng, taken: Set<string>): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < 8; i++) code += TRACKING_ALPHABET[r.int(0, TRACKING_ALPHABET.length - 1)];
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}
