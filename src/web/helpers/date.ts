import type { HelperOptions } from 'handlebars';

/** {{formatDateTime date}}: a timestamp in Asia/Jakarta, in the request's language. */
export function formatDateTime(value: unknown, options: HelperOptions): string {
  if (!value) return '';
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return '';
  const locale = options.data?.root?.locale === 'en' ? 'en-GB' : 'id-ID';
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Jakarta',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** {{formatDate date}}: the day only, in Asia/Jakarta, in the request's language. */
export function formatDate(value: unknown, options: HelperOptions): string {
  if (!value) return '';
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return '';
  const locale = options.data?.root?.locale === 'en' ? 'en-GB' : 'id-ID';
  return new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}
