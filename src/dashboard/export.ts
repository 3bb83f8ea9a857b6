import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { safeCell } from '../shared/spreadsheet.js';

export interface Column<Row> {
  label: string;
  value: (row: Row) => string | number | null;
}

const cell = (v: string | number | null) => (typeof v === 'string' ? safeCell(v) : v);

/**
 * A dashboard table as a download: CSV (UTF-8 with BOM, so Excel reads Indonesian text)
 * or XLSX. Numbers stay numbers; text goes through the formula rule.
 */
export async function sendTable<Row>(res: Response, format: 'csv' | 'xlsx', name: string, columns: Column<Row>[], rows: Row[]): Promise<void> {
  const header = columns.map((c) => c.label);
  const body = rows.map((r) => columns.map((c) => cell(c.value(r))));
  res.set({ 'Content-Disposition': `attachment; filename="${name}.${format}"` });
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8').send(stringify([header, ...body.map((r) => r.map((v) => (v === null ? '' : v)))], { bom: true }));
    return;
  }
  // Loaded on the first XLSX download, not with the app: about 25 MiB that most processes never need.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(name.slice(0, 31));
  sheet.addRow(header).font = { bold: true };
  for (const r of body) sheet.addRow(r);
  sheet.columns.forEach((c) => {
    c.width = 18;
  });
  res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.send(Buffer.from(await book.xlsx.writeBuffer()));
}
