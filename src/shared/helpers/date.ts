import type { HelperOptions } from 'handlebars';

type Lang = 'id-ID' | 'en-GB';

/**
 * One formatter per language and style, made once: building an Intl.DateTimeFormat costs
 * about 80 µs, formatting with one about 1 µs, and a staff queue page formats 200 dates
 * (16 ms of CPU per page before; found by the load benchmark, bench/load).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, style: 'dateTime' | 'date'): Intl.DateTimeFormat {
  const key = `${lang}:${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, {
      timeZone: 'Asia/Jakarta',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...(style === 'dateTime' ? { hour: '2-digit', minute: '2-digit' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * What each formatter gave, by instant: formatting is still ~2 µs a date, 6 % of the CPU of a
 * staff queue page under load (issue 25), and a queue shows the same reports' dates request
 * after request. Bounded: past MAX_FORMATTED the kept ones are dropped and made again.
 */
const formatted = new Map<string, Map<number, string>>();
export const MAX_FORMATTED = 20_000;

function format(value: unknown, options: HelperOptions, style: 'dateTime' | 'date'): string {
  if (!value) return '';
  const time = value instanceof Date ? value.getTime() : new Date(String(value)).getTime();
  if (Number.isNaN(time)) return '';
  const lang = options.data?.root?.locale === 'en' ? 'en-GB' : 'id-ID';
  const key = `${lang}:${style}`;
  let kept = formatted.get(key);
  if (!kept) formatted.set(key, (kept = new Map()));
  let text = kept.get(time);
  if (text === undefined) {
    text = formatter(lang, style).format(time);
    if (kept.size >= MAX_FORMATTED) kept.clear();
    kept.set(time, text);
  }
  return text;
}

/** {{formatDateTime date}}: a timestamp in Asia/Jakarta, in the request's language. */
export function formatDateTime(value: unknown, options: HelperOptions): string {
  return format(value, options, 'dateTime');
}

/** {{formatDate date}}: the day only, in Asia/Jakarta, in the request's language. */
export function formatDate(value: unknown, options: HelperOptions): string {
  return format(value, options, 'date');
}
