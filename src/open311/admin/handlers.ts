import type { Request, Response } from 'express';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { flash } from '../../http/flash.js';
import { type FieldErrors, notFound } from '../../shared/errors.js';
import { deactivateClient } from './commands/deactivateClient.js';
import { issueClient } from './commands/issueClient.js';
import { presentClient } from './presenter.js';
import { listClients } from './queries.js';
import type { ClientInput } from './schema.js';

export const ADMIN_PATH = '/admin/open311';

function clientId(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound();
  return id;
}

export function adminHandlers(db: Db, config: Config) {
  async function renderPage(res: Response, values: { name: string }, errors?: FieldErrors) {
    const t = res.locals.t;
    const rows = await listClients(db);
    res.render('open311/index', {
      title: t('open311:admin.title'),
      endpoint: `${config.publicUrl}/open311/v2/discovery.json`,
      clients: rows.map((r) => presentClient(r, t)),
      total: rows.length,
      values,
      errors,
    });
  }

  return {
    async list(_req: Request, res: Response) {
      await renderPage(res, { name: '' });
    },

    async invalidIssue(req: Request, res: Response, errors: FieldErrors) {
      const name = (req.body as Record<string, unknown> | undefined)?.name;
      await renderPage(res, { name: typeof name === 'string' ? name : '' }, errors);
    },

    /** The key is shown on this answer only (no redirect: it must not ride in a flash or a URL). */
    async issue(req: Request, res: Response) {
      const { name } = req.input as ClientInput;
      const { id, key } = await issueClient(db, { name, createdBy: req.user!.id });
      req.log?.info({ open311Client: id, by: req.user!.id }, 'open311 key issued');
      res.status(201).render('open311/issued', { title: res.locals.t('open311:admin.issuedTitle'), name, key });
    },

    async deactivate(req: Request, res: Response) {
      const id = clientId(req);
      const client = await deactivateClient(db, id);
      if (!client) throw notFound();
      req.log?.info({ open311Client: id, by: req.user!.id }, 'open311 client deactivated');
      flash(req, 'success', res.locals.t('open311:admin.deactivated', { name: client.name }));
      res.redirect(303, ADMIN_PATH);
    },
  };
}
