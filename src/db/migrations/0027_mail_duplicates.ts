import { type Kysely, sql } from 'kysely';

/**
 * Mail edge cases (issue 22, mail; src/mailin/).
 *
 * - content_hash: a hash of what a mail says (its bytes without the trace fields each
 *   delivery adds), so a second, different mail that reuses a Message-ID is told apart
 *   from the same mail read or delivered again.
 * - outcome 'duplicate_id': that second mail, recorded (sender, subject) but not
 *   processed; 'machine': a machine's report (ARF abuse feedback, a read receipt, any
 *   multipart/report that is not a bounce) or mail from an abuse desk or a no-reply
 *   sender, never a report and never answered.
 * - skipped_parts: the parts of a mail not kept as attachments, and why, for the staff
 *   report page (a JSON array of {name, contentType, size, reason}).
 */
const OUTCOMES = ['report', 'reply', 'note', 'bounce', 'auto_reply', 'own', 'limited', 'duplicate', 'unreadable'];
const NEW_OUTCOMES = [...OUTCOMES, 'duplicate_id', 'machine'];

const list = (values: string[]) => sql.join(values.map((v) => sql.lit(v)));

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table inbound_mails add column content_hash text, add column skipped_parts jsonb`.execute(db);
  await sql`alter table inbound_mails drop constraint inbound_mails_outcome_check`.execute(db);
  await sql`alter table inbound_mails add constraint inbound_mails_outcome_check check (outcome in (${list(NEW_OUTCOMES)}))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from inbound_mails where outcome in ('duplicate_id', 'machine')`.execute(db);
  await sql`alter table inbound_mails drop constraint inbound_mails_outcome_check`.execute(db);
  await sql`alter table inbound_mails add constraint inbound_mails_outcome_check check (outcome in (${list(OUTCOMES)}))`.execute(db);
  await sql`alter table inbound_mails drop column content_hash, drop column skipped_parts`.execute(db);
}
