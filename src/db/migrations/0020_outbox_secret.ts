import { type Kysely, sql } from 'kysely';

/**
 * Tracking secrets leave the outbox's text (issue 20, item 1). A mail carrying one keeps
 * slots in its text (notify/secrets.ts) and the secret in `secret`, which the sender erases
 * once the mail is sent or given up. Mails queued before this keep their secret only while
 * still unsent; in every mail the link's and the key's secret become the slots.
 */
const SECRET = '[2-9A-HJ-NP-Z]{16}';
const SHOWN = '[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox add column secret text check (secret ~ ${sql.lit(`^${SECRET}$`)})`.execute(db);
  await sql`
    update outbox set secret = substring(text_body from ${`\\?k=(${SECRET})`})
    where status in ('pending', 'sending') and text_body ~ ${`\\?k=${SECRET}`}`.execute(db);
  // In HTML the link's "=" is written &#x3D;.
  await sql`
    update outbox set
      text_body = regexp_replace(regexp_replace(text_body, ${`\\?k=${SECRET}`}, '?k={kunci-rahasia}', 'g'), ${SHOWN}, '{kunci-rahasia-terbaca}', 'g'),
      html_body = regexp_replace(regexp_replace(html_body, ${`\\?k(=|&#x3D;)${SECRET}`}, '?k\\1{kunci-rahasia}', 'g'), ${SHOWN}, '{kunci-rahasia-terbaca}', 'g')
    where text_body ~ ${`\\?k=${SECRET}`}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox drop column if exists secret`.execute(db);
}
