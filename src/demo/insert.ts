import type { Db } from '../db/database.js';
import { must } from './must.js';
import type { Generated } from './reports.js';

/** Writing generated reports with their events and messages, in chunks. */

const CHUNK = 250;

export async function insertReports(trx: Db, generated: Generated[]): Promise<void> {
  const ids: number[] = new Array(generated.length);
  // Merged reports last: they need the id of the report they were merged into.
  const indexes = Array.from({ length: generated.length }, (_, i) => i);
  const plain = indexes.filter((i) => generated[i]!.mergedInto === undefined);
  const merged = indexes.filter((i) => generated[i]!.mergedInto !== undefined);
  for (const part of [...chunks(plain, CHUNK), ...chunks(merged, CHUNK)]) {
    const rows = part.map((i) => {
      const g = generated[i]!;
      if (g.mergedInto !== undefined) {
        const into = ids[g.mergedInto];
        if (into === undefined) throw new Error('demo seed: merge target not inserted yet');
        return { ...g.report, merged_into_id: into };
      }
      return g.report;
    });
    const inserted = await trx.insertInto('reports').values(rows).returning(['id', 'tracking_code']).execute();
    const byCode = new Map(inserted.map((x) => [x.tracking_code, x.id]));
    for (const i of part) ids[i] = must(byCode.get(generated[i]!.report.tracking_code), 'inserted report');
  }
  const events = generated.flatMap((g, i) => g.events.map((e) => ({ ...e, report_id: ids[i]! })));
  for (const part of chunks(events, CHUNK)) await trx.insertInto('report_events').values(part).execute();
  const messages = generated.flatMap((g, i) => g.messages.map((m) => ({ ...m, report_id: ids[i]! })));
  for (const part of chunks(messages, CHUNK)) await trx.insertInto('messages').values(part).execute();
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
