import { type Kysely, sql } from 'kysely';
import type { DB, ErasureCause, ReporterLookupKind } from '../../db/schema.js';
import { forgetAnswers } from '../../idempotency/commands/forgetAnswers.js';
import { withdrawLetters } from '../../letters/commands/withdrawLetters.js';
import { recordEvent } from '../../reports/commands/recordEvent.js';
import { ERASED_NAME } from '../../reports/reporter.js';
import { whatsAppNumbers } from '../queries.js';
import { ERASED_ADDRESS, ERASED_MAIL_TEXT, type Identity, addReporter, scrubCitizenText, scrubJson, scrubKnown } from '../scrub.js';

/** What a WhatsApp conversation's number becomes once erased (whatsapp_messages_seen keeps the message id, for exactly-once). */
const ERASED_NUMBER = 'dihapus';

/**
 * Erases a reporter's personal data from a set of reports and mails, inside the caller's
 * transaction (one transaction: all of it or none). What goes and what stays:
 *
 *  gone   the identity fields (name -> marker, e-mail, phone, NIK -> null); their name,
 *         contact details and house address inside the texts they wrote (the same
 *         redaction as the public version) and their name and contact inside staff texts
 *         and event data; file names of uploads; inbound mails' sender, subject and raw
 *         text; outgoing mails' address, text and headers (a mail not yet sent is
 *         cancelled: it has nowhere to go), and likewise the WhatsApp messages, with the
 *         conversation's profile name, drafts and handled raw deliveries; the files of the answer letters (they name the
 *         reporter), whose number, signer and SHA-256 stay for the verification page;
 *  stays  every report with its kind, category, place of the problem, status, deadlines,
 *         timings, SLA verdicts, rating stars, events and the dashboard's durations, so
 *         every figure is the same; the complaint as a complaint (title and body, with the
 *         personal details replaced by tokens); answers; the published version (already
 *         redacted and approved); the tracking code and secret, so the tracking link
 *         still opens the report.
 *
 * The place of the problem (address, coordinates) is the report's content: it is where a
 * road is broken, and routing and the dashboard's kecamatan rest on it.
 */
export interface ErasureScope {
  reportIds: number[];
  /** Addresses whose mails are erased (lower case): the reporter's own. */
  emails: string[];
  /** Identity known beyond the reports' fields (the address looked up). */
  identity?: Identity;
  /**
   * address (a request): every mail from or to the addresses. reports (retention): only
   * the mails of these reports, so the same person's mails about an open report stay.
   */
  mailsOf?: 'address' | 'reports';
}

export interface ErasureRecord {
  cause: ErasureCause;
  lookupKind?: ReporterLookupKind | null;
  reference?: string | null;
  /** The admin; null for the retention job. */
  erasedBy: number | null;
}

export interface ErasureCounts {
  reports: number;
  messages: number;
  answerVersions: number;
  events: number;
  attachments: number;
  inboundMails: number;
  outbox: number;
}

export interface ErasureResult {
  erasureId: number;
  counts: ErasureCounts;
}

const TITLE_MAX = 200;
const BODY_MAX = 20_000;

export async function eraseReporterData(trx: Kysely<DB>, scope: ErasureScope, record: ErasureRecord): Promise<ErasureResult> {
  const counts: ErasureCounts = { reports: 0, messages: 0, answerVersions: 0, events: 0, attachments: 0, inboundMails: 0, outbox: 0 };
  const ids = [...new Set(scope.reportIds)];
  const emails = [...new Set(scope.emails.map((e) => e.toLowerCase()))];
  const identity: Identity = {
    names: [...(scope.identity?.names ?? [])],
    emails: [...new Set([...(scope.identity?.emails ?? []), ...emails])],
    phones: [...(scope.identity?.phones ?? [])],
    niks: [...(scope.identity?.niks ?? [])],
  };

  // Locked first: a citizen adding a message or the intake matching a reply waits for
  // the erasure instead of writing an identity back half-way through it.
  const reports = ids.length
    ? await trx
        .selectFrom('reports')
        .select([
          'id', 'title', 'body', 'original_title', 'rating_comment',
          'reporter_name', 'reporter_email', 'reporter_phone', 'reporter_phone_unverified', 'reporter_nik',
        ])
        .where('id', 'in', ids)
        .orderBy('id')
        .forUpdate()
        .execute()
    : [];
  for (const r of reports) addReporter(identity, r);
  for (const r of reports) {
    await trx
      .updateTable('reports')
      .set({
        reporter_name: ERASED_NAME,
        reporter_email: null,
        reporter_phone: null,
        reporter_phone_unverified: null,
        reporter_nik: null,
        title: scrubCitizenText(r.title, identity, TITLE_MAX),
        body: scrubCitizenText(r.body, identity, BODY_MAX),
        original_title: r.original_title === null ? null : scrubCitizenText(r.original_title, identity, TITLE_MAX),
        rating_comment: r.rating_comment === null ? null : scrubCitizenText(r.rating_comment, identity),
      })
      .where('id', '=', r.id)
      .execute();
    counts.reports++;
  }

  if (ids.length) {
    const messages = await trx
      .selectFrom('messages')
      .select(['id', 'author_kind', 'body', 'review_comment'])
      .where('report_id', 'in', ids)
      .execute();
    for (const m of messages) {
      const body = m.author_kind === 'citizen' ? scrubCitizenText(m.body, identity) : scrubKnown(m.body, identity);
      const review = m.review_comment === null ? null : scrubKnown(m.review_comment, identity);
      if (body === m.body && review === m.review_comment) continue;
      await trx.updateTable('messages').set({ body, review_comment: review }).where('id', '=', m.id).execute();
      counts.messages++;
    }

    const versions = await trx
      .selectFrom('answer_versions as v')
      .innerJoin('messages as m', 'm.id', 'v.message_id')
      .select(['v.id', 'v.body'])
      .where('m.report_id', 'in', ids)
      .execute();
    for (const v of versions) {
      const body = scrubKnown(v.body, identity);
      if (body === v.body) continue;
      await trx.updateTable('answer_versions').set({ body }).where('id', '=', v.id).execute();
      counts.answerVersions++;
    }
    const reviews = await trx
      .selectFrom('answer_reviews as v')
      .innerJoin('messages as m', 'm.id', 'v.message_id')
      .select(['v.id', 'v.comment'])
      .where('m.report_id', 'in', ids)
      .where('v.comment', 'is not', null)
      .execute();
    for (const v of reviews) {
      const comment = scrubKnown(v.comment!, identity);
      if (comment !== v.comment) await trx.updateTable('answer_reviews').set({ comment }).where('id', '=', v.id).execute();
    }

    const events = await trx.selectFrom('report_events').select(['id', 'reason', 'data']).where('report_id', 'in', ids).execute();
    for (const e of events) {
      const reason = e.reason === null ? null : scrubKnown(e.reason, identity);
      const data = JSON.stringify(scrubJson(e.data, identity));
      if (reason === e.reason && data === JSON.stringify(e.data)) continue;
      await trx.updateTable('report_events').set({ reason, data }).where('id', '=', e.id).execute();
      counts.events++;
    }

    // File names are often the person's ("KTP_Budi_Santoso.jpg"); the files stay, as the
    // photos of a broken road are the complaint's evidence (EXIF was removed at upload).
    const renamed = await trx
      .updateTable('attachments')
      .set({ original_name: sql`'lampiran-' || id || coalesce(substring(original_name from '\\.[A-Za-z0-9]{1,5}$'), '')` })
      .where('report_id', 'in', ids)
      .where('uploaded_by', '=', 'citizen')
      .executeTakeFirst();
    counts.attachments = Number(renamed.numUpdatedRows);

    // Alerts to staff about these reports keep their (staff) address; only the reporter's
    // identity inside them goes.
    const alerts = await trx
      .selectFrom('outbox')
      .select(['id', 'subject', 'text_body', 'html_body'])
      .where('report_id', 'in', ids)
      .where((eb) => (emails.length ? eb(sql<string>`lower(to_address)`, 'not in', emails) : sql<boolean>`true`))
      .execute();
    for (const o of alerts) {
      const subject = scrubKnown(o.subject, identity);
      const text = scrubKnown(o.text_body, identity);
      const html = o.html_body === null ? null : scrubKnown(o.html_body, identity);
      if (subject === o.subject && text === o.text_body && html === o.html_body) continue;
      await trx.updateTable('outbox').set({ subject, text_body: text, html_body: html }).where('id', '=', o.id).execute();
    }

    // The answer letters name their reporter: their files go, their records stay (letters/).
    await withdrawLetters(trx, ids);
    // Answers kept for a repeat of the form (src/idempotency) hold the e-mail and the secret.
    await forgetAnswers(trx, ids);
  }

  const byAddress = (scope.mailsOf ?? 'address') === 'address';
  if (ids.length || (byAddress && emails.length)) {
    const inbound = await trx
      .updateTable('inbound_mails')
      .set({ from_address: null, subject: null, full_text: null, detail: null, skipped_parts: null })
      .where((eb) =>
        eb.or([
          ...(byAddress && emails.length ? [eb(sql<string>`lower(from_address)`, 'in', emails)] : []),
          ...(ids.length ? [eb('report_id', 'in', ids)] : []),
        ]),
      )
      .where((eb) => eb.or([eb('from_address', 'is not', null), eb('subject', 'is not', null), eb('full_text', 'is not', null)]))
      .executeTakeFirst();
    counts.inboundMails = Number(inbound.numUpdatedRows);
  }

  if (emails.length) {
    let query = trx.selectFrom('outbox').select(['id', 'subject']).where(sql<string>`lower(to_address)`, 'in', emails);
    if (!byAddress) query = query.where('report_id', 'in', ids.length ? ids : [0]);
    const mails = await query.execute();
    if (mails.length) {
      await trx
        .updateTable('outbox')
        .set({
          to_address: ERASED_ADDRESS,
          text_body: ERASED_MAIL_TEXT,
          html_body: null,
          headers: '{}',
          // A mail still waiting has nowhere to go now.
          status: sql`case when status in ('pending', 'sending') then 'failed' else status end`,
          last_error: sql`case when status in ('pending', 'sending') then 'personal data erased' else last_error end`,
          locked_until: null,
        })
        .where('id', 'in', mails.map((m) => m.id))
        .execute();
      // Subjects are ours ("Laporan 64GX-3L6Q diterima"), but a reply keeps the citizen's own.
      for (const o of mails) {
        const subject = scrubKnown(o.subject, identity);
        if (subject !== o.subject) await trx.updateTable('outbox').set({ subject }).where('id', '=', o.id).execute();
      }
    }
    counts.outbox = mails.length;
  }

  // WhatsApp: every message to the reporter's numbers (a request) or of these reports
  // (retention), and what the conversation kept of them. The number stays in
  // whatsapp_contacts with its opt-out, so a STOP is still honoured; its profile name goes.
  const numbers = whatsAppNumbers(identity.phones);
  const byNumber = byAddress && numbers.length > 0;
  if (byNumber || ids.length) {
    const erased = await trx
      .updateTable('outbox')
      .set({
        to_address: ERASED_ADDRESS,
        text_body: ERASED_MAIL_TEXT,
        html_body: null,
        headers: '{}',
        wa_payload: null,
        status: sql`case when status in ('pending', 'sending') then 'failed' else status end`,
        last_error: sql`case when status in ('pending', 'sending') then 'personal data erased' else last_error end`,
        locked_until: null,
      })
      .where('channel', '=', 'whatsapp')
      .where('to_address', '<>', ERASED_ADDRESS)
      .where((eb) => eb.or([...(byNumber ? [eb('to_address', 'in', numbers)] : []), ...(ids.length ? [eb('report_id', 'in', ids)] : []), sql<boolean>`false`]))
      .executeTakeFirst();
    counts.outbox += Number(erased.numUpdatedRows);
    if (ids.length) await trx.updateTable('whatsapp_messages_seen').set({ phone: ERASED_NUMBER }).where('report_id', 'in', ids).execute();
    if (byNumber) {
      await trx.updateTable('whatsapp_messages_seen').set({ phone: ERASED_NUMBER }).where('phone', 'in', numbers).execute();
      await trx.updateTable('whatsapp_contacts').set({ profile_name: null }).where('phone', 'in', numbers).execute();
      await trx.deleteFrom('whatsapp_drafts').where('phone', 'in', numbers).execute();
      // Raw deliveries already handled (the worker deletes them after a week anyway).
      for (const n of numbers) {
        await trx.deleteFrom('whatsapp_inbox').where('processed_at', 'is not', null).where(sql<string>`payload::text`, 'like', `%${n}%`).execute();
      }
    }
  }

  const erasure = await trx
    .insertInto('personal_data_erasures')
    .values({
      cause: record.cause,
      lookup_kind: record.lookupKind ?? null,
      reference: record.reference ?? null,
      erased_by: record.erasedBy,
      report_ids: reports.map((r) => r.id),
      counts: JSON.stringify(counts),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (reports.length) {
    await trx
      .insertInto('personal_data_erased_reports')
      .values(reports.map((r) => ({ report_id: r.id, erasure_id: erasure.id })))
      .onConflict((oc) => oc.column('report_id').doUpdateSet({ erasure_id: erasure.id, erased_at: sql`now()` }))
      .execute();
  }
  for (const r of reports) {
    // On the staff timeline: why the name is gone. Not a status change; figures ignore it.
    await recordEvent(trx, {
      reportId: r.id,
      type: 'personal_data_erased',
      actor: record.erasedBy ? { kind: 'staff', userId: record.erasedBy } : { kind: 'system' },
      visibility: 'internal',
      data: { erasureId: erasure.id, cause: record.cause },
    });
  }
  return { erasureId: erasure.id, counts };
}
