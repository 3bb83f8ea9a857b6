import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { inspectUploads } from '../attachments/inspect.js';
import { withStoredAttachments } from '../attachments/store.js';
import { submitReport } from '../intake/commands/submitReport.js';
import { DuplicateReportError, refuseDuplicateBeforeFiles } from '../intake/duplicates.js';
import { TransitionError } from '../reports/transitions.js';
import { findByCodeAndSecret } from '../tracking/access.js';
import { addInformation } from '../tracking/commands/addInformation.js';
import { isClosed } from '../reports/statuses.js';
import { confirmResolved } from '../tracking/commands/closeWithRating.js';
import { respondToAnswer } from '../tracking/commands/respondToAnswer.js';
import { citizenTimeline, reportContext } from '../tracking/queries.js';
import { AppError, InputError, notFound, validationBody } from '../shared/errors.js';
import { presentDuplicate, presentReport, presentSubmitted } from './presenter.js';
import { type ApiReport, type ResolutionInput, toIntakeInput } from './schema.js';

export const TRACKING_TOKEN_HEADER = 'X-Tracking-Token';

const conflict = (code: string, bodyKey: string) => new AppError(409, code, { title: 'api:errors.conflictTitle', message: bodyKey });

export const unsupportedBody = () =>
  new AppError(415, 'unsupported_media_type', { message: 'api:errors.jsonOrMultipart' });

/** Bodies are JSON or multipart (with files); anything else is 415 before it is read. */
export const requireJsonOrMultipart: RequestHandler = (req, _res, next) => {
  next(req.is(['application/json', 'multipart/form-data']) ? undefined : unsupportedBody());
};

/**
 * Multipart clients send the reporter as bracket fields (reporter[name], which multer
 * nests) or as one JSON-encoded field `reporter`. Anything that is not a JSON object is
 * left as it came, for validation to refuse.
 */
export const reporterFromJsonField: RequestHandler = (req, _res, next) => {
  const body = req.body as Record<string, unknown> | undefined;
  if (typeof body?.reporter === 'string' && req.is('multipart/form-data')) {
    try {
      const parsed: unknown = JSON.parse(body.reporter);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body.reporter = parsed;
    } catch {
      // Not JSON: validation answers 422 on `reporter`.
    }
  }
  next();
};

/**
 * The API's own error mapping, for its routes only: rules a command found broken are
 * 422 with the field map (upload limits included), a status that changed under the
 * request is 409. The rest goes on to the app's JSON error handler.
 */
export const apiErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (err instanceof InputError) {
    // A report closed between the check and the command.
    if (Object.values(err.keys).includes('tracking:errors.closed')) return next(conflict('closed', 'tracking:errors.closed'));
    return void res.status(422).json(validationBody(err.fields(res.locals.t)));
  }
  if (err instanceof TransitionError) return next(conflict('not_allowed', 'reports:errors.notAllowed'));
  next(err);
};

function uploaded(req: Request): Express.Multer.File[] {
  return Array.isArray(req.files) ? req.files : [];
}

export function reportHandlers(db: Db, config: Config) {
  /** The report of the code and token, or the same 404 for a missing token, a wrong one, and an unknown code. */
  async function tracked(req: Request): Promise<Report> {
    const report = await findByCodeAndSecret(db, req.params.code, req.get(TRACKING_TOKEN_HEADER));
    if (!report) throw notFound();
    return report;
  }

  async function statusOf(id: number) {
    return (await db.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  }

  return {
    /** POST /api/v1/reports: through the one intake service, like the web form. */
    async submit(req: Request, res: Response) {
      const input = toIntakeInput(req.input as ApiReport);
      try {
        await refuseDuplicateBeforeFiles(db, input, uploaded(req), config.intake.duplicateWindowMinutes);
        const inspected = await inspectUploads(uploaded(req), config);
        const result = await withStoredAttachments(inspected, config.uploadDir, (stored) =>
          submitReport(db, config, { input, channel: 'api', locale: res.locals.locale, attachments: stored }),
          // As on the web form: files of rows that did commit (a lost COMMIT reply) are kept.
          { db },
        );
        res.status(201).location(`/api/v1/reports/${result.report.tracking_code}`).json(presentSubmitted(result));
      } catch (err) {
        if (!(err instanceof DuplicateReportError)) throw err;
        const row = await db
          .selectFrom('reports')
          .select(['tracking_code', 'status'])
          .where('id', '=', err.existing.id)
          .executeTakeFirstOrThrow();
        res.status(200).json(presentDuplicate(row));
      }
    },

    /** GET /api/v1/reports/:code with X-Tracking-Token. */
    async show(req: Request, res: Response) {
      const report = await tracked(req);
      const [ctx, timeline] = await Promise.all([reportContext(db, report), citizenTimeline(db, report.id)]);
      res.set('Cache-Control', 'no-store').json(presentReport(report, ctx, timeline, res.locals.t, res.locals.locale));
    },

    /** POST /api/v1/reports/:code/messages: a reply when the report is answered, more information otherwise. */
    async addMessage(req: Request, res: Response) {
      const report = await tracked(req);
      const { body } = req.input as { body: string };
      const files = uploaded(req);
      if (isClosed(report.status)) throw conflict('closed', 'tracking:errors.closed');
      if (report.status === 'answered') {
        if (files.length) throw new InputError({ files: 'api:errors.filesWithReply' });
        await respondToAnswer(db, { report, body, appeal: false });
      } else {
        const inspected = await inspectUploads(files, config);
        await withStoredAttachments(inspected, config.uploadDir, (stored) =>
          addInformation(db, { report, body, attachments: stored }),
        );
      }
      res.status(201).json({ status: await statusOf(report.id) });
    },

    /** POST /api/v1/reports/:code/resolution: the citizen accepts the answer (resolved) or appeals it. */
    async resolve(req: Request, res: Response) {
      const report = await tracked(req);
      const { accepted, rating, comment } = req.input as ResolutionInput;
      if (report.status !== 'answered') throw conflict('not_answered', 'api:errors.notAnswered');
      if (accepted) {
        if (comment && rating === null) throw new InputError({ rating: 'api:errors.ratingForComment' });
        await confirmResolved(db, { report, rating: rating === null ? null : { rating, comment } });
      } else {
        await respondToAnswer(db, { report, body: comment!, appeal: true });
      }
      res.json({ status: await statusOf(report.id) });
    },
  };
}
