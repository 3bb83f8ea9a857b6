import compression from 'compression';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { createPassport } from './account/passport.js';
import { bearerAuth } from './auth/apiTokens.js';
import { canMap } from './auth/policy.js';
import { accountRouter } from './account/routes.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Logger } from './logger.js';
import { PUBLIC_DIR } from './paths.js';
import { usersRouter } from './users/routes.js';
import { slaRouter } from './sla/routes.js';
import { notifyRouter } from './notify/routes.js';
import { intakeRouter } from './intake/routes.js';
import { createLimiters } from './http/rateLimit.js';
import { trackingRouter } from './tracking/routes.js';
import { lettersRouter } from './letters/routes.js';
import { letterAdminRouter } from './letters/admin/routes.js';
import { triageRouter } from './triage/routes.js';
import { staffIntakeRouter } from './staffintake/routes.js';
import { answersRouter } from './answers/routes.js';
import { attachmentsRouter } from './attachments/routes.js';
import { apiRouter } from './api/routes.js';
import { routingRouter } from './routing/routes.js';
import { answerAdminRouter } from './answers/admin/routes.js';
import { mailinAdminRouter } from './mailin/routes.js';
import { publicationRouter } from './publication/routes.js';
import { portalRouter } from './portal/routes.js';
import { dashboardRouter } from './dashboard/routes.js';
import { auditContext } from './audit/context.js';
import { auditLogRouter } from './auditlog/routes.js';
import { systemHealthRouter } from './health/routes.js';
import { privacyRouter } from './privacy/routes.js';
import { offlineRouter } from './offline/routes.js';
import { open311Router } from './open311/routes.js';
import { whatsappRouter } from './whatsapp/routes.js';
import { csrfLocals } from './http/csrf.js';
import { errorHandler, notFoundHandler } from './web/errors.js';
import { brandRouter } from './web/brand.js';
import { healthRouter } from './web/health.js';
import { homeRouter } from './web/home.js';
import { localeMiddleware } from './http/locale.js';
import { noStoreWhenSignedIn } from './http/noStore.js';
import { replicaReads } from './http/replicaReads.js';
import { layoutMiddleware } from './web/navigation.js';
import { gated } from './http/gate.js';
import { saveSessionBeforeRedirect, sessionMiddleware } from './http/session.js';
import { staticCacheHeaders } from './web/assets.js';
import { setupViews } from './web/views.js';
import './messages.js';

export interface AppDeps {
  config: Config;
  database: Database;
  logger: Logger;
}

/** The Express app: shared middleware, then each capability's router. No I/O at build time. */
export function createApp({ config, database, logger }: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  setupViews(app, config.env !== 'development');

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          ...(config.publicUrl.startsWith('https://') ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // HSTS only where the site is served over HTTPS.
      strictTransportSecurity: config.publicUrl.startsWith('https://'),
    }),
  );
  app.use(compression());
  // Pages name these files by versioned addresses (web/assets.ts), kept a year by browsers.
  app.use('/static', express.static(PUBLIC_DIR, { index: false, setHeaders: staticCacheHeaders(config.env !== 'development') }));
  app.use(gated(healthRouter(database)));
  app.use(gated(brandRouter(config)));
  app.use(
    pinoHttp({
      logger,
      // Paths only: query strings can carry tracking secrets.
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, path: String(req.url).split('?')[0] }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );
  // Before the body parsers and sessions: Meta's webhook is signed over its raw body and has no session.
  app.use(gated(whatsappRouter(database.db, config)));
  app.use(express.json({ limit: config.bodyLimit }));
  app.use(express.urlencoded({ extended: false, limit: config.bodyLimit, parameterLimit: 200 }));
  app.use(cookieParser());
  // Which requests may read the replica, and the mark a write leaves (http/replicaReads.ts).
  if (database.replica) app.use(replicaReads(config));
  const session = sessionMiddleware(config, database.pool, logger);
  // The socket server (notify/live/socket.ts) authenticates with the very same sessions.
  app.locals.session = session;
  app.use(session);
  app.use(saveSessionBeforeRedirect);
  const auth = createPassport(database.db, config);
  app.use(auth.initialize());
  app.use(auth.session());
  // Integrations sign API calls with a token instead of a session.
  app.use(bearerAuth(database.db));
  app.use(noStoreWhenSignedIn);
  // From here on, the audit log knows who is asking and from where (src/audit/context.ts).
  app.use(auditContext);
  app.use(localeMiddleware(config.defaultLocale));
  app.use(csrfLocals);
  app.use(layoutMiddleware(config, database.db));
  app.use((req, res, next) => {
    res.locals.can = canMap(req.user);
    next();
  });

  // Each capability's router is entered only by paths it has routes for (http/gate.ts).

  app.use(gated(homeRouter(database.db, config)));
  app.use(gated(offlineRouter(config)));
  app.use(gated(accountRouter(auth, config, database.db)));
  app.use(gated(usersRouter(database.db)));
  app.use(gated(slaRouter(database.db)));
  app.use(gated(notifyRouter(database.db, config)));
  app.use(gated(routingRouter(database.db)));
  app.use(gated(answerAdminRouter(database.db)));
  app.use(gated(letterAdminRouter(database.db, config)));
  app.use(gated(mailinAdminRouter(database.db, config)));
  app.use(gated(publicationRouter(database.db)));
  // Reads that need not be fresh, so they may come from a replica (db/replica.ts): the
  // public portal (search, cases, statistics, feeds, open data, public API) and the dashboard.
  app.use(gated(portalRouter(database.readDb, config)));
  app.use(gated(dashboardRouter(database.readDb, { cacheMs: config.dashboard.cacheSeconds * 1000 })));
  app.use(gated(auditLogRouter(database.db)));
  app.use(gated(systemHealthRouter(database, config)));
  app.use(gated(privacyRouter(database.db)));
  const limits = createLimiters(config, database.db);
  app.use(gated(intakeRouter(database.db, config, limits)));
  app.use(gated(trackingRouter(database.db, config, limits)));
  app.use(gated(lettersRouter(database.db, limits)));
  app.use(gated(apiRouter(database.db, config, limits)));
  // Before triage: its /staf/laporan/:code would take /staf/laporan/baru.
  app.use(gated(staffIntakeRouter(database.db, config)));
  app.use(gated(triageRouter(database.db, config)));
  app.use(gated(answersRouter(database.db, config)));
  app.use(gated(attachmentsRouter(database.db, config)));

  app.use(gated(open311Router(database.db, config)));

  app.use(notFoundHandler);
  app.use(errorHandler(config));
  return app;
}
