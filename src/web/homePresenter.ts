import type { Config } from '../config.js';
import { formatNumber, formatPercent } from '../shared/format.js';
import type { Locale, Translate } from '../shared/i18n.js';
import type { HomeFigures } from './homeFigures.js';

const months = new Map<Locale, Intl.DateTimeFormat>();
const times = new Map<Locale, Intl.DateTimeFormat>();

function formatter(cache: Map<Locale, Intl.DateTimeFormat>, locale: Locale, options: Intl.DateTimeFormatOptions) {
  let f = cache.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta', ...options });
    cache.set(locale, f);
  }
  return f;
}

/**
 * The citizens' front page: what to do, how to follow a report, the other ways in, and a
 * few live figures. A door is shown only when it works: the e-mail address only when mail
 * intake reads a mailbox (IMAP_URL), since mail to an unread address would be lost.
 * WhatsApp is not offered until it is built.
 */
export function presentHome(config: Pick<Config, 'mailIntake'>, figures: HomeFigures | null, t: Translate, locale: Locale) {
  const mail = config.mailIntake.address && config.mailIntake.imapUrl ? config.mailIntake.address : null;
  return {
    title: t('web:home.title'),
    mail,
    figures: figures && {
      title: t('web:home.figuresTitle', { month: formatter(months, locale, { month: 'long', year: 'numeric' }).format(new Date(`${figures.month}T12:00:00+07:00`)) }),
      received: formatNumber(figures.received, locale, 0),
      answered: formatNumber(figures.answered, locale, 0),
      inTime: figures.inTimeShare === null ? null : formatPercent(figures.inTimeShare, locale),
      asOf: `${formatter(times, locale, { hour: '2-digit', minute: '2-digit' }).format(figures.asOf)} WIB`,
    },
  };
}
