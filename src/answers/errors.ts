/** Someone else saved the draft since this editor loaded it: nothing is overwritten. */
export class StaleDraftError extends Error {
  constructor(readonly current: { version: number; body: string }) {
    super('stale draft');
    this.name = 'StaleDraftError';
  }
}
