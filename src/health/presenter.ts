import type { Config } from '../config.js';
import { formatBytes, formatNumber } from '../shared/format.js';
import type { Locale, Translate } from '../shared/i18n.js';
import { type Checked, type HealthFacts, MAIL_ERROR_DAYS } from './checks.js';
import { APP_VERSION } from './probes.js';

export type State = 'ok' | 'warn' | 'problem' | 'off' | 'unknown';

/** One line under a check: a label and its value (text, or a time the view formats). */
export interface Detail {
  label: string;
  text?: string;
  at?: Date;
  href?: string;
}

export interface CheckView {
  key: string;
  title: string;
  state: State;
  stateLabel: string;
  summary: string;
  details: Detail[];
  links: { href: string; label: string }[];
}

const MINUTE = 60_000;
/** The sweeper is late after missing this many of its passes (and never before 5 minutes). */
const LATE_PASSES = 3;
/** The database answering slower than this is worth a look. */
const SLOW_DATABASE_MS = 500;
/** A mail waiting longer than this to go out: the sender is stuck or the SMTP server refuses. */
const STUCK_MAIL_MS = 15 * MINUTE;
/** Upload space: a problem below either floor, worth a look below either warning. */
const DISK = { problemShare: 0.05, problemBytes: 500 * 1024 ** 2, warnShare: 0.15, warnBytes: 2 * 1024 ** 3 };

function numberFormats(locale: Locale) {
  const tag = locale === 'en' ? 'en-GB' : 'id-ID';
  return {
    tag,
    relative: new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }),
    share: new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }),
  };
}

/** "3 menit yang lalu" / "3 minutes ago": how long before `now`, in the largest whole unit. */
export function ago(then: Date, now: Date, locale: Locale): string {
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  const rtf = numberFormats(locale).relative;
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

/** "2 hari 3 jam" / "2 days 3 hours": a span of seconds in at most two units. */
export function span(seconds: number, t: Translate): string {
  const s = Math.max(0, Math.floor(seconds));
  const parts: [number, string][] = [
    [Math.floor(s / 86_400), 'days'],
    [Math.floor((s % 86_400) / 3600), 'hours'],
    [Math.floor((s % 3600) / 60), 'minutes'],
  ];
  const shown = parts.filter(([n]) => n > 0).slice(0, 2).map(([n, unit]) => t(`health:units.${unit}`, { count: n }));
  return shown.length ? shown.join(' ') : t('health:units.underMinute');
}

/** How often the sweeper and the dashboard's rollup are expected to run (this process's setting, or the default). */
export function expectedEvery(config: Config) {
  return {
    sweepMs: config.sla.sweepMs > 0 ? config.sla.sweepMs : 60_000,
    rollupMs: config.dashboard.rollupMs > 0 ? config.dashboard.rollupMs : 60_000,
  };
}

/** The health page's view-model: one entry per check, the worst first in the summary line. */
export function presentHealth(f: HealthFacts, config: Config, t: Translate, locale: Locale) {
  const fmt = numberFormats(locale);
  const label = (state: State) => t(`health:states.${state}`);
  const unknown = (key: string, c: { ok: false; error: string }, links: CheckView['links'] = []): CheckView => ({
    key,
    title: t(`health:${key}.title`),
    state: 'unknown',
    stateLabel: label('unknown'),
    summary: f.database.ok ? t('health:unknown', { error: c.error }) : t('health:noDatabase'),
    details: [],
    links,
  });
  const every = expectedEvery(config);
  const checks: CheckView[] = [];

  // Mail out.
  const outboxLinks = [{ href: '/admin/outbox', label: t('health:outbox.link') }];
  checks.push(withState(f.outbox, (o) => {
    const stuck = o.oldestPendingAt !== null && f.now.getTime() - o.oldestPendingAt.getTime() > STUCK_MAIL_MS;
    const state: State = o.failed > 0 ? 'problem' : stuck ? 'warn' : 'ok';
    const details: Detail[] = [];
    if (o.latestFailed) {
      details.push({ label: t('health:outbox.latest'), text: o.latestFailed.subject, href: `/admin/outbox/${o.latestFailed.id}` });
      details.push({ label: t('health:outbox.failedAt'), at: o.latestFailed.created_at });
      if (o.latestFailed.last_error) details.push({ label: t('health:outbox.error'), text: o.latestFailed.last_error });
    }
    details.push({ label: t('health:outbox.pending'), text: formatNumber(o.pending, locale, 0) });
    if (o.oldestPendingAt) details.push({ label: t('health:outbox.oldestPending'), at: o.oldestPendingAt });
    if (!config.mail.smtpUrl) details.push({ label: t('health:outbox.transport'), text: t('health:outbox.devOutbox') });
    return {
      key: 'outbox', title: t('health:outbox.title'), state, stateLabel: label(state),
      summary: o.failed > 0
        ? t('health:outbox.failed', { count: o.failed })
        : stuck ? t('health:outbox.stuck', { ago: ago(o.oldestPendingAt!, f.now, locale) }) : t('health:outbox.noneFailed'),
      details,
      links: o.failed > 0 ? [{ href: '/admin/outbox?status=failed', label: t('health:outbox.linkFailed') }, ...outboxLinks] : outboxLinks,
    };
  }, () => unknown('outbox', f.outbox as { ok: false; error: string }, outboxLinks)));

  // Mail in.
  const inboundLinks = [{ href: '/admin/surel-masuk', label: t('health:mailIntake.link') }];
  checks.push(withState(f.mailIntake, (m) => {
    const configured = Boolean(config.mailIntake.imapUrl);
    const state: State = m.errors > 0 ? 'problem' : configured ? 'ok' : 'off';
    const details: Detail[] = [];
    if (m.latestError) {
      details.push({ label: t('health:mailIntake.latest'), text: m.latestError.subject ?? t('health:mailIntake.noSubject') });
      details.push({ label: t('health:mailIntake.failedAt'), at: m.latestError.received_at });
      if (m.latestError.detail) details.push({ label: t('health:mailIntake.error'), text: m.latestError.detail });
    }
    details.push(m.lastReceivedAt
      ? { label: t('health:mailIntake.lastReceived'), at: m.lastReceivedAt }
      : { label: t('health:mailIntake.lastReceived'), text: t('health:mailIntake.never') });
    return {
      key: 'mailIntake', title: t('health:mailIntake.title'), state, stateLabel: label(state),
      summary: m.errors > 0
        ? t('health:mailIntake.errors', { count: m.errors, days: MAIL_ERROR_DAYS })
        : configured ? t('health:mailIntake.none', { days: MAIL_ERROR_DAYS }) : t('health:mailIntake.off'),
      details,
      links: m.errors > 0 ? [{ href: '/admin/surel-masuk?outcome=unreadable', label: t('health:mailIntake.linkErrors') }, ...inboundLinks] : inboundLinks,
    };
  }, () => unknown('mailIntake', f.mailIntake as { ok: false; error: string }, inboundLinks)));

  // The deadline sweeper.
  checks.push(withState(f.sweeper, (run) => {
    const lateAfter = Math.max(5 * MINUTE, LATE_PASSES * every.sweepMs);
    const details: Detail[] = [{ label: t('health:sweeper.what'), text: t('health:sweeper.whatText') }];
    if (config.sla.sweepMs <= 0) details.push({ label: t('health:sweeper.here'), text: t('health:sweeper.offHere') });
    if (!run) {
      return { key: 'sweeper', title: t('health:sweeper.title'), state: 'problem' as State, stateLabel: label('problem'), summary: t('health:sweeper.never'), details, links: [] };
    }
    const late = f.now.getTime() - run.finished_at.getTime() > lateAfter;
    const state: State = !run.ok || late ? 'problem' : 'ok';
    details.push({ label: t('health:sweeper.lastRun'), at: run.finished_at });
    if (run.ok_at && !run.ok) details.push({ label: t('health:sweeper.lastOk'), at: run.ok_at });
    if (run.error && run.failed_at) {
      details.push({ label: t('health:sweeper.lastError'), text: run.error });
      details.push({ label: t('health:sweeper.failedAt'), at: run.failed_at });
    }
    const when = ago(run.finished_at, f.now, locale);
    return {
      key: 'sweeper', title: t('health:sweeper.title'), state, stateLabel: label(state),
      summary: late
        ? t('health:sweeper.late', { ago: when, every: span(every.sweepMs / 1000, t) })
        : !run.ok ? t('health:sweeper.failed', { ago: when }) : t('health:sweeper.ok', { ago: when }),
      details,
      links: [],
    };
  }, () => unknown('sweeper', f.sweeper as { ok: false; error: string })));

  // The dashboard's monthly summaries.
  checks.push(withState(f.summaries, (s) => {
    const staleAfter = Math.max(10 * MINUTE, LATE_PASSES * every.rollupMs);
    const stale = s.monthsWaiting > 0 && (s.builtAt === null || f.now.getTime() - s.builtAt.getTime() > staleAfter);
    const state: State = stale ? 'warn' : 'ok';
    const details: Detail[] = [
      s.builtAt ? { label: t('health:summaries.built'), at: s.builtAt } : { label: t('health:summaries.built'), text: t('health:summaries.never') },
      { label: t('health:summaries.waitingLabel'), text: formatNumber(s.monthsWaiting, locale, 0) },
    ];
    if (config.dashboard.rollupMs <= 0) details.push({ label: t('health:summaries.here'), text: t('health:summaries.offHere') });
    return {
      key: 'summaries', title: t('health:summaries.title'), state, stateLabel: label(state),
      summary: s.monthsWaiting > 0 ? t('health:summaries.waiting', { count: s.monthsWaiting }) : t('health:summaries.current'),
      details,
      links: [{ href: '/dasbor', label: t('health:summaries.link') }],
    };
  }, () => unknown('summaries', f.summaries as { ok: false; error: string })));

  // The database.
  {
    const d = f.database;
    const r = f.replica;
    // A replica not in use costs speed, never answers: worth a look, not a problem.
    const state: State = !d.ok ? 'problem' : d.ms > SLOW_DATABASE_MS || (r && r.state !== 'ok') ? 'warn' : 'ok';
    const details: Detail[] = [{ label: t('health:database.kind'), text: config.databaseUrl ? t('health:database.server') : t('health:database.embedded') }];
    if (r) {
      const lag = r.state === 'down' ? '' : Number.isFinite(r.lagMs) ? formatNumber(r.lagMs / 1000, locale, 1) : '?';
      details.push({
        label: t('health:database.replica'),
        text: r.state === 'down'
          ? t('health:database.replicaDown', { ago: ago(r.since, f.now, locale), error: r.error })
          : t(r.state === 'ok' ? 'health:database.replicaOk' : 'health:database.replicaLagging', { lag }),
      });
    }
    checks.push({
      key: 'database', title: t('health:database.title'), state, stateLabel: label(state),
      summary: d.ok ? t(d.ms > SLOW_DATABASE_MS ? 'health:database.slow' : 'health:database.ok', { ms: formatNumber(d.ms, locale, 0) }) : t('health:database.down', { error: d.error }),
      details,
      links: [],
    });
  }

  // Space for uploads.
  checks.push(withState(f.disk, (d) => {
    const share = d.totalBytes > 0 ? d.freeBytes / d.totalBytes : 0;
    const state: State =
      share < DISK.problemShare || d.freeBytes < DISK.problemBytes ? 'problem' : share < DISK.warnShare || d.freeBytes < DISK.warnBytes ? 'warn' : 'ok';
    return {
      key: 'disk', title: t('health:disk.title'), state, stateLabel: label(state),
      summary: t('health:disk.free', { free: formatBytes(d.freeBytes, locale), total: formatBytes(d.totalBytes, locale), share: fmt.share.format(share) }),
      details: [{ label: t('health:disk.folder'), text: config.uploadDir }],
      links: [],
    };
  }, () => ({ ...unknown('disk', f.disk as { ok: false; error: string }), summary: t('health:unknown', { error: (f.disk as { error: string }).error }) })));

  // The app itself.
  checks.push({
    key: 'app', title: t('health:app.title'), state: 'ok', stateLabel: label('ok'),
    summary: t('health:app.summary', { version: APP_VERSION, uptime: span(f.uptimeSeconds, t) }),
    details: [
      { label: t('health:app.version'), text: APP_VERSION },
      { label: t('health:app.started'), at: new Date(f.now.getTime() - f.uptimeSeconds * 1000) },
      { label: t('health:app.node'), text: process.version },
    ],
    links: [],
  });

  const attention = checks.filter((c) => c.state === 'problem' || c.state === 'warn' || c.state === 'unknown').length;
  return {
    title: t('health:title'),
    checkedAt: f.now,
    overall: attention ? t('health:overall.attention', { count: attention }) : t('health:overall.ok'),
    overallState: checks.some((c) => c.state === 'problem' || c.state === 'unknown') ? 'problem' : attention ? 'warn' : 'ok',
    checks,
  };
}

function withState<T>(c: Checked<T>, present: (value: T) => CheckView, failed: () => CheckView): CheckView {
  return c.ok ? present(c.value) : failed();
}
