import path from 'node:path';
import type { Express } from 'express';
import { ExpressHandlebars } from 'express-handlebars';
import { VIEWS_DIR } from '../paths.js';
import { helpers } from '../shared/helpers/index.js';
import { assetHelper } from './assets.js';

const CAPABILITY_VIEWS = ['intake', 'tracking', 'triage', 'answers', 'dashboard', 'letters'];

type PartialOptions = Parameters<ExpressHandlebars['getPartials']>[0];

/**
 * express-handlebars gathers the partials again for every page it renders, even with its
 * cache on: a promise and a path resolved per template of every partials folder (55 of
 * them), which was ~8 % of the CPU of a tracking page under load (issue 25). With the cache
 * on the set cannot change, so it is gathered once; a failed gathering is tried again.
 */
class CachedPartialsHandlebars extends ExpressHandlebars {
  #partials: ReturnType<ExpressHandlebars['getPartials']> | undefined;

  override getPartials(options?: PartialOptions): ReturnType<ExpressHandlebars['getPartials']> {
    if (!options?.cache) return super.getPartials(options);
    this.#partials ??= super.getPartials(options).catch((err: unknown) => {
      this.#partials = undefined;
      throw err;
    });
    return this.#partials;
  }
}

/** Server-rendered Handlebars views; templates are cached outside development. */
export function setupViews(app: Express, cache: boolean): void {
  const hbs = new CachedPartialsHandlebars({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(VIEWS_DIR, 'layouts'),
    // Shared partials by plain name ({{> fieldError}}), and each capability's own
    // partials by path ({{> intake/_report}}), kept beside the pages that use them.
    // (The library's types demand precompiled `templates`; it loads `dir` when absent.)
    partialsDir: [
      path.join(VIEWS_DIR, 'partials'),
      ...CAPABILITY_VIEWS.map((dir) => ({ dir: path.join(VIEWS_DIR, dir), namespace: dir })),
    ] as unknown as string,
    helpers: { ...helpers, asset: assetHelper(cache) },
  });
  // The engine answers through the callback, except when reading the partials fails before
  // it renders: then only its promise says so, and Express would never hear of it.
  app.engine('.hbs', (file, options, callback) => {
    hbs.engine(file, options, callback).catch(callback);
  });
  app.set('view engine', '.hbs');
  app.set('views', VIEWS_DIR);
  app.set('view cache', cache);
}
