import type { Kysely } from 'kysely';
import type { AuditActorRole, DB } from '../../db/schema.js';
import { currentRequest } from '../context.js';

/** Bounds, so that no entry can make the action it describes fail on a CHECK constraint. */
const USER_AGENT_MAX = 300;
const IP_MAX = 64;
const TEXT_MAX = 500;
const DETAILS_MAX_BYTES = 8_000;

export interface AuditEntry {
  /** snake_case: a lifecycle event's type ('verify', 'note'...) or one of AUDIT_ACTIONS. */
  action: string;
  /**
   * Who did it. Left out: the signed-in user of the current request, or the system when
   * there is none. A user id alone is enough: role and name are read from `users`.
   */
  actor?: { userId: number | null; role?: AuditActorRole; name?: string | null } | 'anonymous' | 'system';
  /** The report concerned; its tracking code is looked up when not given. */
  report?: { id: number; code?: string } | null;
  /** Anything else concerned: a user, a template, an API token, a setting... */
  target?: { type: string; id: string | number } | null;
  /** Facts worth keeping (from and to status, counts, ids). Never a reporter's identity. */
  details?: Record<string, unknown>;
}

/**
 * Writes one audit entry. Pass the transaction of the action it describes, so the entry
 * commits with the action and disappears with it when the action fails: the log never
 * claims something that did not happen. Runs two small reads at most (the actor's role
 * and name, the report's code) when the caller did not give them.
 */
export async function recordAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  const request = currentRequest();
  const actor = await resolveActor(db, entry.actor, request?.user ?? null);
  let reportCode = entry.report?.code ?? null;
  if (entry.report && !reportCode) {
    const row = await db.selectFrom('reports').select('tracking_code').where('id', '=', entry.report.id).executeTakeFirst();
    reportCode = row?.tracking_code ?? null;
  }
  await db
    .insertInto('audit_log')
    .values({
      action: entry.action,
      actor_user_id: actor.userId,
      actor_name: clip(actor.name, 200),
      actor_role: actor.role,
      report_id: entry.report?.id ?? null,
      report_code: reportCode,
      target_type: entry.target ? clip(entry.target.type, 40) : null,
      target_id: entry.target ? clip(String(entry.target.id), 100) : null,
      ip: clip(request?.ip ?? null, IP_MAX),
      user_agent: clip(request?.userAgent ?? null, USER_AGENT_MAX),
      details: boundedDetails(entry.details ?? {}),
    })
    .execute();
}

interface ResolvedActor {
  userId: number | null;
  role: AuditActorRole;
  name: string | null;
}

async function resolveActor(
  db: Kysely<DB>,
  given: AuditEntry['actor'],
  signedIn: { id: number; role: string; name: string } | null,
): Promise<ResolvedActor> {
  if (given === 'anonymous' || given === 'system') return { userId: null, role: given, name: null };
  if (given === undefined) {
    return signedIn
      ? { userId: signedIn.id, role: signedIn.role as AuditActorRole, name: signedIn.name }
      : { userId: null, role: 'system', name: null };
  }
  if (given.userId === null) return { userId: null, role: given.role ?? 'system', name: given.name ?? null };
  if (given.role && given.name !== undefined) return { userId: given.userId, role: given.role, name: given.name };
  if (signedIn?.id === given.userId) return { userId: given.userId, role: signedIn.role as AuditActorRole, name: signedIn.name };
  const row = await db.selectFrom('users').select(['role', 'name']).where('id', '=', given.userId).executeTakeFirst();
  return { userId: given.userId, role: given.role ?? row?.role ?? 'system', name: given.name ?? row?.name ?? null };
}

function clip(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  return value.length > max ? value.slice(0, max) : value;
}

/** Long strings are cut; a details object still too large is replaced by a note saying so. */
function boundedDetails(details: Record<string, unknown>): string {
  const cut = Object.fromEntries(
    Object.entries(details)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'string' ? clip(v, TEXT_MAX) : v]),
  );
  const json = JSON.stringify(cut);
  return Buffer.byteLength(json) <= DETAILS_MAX_BYTES ? json : JSON.stringify({ truncated: true, keys: Object.keys(cut).slice(0, 20) });
}

/**
 * Runs a command's writes and its audit entry in one transaction (or in the caller's, when
 * `db` is one already). `entry` sees the command's result: return null to record nothing
 * (the command found nothing to change).
 */
export async function audited<T>(
  db: Kysely<DB>,
  work: (trx: Kysely<DB>) => Promise<T>,
  entry: (result: T) => AuditEntry | null,
): Promise<T> {
  const run = async (trx: Kysely<DB>) => {
    const result = await work(trx);
    const e = entry(result);
    if (e) await recordAudit(trx, e);
    return result;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
