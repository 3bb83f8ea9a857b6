import type { Config } from '../config.js';
import { emailSite, renderEmail } from '../notify/email.js';
import { formatDateLong } from '../shared/format.js';
import type { Locale } from '../shared/i18n.js';

/** The acknowledgement of a new report: its code, its secret link, and what happens next. */
export function receivedMail(
  config: Config,
  locale: Locale,
  data: { name: string | null; title: string; code: string; secret: string; trackingUrl: string; verifyDueAt: Date },
) {
  return renderEmail(
    'report-received',
    {
      ...data,
      site: emailSite(config),
      subjectKey: 'intake:mail.receivedSubject',
      preheaderKey: 'intake:mail.receivedPreheader',
      verifyDueAt: formatDateLong(data.verifyDueAt, locale),
    },
    locale,
  );
}
