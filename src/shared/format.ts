import type { Locale } from './i18n.js';

// Made once per language: building an Intl.DateTimeFormat costs ~80 µs, using one ~1 µs
// (every submission formats its deadline for the acknowledgement; found by bench/load).
const longDates = new Map<Locale, Intl.DateTimeFormat>();

/** "Jumat, 28 November 2026": a deadline as people say it, in Asia/Jakarta. */
export function formatDateLong(date: Date, locale: Locale): string {
  let f = longDates.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
      timeZone: 'Asia/Jakarta',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    longDates.set(locale, f);
  }
  return f.format(date);
}
