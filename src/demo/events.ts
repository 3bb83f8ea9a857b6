import type { Insertable } from 'kysely';
import type { ActorKind, Channel, MessagesTable, ReportEventsTable, ReportStatus } from '../db/schema.js';
import { nextStatus } from '../reports/transitions.js';
import type { CategoryInfo, Context, Place } from './context.js';
import type { Rng } from './random.js';
import { answerText, render } from './render.js';
import {
  CITIZEN_INFO, CITIZEN_THANKS, DRAFT_RETURNS, INTERNAL_NOTES, QUESTIONS, RATINGS, RATING_COMMENTS, REJECTIONS,
  RETURN_REASONS,
} from './texts.js';
import { HOUR, STEPS, type TimedPath } from './timeline.js';

/** The events and messages of a report, from walking its timed path. */

/** Event types are the lifecycle's action names (src/reports/transitions.ts). */
export type NewEvent = Omit<Insertable<ReportEventsTable>, 'report_id'>;
export type NewMessage = Omit<Insertable<MessagesTable>, 'report_id'>;

/** What the walk leaves: the events and messages, and the state the report row is built from. */
export interface Walked {
  events: NewEvent[];
  messages: NewMessage[];
  current: ReportStatus;
  beforePause: ReportStatus;
  agencyId: number | null;
  verifiedAt: Date | null;
  assignedAt: Date | null;
  acknowledgedAt: Date | null;
  firstResponseAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  pausedAt: Date | null;
  pausedMs: number;
  returned: number;
  assignee: number | null;
  rejectionReason: string | null;
  rating: { rating: number; comment: string | null; at: Date } | null;
}

/** Walks the path: statuses, actors, agencies, messages. */
export function walkPath(ctx: Context, r: Rng, input: {
  status: ReportStatus;
  categoryCode: string;
  cat: CategoryInfo;
  place: Place;
  channel: Channel;
  vars: Record<string, string>;
  timed: TimedPath;
}): Walked {
  const { status, categoryCode, cat, place, channel, vars, timed } = input;
  const submittedAt = timed.submittedAt;
  const events: NewEvent[] = [];
  const messages: NewMessage[] = [];
  const citizenActor: ActorKind = channel === 'staff' ? 'staff' : 'citizen';
  events.push({
    type: 'submitted', actor_kind: citizenActor, actor_user_id: channel === 'staff' ? r.pick(ctx.coordinators, null) : null,
    from_status: null, to_status: 'submitted', visibility: 'public', agency_id: null,
    data: { channel }, created_at: submittedAt,
  });

  const finalAgency = cat.agencyId;
  const wrongAgency = ctx.kecamatanOffice.get(place.kecamatanCode) ?? finalAgency;
  let current: ReportStatus = 'submitted';
  let beforePause: ReportStatus = 'submitted';
  let agencyId: number | null = null;
  let verifyCount = 0;
  let verifiedAt: Date | null = null;
  let assignedAt: Date | null = null;
  let acknowledgedAt: Date | null = null;
  let firstResponseAt: Date | null = null;
  let answeredAt: Date | null = null;
  let closedAt: Date | null = null;
  let pausedAt: Date | null = null;
  let pausedMs = 0;
  let returned = 0;
  let answerVersion = 0;
  let draft: NewMessage | null = null;
  let assignee: number | null = null;
  let rejectionReason: string | null = null;
  let rating: { rating: number; comment: string | null; at: Date } | null = null;
  const staffPick = (agency: number | null) => (agency === null ? null : r.pick(ctx.staffOf.get(agency) ?? [], null));

  for (const step of timed.steps) {
    const spec = STEPS[step.kind];
    const from: ReportStatus = current;
    const to: ReportStatus = nextStatus(spec.action, current, beforePause);
    let actorKind: ActorKind = spec.actor === 'citizen' ? 'citizen' : spec.actor === 'system' ? 'system' : 'staff';
    let actor: number | null = null;
    let visibility: 'public' | 'internal' = 'public';
    let reason: string | null = null;
    const data: Record<string, unknown> = {};
    const at = step.at;
    let eventAgency: number | null = agencyId;

    switch (step.kind) {
      case 'verify': {
        verifyCount++;
        // A re-routed report first went to the kecamatan office, which returned it.
        const planned = timed.steps.filter((s) => s.kind === 'verify').length;
        agencyId = eventAgency = verifyCount < planned ? wrongAgency : finalAgency;
        actor = r.pick(ctx.coordinators, null);
        verifiedAt ??= at;
        assignedAt = at;
        data.agency = ctx.agencyName.get(agencyId);
        if (cat.autoForward && verifyCount === planned) data.auto_forward = true;
        break;
      }
      case 'return':
        actor = staffPick(agencyId);
        visibility = 'internal';
        reason = r.pick(RETURN_REASONS);
        returned++;
        messages.push({
          kind: 'internal_note', author_kind: 'staff', author_user_id: actor, agency_id: agencyId,
          body: `Dikembalikan (bukan wewenang): ${reason}`, visibility: 'internal', created_at: at, updated_at: at,
        });
        eventAgency = agencyId;
        agencyId = null;
        assignedAt = null;
        break;
      case 'request_info': {
        beforePause = from;
        pausedAt = at;
        const byCoordinator = from === 'submitted';
        actor = byCoordinator ? r.pick(ctx.coordinators, null) : staffPick(agencyId);
        reason = 'Informasi belum lengkap';
        if (!byCoordinator) firstResponseAt ??= at;
        messages.push({
          kind: 'question', author_kind: 'staff', author_user_id: actor, agency_id: byCoordinator ? null : agencyId,
          body: r.pick(QUESTIONS), visibility: 'public', created_at: at, updated_at: at, sent_at: at,
        });
        break;
      }
      case 'provide_info':
        if (pausedAt) pausedMs += at.getTime() - pausedAt.getTime();
        pausedAt = null;
        messages.push({
          kind: 'citizen_info', author_kind: 'citizen', author_user_id: null, agency_id: null,
          body: render(r.pick(CITIZEN_INFO), vars), visibility: 'public', created_at: at, updated_at: at,
        });
        break;
      case 'acknowledge':
        actor = staffPick(agencyId);
        assignee = actor;
        acknowledgedAt ??= at;
        if (r.chance(0.35)) {
          const noteAt = new Date(at.getTime() + 2 * 60_000);
          messages.push({
            kind: 'internal_note', author_kind: 'staff', author_user_id: actor, agency_id: agencyId,
            body: render(r.pick(INTERNAL_NOTES), vars), visibility: 'internal', created_at: noteAt, updated_at: noteAt,
          });
        }
        break;
      case 'submit_answer':
        actor = assignee ?? staffPick(agencyId);
        visibility = 'internal';
        answerVersion++;
        draft = {
          kind: 'answer', author_kind: 'staff', author_user_id: actor, agency_id: agencyId,
          body: answerText(r, categoryCode, vars, ctx.agencyName.get(agencyId ?? finalAgency) ?? '', acknowledgedAt ?? at, at),
          visibility: 'internal', answer_status: 'submitted', version: answerVersion,
          created_at: at, updated_at: at,
        };
        messages.push(draft);
        break;
      case 'return_draft':
        actor = agencyId === null ? null : ctx.headOf.get(agencyId) ?? null;
        visibility = 'internal';
        reason = r.pick(DRAFT_RETURNS);
        if (draft) Object.assign(draft, {
          answer_status: 'returned', reviewed_by: actor, reviewed_at: at, review_comment: reason, updated_at: at,
        });
        draft = null;
        break;
      case 'approve':
        actor = agencyId === null ? null : ctx.headOf.get(agencyId) ?? null;
        answeredAt = at;
        firstResponseAt ??= at;
        if (draft) Object.assign(draft, {
          answer_status: 'sent', visibility: 'public', reviewed_by: actor, reviewed_at: at, sent_at: at, updated_at: at,
        });
        break;
      case 'close':
        closedAt = at;
        if (step.auto) {
          reason = 'Tidak ada tanggapan pelapor dalam 10 hari kerja setelah jawaban dikirim';
          data.auto = true;
          if (r.chance(0.25)) rating = { rating: r.weighted(RATINGS), comment: null, at: new Date(at.getTime() + r.int(1, 72) * HOUR) };
        } else {
          actorKind = 'citizen';
          reason = 'Pelapor menyatakan laporan selesai';
          messages.push({
            kind: 'citizen_reply', author_kind: 'citizen', author_user_id: null, agency_id: null,
            body: r.pick(CITIZEN_THANKS), visibility: 'public', created_at: at, updated_at: at,
          });
          if (r.chance(0.7)) {
            const score = r.weighted(RATINGS);
            rating = { rating: score, comment: r.chance(0.6) ? r.pick(RATING_COMMENTS[score]!) : null, at };
          }
        }
        break;
      case 'reject':
        actor = r.pick(ctx.coordinators, null);
        rejectionReason = reason = r.pick(REJECTIONS);
        closedAt = at;
        break;
      case 'reject_incomplete':
        rejectionReason = reason = 'Laporan tidak lengkap: tidak ada tanggapan pelapor dalam 10 hari kerja';
        closedAt = at;
        pausedAt = null;
        break;
      case 'merge':
        actor = r.pick(ctx.coordinators, null);
        closedAt = at;
        break;
    }
    events.push({
      type: spec.action,
      actor_kind: actorKind, actor_user_id: actor, from_status: from, to_status: to, reason, visibility,
      agency_id: eventAgency, data, created_at: at,
    });
    current = to;
  }
  if (current !== status) throw new Error(`demo seed: planned ${status}, walked to ${current}`);
  if (rating && rating.at.getTime() > ctx.now.getTime()) rating.at = ctx.now;

  return {
    events, messages, current, beforePause, agencyId, verifiedAt, assignedAt, acknowledgedAt, firstResponseAt,
    answeredAt, closedAt, pausedAt, pausedMs, returned, assignee, rejectionReason, rating,
  };
}
