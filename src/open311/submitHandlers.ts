import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { submitReport } from '../intake/commands/submitReport.js';
import { DuplicateReportError } from '../intake/duplicates.js';
import { InputError } from '../shared/errors.js';
import type { Translate } from '../shared/i18n.js';
import { check } from '../shared/validation.js';
import { badRequest, notFound } from './errors.js';
import { formatOf, sendDocument, type XmlObject } from './format.js';
import { toIntakeInput, withSpecFields } from './intakeInput.js';
import { presentCreated } from './presenter.js';
import { activeCategoryId, submittedReceipt } from './queries.js';
import { gatherAttributes, type NewRequest, newRequestSchema } from './schema.js';

/** Open311's one write: a new service request, which becomes a report. */
export function submitHandlers(db: Db, config: Config) {
  return {
    /** POST /open311/v2/requests.{format}: through the one intake service, like every channel. */
    async submit(req: Request, res: Response) {
      const t: Translate = res.locals.t;
      const client = res.locals.open311Client!;
      const input = check(newRequestSchema, gatherAttributes((req.body ?? {}) as Record<string, unknown>), t) as NewRequest;
      if (input.lat === null && !input.address_string && !input.address_id && !input.attribute.kecamatan) {
        throw badRequest('open311:errors.location');
      }
      const categoryId = await activeCategoryId(db, input.service_code);
      // The spec's 404: a service_code given but not found (a missing one is the schema's 400).
      if (categoryId === undefined) throw notFound('open311:errors.service', { code: input.service_code });
      const intake = toIntakeInput(input, categoryId, client, t);
      let receipt: { tracking_code: string; verify_due_at: Date | null };
      try {
        const { report } = await submitReport(db, config, {
          input: intake,
          channel: 'open311',
          locale: res.locals.locale,
          sourceRef: `open311:${client.id}`,
        });
        req.log?.info({ reportId: report.id, open311Client: client.id }, 'open311 request created');
        receipt = report;
      } catch (err) {
        // The intake's refusal goes on to the Open311 error handler, its fields under the names the client sent.
        if (err instanceof InputError) throw withSpecFields(err);
        if (!(err instanceof DuplicateReportError)) throw err;
        // Control flow, not an error: the same report sent twice (a retry) answers with the first one's code, nothing new.
        receipt = await submittedReceipt(db, err.existing.id);
      }
      const created = presentCreated(receipt.tracking_code, receipt.verify_due_at, t, res.locals.locale);
      sendDocument(res, formatOf(req), 'service_requests', [created] as unknown as XmlObject[]);
    },
  };
}
