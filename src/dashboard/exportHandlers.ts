import type { Request, Response } from 'express';
import type { Db } from '../db/database.js';
import { getSetting } from '../settings/queries.js';
import { notFound } from '../shared/errors.js';
import { sendTable } from './export.js';
import { resolveFilter } from './filter.js';
import { overdueList } from './metrics.js';
import { figureColumns, overdueColumns } from './presenter.js';
import { qualityFileColumns } from './qualityPresenter.js';
import type { SharedFigures } from './sharedFigures.js';

type Table = 'opd' | 'mutu' | 'kategori' | 'kecamatan' | 'tren' | 'terlambat';

/** Every table of the dashboard as CSV or XLSX, for the same filters as the page. */
export function exportHandlers(db: Db, figures: SharedFigures) {
  return {
    async download(req: Request, res: Response) {
      const m = /^(opd|mutu|kategori|kecamatan|tren|terlambat)\.(csv|xlsx)$/.exec(String(req.params.file));
      if (!m) throw notFound();
      const [, table, format] = m as unknown as [string, Table, 'csv' | 'xlsx'];
      const t = res.locals.t;
      const { filter, query } = await resolveFilter(db, req);
      const cached = figures.of(req, filter);
      const name = `dasbor-${table}-${query.from}-${query.to}`;
      if (table === 'opd') {
        const rows = (await cached.agencies()).value;
        return sendTable(res, format, name, [{ label: t('dashboard:columns.agency'), value: (r) => r.agencyName ?? t('dashboard:unassigned') }, ...figureColumns<(typeof rows)[number]>(t)], rows);
      }
      if (table === 'mutu') {
        const [rows, minCount] = await Promise.all([cached.quality(), getSetting(db, 'dashboardRankMinAnswered')]);
        return sendTable(res, format, name, qualityFileColumns(t, minCount), rows.value);
      }
      if (table === 'kategori' || table === 'kecamatan') {
        const rows = (await cached.breakdown(table === 'kategori' ? 'category' : 'kecamatan')).value;
        return sendTable(res, format, name, [{ label: t(`dashboard:tables.${table}`), value: (r) => r.name ?? t('dashboard:none') }, ...figureColumns<(typeof rows)[number]>(t)], rows);
      }
      if (table === 'tren') {
        const rows = (await cached.trend('week')).value;
        return sendTable(res, format, name, [{ label: t('dashboard:trend.period'), value: (r) => r.period }, ...figureColumns<(typeof rows)[number]>(t)], rows);
      }
      return sendTable(res, format, name, overdueColumns(t, res.locals.locale), await overdueList(db, filter, 10_000));
    },
  };
}
