import i18next, { type TFunction } from 'i18next';

/**
 * The translator every page, mail and API error uses, and nothing else: which messages
 * exist is not known here. Each capability keeps its own texts (its messages.ts, one
 * namespace each, 'triage:queue.title'), and src/messages.ts, imported by every entry point
 * (the app, the server, the command line, the tests), hands them all over once. So this
 * base imports no capability, and every capability may import it.
 */
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

export type Translate = TFunction;

/** One namespace's texts in both languages. */
export type Messages = { id: Record<string, unknown>; en: Record<string, unknown> };

const instance = i18next.createInstance();
let catalog: Record<string, Messages> | undefined;

/** Hands over every namespace's texts; called once, by src/messages.ts. */
export function registerMessages(namespaces: Record<string, Messages>): void {
  if (catalog) return;
  catalog = namespaces;
  // Synchronous with initAsync: false (the resources are all here).
  void instance.init({
    resources: Object.fromEntries(
      LOCALES.map((lng) => [lng, Object.fromEntries(Object.entries(namespaces).map(([ns, m]) => [ns, m[lng]]))]),
    ),
    lng: 'id',
    fallbackLng: 'id',
    ns: Object.keys(namespaces),
    defaultNS: 'web',
    // Handlebars escapes output; escaping here too would show &amp; to the user.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
}

/**
 * The messages never change while the process runs, so a translation is a pure function of
 * its language, key and values, and is looked up once and kept: pages ask for the same
 * labels on every request, and i18next's lookup was the largest single item of a page's
 * CPU under load (issue 10). Calls with values (interpolation, plurals) are kept too when
 * every value is a string, number or boolean (issue 25: they were 9 % of a tracking page's
 * CPU): agency names, counts and dates repeat across requests. Those are bounded, since
 * their values come from the data: past MAX_KEPT the kept ones are dropped and gathered
 * again. Anything else (objects, functions, undefined values, lists) goes to i18next each time.
 */
const translators = new Map<Locale, Translate>();

/** Translations with values kept per language, at most. */
export const MAX_KEPT = 20_000;

/** The cache key of a call with values, or undefined when its values are not plain. */
function keyWithValues(key: string, values: unknown): string | undefined {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return undefined;
  // Lists are handed out as the same array each time otherwise, for a caller to change.
  if ('returnObjects' in values) return undefined;
  for (const v in values) {
    const type = typeof (values as Record<string, unknown>)[v];
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return undefined;
  }
  return `${key}\u0000${JSON.stringify(values)}`;
}

export function translator(locale: Locale): Translate {
  let translate = translators.get(locale);
  if (!translate) {
    // Loud, not a page of raw keys: an entry point that forgot src/messages.ts.
    if (!catalog) throw new Error('No messages registered: import src/messages.ts in this entry point first');
    const fixed = instance.getFixedT(locale) as unknown as (...a: unknown[]) => string;
    const known = new Map<string, string>();
    const withValues = new Map<string, string>();
    translate = ((key: unknown, ...rest: unknown[]) => {
      if (typeof key !== 'string' || rest.length > 1) return fixed(key, ...rest);
      if (rest.length === 0) {
        let text = known.get(key);
        if (text === undefined) known.set(key, (text = fixed(key)));
        return text;
      }
      const cacheKey = keyWithValues(key, rest[0]);
      if (cacheKey === undefined) return fixed(key, rest[0]);
      let text = withValues.get(cacheKey);
      if (text === undefined) {
        text = fixed(key, rest[0]);
        if (withValues.size >= MAX_KEPT) withValues.clear();
        withValues.set(cacheKey, text);
      }
      return text;
    }) as unknown as Translate;
    translators.set(locale, translate);
  }
  return translate;
}
