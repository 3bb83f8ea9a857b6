import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { answerOnce, type RecordAnswer } from '../idempotency/commands/answerOnce.js';
import { describeFiles } from '../idempotency/fingerprint.js';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf, REPLAYED_HEADER } from '../idempotency/header.js';
import { keyedRequest } from '../idempotency/request.js';
import type { Submitted } from '../intake/commands/submitReport.js';
import { submitWithUploads } from '../intake/commands/submitWithUploads.js';
import { DuplicateReportError } from '../intake/duplicates.js';
import { reportContext } from '../reports/queries.js';
import { latestLetterFile } from '../letters/queries.js';
import { sendLetter } from '../letters/serve.js';
import { isClosed } from '../reports/statuses.js';
import { ConflictError, InputError, notFound } from '../shared/errors.js';
import { findByCodeAndSecret } from '../tracking/access.js';
import { addInformationWithUploads } from '../tracking/commands/addInformation.js';
import { confirmResolved } from '../tracking/commands/closeWithRating.js';
import { respondToAnswer } from '../tracking/commands/respondToAnswer.js';
import { citizenTimeline, currentStatus, mergedTarget } from '../tracking/queries.js';
import { presentDuplicate, presentReport, presentSubmitted } from './presenter.js';
import { reportCodeAndStatus } from './queries.js';
import { type ApiReport, type ResolutionInput, toIntakeInput } from './schema.js';

export const TRACKING_TOKEN_HEADER = 'X-Tracking-Token';

function uploaded(req: Request): Express.Multer.File[] {
  return Array.isArray(req.files) ? req.files : [];
}

/** The 201 of POST /api/v1/reports as a whole: what a repeat of its idempotency key gets again. */
interface CreatedAnswer {
  location: string;
  body: ReturnType<typeof presentSubmitted>;
}

/**
 * The citizen's reports over JSON. Refusals are thrown and answered by the app's error
 * handler: invalid input (the schema's, a command's, the upload's) 422
 * {errors:[{field,message}]}, a status that does not allow the call 409
 * {error:{code,message}} ('closed', 'not_answered', and a TransitionError's 'not_allowed').
 */
function created(result: Submitted): CreatedAnswer {
  return { location: `/api/v1/reports/${result.report.tracking_code}`, body: presentSubmitted(result) };
}

export function reportHandlers(db: Db, config: Config) {
  /** The report of the code and token, or the same 404 for a missing token, a wrong one, and an unknown code. */
  async function tracked(req: Request): Promise<Report> {
    const report = await findByCodeAndSecret(db, req.params.code, req.get(TRACKING_TOKEN_HEADER));
    if (!report) throw notFound();
    return report;
  }

  return {
    /**
     * Before a message's files are read: the code and its secret (a header) must match, or
     * the answer is 404 with nothing written to disk. The handler finds the report again.
     */
    async trackedBeforeBody(req: Request, _res: Response, next: NextFunction) {
      await tracked(req);
      next();
    },

    /**
     * POST /api/v1/reports: through the one intake service, like the web form. With an
     * Idempotency-Key, a repeat gets the first 201 again, secret included
     * (src/idempotency): a client that lost the answer can ask again without making a
     * second report.
     */
    async submit(req: Request, res: Response) {
      const input = toIntakeInput(req.input as ApiReport);
      const files = uploaded(req);
      const create = async (record?: RecordAnswer<CreatedAnswer>): Promise<CreatedAnswer> => {
        const result = await submitWithUploads(db, config, {
          input,
          channel: 'api',
          locale: res.locals.locale,
          files,
          record: record && ((trx, report, issued) => record(trx, report.id, created({ report, ...issued }))),
        });
        return created(result);
      };
      try {
        const key = idempotencyKeyOf(req);
        let answer: CreatedAnswer;
        if (key) {
          const request = keyedRequest(key, 'api_report', { input, files: await describeFiles(files) }, IDEMPOTENCY_KEY_HEADER);
          const outcome = await answerOnce(db, request, create);
          if (outcome.replayed) res.set(REPLAYED_HEADER, 'true');
          answer = outcome.answer;
        } else {
          answer = await create();
        }
        res.status(201).location(answer.location).json(answer.body);
      } catch (err) {
        // Not a refusal: the same report sent twice answers 200 with the one already made.
        if (!(err instanceof DuplicateReportError)) throw err;
        res.status(200).json(presentDuplicate(await reportCodeAndStatus(db, err.existing.id), config.publicUrl));
      }
    },

    /** GET /api/v1/reports/:code with X-Tracking-Token. */
    async show(req: Request, res: Response) {
      const report = await tracked(req);
      const [ctx, timeline, merged] = await Promise.all([
        reportContext(db, report),
        citizenTimeline(db, report.id),
        report.status === 'merged' ? mergedTarget(db, report) : undefined,
      ]);
      res.set('Cache-Control', 'no-store').json(presentReport(report, ctx, timeline, res.locals.t, res.locals.locale, merged));
    },

    /** GET /api/v1/reports/:code/letter: the latest answer letter's PDF as issued; 409 not_answered before one. */
    async letter(req: Request, res: Response) {
      const report = await tracked(req);
      const letter = await latestLetterFile(db, report.id);
      if (!letter) throw new ConflictError('not_answered', 'api:errors.noLetter');
      if (!letter.pdf) throw new ConflictError('letter_withdrawn', 'api:errors.letterWithdrawn');
      sendLetter(res, report.tracking_code, { pdf: letter.pdf, sha256: letter.sha256 });
    },

    /** POST /api/v1/reports/:code/messages: a reply when the report is answered, more information otherwise. */
    async addMessage(req: Request, res: Response) {
      const report = await tracked(req);
      const { body } = req.input as { body: string };
      const files = uploaded(req);
      if (isClosed(report.status)) throw new ConflictError('closed', 'tracking:errors.closed');
      if (report.status === 'answered') {
        if (files.length) throw new InputError({ files: 'api:errors.filesWithReply' });
        await respondToAnswer(db, { report, body, appeal: false });
      } else {
        await addInformationWithUploads(db, config, { report, body, files });
      }
      res.status(201).json({ status: await currentStatus(db, report.id) });
    },

    /** POST /api/v1/reports/:code/resolution: the citizen accepts the answer (resolved) or appeals it. */
    async resolve(req: Request, res: Response) {
      const report = await tracked(req);
      const { accepted, rating, comment } = req.input as ResolutionInput;
      if (report.status !== 'answered') throw new ConflictError('not_answered', 'api:errors.notAnswered');
      if (accepted) {
        if (comment && rating === null) throw new InputError({ rating: 'api:errors.ratingForComment' });
        await confirmResolved(db, { report, rating: rating === null ? null : { rating, comment } });
      } else {
        await respondToAnswer(db, { report, body: comment!, appeal: true });
      }
      res.json({ status: await currentStatus(db, report.id) });
    },
  };
}
