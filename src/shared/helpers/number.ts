import type { HelperOptions } from 'handlebars';
import { formatNumber as format } from '../format.js';

/**
 * {{formatNumber n}} (or {{formatNumber n digits=2}}): a number in the request's language,
 * "8,5" in Bahasa Indonesia and "8.5" in English. Anything not a number shows as it is.
 */
export function formatNumber(value: unknown, options: HelperOptions): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === null || value === undefined ? '' : String(value);
  const digits = typeof options.hash?.digits === 'number' ? options.hash.digits : 1;
  return format(value, options.data?.root?.locale === 'en' ? 'en' : 'id', digits);
}
