import i18next, { type TFunction } from 'i18next';
import { webMessages } from './messages.js';
import { authMessages } from '../auth/messages.js';
import { usersMessages } from '../users/messages.js';
import { notifyMessages } from '../notify/messages.js';
import { attachmentsMessages } from '../attachments/messages.js';
import { intakeMessages } from '../intake/messages.js';
import { trackingMessages } from '../tracking/messages.js';
import { triageMessages } from '../triage/messages.js';
import { answersMessages } from '../answers/messages.js';
import { apiMessages } from '../api/messages.js';
import { slaMessages } from '../sla/messages.js';
import { routingMessages } from '../routing/messages.js';
import { mailinMessages } from '../mailin/messages.js';
import { open311Messages } from '../open311/messages.js';
import { publicationMessages } from '../publication/messages.js';
import { portalMessages } from '../portal/messages.js';
import { dashboardMessages } from '../dashboard/messages.js';
import { auditMessages } from '../audit/messages.js';
import { privacyMessages } from '../privacy/messages.js';

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** Every module's messages, one namespace per module: t('auth:login.failed'). */
export type Messages = { id: Record<string, unknown>; en: Record<string, unknown> };
const modules: Record<string, Messages> = {
  web: webMessages,
  auth: authMessages,
  users: usersMessages,
  notify: notifyMessages,
  attachments: attachmentsMessages,
  intake: intakeMessages,
  tracking: trackingMessages,
  triage: triageMessages,
  answers: answersMessages,
  api: apiMessages,
  sla: slaMessages,
  routing: routingMessages,
  mailin: mailinMessages,
  open311: open311Messages,
  publication: publicationMessages,
  portal: portalMessages,
  dashboard: dashboardMessages,
  audit: auditMessages,
  privacy: privacyMessages,
};

const instance = i18next.createInstance();
await instance.init({
  resources: Object.fromEntries(
    LOCALES.map((lng) => [lng, Object.fromEntries(Object.entries(modules).map(([ns, m]) => [ns, m[lng]]))]),
  ),
  lng: 'id',
  fallbackLng: 'id',
  ns: Object.keys(modules),
  defaultNS: 'web',
  // Handlebars escapes output; escaping here too would show &amp; to the user.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
  showSupportNotice: false,
});

export type Translate = TFunction;

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
