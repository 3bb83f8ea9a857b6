import type { Config } from '../config.js';
import type { SkippedPart } from '../db/schema.js';
import { formatBytes } from '../shared/format.js';
import { formatCode } from '../reports/tracking.js';
import type { Locale, Translate } from '../shared/i18n.js';
import type { InboundMailRow } from './queries.js';
import { type InboundFilter, OUTCOMES } from './schema.js';

/** The admin list of inbound mails: one page of rows, the outcome filter, and the links to the pages around it. */
export function presentInboundList(rows: InboundMailRow[], filter: InboundFilter, pageSize: number, config: Config, t: Translate) {
  const page = (n: number) => `?${new URLSearchParams({ ...(filter.outcome ? { outcome: filter.outcome } : {}), page: String(n) })}`;
  return {
    title: t('mailin:list.title'),
    enabled: Boolean(config.mailIntake.imapUrl),
    folder: config.mailIntake.processedFolder,
    mails: rows.slice(0, pageSize).map((m) => ({
      ...m,
      outcomeLabel: t(`mailin:outcomes.${m.outcome}`),
      code: m.tracking_code,
      displayCode: m.tracking_code ? formatCode(m.tracking_code) : null,
    })),
    outcomes: OUTCOMES.map((o) => ({ value: o, label: t(`mailin:outcomes.${o}`), selected: o === filter.outcome })),
    previous: filter.page > 1 ? page(filter.page - 1) : null,
    next: rows.length > pageSize ? page(filter.page + 1) : null,
  };
}

/**
 * The parts of a mail that are not among the report's attachments, and why, for the
 * staff report page (with the mail as it came): nothing a citizen sent goes unmentioned.
 */
export function presentSkippedParts(parts: readonly SkippedPart[] | null, t: Translate, locale: Locale) {
  return (parts ?? []).map((p) => ({
    name: p.name,
    contentType: p.contentType,
    size: formatBytes(p.size, locale),
    reason: t(`mailin:skipped.reasons.${p.reason}`),
  }));
}
