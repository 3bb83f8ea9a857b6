import type { HelperOptions } from 'handlebars';

/** {{t "ns:key" name=value}}: the message in the request's language (escaped by Handlebars). */
export function t(this: unknown, key: string, options: HelperOptions): string {
  const translate = options.data?.root?.t as ((k: string, o?: object) => string) | undefined;
  return translate ? translate(key, options.hash) : key;
}
