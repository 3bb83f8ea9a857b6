import type { HelperOptions } from 'handlebars';

/**
 * {{t "ns:key" name=value}}: the message in the request's language (escaped by Handlebars).
 * Messages without parameters are kept per language by the translator (shared/i18n.ts).
 */
export function t(this: unknown, key: string, options: HelperOptions): string {
  const root = options.data?.root as { t?: (k: string, o?: object) => string } | undefined;
  const translate = root?.t;
  if (!translate) return key;
  return Object.keys(options.hash ?? {}).length > 0 ? translate(key, options.hash) : translate(key);
}
