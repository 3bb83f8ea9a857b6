import { Feed } from 'feed';
import Handlebars from 'handlebars';
import type { Config } from '../config.js';
import type { Translate } from '../shared/i18n.js';
import { dayLabel, excerpt, presentCase } from './presenter.js';
import type { PublishedCase } from './queries.js';

/**
 * The feed library writes titles, summaries and content as HTML (CDATA, type="html"), so
 * a citizen's text is escaped first: "<img onerror=...>" reaches a feed reader as text.
 */
const text = (s: string) => Handlebars.Utils.escapeExpression(s);
const paragraphs = (s: string) =>
  s
    .split(/\n{2,}/)
    .map((p) => `<p>${text(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

/** Published cases as a feed (Atom, RSS 2.0 or JSON Feed): all of them, or one OPD's. */
export function caseFeed(
  rows: PublishedCase[],
  agency: { code: string; name: string } | null,
  config: Pick<Config, 'publicUrl' | 'orgName' | 'appName'>,
  t: Translate,
): Feed {
  const base = agency ? `${config.publicUrl}/publik/opd/${agency.code}` : `${config.publicUrl}/publik`;
  const feed = new Feed({
    title: text(agency ? t('portal:feed.agencyTitle', { agency: agency.name }) : t('portal:feed.title', { org: config.orgName })),
    id: base,
    link: agency ? `${config.publicUrl}/publik?agency=${agency.code}` : `${config.publicUrl}/publik`,
    language: 'id',
    copyright: config.orgName,
    updated: rows[0]?.published_at ?? new Date(0),
    generator: config.appName,
    feedLinks: { atom: `${base}/feed.atom`, rss: `${base}/feed.rss`, json: agency ? `${base}.json` : `${base}/feed.json` },
  });
  for (const row of rows) {
    const c = presentCase(row, config);
    feed.addItem({
      title: text(c.title),
      id: c.url,
      link: c.url,
      description: text(excerpt(c.question, 300)),
      // Days as Indonesian writes them ("8,5"), like every number the portal shows.
      content: paragraphs([c.question, c.answer, c.answerWorkingDays === null ? '' : dayLabel('id', c.answerWorkingDays, t, 'portal:feed.days')].filter(Boolean).join('\n\n')),
      date: row.published_at ?? row.submitted_at,
      category: c.category?.name ? [{ name: text(c.category.name) }] : undefined,
      author: c.agency?.name ? [{ name: text(c.agency.name) }] : undefined,
    });
  }
  return feed;
}
