import path from 'node:path';
import type { Express } from 'express';
import { create } from 'express-handlebars';
import { VIEWS_DIR } from '../paths.js';
import { helpers } from './helpers/index.js';

/** Server-rendered Handlebars views; templates are cached outside development. */
export function setupViews(app: Express, cache: boolean): void {
  const hbs = create({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(VIEWS_DIR, 'layouts'),
    partialsDir: path.join(VIEWS_DIR, 'partials'),
    helpers,
  });
  app.engine('.hbs', hbs.engine);
  app.set('view engine', '.hbs');
  app.set('views', VIEWS_DIR);
  app.set('view cache', cache);
}
