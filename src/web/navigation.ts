import type { Request, RequestHandler, Response } from 'express';
import { countAwaitingApproval } from '../answers/queries.js';
import { can, type Permission } from '../auth/policy.js';
import type { SessionUser } from '../auth/user.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { type Flash, takeFlash } from '../http/flash.js';
import { pageAddress } from '../http/redirects.js';
import type { Locale } from '../shared/i18n.js';
import { logoUrl } from './brand.js';

/** Navigation entries; each shows only to those allowed to open it. */
interface NavEntry {
  href: string;
  labelKey: string;
  /** undefined: everyone; 'guest': only when not signed in; else a permission. */
  show?: Permission | 'guest' | 'staff';
  /**
   * What waits there for this user, shown beside the label, and the words a screen reader
   * says for it (a message with {{count}}). Counted only when a page is rendered.
   */
  count?: { of: (db: Db, user: SessionUser) => Promise<number>; labelKey: string };
}

const ENTRIES: NavEntry[] = [
  // Signed in, `/` is one's own work (auth/landing.ts), already an entry of its own; the logo leads there too.
  { href: '/', labelKey: 'web:nav.home', show: 'guest' },
  { href: '/lapor', labelKey: 'web:nav.report', show: 'guest' },
  { href: '/lacak', labelKey: 'web:nav.track', show: 'guest' },
  { href: '/publik', labelKey: 'portal:nav.portal' },
  { href: '/staf/verifikasi', labelKey: 'triage:queue.title', show: 'reports:verify' },
  { href: '/staf/publikasi', labelKey: 'publication:nav.queue', show: 'publication:manage' },
  {
    href: '/staf/persetujuan',
    labelKey: 'answers:nav.approvals',
    show: 'answers:approve',
    count: { of: (db, user) => (user.agencyId === null ? Promise.resolve(0) : countAwaitingApproval(db, user.agencyId)), labelKey: 'answers:nav.approvalsWaiting' },
  },
  { href: '/staf', labelKey: 'triage:opd.title', show: 'reports:work' },
  { href: '/staf/laporan/baru', labelKey: 'staffintake:nav', show: 'reports:take' },
  { href: '/dasbor', labelKey: 'dashboard:nav.dashboard', show: 'dashboard:view' },
  { href: '/admin/kesehatan', labelKey: 'health:nav.health', show: 'health:read' },
  { href: '/admin/pengguna', labelKey: 'web:nav.users', show: 'users:manage' },
  { href: '/admin/outbox', labelKey: 'notify:nav.outbox', show: 'outbox:manage' },
  { href: '/admin/surel-masuk', labelKey: 'mailin:nav.inbound', show: 'outbox:manage' },
  { href: '/admin/open311', labelKey: 'open311:nav.clients', show: 'users:manage' },
  { href: '/admin/sla', labelKey: 'sla:nav.sla', show: 'reference:manage' },
  { href: '/admin/libur', labelKey: 'sla:nav.holidays', show: 'reference:manage' },
  { href: '/admin/rute', labelKey: 'routing:nav.rules', show: 'reference:manage' },
  { href: '/admin/jawaban', labelKey: 'answers:nav.templates', show: 'reference:manage' },
  { href: '/admin/opd', labelKey: 'letters:nav.letterheads', show: 'reference:manage' },
  { href: '/admin/audit', labelKey: 'auditlog:nav.audit', show: 'audit:read' },
  { href: '/admin/data-pribadi', labelKey: 'privacy:nav.personalData', show: 'personal_data:manage' },
  { href: '/akun/sandi', labelKey: 'web:nav.password', show: 'staff' },
  { href: '/masuk', labelKey: 'web:nav.login', show: 'guest' },
];

export interface LayoutModel {
  appName: string;
  orgName: string;
  /** The Pemkab's logo (ORG_LOGO_PATH), for the header and the letterhead of printed pages. */
  orgLogo: string | undefined;
  /** ORG_THEME_COLOR: the browser's bar colour and the installed app's (offline/manifest.ts). */
  themeColor: string;
  locale: Locale;
  otherLocale: Locale;
  currentPath: string;
  user: { id: number; name: string; roleLabel: string } | null;
  nav: { href: string; label: string; current: boolean; count?: number; countLabel?: string }[];
  flash: Flash[];
}

/** The typed view-model of the layout (header, navigation, footer) for every page. */
export function layoutMiddleware(config: Config, db?: Db): RequestHandler {
  return (req, res, next) => {
    // Built when a page renders (Express copies res.locals into the view's data), not for
    // every request: JSON, files and redirects need no menu, and a flash message is taken
    // from the session only by the page that shows it.
    let site: LayoutModel | undefined;
    let counts: Map<string, number> | undefined;
    Object.defineProperty(res.locals, 'site', {
      enumerable: true,
      configurable: true,
      get: () => (site ??= buildLayout(req, res, config, counts)),
      set: (value: LayoutModel) => {
        site = value;
      },
    });
    // The counts beside menu entries are read when a page is rendered, and only then: a
    // redirect, a file or a JSON answer costs no query. A count that fails is left out.
    const user = req.user;
    const counted = db && user ? ENTRIES.filter((e) => e.count && shows(e, user)) : [];
    if (db && user && counted.length) {
      const render = res.render.bind(res) as (...args: unknown[]) => void;
      res.render = ((...args: unknown[]) => {
        void Promise.all(
          counted.map((e) =>
            e.count!.of(db, user).catch((err: unknown) => {
              req.log?.warn({ err, entry: e.href }, 'menu count failed');
              return undefined;
            }),
          ),
        ).then((values) => {
          counts = new Map(counted.flatMap((e, i) => (values[i] === undefined ? [] : [[e.href, values[i]]])));
          render(...args);
        });
      }) as Response['render'];
    }
    next();
  };
}

function shows(e: NavEntry, user: SessionUser | undefined): boolean {
  if (!e.show) return true;
  if (e.show === 'guest') return !user;
  if (e.show === 'staff') return Boolean(user);
  return Boolean(user) && can(user!, e.show);
}

export function buildLayout(req: Request, res: Response, config: Config, counts?: ReadonlyMap<string, number>): LayoutModel {
  const t = res.locals.t;
  const user = req.user;
  const entries = ENTRIES.filter((e) => shows(e, user));
  // One entry is the current one: the longest whose path holds this page (/staf/persetujuan, not /staf too).
  const holds = (href: string) => (href === '/' ? req.path === '/' : req.path === href || req.path.startsWith(`${href}/`));
  const current = entries.filter((e) => holds(e.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  const nav = entries.map((e) => {
    const count = counts?.get(e.href);
    return {
      href: e.href,
      label: t(e.labelKey),
      current: e.href === current,
      ...(count && e.count ? { count, countLabel: t(e.count.labelKey, { count }) } : {}),
    };
  });
  return {
    appName: config.appName,
    orgName: config.orgName,
    orgLogo: logoUrl(config),
    themeColor: config.orgThemeColor,
    locale: res.locals.locale,
    otherLocale: res.locals.locale === 'id' ? 'en' : 'id',
    currentPath: pageAddress(req),
    user: user ? { id: user.id, name: user.name, roleLabel: t(`web:roles.${user.role}`) } : null,
    nav,
    flash: takeFlash(req),
  };
}
