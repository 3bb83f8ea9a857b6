import { formatCode } from '../reports/tracking.js';
import type { Locale, Translate } from '../shared/i18n.js';
import { presentDetails, presentTarget } from './details.js';
import type { AuditNames, AuditRow } from './queries.js';

/** One entry of the log as the page shows it. */
export function presentRow(row: AuditRow, t: Translate, locale: Locale, names: AuditNames) {
  const actorRole = t(row.actor_role === 'system' || row.actor_role === 'anonymous' ? `auditlog:roles.${row.actor_role}` : `web:roles.${row.actor_role}`);
  return {
    id: row.id,
    at: row.at,
    actor: row.actor_name ?? (row.actor_user_id === null ? null : `#${row.actor_user_id}`),
    actorId: row.actor_user_id,
    actorRole,
    action: row.action,
    actionLabel: t(`auditlog:actions.${row.action}`, { defaultValue: row.action }),
    reportCode: row.report_code,
    displayCode: row.report_code ? formatCode(row.report_code) : null,
    target: presentTarget(row.target_type, row.target_id, t, locale, names),
    ip: row.ip,
    userAgent: row.user_agent,
    // Label and value pairs, names for ids: never the raw JSON (issue 19).
    details: presentDetails(row.details ?? {}, t, locale, names),
  };
}
