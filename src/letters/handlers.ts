import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import type { Db } from '../db/database.js';
import { AppError, type FieldErrors, InputError } from '../shared/errors.js';
import { presentVerification } from './presenter.js';
import { letterByToken } from './queries.js';

/** A letter is a page or two: tens of kilobytes. Anything past this is not one of ours. */
export const CHECK_MAX_BYTES = 5 * 1024 * 1024;

const letterNotFound = () => new AppError(404, 'letter_not_found', { title: 'letters:verify.notFoundTitle', message: 'letters:verify.notFoundBody' });

// Held in memory, hashed, dropped: a file checked here is never written anywhere.
const checkUpload = multer({ storage: multer.memoryStorage(), limits: { fileSize: CHECK_MAX_BYTES, files: 1, fields: 5, parts: 6 } }).single('file');

export function letterHandlers(db: Db) {
  async function render(req: Request, res: Response, check?: { matches: boolean; hash: string }, errors?: FieldErrors) {
    const token = String(req.params.token ?? '');
    const letter = token.length <= 64 ? await letterByToken(db, token) : undefined;
    if (!letter) throw letterNotFound();
    res.set('Cache-Control', 'no-store');
    // Nobody's address bar should leak the token to other sites the page links to.
    res.set('Referrer-Policy', 'no-referrer');
    res.render('letters/verify', { title: res.locals.t('letters:verify.title'), token, letter: presentVerification(letter, res.locals.locale), check, errors });
  }

  return {
    /** GET /verifikasi/:token: what the letter must say, and its file's fingerprint. */
    show: (req: Request, res: Response) => render(req, res),

    /** The upload step: the file in memory, too large refused with a message on the page. */
    upload(req: Request, res: Response, next: NextFunction) {
      checkUpload(req, res, (err?: unknown) => {
        if (!err) return next();
        if (err instanceof multer.MulterError) return next(new InputError({ file: err.code === 'LIMIT_FILE_SIZE' ? 'letters:verify.tooLarge' : 'letters:verify.noFile' }, { file: { mb: CHECK_MAX_BYTES / 1024 / 1024 } }));
        next(err);
      });
    },

    /** POST /verifikasi/:token: does this file hash to the letter's SHA-256? */
    async check(req: Request, res: Response) {
      if (!req.file?.buffer.length) throw new InputError({ file: 'letters:verify.noFile' });
      const hash = crypto.createHash('sha256').update(req.file.buffer).digest('hex');
      const letter = await letterByToken(db, String(req.params.token ?? ''));
      await render(req, res, letter ? { matches: hash === letter.sha256, hash } : undefined);
    },

    /** A refused check shows the page again with the message. */
    refusedCheck: (req: Request, res: Response, errors: FieldErrors) => render(req, res, undefined, errors),
  };
}
