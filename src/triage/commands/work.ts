import { type Kysely, sql } from 'kysely';
import { AGENCY_ROLES } from '../../auth/policy.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { DB, Report } from '../../db/schema.js';
import { prepareMail, queueMail } from '../../notify/reportMail.js';
import { recordEvent } from '../../reports/commands/recordEvent.js';
import { transition } from '../../reports/commands/transition.js';
import { type Actor } from '../../reports/events.js';
import { InputError } from '../../shared/errors.js';

/**
 * The OPD's work on a forwarded report: acknowledge it (the first response: the clock's
 * verdict on "responded in time" is frozen here), take it or be assigned it, and keep
 * internal notes that never reach the citizen.
 */
export async function acknowledgeReport(db: Db, props: { report: Report; actor: Actor }): Promise<Report> {
  return db.transaction().execute((trx) =>
    transition(trx, {
      reportId: props.report.id,
      action: 'acknowledge',
      actor: props.actor,
      visibility: 'public',
      set: {
        acknowledged_at: sql`now()`,
        first_response_at: sql`coalesce(first_response_at, now())`,
        // Whoever acknowledges an unassigned report holds it.
        assigned_user_id: sql`coalesce(assigned_user_id, ${props.actor.userId ?? null})`,
      },
    }),
  );
}

/** Assign to a member of the OPD (the head), or to oneself ("ambil"). */
export async function assignReport(
  db: Db,
  config: Config,
  props: { report: Report; userId: number; actor: Actor },
): Promise<Report> {
  const { report } = props;
  const assignee = await db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('id', '=', props.userId)
    .where('active', '=', true)
    .where('agency_id', '=', report.assigned_agency_id)
    .where('role', 'in', AGENCY_ROLES)
    .executeTakeFirst();
  if (!assignee) throw new InputError({ user: 'triage:errors.assignee' });
  const mail =
    assignee.id === props.actor.userId
      ? undefined
      : await prepareMail(config, 'id', [assignee.email], 'assigned', { code: report.tracking_code, title: report.title, name: assignee.name },
          `${config.publicUrl}/staf/laporan/${report.tracking_code}`);
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('reports')
      .set({ assigned_user_id: assignee.id, updated_at: sql`now()` })
      .where('id', '=', report.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      reportId: report.id,
      type: 'assigned_user',
      actor: props.actor,
      visibility: 'internal',
      data: { userId: assignee.id, name: assignee.name },
    });
    await queueMail(trx, mail, report.id);
    return updated;
  });
}

/**
 * An internal note: staff only, never on a citizen page, mail, API or publication.
 * `record` writes the caller's own bookkeeping in the same transaction (mail intake).
 */
export async function addNote(
  db: Db,
  props: { report: Report; body: string; actor: Actor; record?: (trx: Kysely<DB>) => Promise<void> },
): Promise<Report> {
  return db.transaction().execute(async (trx) => {
    const message = await trx
      .insertInto('messages')
      .values({
        report_id: props.report.id,
        kind: 'internal_note',
        author_kind: 'staff',
        author_user_id: props.actor.userId ?? null,
        agency_id: props.actor.agencyId ?? null,
        body: props.body,
        visibility: 'internal',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, { reportId: props.report.id, type: 'note', actor: props.actor, visibility: 'internal', data: { messageId: message.id } });
    await props.record?.(trx);
    return trx.selectFrom('reports').selectAll().where('id', '=', props.report.id).executeTakeFirstOrThrow();
  });
}
