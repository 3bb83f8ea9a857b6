import { sql } from 'kysely';
import type { Config } from '../../config.js';
import { issueLetter } from '../../letters/commands/issueLetter.js';
import type { Db } from '../../db/database.js';
import type { Message, Report } from '../../db/schema.js';
import { notifyCitizen } from '../../notify/citizen.js';
import { citizenVars, prepareMail, type PreparedMail, queueMail, trackingLink } from '../../notify/reportMail.js';
import { transition } from '../../reports/commands/transition.js';
import { stageDueAt } from '../../reports/deadlines.js';
import type { Actor } from '../../reports/events.js';
import { formatCode } from '../../reports/tracking.js';
import { refuseBlanks } from '../blanks.js';
import { NEUTRAL_SALUTATION } from '../placeholders.js';
import { answerFiles } from '../files.js';
import { reporterAnswerMail } from '../mail.js';
import { answerRecipients, mergedReports } from '../queries.js';
import { sentTexts } from '../templates.js';
import { recordHeadEdit } from './headEdit.js';
import { review } from './reviewRow.js';

/**
 * The answer reaches the citizen (tracking page and mail), the report is answered and
 * its auto-close clock starts. A planned action keeps it open until its date: the
 * resolution deadline becomes that date.
 *
 * The reporters of reports merged into this one get the answer too: one mail each, to
 * their own address, about their own report (its code and tracking link), greeting them
 * by their own name unless they are anonim, and never naming the reporter of this one.
 * All mails are queued in the transaction that sends the answer.
 */
export async function sendAnswer(
  db: Db,
  config: Config,
  props: { report: Report; draft: Message; actor: Actor; decision: 'approved' | 'validated'; edited?: boolean; acknowledged?: string[] | null; now?: Date },
): Promise<Report> {
  const { report, draft } = props;
  refuseBlanks(draft.body);
  const planned = draft.planned_at ? new Date(`${draft.planned_at}T16:00:00+07:00`) : null;
  const closeDue = await stageDueAt(db, report.category_id, 'auto_close', planned ?? props.now ?? new Date());
  const texts = await sentTexts(db, report, draft.body, props.now);
  const agency = texts.values.opd;
  // The answer's photos and documents: listed in the reporter's mail, shown on their tracking page.
  const files = await answerFiles(db, draft.id);
  const mails: { mail: PreparedMail | undefined; reportId: number }[] = [];
  // Merged reports' reporters who get WhatsApp (notify/citizen.ts) hear of the answer there too.
  const merged = await mergedReports(db, report.id);
  for (const to of await answerRecipients(db, report)) {
    const mail =
      to.id === report.id
        ? await reporterAnswerMail(config, report, to.reporter_email!, { agency, answer: texts.forReporter(report), files })
        : await prepareMail(
            config,
            'id',
            [to.reporter_email!],
            'answeredMerged',
            { ...citizenVars(to), agency, target: formatCode(report.tracking_code), answer: withoutReporter(texts.forReporter(to), report) },
            trackingLink(config, to),
          );
    mails.push({ mail, reportId: to.id });
  }
  return db.transaction().execute(async (trx) => {
    // The head's own version goes into the history before the text is sent.
    if (props.edited) await recordHeadEdit(trx, report, draft, props.actor);
    await trx
      .updateTable('messages')
      .set({
        // The text kept on the report names nobody; each reporter's mail greets them.
        body: texts.kept,
        answer_status: 'sent',
        visibility: 'public',
        // The head who approved stays the reviewer; a validation adds its own review row.
        ...(props.decision === 'approved' ? { reviewed_by: props.actor.userId ?? null, reviewed_at: sql`now()` } : {}),
        sent_at: sql`now()`,
        updated_at: sql`now()`,
      })
      .where('id', '=', draft.id)
      .execute();
    await review(trx, draft, props.decision, props.actor, undefined, props.acknowledged ?? null);
    const updated = await transition(trx, {
      reportId: report.id,
      action: 'approve',
      actor: props.actor,
      visibility: 'public',
      data: { messageId: draft.id, version: draft.version },
      set: {
        answered_at: sql`now()`,
        first_response_at: sql`coalesce(first_response_at, now())`,
        close_due_at: closeDue,
        planned_at: draft.planned_at,
        ...(planned ? { resolve_due_at: planned } : {}),
      },
    });
    // The surat jawaban, numbered and stored once; signed by the head who approved (letters/).
    const agencyId = draft.agency_id ?? report.assigned_agency_id;
    const letter = agencyId
      ? await issueLetter(trx, config, {
          report,
          messageId: draft.id,
          agencyId,
          body: texts.forReporter(report),
          plannedAt: draft.planned_at,
          signerUserId: props.decision === 'approved' ? (props.actor.userId ?? null) : draft.reviewed_by,
          now: props.now,
        })
      : undefined;
    // Each mail belongs to its own report: a reply to it joins the report of whoever replies.
    // The letter, addressed to this report's reporter, goes with their mail only.
    for (const m of mails) {
      await queueMail(trx, m.mail, m.reportId, letter && m.reportId === report.id ? [{ letterId: letter.id, filename: letter.filename }] : undefined);
    }
    // By WhatsApp (when the reporter gets it: notify/citizen.ts), with the letter as a document.
    await notifyCitizen(trx, config, report, undefined, {
      kind: 'answered',
      vars: { agency },
      ...(letter ? { document: { letterId: letter.id, filename: letter.filename } } : {}),
    });
    for (const other of merged) {
      await notifyCitizen(trx, config, other, undefined, { kind: 'answeredMerged', vars: { agency, target: formatCode(report.tracking_code) } });
    }
    return updated;
  });
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The answer as another reporter may read it: whatever of this report's reporter staff
 * typed into it themselves (name, e-mail, phone) is taken out.
 */
function withoutReporter(text: string, report: Report): string {
  let out = text;
  const replace = (value: string | null, by: string) => {
    const v = value?.trim();
    if (!v || v.length < 3) return;
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(v)}(?![\\p{L}\\p{N}])`, 'giu'), by);
  };
  replace(report.reporter_email, '[e-mail pelapor lain]');
  replace(report.reporter_phone, '[nomor pelapor lain]');
  replace(report.reporter_phone_unverified, '[nomor pelapor lain]');
  replace(report.reporter_name, NEUTRAL_SALUTATION);
  return out;
}
