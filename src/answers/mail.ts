import type { Config } from '../config.js';
import type { Report } from '../db/schema.js';
import { citizenVars, prepareMail, trackingLink } from '../notify/reportMail.js';
import { type AnswerFile, filesMailLine } from './files.js';

/**
 * The answer mail to the report's own reporter, built in one place for the mail that is
 * queued (commands/sendAnswer.ts) and for the preview staff read before it goes
 * (preview.ts): the same template, the same values, the same list of files.
 */
export function reporterAnswerMail(
  config: Config,
  report: Report,
  to: string,
  content: { agency: string; answer: string; files: Pick<AnswerFile, 'original_name' | 'size_bytes'>[] },
) {
  return prepareMail(
    config,
    'id',
    [to],
    'answered',
    { ...citizenVars(report), agency: content.agency, answer: content.answer, files: filesMailLine(content.files) },
    trackingLink(config, report),
  );
}
