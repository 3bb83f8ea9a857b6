import { sql, type Kysely } from 'kysely';
import { precompiled } from '../db/precompiled.js';
import type { DB } from '../db/schema.js';
import type { IntakeInput } from './schema.js';

/**
 * The duplicate guard: the same title and text from the same contact (e-mail or phone)
 * within the window is the same report sent twice (a double tap, a retry on a slow
 * network), not a new one. Anonymous reports without contact are never merged here.
 */
export function contactOf(input: IntakeInput): string | undefined {
  return input.reporter.email ?? input.reporter.phone ?? undefined;
}

/** What the guard compares; undefined when there is nothing to guard (no contact, or no window). */
export interface SameReportKeys {
  email: string;
  phone: string;
  title: string;
  body: string;
  windowMinutes: number;
}

export function sameReportKeys(input: IntakeInput, windowMinutes: number): SameReportKeys | undefined {
  if (!contactOf(input) || windowMinutes <= 0) return undefined;
  return { email: input.reporter.email ?? '', phone: input.reporter.phone ?? '', title: input.title, body: input.body, windowMinutes };
}

/**
 * The rule, as a query: the reports the same contact sent with the same title and text
 * within the window. Read on its own here, and as the condition of the intake's insert
 * (submitReport.ts), which writes nothing when it finds one.
 */
export function sameReports(db: Kysely<DB>, p: SameReportKeys) {
  return db
    .selectFrom('reports')
    .select(['id', 'tracking_code'])
    .where((eb) => eb.or([eb(sql<string>`lower(reporter_email)`, '=', p.email), eb('reporter_phone', '=', p.phone)]))
    .where('title', '=', p.title)
    .where('body', '=', p.body)
    .where('created_at', '>', sql<Date>`now() - make_interval(mins => ${p.windowMinutes})`);
}

export async function findRecentDuplicate(
  db: Kysely<DB>,
  input: IntakeInput,
  windowMinutes: number,
): Promise<{ id: number; tracking_code: string } | undefined> {
  const keys = sameReportKeys(input, windowMinutes);
  if (!keys) return undefined;
  const [found] = await latestSameReport.execute(db, keys);
  return found;
}

// Compiled once (db/precompiled.ts).
const latestSameReport = precompiled((db, p: SameReportKeys) => sameReports(db, p).orderBy('id', 'desc').limit(1));

/**
 * Before files are inspected and stored: a double submission with photos costs no image
 * work. Without files there is nothing to spare, and submitReport's own check (under the
 * contact's lock) is the one that counts, so no statement is spent here.
 */
export async function refuseDuplicateBeforeFiles(
  db: Kysely<DB>,
  input: IntakeInput,
  files: readonly unknown[],
  windowMinutes: number,
): Promise<void> {
  if (!files.length) return;
  const existing = await findRecentDuplicate(db, input, windowMinutes);
  if (existing) throw new DuplicateReportError(existing);
}

/** Serialises submissions of one contact, so two taps cannot both pass the guard. */
export async function lockContact(trx: Kysely<DB>, input: IntakeInput): Promise<void> {
  const contact = contactOf(input);
  if (contact) await sql`select pg_advisory_xact_lock(hashtext(${`intake:${contact}`}))`.execute(trx);
}

export class DuplicateReportError extends Error {
  constructor(readonly existing: { id: number; tracking_code: string }) {
    super(`duplicate of report ${existing.tracking_code}`);
    this.name = 'DuplicateReportError';
  }
}
