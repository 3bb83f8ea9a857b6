import { Router } from 'express';
import { cleanupTempFiles, uploadMiddleware } from '../attachments/upload.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { refuseCrossSite } from '../http/crossSite.js';
import { csrfBeforeUpload, csrfProtection } from '../http/csrf.js';
import { requireJson } from '../http/json.js';
import { idempotencyKeyHeader } from '../idempotency/header.js';
import type { Limiters } from '../http/rateLimit.js';
import { validate } from '../http/validate.js';
import { apiReportSchema } from '../intake/schema.js';
import { messageSchema } from '../tracking/schema.js';
import { referenceHandlers } from './referenceHandlers.js';
import { reportHandlers } from './reportHandlers.js';
import { reporterFromJsonField, requireJsonOrMultipart } from './requestBody.js';
import { resolutionSchema } from './schema.js';

/**
 * The citizen JSON API (/api/v1), documented in openapi.ts. Submissions and messages
 * share the web form's per-address limits (http/rateLimit.ts), so a flood cannot switch
 * channels to get around it. CSRF is checked only when a session cookie is sent.
 * Errors are answered by the app's error handler, as JSON under /api/.
 */
export function apiRouter(db: Db, config: Config, limits: Limiters): Router {
  const reports = reportHandlers(db, config);
  const lists = referenceHandlers(db, config);
  const upload = uploadMiddleware(config);
  const router = Router();
  // Refused from another site's page before anything is counted or read (http/crossSite.ts).
  const sameSite = refuseCrossSite(config.intake.allowedOrigins);
  // A malformed Idempotency-Key is refused before the body (and its files) is received.
  router.post('/api/v1/reports', sameSite, limits.intake, csrfBeforeUpload, requireJsonOrMultipart, idempotencyKeyHeader, cleanupTempFiles, upload, csrfProtection, reporterFromJsonField, validate(apiReportSchema), reports.submit);
  router.get('/api/v1/reports/:code', limits.tracking, reports.show);
  router.get('/api/v1/reports/:code/letter', limits.tracking, reports.letter);
  router.post('/api/v1/reports/:code/messages', sameSite, limits.intake, limits.tracking, csrfBeforeUpload, reports.trackedBeforeBody, requireJsonOrMultipart, cleanupTempFiles, upload, csrfProtection, validate(messageSchema), reports.addMessage);
  router.post('/api/v1/reports/:code/resolution', limits.tracking, requireJson, csrfProtection, validate(resolutionSchema), reports.resolve);
  router.get('/api/v1/categories', lists.categories);
  router.get('/api/v1/agencies', lists.agencies);
  router.get('/api/v1/regions', lists.regions);
  router.get('/api/v1/openapi.json', lists.openApi);
  return router;
}
