import type { Request, Response } from 'express';
import type { Feed } from 'feed';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { notFound } from '../shared/errors.js';
import { translator } from '../shared/i18n.js';
import { caseFeed } from './feed.js';
import { dayLabel, excerpt, presentCase } from './presenter.js';
import { activeAgency, latestPublished } from './queries.js';

const FEED_SIZE = 50;
const EMBED_SIZE = 5;
const AGENCY = /^[a-z0-9][a-z0-9-]{1,39}$/;

/**
 * Feeds of published cases, overall and per OPD (Atom, RSS 2.0, JSON Feed), and the
 * block an OPD embeds on its own website ("menjawab kritik dan saran"): a tiny page made
 * to live in an iframe, and the JSON Feed for sites that render it themselves.
 */
export function feedHandlers(db: Db, config: Config) {
  // Feeds and the embedded block are in Indonesian, whoever asks.
  const t = translator('id');

  /** The OPD the path names (none: every OPD); an unknown or inactive one is a 404. */
  async function agencyOf(code: string | undefined) {
    if (code === undefined) return null;
    if (!AGENCY.test(code)) throw notFound();
    const agency = await activeAgency(db, code);
    if (!agency) throw notFound();
    return agency;
  }

  const send = (type: string, render: (feed: Feed) => string) => async (req: Request, res: Response) => {
    const agency = await agencyOf(req.params.agency as string | undefined);
    const rows = await latestPublished(db, { agencyCode: agency?.code, limit: FEED_SIZE });
    res.set('Cache-Control', 'public, max-age=300').type(type).send(render(caseFeed(rows, agency, config, t)));
  };
  const json = send('application/feed+json; charset=utf-8', (f) => f.json1());

  return {
    atom: send('application/atom+xml; charset=utf-8', (f) => f.atom1()),
    rss: send('application/rss+xml; charset=utf-8', (f) => f.rss2()),
    json,

    /** One OPD's JSON Feed, which other sites read from their own pages' scripts. */
    async agencyJson(req: Request, res: Response) {
      res.set('Access-Control-Allow-Origin', '*');
      await json(req, res);
    },

    async embed(req: Request, res: Response) {
      const agency = (await agencyOf(req.params.agency as string))!;
      const rows = await latestPublished(db, { agencyCode: agency.code, limit: EMBED_SIZE });
      // Made to be framed by any site: the only page that may be, and it has no forms or scripts.
      res.removeHeader('X-Frame-Options');
      res.set({
        'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'none'",
        'Cache-Control': 'public, max-age=300',
      });
      res.render('portal/embed', {
        layout: false,
        locale: 'id',
        heading: t('portal:embed.latest', { agency: agency.name }),
        more: `${config.publicUrl}/publik?agency=${agency.code}`,
        cases: rows.map((r) => {
          const c = presentCase(r, config);
          return { ...c, excerpt: excerpt(c.answer, 160), days: c.answerWorkingDays === null ? null : dayLabel('id', c.answerWorkingDays, t) };
        }),
      });
    },
  };
}
