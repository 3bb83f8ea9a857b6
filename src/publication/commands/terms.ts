import { sql } from 'kysely';
import { recordAudit } from '../../audit/commands/recordAudit.js';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { knownFor } from '../known.js';
import type { PublicationRow } from '../presenter.js';
import { sentAnswer } from '../queries.js';
import { type Found, redact, type RedactionKind } from '../redact.js';
import { tokenSpans } from '../redact/spans.js';
import { locked } from './review.js';

/**
 * What the redaction found in a publication, for the coordinator to decide term by term:
 * each piece removed from the original (restore it with "keep"), each word left that looks
 * like a name (remove it, or keep it so it is not listed again), and the terms kept.
 */
export interface Findings {
  removed: { kind: RedactionKind; text: string; count: number }[];
  suspects: string[];
  kept: string[];
}

type Parts = [string, string, string];

async function originals(db: Db, report: Report): Promise<Parts> {
  const answer = await sentAnswer(db, report.id);
  return [report.title, report.body, answer?.body ?? ''];
}

const same = (a: string, b: string): boolean => a.toLocaleLowerCase('id') === b.toLocaleLowerCase('id');
const wordIn = (text: string, term: string): boolean =>
  new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?![\\p{L}\\p{M}\\p{N}])`, 'iu').test(text);

export async function publicationFindings(db: Db, report: Report, row: PublicationRow): Promise<Findings> {
  const known = await knownFor(db, report, row);
  const results = (await originals(db, report)).map((part) => redact(part, known));
  const removed: Findings['removed'] = [];
  for (const f of results.flatMap((r) => r.found)) {
    const seen = removed.find((r) => same(r.text, f.text));
    if (seen) seen.count += 1;
    else removed.push({ kind: f.kind, text: f.text, count: 1 });
  }
  // Listed while they are still in the text the public would read.
  const current = [row.title, row.body, row.answer].join('\n');
  const suspects = [...new Set(results.flatMap((r) => r.suspects))].filter((s) => wordIn(current, s) && !row.kept_terms.some((k) => same(k, s)));
  return { removed, suspects, kept: row.kept_terms };
}

export type TermDecision = 'keep' | 'remove';

/**
 * The coordinator's decision on one term, applied to the publication at once:
 *  - a part they did not edit by hand is redacted again from the original with the
 *    decision;
 *  - a part they edited: a removed term is redacted in their text; a kept term is restored
 *    where its tokens stand, when their text still has the tokens the redaction wrote (same
 *    number, same order); otherwise `restoreByHand` lists the parts where they restore it.
 * The decision is kept with the publication, so later saves respect it.
 */
export async function decideTerm(
  db: Db,
  props: { report: Report; term: string; decision: TermDecision; version?: string },
): Promise<{ restoreByHand: boolean }> {
  const parts = await originals(db, props.report);
  return db.transaction().execute(async (trx) => {
    const row = await locked(trx, props.report, props.version);
    const term = props.term.trim();
    const others = (list: readonly string[]) => list.filter((t) => !same(t, term));
    const kept = props.decision === 'keep' ? [...others(row.kept_terms), term] : others(row.kept_terms);
    const removed = props.decision === 'remove' ? [...others(row.removed_terms), term] : others(row.removed_terms);
    const before = await knownFor(trx, props.report, row);
    const after = await knownFor(trx, props.report, { kept_terms: kept, removed_terms: removed });
    const current: Parts = [row.title, row.body, row.answer];
    let restoreByHand = false;
    const next = current.map((text, i) => {
      const original = parts[i] ?? '';
      const old = redact(original, before);
      if (old.text === text || (i === 0 && old.text.slice(0, 200) === text)) return redact(original, after).text;
      if (props.decision === 'remove') return redact(text, after).text;
      const restored = restore(text, old.found, term);
      if (restored === null) restoreByHand = true;
      return restored ?? text;
    }) as Parts;
    await trx
      .updateTable('publications')
      .set({ title: next[0].slice(0, 200), body: next[1], answer: next[2], kept_terms: kept, removed_terms: removed, updated_at: sql`now()` })
      .where('report_id', '=', props.report.id)
      .execute();
    await recordAudit(trx, { action: 'publication_edit', report: { id: props.report.id, code: props.report.tracking_code } });
    return { restoreByHand };
  });
}

/** The tokens of `text` that replaced `term`, put back; null when the tokens no longer line up with what was found. */
function restore(text: string, found: readonly Found[], term: string): string | null {
  const tokens = tokenSpans(text);
  if (tokens.length !== found.length) return null;
  let out = '';
  let at = 0;
  tokens.forEach((t, i) => {
    const f = found[i];
    out += text.slice(at, t.start) + (f && same(f.text, term) ? f.text : text.slice(t.start, t.end));
    at = t.end;
  });
  return out + text.slice(at);
}
