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

const numbers = new Map<string, Intl.NumberFormat>();

/**
 * A number as the reader's language writes it: "8,5" and "1.234" in Bahasa Indonesia,
 * "8.5" and "1,234" in English. Every number a page, feed or block shows goes through here
 * (or the {{formatNumber}} helper, or i18next's "{{n, number}}"), so none reads "8.5 hari".
 */
export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 1): string {
  const key = `${locale}:${maximumFractionDigits}`;
  let f = numbers.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits });
    numbers.set(key, f);
  }
  return f.format(value);
}

/** A file size for people: "840 KB", "2,4 MB", and a disk's "37,5 GB" or "1,8 TB". */
export function formatBytes(bytes: number, locale: Locale): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), locale, 0)} KB`;
  if (bytes < 1024 ** 3) return `${formatNumber(bytes / 1024 ** 2, locale, 1)} MB`;
  if (bytes < 1024 ** 4) return `${formatNumber(bytes / 1024 ** 3, locale, 1)} GB`;
  return `${formatNumber(bytes / 1024 ** 4, locale, 1)} TB`;
}

const percents = new Map<Locale, Intl.NumberFormat>();

/** A share (0..1) as a whole percentage in the reader's language: "92%". */
export function formatPercent(share: number, locale: Locale): string {
  let f = percents.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID', { style: 'percent', maximumFractionDigits: 0 });
    percents.set(locale, f);
  }
  return f.format(share);
}
