import Joi from 'joi';

const body = Joi.string().trim().min(20).max(10_000).required().label('answers:fields.body');
/**
 * A calendar date as a date input sends it (YYYY-MM-DD). Not isoDate(): with conversion on
 * it rewrites the value to a full timestamp, which the pattern then refused, so no date
 * could ever be saved.
 */
const plannedAt = Joi.string()
  .pattern(/^\d{4}-\d{2}-\d{2}$/)
  .custom((v: string, helpers) => (new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) ? v : helpers.error('any.invalid')))
  .empty('')
  .allow(null)
  .default(null)
  .label('answers:fields.plannedAt');

// The page form also sends the draft's id (the URL carries it for the API).
const id = Joi.any().strip();

export const createDraftSchema = Joi.object({ body, plannedAt, id });
export const updateDraftSchema = Joi.object({
  body,
  plannedAt,
  version: Joi.number().integer().min(1).required().label('answers:fields.version'),
  id,
});
export const returnSchema = Joi.object({ comment: Joi.string().trim().min(2).max(3000).required().label('answers:fields.comment') });

/** What the head read: the version shown, so a text changed since is not approved unseen. Optional for API clients. */
export const approveSchema = Joi.object({
  version: Joi.number().integer().min(1).max(1_000_000).label('answers:fields.version'),
  // "Saya sudah membaca peringatan ini": required (true) to approve a draft the checker warns about.
  warningsRead: Joi.boolean().truthy('1', 'on').falsy('0', '').default(false).label('answers:fields.warningsRead'),
});

/**
 * "Ubah dan setujui": the head's text and date over the version they read (required: an
 * edit is always of a text seen), with whatever else approving takes.
 */
export const editApproveSchema = approveSchema.keys({
  body,
  plannedAt,
  version: Joi.number().integer().min(1).max(1_000_000).required().label('answers:fields.version'),
});

/**
 * Several drafts approved at once from /staf/persetujuan: each as "id:version" (the draft
 * and the version the head read), and whether the head has confirmed.
 */
export const bulkApproveSchema = Joi.object<{ ids: { id: number; version: number }[]; confirm: boolean; warningsRead: number[] }>({
  ids: Joi.array()
    .items(
      Joi.string()
        .pattern(/^\d{1,10}:\d{1,7}$/)
        .custom((v: string) => {
          const [id, version] = v.split(':').map(Number);
          return { id, version };
        }),
    )
    .single()
    .min(1)
    .max(50)
    .unique((a: { id: number }, b: { id: number }) => a.id === b.id)
    .required()
    .label('answers:fields.ids'),
  confirm: Joi.boolean().truthy('1').falsy('0', '').default(false),
  // The drafts whose checker warnings the head ticked as read on the confirmation.
  warningsRead: Joi.array().items(Joi.number().integer().min(1).max(2_147_483_647)).single().max(50).default([]).label('answers:fields.warningsRead'),
});

/**
 * POST /api/v1/staff/answer-check: a text to check against a report, as staff type it.
 * The text may be empty or short (the checker says so); its limit is a draft's.
 */
export const answerCheckSchema = Joi.object<{ text: string; reportCode: string; plannedAt: string | null }>({
  text: Joi.string().allow('').max(10_000).required().label('answers:fields.body'),
  // The report whose title the answer is checked against; any spelling of its code.
  reportCode: Joi.string().trim().min(1).max(40).required().label('answers:fields.reportCode'),
  plannedAt,
});
