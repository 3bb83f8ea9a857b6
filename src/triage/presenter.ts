import { AGENCY_KINDS, type AgencyKind, type MessageKind } from '../db/schema.js';
import type { ReportContext, staffReportDetail } from '../reports/queries.js';
import { isDueToday, isOverdue } from '../reports/statuses.js';
import { formatCode, normalizeCode } from '../reports/tracking.js';
import type { Translate } from '../shared/i18n.js';
import type { agencyOptions, opdQueue, verificationQueue } from './queries.js';

type QueueRow = Awaited<ReturnType<typeof verificationQueue>>['rows'][number];

export function presentQueueRow(row: QueueRow, t: Translate, now: Date) {
  return {
    code: row.tracking_code,
    displayCode: formatCode(row.tracking_code),
    title: row.title,
    kind: t(`reports:kinds.${row.kind}`),
    channel: t(`reports:channels.${row.channel}`),
    status: t(`reports:statuses.${row.status}`),
    category: row.category_name ?? t('intake:form.categoryUnknown'),
    region: row.region_name && row.kecamatan_name ? `${row.region_name}, ${row.kecamatan_name}` : row.region_name,
    dueAt: row.verify_due_at,
    overdue: isOverdue(row, now),
    dueToday: isDueToday(row, now),
    returned: row.returned_count > 0,
  };
}

type OpdRow = Awaited<ReturnType<typeof opdQueue>>['rows'][number];

/** An OPD queue's row, marked "Lewat batas" or "Hari ini" by the one overdue rule (reports/statuses.ts). */
export function presentOpdRow(row: OpdRow, statusLabel: string, userId: number, now: Date) {
  return {
    code: row.tracking_code,
    displayCode: formatCode(row.tracking_code),
    title: row.title,
    status: statusLabel,
    dueAt: row.response_due_at,
    overdue: isOverdue(row, now),
    dueToday: isDueToday(row, now),
    mine: row.assigned_user_id === userId,
    assignee: row.assignee_name,
    category: row.category_name,
  };
}

type Agency = Awaited<ReturnType<typeof agencyOptions>>[number];

interface GroupOptions {
  /** The report's desa or kecamatan code: the OPD of its kecamatan comes first. */
  regionCode: string | null;
  /** Ids to show chosen. */
  chosen: number[];
  t: Translate;
  /** Put the report's kecamatan office in a group of its own at the top (the supporting OPD list). */
  regionFirst?: boolean;
}

/**
 * The OPD, grouped by kind (Dinas, Badan, Kecamatan...), each group in name order, for the
 * responsible OPD's select (as option groups) and the supporting OPD's checkboxes (as
 * groups a phone can open one at a time). The office of the report's kecamatan is first.
 */
export function agencyGroups(agencies: Agency[], opts: GroupOptions) {
  const kecamatan = opts.regionCode?.slice(0, 8) ?? null;
  const local = (a: Agency) => kecamatan !== null && a.region_code === kecamatan;
  const option = (a: Agency) => ({ value: a.id, label: a.name, selected: opts.chosen.includes(a.id) });
  const groups: { label: string; open: boolean; options: ReturnType<typeof option>[] }[] = [];
  const near = opts.regionFirst ? agencies.filter(local) : [];
  if (near.length) groups.push({ label: opts.t('triage:page.nearby'), open: true, options: near.map(option) });
  const byKind = new Map<AgencyKind, Agency[]>();
  for (const a of agencies) if (!near.includes(a)) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a]);
  // Dinas and badan first (most reports go there), then the rest in the table's order.
  const order = [...new Set<AgencyKind>(['dinas', 'badan', ...AGENCY_KINDS])];
  for (const kind of order) {
    const members = byKind.get(kind);
    if (!members?.length) continue;
    const options = [...members.filter(local), ...members.filter((a) => !local(a))].map(option);
    groups.push({ label: opts.t(`triage:agencyKinds.${kind}`), open: options.some((o) => o.selected), options });
  }
  return groups;
}

/**
 * Where the report is, with the right words: a desa or kelurahan and its kecamatan on rows
 * of their own (the region column holds the finest level the citizen chose), then the address.
 */
export function placeRows(region: ReportContext['region'], address: string | null, t: Translate) {
  const rows: { label: string; value: string }[] = [];
  if (region) {
    if (region.level === 'kecamatan') rows.push({ label: t('triage:place.kecamatan'), value: region.name });
    else {
      rows.push({ label: t(`triage:place.${region.level}`), value: region.name });
      if (region.parent_name) rows.push({ label: t('triage:place.kecamatan'), value: region.parent_name });
    }
  }
  if (address) rows.push({ label: t('triage:place.address'), value: address });
  return rows;
}

/** A message's heading as staff read it ("Informasi tambahan dari pelapor"), not as the citizen does ("dari Anda"). */
export function staffMessageHeading(kind: MessageKind, agency: string, t: Translate): string {
  return t(`triage:messages.${kind}`, { agency });
}

type EventRow = Awaited<ReturnType<typeof staffReportDetail>>['events'][number];

/** An event of the history, with the names and codes its data points to ("Digabung dengan ABCD-2345"). */
export function staffEventLabel(e: EventRow, t: Translate, agencyNames: ReadonlyMap<number, string> = new Map()): string {
  const data = (e.data ?? {}) as Record<string, unknown>;
  const into = normalizeCode(data.into);
  const agency = typeof data.agencyId === 'number' ? agencyNames.get(data.agencyId) : undefined;
  const key = e.type === 'verify' && agency ? 'verifyTo' : e.type === 'merge' && into ? 'mergeInto' : e.type;
  return t(`triage:events.${key}`, { ...data, into: into ? formatCode(into) : '', agency: agency ?? '', defaultValue: e.type });
}
