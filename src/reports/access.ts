import { type Actor, can } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { notFound } from '../shared/errors.js';
import { findReportByCode, supportingAgencyIds } from './queries.js';
import type { ShownReporter } from './reporter.js';
import { normalizeCode } from './tracking.js';

/**
 * Who may see a report (DESIGN.md section 2), the one rule that pages, the staff API,
 * attachments, live updates, the dashboard's scope and mail fan-out all ask:
 * coordinators (who route every report) and the read-all roles see every OPD's reports;
 * staff and heads of an OPD see the reports forwarded to it and those it supports;
 * nobody else sees any. A report one may not see answers 404, not 403, so its existence
 * does not leak (STYLE habit 5).
 */

/** Every OPD's reports ('all'), one OPD's (its id), or none (null: a role tied to no OPD). */
export type ReportScope = 'all' | number | null;

export function reportScope(actor: Actor): ReportScope {
  if (can(actor, 'reports:verify') || can(actor, 'reports:read_all')) return 'all';
  return actor.agencyId;
}

export function canViewReport(actor: Actor, report: Pick<Report, 'assigned_agency_id'>, supportingAgencyIds: readonly number[] = []): boolean {
  const scope = reportScope(actor);
  if (scope === 'all') return true;
  if (scope === null) return false;
  return report.assigned_agency_id === scope || supportingAgencyIds.includes(scope);
}

/** The report is in the actor's own OPD's hands (the one that must answer it). */
export function isOwnAgency(actor: Actor, report: Pick<Report, 'assigned_agency_id'>): boolean {
  return actor.agencyId !== null && report.assigned_agency_id === actor.agencyId;
}

/**
 * The report behind a typed or linked code ("95d4 k7xw", "95D4-K7XW") if this actor may
 * see it; undefined otherwise, whether or not it exists.
 */
export async function findVisibleReport(db: Db, actor: Actor, code: unknown): Promise<Report | undefined> {
  const normalized = normalizeCode(code);
  const report = normalized ? await findReportByCode(db, normalized) : undefined;
  if (!report || !canViewReport(actor, report, await supportingAgencyIds(db, report.id))) return undefined;
  return report;
}

/** The same, for a page or call about that one report: 404 when the actor may not see it. */
export async function visibleReport(db: Db, actor: Actor, code: unknown): Promise<Report> {
  const report = await findVisibleReport(db, actor, code);
  if (!report) throw notFound();
  return report;
}

/** The reporter's contact data, for those allowed: never to an OPD for an anonymous (anonim) report. */
export function reporterFor(actor: Actor, report: Report): ShownReporter | null {
  if (report.is_anonymous && !can(actor, 'reports:verify')) return null;
  return {
    name: report.reporter_name,
    email: report.reporter_email,
    phone: report.reporter_phone,
    phoneUnverified: report.reporter_phone_unverified,
    nik: report.reporter_nik,
  };
}

/**
 * Live updates (notify/live): the rooms an actor's sockets join, and the rooms a change
 * to a report is told in. Both come from the rule above, so a socket hears of exactly
 * the reports its user may open: 'all' for those who see every report, one room per OPD.
 */
export function roomsFor(actor: Actor): string[] {
  const scope = reportScope(actor);
  if (scope === 'all') return ['all'];
  return scope === null ? [] : [agencyRoom(scope)];
}

export function reportRooms(
  report: Pick<Report, 'assigned_agency_id'>,
  supportingAgencyIds: readonly number[],
  previousAgencyId: number | null = null,
): string[] {
  // The OPD it was taken from hears of it too: the report leaves its queue.
  const agencies = [report.assigned_agency_id, previousAgencyId, ...supportingAgencyIds].filter((id): id is number => id !== null);
  return ['all', ...new Set(agencies.map(agencyRoom))];
}

const agencyRoom = (agencyId: number) => `agency:${agencyId}`;
