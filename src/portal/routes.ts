import { Router } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { portalApiHandlers } from './apiHandlers.js';
import { feedHandlers } from './feedHandlers.js';
import { portalHandlers } from './handlers.js';
import { openDataHandlers } from './openDataHandlers.js';

/**
 * The public portal: search, a page per case, statistics, photos, feeds, the block OPD
 * embed on their sites, open data and the search as JSON. No login.
 */
export function portalRouter(db: Db, config: Config): Router {
  const h = portalHandlers(db, config);
  const feeds = feedHandlers(db, config);
  const data = openDataHandlers(db, config);
  const api = portalApiHandlers(db, config);
  const router = Router();
  // Feeds and data first: /publik/:code below would take their paths.
  router.get('/publik/feed.atom', feeds.atom);
  router.get('/publik/feed.rss', feeds.rss);
  router.get('/publik/feed.json', feeds.json);
  router.get('/publik/opd/:agency/feed.atom', feeds.atom);
  router.get('/publik/opd/:agency/feed.rss', feeds.rss);
  router.get('/publik/opd/:agency.json', feeds.agencyJson);
  router.get('/publik/sematkan/:agency', feeds.embed);
  router.get('/publik/data', data.page);
  router.get('/publik/data.csv', data.csv);
  router.get('/publik/data.json', data.json);
  router.get('/api/v1/public/reports', api.search);

  router.get('/publik', h.list);
  router.get('/publik/statistik', h.statistics);
  router.get('/publik/foto/:id', h.photo);
  router.get('/publik/foto/:id/kecil', h.thumbnail);
  router.get('/publik/:code/kartu.png', h.card);
  router.get('/publik/:code/kartu/:version.png', h.card);
  router.get('/publik/:code', h.casePage);
  return router;
}
