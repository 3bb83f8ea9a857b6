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
 * The messages never change while the process runs, so a message without parameters is
 * looked up once per language and kept: pages ask for the same labels on every request,
 * and i18next's lookup was the largest single item of a page's CPU under load (issue 10).
 * Calls with options (interpolation, plurals, context) go to i18next each time.
 */
const translators = new Map<Locale, Translate>();

export function translator(locale: Locale): Translate {
  let translate = translators.get(locale);
  if (!translate) {
    // Loud, not a page of raw keys: an entry point that forgot src/messages.ts.
    if (!catalog) throw new Error('No messages registered: import src/messages.ts in this entry point first');
    const fixed = instance.getFixedT(locale);
    const known = new Map<string, string>();
    translate = ((key: unknown, ...rest: unknown[]) => {
      if (typeof key !== 'string' || rest.length > 0) return (fixed as unknown as (...a: unknown[]) => unknown)(key, ...rest);
      let text = known.get(key);
      if (text === undefined) known.set(key, (text = fixed(key)));
      return text;
    }) as unknown as Translate;
    translators.set(locale, translate);
  }
  return translate;
}
