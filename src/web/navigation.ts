import type { Request, RequestHandler, Response } from 'express';
import { can, type Permission } from '../auth/policy.js';
import type { Config } from '../config.js';
import { type Flash, takeFlash } from '../http/flash.js';
import type { Locale } from '../shared/i18n.js';

/** Navigation entries; each shows only to those allowed to open it. */
interface NavEntry {
  href: string;
  labelKey: string;
  /** undefined: everyone; 'guest': only when not signed in; else a permission. */
  show?: Permission | 'guest' | 'staff';
}

const ENTRIES: NavEntry[] = [
  { href: '/', labelKey: 'web:nav.home' },
  { href: '/lapor', labelKey: 'web:nav.report', show: 'guest' },
  { href: '/lacak', labelKey: 'web:nav.track', show: 'guest' },
  { href: '/publik', labelKey: 'portal:nav.portal' },
  { href: '/staf/verifikasi', labelKey: 'triage:queue.title', show: 'reports:verify' },
  { href: '/staf/publikasi', labelKey: 'publication:nav.queue', show: 'publication:manage' },
  { href: '/staf', labelKey: 'triage:opd.title', show: 'reports:work' },
  { href: '/dasbor', labelKey: 'dashboard:nav.dashboard', show: 'dashboard:view' },
  { href: '/admin/pengguna', labelKey: 'web:nav.users', show: 'users:manage' },
  { href: '/admin/outbox', labelKey: 'notify:nav.outbox', show: 'outbox:manage' },
  { href: '/admin/surel-masuk', labelKey: 'mailin:nav.inbound', show: 'outbox:manage' },
  { href: '/admin/open311', labelKey: 'open311:nav.clients', show: 'users:manage' },
  { href: '/admin/sla', labelKey: 'sla:nav.sla', show: 'reference:manage' },
  { href: '/admin/libur', labelKey: 'sla:nav.holidays', show: 'reference:manage' },
  { href: '/admin/rute', labelKey: 'routing:nav.rules', show: 'reference:manage' },
  { href: '/admin/jawaban', labelKey: 'answers:nav.templates', show: 'reference:manage' },
  { href: '/admin/audit', labelKey: 'auditlog:nav.audit', show: 'audit:read' },
  { href: '/admin/data-pribadi', labelKey: 'privacy:nav.personalData', show: 'personal_data:manage' },
  { href: '/akun/sandi', labelKey: 'web:nav.password', show: 'staff' },
  { href: '/masuk', labelKey: 'web:nav.login', show: 'guest' },
];

export interface LayoutModel {
  appName: string;
  orgName: string;
  locale: Locale;
  otherLocale: Locale;
  currentPath: string;
  user: { id: number; name: string; roleLabel: string } | null;
  nav: { href: string; label: string; current: boolean }[];
  flash: Flash[];
}

/** The typed view-model of the layout (header, navigation, footer) for every page. */
export function layoutMiddleware(config: Config): RequestHandler {
  return (req, res, next) => {
    // Built when a page renders (Express copies res.locals into the view's data), not for
    // every request: JSON, files and redirects need no menu, and a flash message is taken
    // from the session only by the page that shows it.
    let site: LayoutModel | undefined;
    Object.defineProperty(res.locals, 'site', {
      enumerable: true,
      configurable: true,
      get: () => (site ??= buildLayout(req, res, config)),
      set: (value: LayoutModel) => {
        site = value;
      },
    });
    next();
  };
}

export function buildLayout(req: Request, res: Response, config: Config): LayoutModel {
  const t = res.locals.t;
  const user = req.user;
  const nav = ENTRIES.filter((e) => {
    if (!e.show) return true;
    if (e.show === 'guest') return !user;
    if (e.show === 'staff') return Boolean(user);
    return Boolean(user) && can(user!, e.show);
  }).map((e) => ({
    href: e.href,
    label: t(e.labelKey),
    current: e.href === '/' ? req.path === '/' : req.path.startsWith(e.href),
  }));
  return {
    appName: config.appName,
    orgName: config.orgName,
    locale: res.locals.locale,
    otherLocale: res.locals.locale === 'id' ? 'en' : 'id',
    currentPath: req.originalUrl,
    user: user ? { id: user.id, name: user.name, roleLabel: t(`web:roles.${user.role}`) } : null,
    nav,
    flash: takeFlash(req),
  };
}
