import type { Request, Response } from 'express';
import type { Db } from '../db/database.js';
import type { Confirmation } from '../http/confirm.js';
import { flash } from '../http/flash.js';
import { type FieldErrors, notFound } from '../shared/errors.js';
import { check } from '../shared/validation.js';
import { issueApiToken, revokeApiToken } from './commands/apiTokens.js';
import { createUser } from './commands/createUser.js';
import { resetPassword } from './commands/resetPassword.js';
import { refuseOwnDeactivation, setUserActive } from './commands/setUserActive.js';
import { updateUser } from './commands/updateUser.js';
import { agencyOptions, formValues, presentUserRow, roleOptions, userStatus } from './presenter.js';
import { findLiveApiToken, findUser, listAgencyOptions, listApiTokens, listUsers, PAGE_SIZE } from './queries.js';
import { type TokenInput, type UserInput, userFilterSchema } from './schema.js';

/**
 * What the refused form shows again: the validated input when a command refused it (as
 * stored: trimmed, lower-case e-mail), else what was typed.
 */
function typed(req: Request) {
  return formValues((req.input ?? req.body ?? {}) as Partial<Record<keyof UserInput, unknown>>);
}

/** The :id of /admin/pengguna/:id/... */
function userId(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

/** The :tokenId of /admin/pengguna/:id/token/:tokenId/cabut. */
function tokenId(req: Request): number {
  const id = Number(req.params.tokenId);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

export function usersHandlers(db: Db) {
  async function renderForm(
    res: Response,
    mode: 'new' | 'edit',
    values: ReturnType<typeof formValues>,
    extra: { id?: number; errors?: FieldErrors; status?: ReturnType<typeof userStatus> } = {},
  ) {
    const t = res.locals.t;
    const agencies = await listAgencyOptions(db);
    res.render('users/form', {
      title: t(mode === 'new' ? 'users:form.newTitle' : 'users:form.editTitle'),
      mode,
      isNew: mode === 'new',
      action: mode === 'new' ? '/admin/pengguna' : `/admin/pengguna/${extra.id}`,
      values,
      roles: roleOptions(t, values.role),
      agencies: agencyOptions(agencies, values.agencyId),
      errors: extra.errors,
      id: extra.id,
      status: extra.status,
      tokens: extra.id ? await listApiTokens(db, extra.id) : [],
    });
  }

  function renderPassword(res: Response, user: { name: string; email: string }, password: string) {
    res.render('users/password', { title: res.locals.t('users:password.title'), user, password });
  }

  async function setActive(req: Request, res: Response, active: boolean) {
    const id = userId(req);
    const user = await setUserActive(db, req.user!.id, id, active);
    if (!user) throw notFound();
    req.log?.info({ userId: id, active, by: req.user!.id }, 'user active changed');
    flash(req, 'success', res.locals.t(active ? 'users:actions.activated' : 'users:actions.deactivated', { name: user.name }));
    res.redirect(303, `/admin/pengguna/${id}`);
  }

  return {
    async list(req: Request, res: Response) {
      const t = res.locals.t;
      const filter = check(userFilterSchema, req.query, t);
      const [{ rows, total }, agencies] = await Promise.all([listUsers(db, filter), listAgencyOptions(db)]);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const query = (page: number) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries({ ...filter, page })) if (v !== undefined && v !== '') params.set(k, String(v));
        return `?${params.toString()}`;
      };
      res.render('users/index', {
        title: t('users:list.title'),
        users: rows.map((r) => presentUserRow(r, t)),
        total,
        filter,
        roles: roleOptions(t, filter.role),
        agencies: agencyOptions(agencies, filter.agencyId),
        statuses: (['active', 'inactive', 'locked'] as const).map((s) => ({
          value: s,
          label: t(`users:status.${s}`),
          selected: s === filter.status,
        })),
        page: filter.page,
        previous: filter.page > 1 ? query(filter.page - 1) : null,
        next: filter.page < pages ? query(filter.page + 1) : null,
      });
    },

    async newForm(_req: Request, res: Response) {
      await renderForm(res, 'new', { name: '', email: '', role: undefined, agencyId: null, jobTitle: '', nip: '' });
    },

    /** The form again: the schema's refusals, or the command's (an e-mail already taken). */
    async invalidCreate(req: Request, res: Response, errors: FieldErrors) {
      await renderForm(res, 'new', typed(req), { errors });
    },

    async create(req: Request, res: Response) {
      const { user, password } = await createUser(db, req.input as UserInput);
      req.log?.info({ userId: user.id, by: req.user!.id }, 'user created');
      renderPassword(res.status(201), user, password);
    },

    async editForm(req: Request, res: Response) {
      const user = await findUser(db, userId(req));
      if (!user) throw notFound();
      await renderForm(res, 'edit', formValues(user), { id: user.id, status: userStatus(user, res.locals.t) });
    },

    async invalidUpdate(req: Request, res: Response, errors: FieldErrors) {
      const user = await findUser(db, userId(req));
      if (!user) throw notFound();
      await renderForm(res, 'edit', typed(req), { id: user.id, errors, status: userStatus(user, res.locals.t) });
    },

    async update(req: Request, res: Response) {
      const id = userId(req);
      const user = await updateUser(db, req.user!.id, id, req.input as UserInput);
      if (!user) throw notFound();
      flash(req, 'success', res.locals.t('users:form.updated'));
      res.redirect(303, `/admin/pengguna/${id}`);
    },

    /** A refused (de)activation (an admin's own account) is told on the user's page. */
    refusedActiveChange(req: Request, res: Response, errors: FieldErrors) {
      flash(req, 'error', Object.values(errors).join(' '));
      res.redirect(303, `/admin/pengguna/${userId(req)}`);
    },

    /** Asked before an account is deactivated (src/http/confirm.ts); one's own account is refused at once. */
    async confirmDeactivate(req: Request, res: Response): Promise<Confirmation> {
      const t = res.locals.t;
      const id = userId(req);
      refuseOwnDeactivation(req.user!.id, id);
      const user = await findUser(db, id);
      if (!user) throw notFound();
      return {
        title: t('users:actions.confirmTitle', { name: user.name }),
        consequences: [
          t('users:actions.confirmWhat', { name: user.name, email: user.email }),
          t('users:actions.confirmTokens'),
          t('users:actions.confirmKept'),
        ],
        confirmLabel: t('users:actions.confirmButton'),
        cancelHref: `/admin/pengguna/${id}`,
      };
    },

    async deactivate(req: Request, res: Response) {
      await setActive(req, res, false);
    },

    async activate(req: Request, res: Response) {
      await setActive(req, res, true);
    },

    async issueToken(req: Request, res: Response) {
      const id = userId(req);
      const user = await findUser(db, id);
      if (!user) throw notFound();
      const t = res.locals.t;
      const { name } = req.input as TokenInput;
      const token = await issueApiToken(db, { userId: id, name, createdBy: req.user!.id });
      req.log?.info({ userId: id, by: req.user!.id }, 'api token issued');
      res.status(201).render('users/token', { title: t('users:tokens.issuedTitle'), user, token, name });
    },

    /** Asked before a token is revoked (src/http/confirm.ts): which one, and what stops working. */
    async confirmRevokeToken(req: Request, res: Response): Promise<Confirmation> {
      const t = res.locals.t;
      const id = userId(req);
      const [user, token] = await Promise.all([findUser(db, id), findLiveApiToken(db, id, tokenId(req))]);
      if (!user || !token) throw notFound();
      return {
        title: t('users:tokens.confirmTitle', { name: token.name }),
        consequences: [t('users:tokens.confirmWhat', { user: user.name }), t('users:tokens.confirmFinal')],
        confirmLabel: t('users:tokens.confirmButton'),
        cancelHref: `/admin/pengguna/${id}`,
      };
    },

    async revokeToken(req: Request, res: Response) {
      const id = userId(req);
      if (!(await revokeApiToken(db, id, tokenId(req)))) throw notFound();
      flash(req, 'success', res.locals.t('users:tokens.revoked'));
      res.redirect(303, `/admin/pengguna/${id}`);
    },

    async resetPassword(req: Request, res: Response) {
      const result = await resetPassword(db, { id: userId(req) });
      if (!result) throw notFound();
      req.log?.info({ userId: result.user.id, by: req.user!.id }, 'password reset');
      renderPassword(res, result.user, result.password);
    },
  };
}
