import fs from 'node:fs';
import type { Request, Response } from 'express';
import { inspectUpload } from '../../attachments/inspect.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { flash } from '../../http/flash.js';
import { type FieldErrors, InputError, notFound } from '../../shared/errors.js';
import { defaultPattern, formatLetterNumber, jakartaYearMonth } from '../numbering.js';
import { saveLetterhead } from './commands/saveLetterhead.js';
import { findAgencyLetterhead, listAgencyLetterheads } from './queries.js';
import type { LetterheadInput } from './schema.js';
import { loadSharp } from '../../shared/sharp.js';

export const PATH = '/admin/opd';
/** The logo is printed about 2 cm wide: 400 px is sharp at 300 dpi and a few KB in every letter. */
const LOGO_SIDE = 400;

type Values = Record<'fullName' | 'address' | 'phone' | 'email' | 'website' | 'numberPattern', string>;

function agencyIdOf(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound();
  return id;
}

const valuesOf = (v: Partial<Record<keyof Values, unknown>>): Values => ({
  fullName: String(v.fullName ?? ''),
  address: String(v.address ?? ''),
  phone: String(v.phone ?? ''),
  email: String(v.email ?? ''),
  website: String(v.website ?? ''),
  numberPattern: String(v.numberPattern ?? ''),
});

/**
 * The logo, through the same inspection as every upload (bytes, not names; images decoded
 * and written again), then as a small PNG, which is what PDF files embed best.
 */
async function logoFrom(req: Request, config: Config): Promise<Buffer | undefined> {
  const files = Array.isArray(req.files) ? req.files : [];
  if (files.length === 0) return undefined;
  if (files.length > 1) throw new InputError({ logo: 'letters:admin.errors.oneLogo' });
  const inspected = await inspectUpload(files[0]!, config);
  try {
    if (inspected.kind !== 'image') throw new InputError({ logo: 'letters:admin.errors.logoNotImage' });
    const sharp = await loadSharp();
    return await sharp(inspected.path).resize(LOGO_SIDE, LOGO_SIDE, { fit: 'inside', withoutEnlargement: true }).png().toBuffer();
  } finally {
    await Promise.all([inspected.path, inspected.thumbnailPath].filter((p): p is string => Boolean(p)).map((p) => fs.promises.rm(p, { force: true })));
  }
}

/** /admin/opd: each OPD's letterhead, logo and letter numbering, for the surat jawaban. */
export function letterAdminHandlers(db: Db, config: Config) {
  async function renderEdit(req: Request, res: Response, values?: Values, errors?: FieldErrors) {
    const t = res.locals.t;
    const agency = await findAgencyLetterhead(db, agencyIdOf(req));
    if (!agency) throw notFound();
    const shown =
      values ??
      valuesOf({
        fullName: agency.full_name ?? agency.name,
        address: agency.address ?? '',
        phone: agency.full_name ? agency.phone : agency.agency_phone,
        email: agency.full_name ? agency.email : agency.agency_email,
        website: agency.website,
        numberPattern: agency.number_pattern ?? defaultPattern(agency.code),
      });
    if (errors) res.status(422);
    res.render('letters/admin/edit', {
      title: t('letters:admin.editTitle', { name: agency.name }),
      action: `${PATH}/${agency.id}`,
      values: shown,
      errors,
      logo: agency.logo ? `data:image/png;base64,${Buffer.from(agency.logo).toString('base64')}` : null,
      example: /\{n\}/.test(shown.numberPattern) ? formatLetterNumber(shown.numberPattern, 12, new Date()) : null,
    });
  }

  return {
    async list(_req: Request, res: Response) {
      const t = res.locals.t;
      const { year } = jakartaYearMonth(new Date());
      const rows = await listAgencyLetterheads(db, year);
      res.render('letters/admin/list', {
        title: t('letters:admin.title'),
        year,
        agencies: rows.map((r) => ({
          url: `${PATH}/${r.id}`,
          name: r.name,
          letterhead: r.full_name !== null,
          pattern: r.number_pattern ?? defaultPattern(r.code),
          hasLogo: Boolean(r.has_logo),
          issued: r.last_number ?? 0,
        })),
      });
    },

    edit: (req: Request, res: Response) => renderEdit(req, res),

    /** The form again with what the upload, the schema or the logo's inspection refused. */
    invalid: (req: Request, res: Response, errors: FieldErrors) => renderEdit(req, res, valuesOf((req.body ?? {}) as Record<string, unknown>), errors),

    async save(req: Request, res: Response) {
      const id = agencyIdOf(req);
      if (!(await findAgencyLetterhead(db, id))) throw notFound();
      const logo = await logoFrom(req, config);
      await saveLetterhead(db, id, req.input as LetterheadInput, logo);
      flash(req, 'success', res.locals.t('letters:admin.saved'));
      res.redirect(303, `${PATH}/${id}`);
    },
  };
}
