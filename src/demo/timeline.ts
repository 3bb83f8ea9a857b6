import type { ReportStatus } from '../db/schema.js';
import type { Action } from '../reports/transitions.js';
import { addWorkingDays, isWorkingDay, jakartaDate } from '../shared/calendar.js';
import type { CategoryInfo, Context } from './context.js';
import type { Rng } from './random.js';

/** The path of a report through the workflow (which transitions) and when each step happened. */

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export type StepKind =
  | 'verify' | 'return' | 'request_info' | 'provide_info' | 'acknowledge' | 'submit_answer' | 'return_draft'
  | 'approve' | 'close' | 'reject' | 'reject_incomplete' | 'merge';

export interface Step {
  kind: StepKind;
  from: ReportStatus;
  to: ReportStatus;
  at: Date;
  actor: 'coordinator' | 'staff' | 'head' | 'citizen' | 'system';
  agencyId: number | null;
}

export interface TimedStep {
  kind: StepKind;
  at: Date;
  /** Done by the system when a deadline passed (auto-close, incomplete report). */
  auto: boolean;
}

export interface TimedPath {
  submittedAt: Date;
  steps: TimedStep[];
}

/**
 * Each step is one action of the report's state machine (reports/transitions.ts), which
 * also says where it leads: the demo walks the same table the app enforces. Here only who
 * takes the step and whether it happens in office hours.
 */
export const STEPS: Record<StepKind, { action: Action; actor: Step['actor']; office: boolean }> = {
  verify: { action: 'verify', actor: 'coordinator', office: true },
  return: { action: 'return', actor: 'staff', office: true },
  request_info: { action: 'request_info', actor: 'staff', office: true },
  provide_info: { action: 'provide_info', actor: 'citizen', office: false },
  acknowledge: { action: 'acknowledge', actor: 'staff', office: true },
  submit_answer: { action: 'submit_draft', actor: 'staff', office: true },
  return_draft: { action: 'return_draft', actor: 'head', office: true },
  approve: { action: 'approve', actor: 'head', office: true },
  close: { action: 'resolve', actor: 'system', office: false },
  reject: { action: 'reject', actor: 'coordinator', office: true },
  reject_incomplete: { action: 'reject', actor: 'system', office: false },
  merge: { action: 'merge', actor: 'coordinator', office: true },
};

/** The transitions that lead a new report to `status`, with a few detours. */
export function planPath(r: Rng, status: ReportStatus): StepKind[] {
  const verify = (): StepKind[] => (r.chance(0.08) ? ['verify', 'return', 'verify'] : ['verify']);
  const start = (): StepKind[] => [...(r.chance(0.08) ? ['request_info', 'provide_info'] as StepKind[] : []), ...verify()];
  const answered = (): StepKind[] => [
    ...start(), 'acknowledge',
    ...(r.chance(0.1) ? ['request_info', 'provide_info'] as StepKind[] : []),
    ...(r.chance(0.15) ? ['submit_answer', 'return_draft'] as StepKind[] : []),
    'submit_answer', 'approve',
  ];
  switch (status) {
    case 'submitted': return r.chance(0.1) ? ['verify', 'return'] : [];
    case 'needs_info': return r.chance(0.6) ? ['request_info'] : [...verify(), 'acknowledge', 'request_info'];
    case 'assigned': return start();
    case 'in_progress':
      return [...start(), 'acknowledge', ...(r.chance(0.15) ? ['request_info', 'provide_info'] as StepKind[] : [])];
    case 'awaiting_approval': return [...start(), 'acknowledge', 'submit_answer'];
    case 'answered': return answered();
    case 'resolved': return [...answered(), 'close'];
    case 'rejected': return r.chance(0.3) ? ['request_info', 'reject_incomplete'] : ['reject'];
    case 'merged': return ['merge'];
  }
}

/** Typical time a step takes, in hours, before scaling. */
function stepHours(r: Rng, kind: StepKind): number {
  switch (kind) {
    case 'verify': return 1 + r.next() ** 2 * 90;
    case 'return': return 4 + r.next() * 60;
    case 'request_info': return 2 + r.next() * 40;
    case 'provide_info': return 3 + r.next() * 100;
    case 'acknowledge': return 1 + r.next() ** 2 * 60;
    case 'submit_answer': return 20 + r.next() * 200;
    case 'return_draft': return 3 + r.next() * 40;
    case 'approve': return 2 + r.next() ** 2 * 70;
    case 'close': return 4 + r.next() * 90;
    case 'reject': return 2 + r.next() * 60;
    case 'reject_incomplete': return 0;
    case 'merge': return 1 + r.next() * 40;
  }
}

/** Moves a staff action into office hours (Mon-Fri 07:30-15:30 Asia/Jakarta, no holidays). */
function officeHours(r: Rng, at: Date, holidays: Set<string>): Date {
  const local = new Date(at.getTime() + 7 * HOUR);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const day = jakartaDate(at);
  if (isWorkingDay(day, holidays) && minutes >= 450 && minutes < 930) return at;
  let d = day;
  if (!isWorkingDay(d, holidays) || minutes >= 930) {
    do d = new Date(Date.parse(`${d}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    while (!isWorkingDay(d, holidays));
  }
  // 07:30 Jakarta is 00:30 UTC of the same date.
  return new Date(Date.parse(`${d}T00:30:00Z`) + r.int(0, 150) * 60_000);
}

/**
 * Times for the path: each step after the previous one, staff steps in office hours, the
 * last one before `now`. Too long a path is squeezed (shorter steps, a citizen's
 * confirmation instead of the 10-day auto-close), then started earlier if it must.
 */
export function timePath(
  r: Rng, ctx: Context, cat: CategoryInfo, path: StepKind[], submittedAt: Date,
): TimedPath {
  const limit = ctx.now.getTime() - 5 * 60_000;
  const hours = path.map((k) => stepHours(r, k));
  const jitter = path.map(() => r.next());
  let start = submittedAt;
  for (let round = 0; round < 4; round++) {
    for (let attempt = 0; attempt < 8; attempt++) {
      const scale = 0.6 ** attempt;
      const allowLong = attempt < 2;
      let cursor = start;
      let pausedAt = start;
      let answeredAt = start;
      const steps: TimedStep[] = [];
      path.forEach((kind, i) => {
        let at: Date;
        let auto = false;
        if (kind === 'close' && allowLong && jitter[i]! < 0.7) {
          at = addWorkingDays(answeredAt, cat.sla.autoClose, ctx.holidays);
          auto = true;
        } else if (kind === 'reject_incomplete') {
          at = addWorkingDays(pausedAt, cat.sla.infoWait, ctx.holidays);
          auto = true;
        } else {
          at = new Date(cursor.getTime() + hours[i]! * scale * HOUR);
          if (STEPS[kind].office) at = officeHours(r, at, ctx.holidays);
        }
        if (at.getTime() <= cursor.getTime()) at = new Date(cursor.getTime() + 60_000);
        if (kind === 'request_info') pausedAt = at;
        if (kind === 'approve') answeredAt = at;
        steps.push({ kind, at, auto });
        cursor = at;
      });
      if (cursor.getTime() <= limit) return { submittedAt: start, steps };
      if (attempt === 7) start = new Date(start.getTime() - Math.max(cursor.getTime() - limit, 0) - DAY);
    }
  }
  throw new Error('demo seed: could not fit a report timeline before now');
}
