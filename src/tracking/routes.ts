import { type RequestHandler, Router } from 'express';
import { cleanupTempFiles, uploadMiddleware } from '../attachments/upload.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { csrfBeforeUpload, csrfProtection } from '../http/csrf.js';
import type { Limiters } from '../http/rateLimit.js';
import { refusalsShownBy, validate } from '../http/validate.js';
import { requireTrackingAccess } from './access.js';
import { trackingHandlers } from './handlers.js';
import { lookupSchema, messageSchema, rateSchema, resendSchema, resolveSchema, responseSchema } from './schema.js';

/** The citizen's follow-up: look a report up, then add to it, reply, appeal, resolve, rate. */
export function trackingRouter(db: Db, config: Config, limits: Limiters): Router {
  const h = trackingHandlers(db, config);
  // Only tries of a secret count: a citizen re-opening their own page (session) does not,
  // since many phones share one carrier address (CGNAT).
  const secretTries: RequestHandler = (req, res, next) => (req.query.k === undefined ? next() : limits.tracking(req, res, next));
  const router = Router();
  router.get('/lacak', h.lookupForm);
  router.post('/lacak', limits.tracking, csrfProtection, validate(lookupSchema, h.invalidLookup), h.lookup);
  // Before /lacak/:code, which would take "kirim-ulang" for a code.
  router.get('/lacak/kirim-ulang', h.resendForm);
  router.post('/lacak/kirim-ulang', limits.resend, csrfProtection, validate(resendSchema, h.invalidResend), h.resend);
  router.get('/lacak/:code', secretTries, h.show);
  router.get('/lacak/:code/lampiran/:id', h.original);
  router.get('/lacak/:code/lampiran/:id/kecil', h.thumbnail);
  router.get('/lacak/:code/surat/:id', h.letter);
  router.get('/lacak/:code/bukti', h.receipt);
  router.post(
    '/lacak/:code/informasi',
    limits.intake,
    // What can be refused before the files are read is refused first: no access, no token.
    csrfBeforeUpload,
    requireTrackingAccess(config.intake.trackingAccessMinutes),
    cleanupTempFiles,
    // The upload step's refusals (too many files, too large) show on the page too.
    refusalsShownBy(h.refusedInformation),
    uploadMiddleware(config),
    csrfProtection,
    validate(messageSchema, h.refusedInformation),
    h.addInformation,
  );
  router.post('/lacak/:code/keluar', csrfProtection, h.leave);
  router.post('/lacak/:code/tanggapan', csrfProtection, validate(responseSchema, h.refusedAction), h.respond);
  router.post('/lacak/:code/selesai', csrfProtection, validate(resolveSchema, h.refusedAction), h.resolve);
  router.post('/lacak/:code/nilai', csrfProtection, validate(rateSchema, h.refusedAction), h.rate);
  return router;
}
