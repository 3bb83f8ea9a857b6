import type { InspectedFile } from '../../attachments/inspect.js';
import { withStoredAttachments } from '../../attachments/store.js';
import type { Config, WhatsAppConfig } from '../../config.js';
import type { Db } from '../../db/database.js';
import { submitReport } from '../../intake/commands/submitReport.js';
import { DuplicateReportError } from '../../intake/duplicates.js';
import type { IntakeInput } from '../../intake/schema.js';
import { SECRET_IN_LINK } from '../../notify/secrets.js';
import { LIMITS } from '../../reports/limits.js';
import { normalizePhone } from '../../reports/reporter.js';
import { formatCode } from '../../reports/tracking.js';
import { formatDateLong } from '../../shared/format.js';
import { translator } from '../../shared/i18n.js';
import { queueWhatsApp } from '../outbound/queue.js';
import { lockContact } from './commands/contacts.js';
import { holdDraft, settleDraftMessages, takeDraft } from './commands/drafts.js';
import { fetchFile, removeFiles } from './files.js';
import { draftById, hasWhatsAppQueued } from './queries.js';

/**
 * A draft becomes a report through the one intake service (submitReport: the same limits,
 * duplicate guard, deadlines and first event as every channel), with channel 'whatsapp',
 * the sender's number as the reporter's phone and their WhatsApp profile name as the name.
 * The draft is removed, and its messages marked as this report's, in the report's own
 * transaction: a draft is submitted once, whatever process or retry gets to it.
 */
export type DraftRow = NonNullable<Awaited<ReturnType<typeof draftById>>>;
export type SubmitOutcome = 'submitted' | 'held' | 'duplicate' | 'changed' | 'gone';

const t = translator('id');

/** A draft changed (a message came) after it was read: the report is not made from the old one. */
class DraftChangedError extends Error {}

function titleOf(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  if (line.length < LIMITS.titleMin) return t('whatsapp:untitled');
  if (line.length <= LIMITS.titleMax) return line;
  const cut = line.slice(0, LIMITS.titleMax - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : cut.length)}…`;
}

/** The report's input from the draft's parts, ordered by when they were sent; null when too short. */
export function draftInput(draft: DraftRow): IntakeInput | null {
  // A stable sort: parts sent in the same second stay in the order they came.
  const texts = [...draft.texts].sort((a, b) => a.at - b.at).map((p) => p.text.trim()).filter(Boolean);
  const text = texts.join('\n');
  if (text && text.length < LIMITS.bodyMin) return null;
  const location =
    draft.latitude !== null && draft.longitude !== null
      ? t('whatsapp:location', { place: draft.place ?? '-', latitude: draft.latitude, longitude: draft.longitude })
      : null;
  const body = [text || t('whatsapp:noText'), location].filter(Boolean).join('\n\n').slice(0, LIMITS.bodyMax);
  return {
    kind: 'pengaduan',
    title: text ? titleOf(text) : t('whatsapp:untitled'),
    body,
    categoryId: null,
    regionCode: null,
    address: draft.place ? draft.place.slice(0, LIMITS.addressMax) : null,
    lat: draft.latitude,
    lng: draft.longitude,
    reporter: {
      name: draft.profile_name?.slice(0, LIMITS.nameMax) || null,
      email: null,
      phone: normalizePhone(`+${draft.phone}`) ?? `+${draft.phone}`,
      nik: null,
    },
    anonymous: false,
    confidential: false,
  };
}

export async function submitDraft(db: Db, config: Config, wa: WhatsAppConfig, draftId: number): Promise<SubmitOutcome> {
  const draft = await draftById(db, draftId);
  if (!draft) return 'gone';
  const input = draftInput(draft);
  if (!input) {
    await db.transaction().execute(async (trx) => {
      await holdDraft(trx, draft.id);
      await queueWhatsApp(trx, config, { to: draft.phone, reportId: null, text: t('whatsapp:tooShort', { min: LIMITS.bodyMin }) });
    });
    return 'held';
  }
  const wamids = [...draft.texts.map((p) => p.id), ...draft.media.map((p) => p.id)];
  // Files first, outside any transaction (Meta and inspection are slow); Meta unreachable throws and the draft waits.
  const files: InspectedFile[] = [];
  const refused: string[] = [];
  try {
    for (const media of [...draft.media].sort((a, b) => a.at - b.at)) {
      if (files.length >= config.uploads.maxFiles) {
        refused.push(media.filename ?? t('whatsapp:file'));
        continue;
      }
      const got = await fetchFile(wa, config, { id: media.mediaId, kind: media.kind, mime: media.mime, filename: media.filename });
      if (got.ok) files.push(got.file);
      else refused.push(got.refusal);
    }
  } catch (err) {
    await removeFiles(files);
    throw err;
  }

  let submitted;
  try {
    submitted = await withStoredAttachments(
      files,
      config.uploadDir,
      (stored) =>
        submitReport(db, config, {
          input,
          channel: 'whatsapp',
          locale: 'id',
          attachments: stored,
          sourceRef: `whatsapp:${draft.phone}:${wamids[0] ?? draft.id}`.slice(0, 200),
          record: async (trx, report) => {
            await lockContact(trx, draft.phone);
            if (!(await takeDraft(trx, draft))) throw new DraftChangedError();
            await settleDraftMessages(trx, wamids, 'report', report.id);
          },
        }),
      { db },
    );
  } catch (err) {
    await removeFiles(files);
    if (err instanceof DraftChangedError) return 'changed';
    if (!(err instanceof DuplicateReportError)) throw err;
    const existing = err.existing;
    await db.transaction().execute(async (trx) => {
      await lockContact(trx, draft.phone);
      if (!(await takeDraft(trx, draft))) return;
      await settleDraftMessages(trx, wamids, 'duplicate', existing.id);
      await queueWhatsApp(trx, config, { to: draft.phone, reportId: existing.id, text: t('whatsapp:duplicate', { code: formatCode(existing.tracking_code) }) });
    });
    return 'duplicate';
  }

  // The confirmation, with the secret's slots: the outbox keeps the secret only until the
  // message has left (notify/secrets.ts). When intake already queued a WhatsApp
  // acknowledgement (it carries the code and the secret link), only what WhatsApp adds.
  const { report, secret } = submitted;
  const code = formatCode(report.tracking_code);
  const skipped = refused.length ? `\n${t('whatsapp:skipped', { files: refused.join(' ') })}` : '';
  await db.transaction().execute(async (trx) => {
    const acknowledged = await hasWhatsAppQueued(trx, report.id);
    const text = acknowledged
      ? `${t('whatsapp:tips')}${skipped}`
      : `${t('whatsapp:submitted', {
        code,
        link: `${config.publicUrl}/lacak/${report.tracking_code}?k=${SECRET_IN_LINK}`,
        due: formatDateLong(report.verify_due_at ?? new Date(), 'id'),
        tips: t('whatsapp:tips'),
      })}${skipped}`;
    await queueWhatsApp(trx, config, {
      to: draft.phone,
      reportId: report.id,
      text,
      ...(acknowledged ? {} : { secret }),
      dedupeKey: `wa-submitted:${report.id}`,
    });
  });
  return 'submitted';
}
