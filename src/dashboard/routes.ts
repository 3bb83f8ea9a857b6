import { Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import { dashboardApiHandlers } from './apiHandlers.js';
import { exportHandlers } from './exportHandlers.js';
import { dashboardHandlers } from './handlers.js';
import { type DashboardOptions, sharedFigures } from './sharedFigures.js';

/**
 * The leadership dashboard /dasbor (leader, admin, coordinator; a Kepala OPD their own OPD):
 * per-OPD figures, ranking, trend, breakdowns, the overdue list, the reports behind every
 * figure, CSV/XLSX of every table, a printable monthly report, and the same figures as JSON.
 */
export function dashboardRouter(db: Db, opts: DashboardOptions = { cacheMs: 0 }): Router {
  const figures = sharedFigures(db, opts);
  const h = dashboardHandlers(db, figures);
  const files = exportHandlers(db, figures);
  const api = dashboardApiHandlers(db, figures);
  const may = requirePermission('dashboard:view');
  const router = Router();
  router.get('/static/vendor/chart.umd.min.js', h.chartJs);
  router.get('/dasbor', may, h.index);
  router.get('/dasbor/definisi', may, h.definitions);
  router.get('/dasbor/laporan', may, h.reports);
  router.get('/dasbor/unduh/:file', may, files.download);
  router.get('/dasbor/bulanan', may, h.monthly);
  router.get('/api/v1/dashboard/agencies', may, api.agencies);
  return router;
}
