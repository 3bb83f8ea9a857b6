import type { Locale, Translate } from '../shared/i18n.js';
import type { ChannelRow } from './metrics.js';
import { formatters } from './presenter.js';

/**
 * "Laporan per kanal": how many reports came by each door (web, e-mail, API, Open311,
 * WhatsApp, taken by staff), most first, with each one's share of the period; the staff
 * channel's row is followed by its sources (telephone, walk-in, letter, social media,
 * SP4N-LAPOR!; "not recorded" for staff reports from before sources were kept). A channel's
 * count links to its reports (the dashboard's channel filter).
 */
export function presentChannels(rows: ChannelRow[], params: URLSearchParams | string, t: Translate, locale: Locale) {
  const fmt = formatters(locale);
  const total = rows.reduce((sum, r) => sum + r.received, 0);
  const share = (n: number) => fmt.share(total ? n / total : null);
  const channels = new Map<string, ChannelRow[]>();
  for (const r of rows) channels.set(r.channel, [...(channels.get(r.channel) ?? []), r]);
  const ordered = [...channels].map(([channel, parts]) => ({ channel, parts, received: parts.reduce((s, p) => s + p.received, 0) }));
  ordered.sort((a, b) => b.received - a.received || a.channel.localeCompare(b.channel));
  return {
    total: fmt.count(total),
    rows: ordered.flatMap(({ channel, parts, received }) => {
      const q = new URLSearchParams(params);
      q.set('channel', channel);
      q.set('figure', 'received');
      const head = {
        label: t(`reports:channels.${channel}`, { defaultValue: channel }),
        key: channel,
        sub: false,
        received: fmt.count(received),
        share: share(received),
        href: `/dasbor/laporan?${q}`,
      };
      const bySource = parts.some((p) => p.source !== null);
      if (!bySource) return [head];
      return [
        head,
        ...parts
          .sort((a, b) => b.received - a.received || (a.source ?? '\uffff').localeCompare(b.source ?? '\uffff'))
          .map((p) => ({
            label: p.source ? t(`staffintake:sources.${p.source}`, { defaultValue: p.source }) : t('dashboard:channels.noSource'),
            key: `${channel}:${p.source ?? ''}`,
            sub: true,
            // Said before the source by screen readers ("Petugas: Telepon"); shown indented under its channel.
            prefix: `${head.label}: `,
            received: fmt.count(p.received),
            share: share(p.received),
            href: null,
          })),
      ];
    }),
  };
}
