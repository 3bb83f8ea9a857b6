import type { Request, Response } from 'express';
import type { Db } from '../db/database.js';
import { normalizeCode } from '../reports/tracking.js';
import { ValidationError } from '../shared/errors.js';
import { check } from '../shared/validation.js';
import { AUDIT_ACTIONS } from './messages.js';
import { presentRow } from './presenter.js';
import { auditNames, listAudit } from './queries.js';
import { type AuditFilter, auditFilterSchema } from './schema.js';

/** /admin/audit: the log, newest first, for admins only (the route checks `audit:read`). */
export function auditLogHandlers(db: Db) {
  return {
    async list(req: Request, res: Response) {
      const t = res.locals.t;
      const filter = check(auditFilterSchema, req.query, t) as AuditFilter;
      const report = filter.report === undefined ? undefined : normalizeCode(filter.report);
      if (filter.report !== undefined && !report) throw new ValidationError({ report: t('auditlog:errors.report') });
      if (filter.from && filter.to && filter.from > filter.to) throw new ValidationError({ from: t('auditlog:errors.period') });
      const { rows, next } = await listAudit(db, { ...filter, report });
      const names = await auditNames(db, rows);
      const params = (before?: number) => {
        const p = new URLSearchParams();
        for (const [k, v] of Object.entries({ ...filter, before })) if (v !== undefined && v !== '') p.set(k, String(v));
        return `?${p.toString()}`;
      };
      res.render('auditlog/index', {
        title: t('auditlog:title'),
        filter,
        actions: AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`auditlog:actions.${a}`), selected: a === filter.action })),
        rows: rows.map((r) => presentRow(r, t, res.locals.locale, names)),
        next: next ? params(next) : null,
        first: filter.before ? params(undefined) : null,
      });
    },
  };
}
