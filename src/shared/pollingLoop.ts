/**
 * The loop of a worker that takes work in batches from the database (the outbox, the
 * WhatsApp inbox): runs never overlap, a full batch is followed at once by the next run
 * (more may be waiting), anything less by a pause of `pollMs`, and stop() waits for the
 * run under way. The timer never keeps a process alive on its own (command-line tools,
 * tests). With `poll: false` nothing runs but what runOnce is asked for.
 */
export interface PollingLoop {
  /** One run, after the one under way if any (never two at once); resolves with what it handled. */
  runOnce(): Promise<number>;
  /** The next run in `ms` (0: at once), replacing one already scheduled; nothing once stopping or without polling. */
  schedule(ms: number): void;
  /** Whether stop() was called: a run in progress checks it to start nothing new. */
  readonly stopping: boolean;
  /** No run after this one; resolves when the run under way has ended. */
  stop(): Promise<void>;
}

export interface PollingLoopOptions {
  /** One run: takes at most `batchSize` items and returns how many it handled. */
  run: () => Promise<number>;
  batchSize: number;
  pollMs: number;
  poll: boolean;
  /** A run that failed as a whole (the database away): logged, and tried again after pollMs. */
  onError: (err: unknown) => void;
}

export function pollingLoop({ run, batchSize, pollMs, poll, onError }: PollingLoopOptions): PollingLoop {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();

  function runOnce(): Promise<number> {
    const next = current.then(() => (stopping ? 0 : run()));
    current = next.catch(() => undefined);
    return next;
  }

  function schedule(ms: number): void {
    if (stopping || !poll) return;
    clearTimeout(timer);
    // tick() handles every failure of its own: nothing to catch here.
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  }

  async function tick(): Promise<void> {
    let handled = 0;
    try {
      handled = await runOnce();
    } catch (err) {
      onError(err);
    }
    schedule(handled >= batchSize ? 0 : pollMs);
  }

  return {
    runOnce,
    schedule,
    get stopping() {
      return stopping;
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await current;
    },
  };
}
