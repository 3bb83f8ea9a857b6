import { sql, type Kysely } from 'kysely';
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

export async function findRecentDuplicate(
  db: Kysely<DB>,
  input: IntakeInput,
  windowMinutes: number,
): Promise<{ id: number; tracking_code: string } | undefined> {
  const contact = contactOf(input);
  if (!contact || windowMinutes <= 0) return undefined;
  return db
    .selectFrom('reports')
    .select(['id', 'tracking_code'])
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(reporter_email)`, '=', input.reporter.email ?? ''),
        eb('reporter_phone', '=', input.reporter.phone ?? ''),
      ]),
    )
    .where('title', '=', input.title)
    .where('body', '=', input.body)
    .where('created_at', '>', sql<Date>`now() - make_interval(mins => ${windowMinutes})`)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

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
