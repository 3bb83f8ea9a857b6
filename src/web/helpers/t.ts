import type { HelperOptions } from 'handlebars';

/**
 * Messages already looked up in this render (the root context is one page), for {{t}}
 * without parameters: a list of 200 rows asks for the same few labels 200 times, and each
 * i18next lookup costs microseconds that add up under load (bench/load, the OPD queue).
 */
const rendered = new WeakMap<object, Map<string, string>>();

/** {{t "ns:key" name=value}}: the message in the request's language (escaped by Handlebars). */
export function t(this: unknown, key: string, options: HelperOptions): string {
  const root = options.data?.root as { t?: (k: string, o?: object) => string } | undefined;
  const translate = root?.t;
  if (!translate) return key;
  if (Object.keys(options.hash ?? {}).length > 0) return translate(key, options.hash);
  let seen = rendered.get(root);
  if (!seen) rendered.set(root, (seen = new Map()));
  let text = seen.get(key);
  if (text === undefined) seen.set(key, (text = translate(key)));
  return text;
}
