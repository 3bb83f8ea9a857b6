import { type Request, type Response, Router } from 'express';
import { Feed } from 'feed';
import Handlebars from 'handlebars';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { notFound } from '../shared/errors.js';
import { translator } from '../shared/i18n.js';
import { excerpt, presentCase } from './presenter.js';
import { latestPublished } from './queries.js';

const FEED_SIZE = 50;

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
const EMBED_SIZE = 5;
const AGENCY = /^[a-z0-9][a-z0-9-]{1,39}$/;

/**
 * Feeds of published cases, overall and per OPD (Atom, RSS 2.0, JSON Feed), and the
 * block an OPD embeds on its own website ("menjawab kritik dan saran"): a tiny page made
 * to live in an iframe, and the JSON Feed for sites that render it themselves.
 */
export function feedsRouter(db: Db, config: Config): Router {
  const router = Router();
  const t = translator('id');

  async function agencyOf(code: string | undefined) {
    if (code === undefined) return null;
    if (!AGENCY.test(code)) throw notFound();
    const agency = await db.selectFrom('agencies').select(['code', 'name']).where('code', '=', code).where('active', '=', true).executeTakeFirst();
    if (!agency) throw notFound();
    return agency;
  }

  async function build(agencyCode: string | undefined): Promise<Feed> {
    const agency = await agencyOf(agencyCode);
    const rows = await latestPublished(db, { agencyCode: agency?.code, limit: FEED_SIZE });
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
        content: paragraphs(`${c.question}\n\n${c.answer}`),
        date: row.published_at ?? row.submitted_at,
        category: c.category?.name ? [{ name: text(c.category.name) }] : undefined,
        author: c.agency?.name ? [{ name: text(c.agency.name) }] : undefined,
      });
    }
    return feed;
  }

  const send = (type: string, render: (feed: Feed) => string) => async (req: Request, res: Response) => {
    const feed = await build(req.params.agency as string | undefined);
    res.set('Cache-Control', 'public, max-age=300').type(type).send(render(feed));
  };
  const atom = send('application/atom+xml; charset=utf-8', (f) => f.atom1());
  const rss = send('application/rss+xml; charset=utf-8', (f) => f.rss2());
  const json = send('application/feed+json; charset=utf-8', (f) => f.json1());

  router.get('/publik/feed.atom', atom);
  router.get('/publik/feed.rss', rss);
  router.get('/publik/feed.json', json);
  router.get('/publik/opd/:agency/feed.atom', atom);
  router.get('/publik/opd/:agency/feed.rss', rss);
  router.get('/publik/opd/:agency.json', (req, res, next) => {
    // Other sites read it from their own pages' scripts.
    res.set('Access-Control-Allow-Origin', '*');
    return json(req, res).catch(next);
  });

  router.get('/publik/sematkan/:agency', async (req, res) => {
    const agency = await agencyOf(req.params.agency);
    const rows = await latestPublished(db, { agencyCode: agency!.code, limit: EMBED_SIZE });
    // Made to be framed by any site: the only page that may be, and it has no forms or scripts.
    res.removeHeader('X-Frame-Options');
    res.set({
      'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'none'",
      'Cache-Control': 'public, max-age=300',
    });
    res.render('portal/embed', {
      layout: false,
      locale: 'id',
      heading: t('portal:embed.latest', { agency: agency!.name }),
      more: `${config.publicUrl}/publik?agency=${agency!.code}`,
      cases: rows.map((r) => {
        const c = presentCase(r, config);
        return { ...c, excerpt: excerpt(c.answer, 160) };
      }),
    });
  });
  return router;
}
