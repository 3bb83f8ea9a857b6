import type { Request, Response } from 'express';
import type { Db } from '../db/database.js';
import { formatCode, normalizeCode } from '../reports/tracking.js';
import type { Translate } from '../shared/i18n.js';
import { check } from '../shared/validation.js';
import { ValidationError } from '../shared/errors.js';
import { AUDIT_ACTIONS } from './messages.js';
import { listAudit } from './queries.js';
import { type AuditFilter, auditFilterSchema } from './schema.js';

type Row = Awaited<ReturnType<typeof listAudit>>['rows'][number];

function presentRow(row: Row, t: Translate) {
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
    target: row.target_type ? `${row.target_type} ${row.target_id ?? ''}`.trim() : null,
    ip: row.ip,
    userAgent: row.user_agent,
    // Shown as text: Handlebars escapes it like everything else.
    details: Object.keys(row.details ?? {}).length ? JSON.stringify(row.details) : null,
  };
}

/** /admin/audit: the log, newest first, for admins only (the route checks `auditlog:read`). */
export function auditLogHandlers(db: Db) {
  return {
    async list(req: Request, res: Response) {
      const t = res.locals.t;
      const filter = check(auditFilterSchema, req.query, t) as AuditFilter;
      const report = filter.report === undefined ? undefined : normalizeCode(filter.report);
      if (filter.report !== undefined && !report) throw new ValidationError({ report: t('auditlog:errors.report') });
      if (filter.from && filter.to && filter.from > filter.to) throw new ValidationError({ from: t('auditlog:errors.period') });
      const { rows, next } = await listAudit(db, { ...filter, report });
      const params = (before?: number) => {
        const p = new URLSearchParams();
        for (const [k, v] of Object.entries({ ...filter, before })) if (v !== undefined && v !== '') p.set(k, String(v));
        return `?${p.toString()}`;
      };
      // Who looked at whose identity, addresses, browsers: never kept by a cache.
      res.set('Cache-Control', 'no-store');
      res.render('auditlog/index', {
        title: t('auditlog:title'),
        filter,
        actions: AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`auditlog:actions.${a}`), selected: a === filter.action })),
        rows: rows.map((r) => presentRow(r, t)),
        next: next ? params(next) : null,
        first: filter.before ? params(undefined) : null,
      });
    },
  };
}
