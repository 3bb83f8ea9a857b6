import type { Locale, Translate } from '../shared/i18n.js';
import type { ChannelRow } from './metrics.js';
import { formatters } from './presenter.js';

/**
 * "Laporan per kanal": how many reports came by each door (web, e-mail, API, Open311,
 * WhatsApp, and those taken by staff split by telephone, walk-in, letter, social media and
 * SP4N-LAPOR!), with each one's share of the period. A channel's count links to its reports
 * (the dashboard's channel filter); a staff source is a part of its channel's list.
 */
export function presentChannels(rows: ChannelRow[], params: URLSearchParams | string, t: Translate, locale: Locale) {
  const fmt = formatters(locale);
  const total = rows.reduce((sum, r) => sum + r.received, 0);
  return {
    total: fmt.count(total),
    rows: rows.map((r) => {
      const q = new URLSearchParams(params);
      q.set('channel', r.channel);
      q.set('figure', 'received');
      const channel = t(`reports:channels.${r.channel}`, { defaultValue: r.channel });
      return {
        channel: r.source ? `${channel}: ${t(`staffintake:sources.${r.source}`, { defaultValue: r.source })}` : channel,
        key: r.source ? `${r.channel}:${r.source}` : r.channel,
        received: fmt.count(r.received),
        share: fmt.share(total ? r.received / total : null),
        href: `/dasbor/laporan?${q}`,
      };
    }),
  };
}
