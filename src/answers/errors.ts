import { ConflictError } from '../shared/errors.js';

/**
 * Someone else saved the draft since this editor loaded it: nothing is overwritten (409).
 * The API answers the text saved meanwhile with it, {error: {code: 'stale_draft', message,
 * current}}, so the editor can offer to merge; a page shows the message.
 */
export class StaleDraftError extends ConflictError {
  constructor(readonly current: { version: number; body: string }) {
    super('stale_draft', 'answers:errors.stale', { current });
  }
}
