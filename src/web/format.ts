import type { Locale } from './i18n.js';

/** "Jumat, 28 November 2026": a deadline as people say it, in Asia/Jakarta. */
export function formatDateLong(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'Asia/Jakarta',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}
