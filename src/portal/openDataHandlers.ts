import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { CSV_FIELDS, csvRecord, presentCase } from './presenter.js';
import { allPublished } from './queries.js';

/** Open data of published cases: the page that documents it, and CSV and JSON, streamed. */
export function openDataHandlers(db: Db, config: Config) {
  return {
    page(_req: Request, res: Response) {
      res.set('Cache-Control', 'public, max-age=3600');
      res.render('portal/data', { title: res.locals.t('portal:data.title'), fields: CSV_FIELDS.map(([name, meaning]) => ({ name, meaning })) });
    },

    async csv(_req: Request, res: Response) {
      res.set({ 'Cache-Control': 'public, max-age=3600', 'Content-Disposition': 'attachment; filename="kasus-terjawab.csv"' });
      res.type('text/csv; charset=utf-8');
      const csv = stringify({ header: true, columns: CSV_FIELDS.map(([name]) => name), bom: true });
      csv.pipe(res);
      try {
        for await (const batch of allPublished(db)) {
          for (const row of batch) {
            // Respect back-pressure: a slow client does not make the whole export pile up in memory.
            if (!csv.write(csvRecord(presentCase(row, config)))) await new Promise((r) => csv.once('drain', r));
          }
        }
        csv.end();
      } catch (err) {
        // Kept: the CSV stream piped into the response must stop before the error goes on to
        // the error handler.
        csv.destroy();
        throw err;
      }
    },

    async json(_req: Request, res: Response) {
      res.set({ 'Cache-Control': 'public, max-age=3600', 'Content-Disposition': 'attachment; filename="kasus-terjawab.json"' });
      res.type('application/json; charset=utf-8');
      try {
        res.write('[');
        let first = true;
        for await (const batch of allPublished(db)) {
          for (const row of batch) {
            if (!res.write(`${first ? '' : ','}\n${JSON.stringify(presentCase(row, config))}`)) await new Promise((r) => res.once('drain', r));
            first = false;
          }
        }
        res.end('\n]\n');
      } catch (err) {
        // Kept: once the download has begun, the error cannot become a page; the connection
        // is cut so the client sees a broken file, not a complete-looking one.
        if (!res.headersSent) throw err;
        res.destroy(err as Error);
      }
    },
  };
}
