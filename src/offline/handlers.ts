import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import { ICON_SIZES, type IconSize, iconPng, webManifest } from './manifest.js';
import { buildWorker, IDB_KEYVAL, type WorkerScript } from './worker.js';

export function offlineHandlers(config: Config) {
  // Built once per process outside development (the files it hashes only change with a deploy).
  let worker: WorkerScript | undefined;
  const script = () => (config.env === 'development' ? buildWorker() : (worker ??= buildWorker()));
  const long = config.env === 'production' ? 'public, max-age=604800' : 'no-cache';

  return {
    serviceWorker(_req: Request, res: Response) {
      const { version, body } = script();
      // no-cache: the browser asks on every visit whether the worker changed (ETag answers 304).
      res.set({ 'Cache-Control': 'no-cache', ETag: `"${version}"` }).type('application/javascript').send(body);
    },

    idbKeyval(_req: Request, res: Response) {
      res.set('Cache-Control', long).type('application/javascript').sendFile(IDB_KEYVAL);
    },

    manifest(_req: Request, res: Response) {
      res.set('Cache-Control', 'no-cache').type('application/manifest+json');
      res.send(JSON.stringify(webManifest(config, res.locals.t, res.locals.locale)));
    },

    async icon(req: Request, res: Response) {
      const size = Number(req.params.size) as IconSize;
      if (!ICON_SIZES.includes(size)) return res.status(404).end();
      res.set('Cache-Control', long).type('image/png').send(await iconPng(size));
    },

    /** Where the service worker leads a send the network dropped; the script lists what waits. */
    queued(_req: Request, res: Response) {
      res.render('offline/queued', { title: res.locals.t('offline:queued.title') });
    },
  };
}
