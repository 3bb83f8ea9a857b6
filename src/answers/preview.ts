import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { formatDateLong } from '../shared/format.js';
import type { Locale, Translate } from '../shared/i18n.js';
import { answerFiles, presentAnswerFile } from './files.js';
import { reporterAnswerMail } from './mail.js';
import { NEUTRAL_SALUTATION, fill, reporterSalutation } from './placeholders.js';
import { reportValues } from './templates.js';

/** A piece of previewed text; `name` marks where the reporter's name will stand. */
export interface Segment {
  text: string;
  name?: true;
}

/** Where the reporter's name goes in the previewed mail; split out before anyone sees it. */
const NAME_MARK = '\u2063nama_pelapor\u2063';

function segments(text: string, marker: string): Segment[] {
  return text.split(NAME_MARK).flatMap((part, i) => [...(i > 0 ? [{ text: marker, name: true as const }] : []), ...(part ? [{ text: part }] : [])]);
}

/**
 * A draft answer as the citizen will read it, for whoever submits, approves or validates it: the
 * mail to the reporter (subject and text, from the same template and placeholders as the
 * mail sent; in Indonesian, as every mail to citizens) and the entry on the tracking page.
 * The reporter's name is never filled in here: its place is marked, so the Kepala OPD sees
 * where it goes without seeing it (placeholders.ts).
 */
export async function citizenPreview(
  db: Db,
  config: Config,
  report: Report,
  draft: { id?: number; body: string; plannedAt: string | null },
  mergedReporters: number,
  t: Translate,
  locale: Locale,
) {
  const [values, files] = await Promise.all([reportValues(db, report), draft.id ? answerFiles(db, draft.id) : []]);
  const greetsByName = reporterSalutation(report) !== NEUTRAL_SALUTATION;
  const marker = t('answers:preview.nameMarker');
  const mail = report.reporter_email
    ? await reporterAnswerMail(config, report, 'preview', {
        agency: values.opd,
        answer: fill(draft.body, { ...values, nama_pelapor: greetsByName ? NAME_MARK : NEUTRAL_SALUTATION }),
        files,
      })
    : undefined;
  return {
    mail: mail ? { subject: mail.subject, text: segments(mail.text, marker) } : null,
    namesReporter: Boolean(mail) && greetsByName,
    // The surat jawaban is made when the answer is sent and rides with this mail (commands/sendAnswer.ts).
    letter: Boolean(mail) && report.assigned_agency_id !== null,
    merged: mergedReporters,
    tracking: {
      heading: t('tracking:messages.answer', { agency: values.opd }),
      body: fill(draft.body, { ...values, nama_pelapor: NEUTRAL_SALUTATION }),
      planned: draft.plannedAt ? t('tracking:page.plannedAt', { date: formatDateLong(new Date(`${draft.plannedAt}T00:00:00+07:00`), locale) }) : null,
      // As the tracking page lists them with the answer; opened here through the staff routes.
      files: files.map((f) => presentAnswerFile(f, locale, t)),
    },
  };
}

export type CitizenPreview = Awaited<ReturnType<typeof citizenPreview>>;
