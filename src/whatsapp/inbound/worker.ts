import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { applyStatus } from '../outbound/statuses.js';
import { claimDeliveries, failDelivery, finishDelivery, releaseDelivery } from './commands/inbox.js';
import { dropEmptyDrafts } from './commands/drafts.js';
import { handleMessage } from './conversation.js';
import { onDeliveryStored } from './inbox.js';
import { MediaUnavailableError } from './media.js';
import { parseDelivery } from './parse.js';
import { dueDrafts } from './queries.js';
import { submitDraft } from './submit.js';

/**
 * The WhatsApp inbox worker, like the outbox sender (notify/worker.ts): each run
 *   1. claims a few stored deliveries (a lease, FOR UPDATE SKIP LOCKED: any number of
 *      processes side by side) and handles each message (conversation.ts, exactly once by
 *      its wamid) and each status (outbound/statuses.ts), then marks the delivery done;
 *      one that fails is tried again later, its messages already taken skipped;
 *   2. submits the drafts that are due (KIRIM, or quiet for WHATSAPP_DRAFT_MINUTES).
 * A delivery stored by this process wakes it at once; otherwise it polls.
 */
export const BATCH_SIZE = 10;
const DRAFTS_PER_RUN = 10;
const POLL_MS = 5_000;

export interface InboxWorker {
  /** Finishes the message being handled, leaves the rest for later, and stops. */
  stop(): Promise<void>;
  /** One run; resolves with the number of deliveries and drafts handled. */
  runOnce(): Promise<number>;
}

export interface InboxWorkerDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** false: no timer and no wake-up, runs only when runOnce is called (tests, one-off commands). */
  poll?: boolean;
  pollMs?: number;
  /** The clock the draft window is read against (tests move it instead of waiting). */
  now?: () => Date;
}

export function startInboxWorker({ db, config, logger, poll = true, pollMs = POLL_MS, now = () => new Date() }: InboxWorkerDeps): InboxWorker {
  const wa = config.whatsapp;
  if (!wa) throw new Error('WhatsApp is not configured');
  const deps = { db, config, wa };
  const log = logger.child({ component: 'whatsapp-inbox' });
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();

  async function handleDelivery(id: number, payload: unknown): Promise<void> {
    const { messages, statuses } = parseDelivery(payload, wa!.phoneNumberId);
    for (const m of messages) {
      if (stopping) throw new StoppedError();
      const outcome = await handleMessage(deps, m);
      log.debug({ deliveryId: id, outcome, type: m.type }, 'whatsapp message handled');
    }
    for (const s of statuses) await applyStatus(db, s);
  }

  async function run(): Promise<number> {
    if (stopping) return 0;
    const claimed = await claimDeliveries(db, BATCH_SIZE);
    let done = 0;
    for (const [i, row] of claimed.entries()) {
      if (stopping) {
        // Not begun: back to the inbox for the next worker, at once.
        for (const rest of claimed.slice(i)) await releaseDelivery(db, rest.id);
        break;
      }
      try {
        await handleDelivery(row.id, row.payload);
        await finishDelivery(db, row.id);
        done += 1;
      } catch (err) {
        if (err instanceof StoppedError) {
          await releaseDelivery(db, row.id);
          continue;
        }
        await failDelivery(db, row.id, String((err as Error)?.message ?? err));
        // Meta down is expected now and then; anything else is ours to look at.
        if (err instanceof MediaUnavailableError) log.warn({ deliveryId: row.id, err: err.message }, 'whatsapp media unavailable, will retry');
        else log.error({ deliveryId: row.id, err }, 'whatsapp delivery failed, will retry');
      }
    }
    if (!stopping) {
      for (const id of await dueDrafts(db, now(), wa!.draftMinutes, DRAFTS_PER_RUN)) {
        if (stopping) break;
        try {
          const outcome = await submitDraft(db, config, wa!, id);
          log.info({ draftId: id, outcome }, 'whatsapp draft');
          done += 1;
        } catch (err) {
          log.warn({ draftId: id, err }, 'whatsapp draft not submitted, will retry');
        }
      }
      await dropEmptyDrafts(db);
    }
    return done;
  }

  function runOnce(): Promise<number> {
    const next = current.then(run);
    current = next.catch(() => undefined);
    return next;
  }

  function schedule(ms: number): void {
    if (stopping || !poll) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  }

  async function tick(): Promise<void> {
    let handled = 0;
    try {
      handled = await runOnce();
    } catch (err) {
      log.error({ err }, 'whatsapp inbox run failed');
    }
    schedule(handled >= BATCH_SIZE ? 0 : pollMs);
  }

  const unsubscribe = poll ? onDeliveryStored(() => schedule(0)) : () => undefined;
  schedule(0);

  return {
    runOnce,
    async stop() {
      stopping = true;
      unsubscribe();
      clearTimeout(timer);
      await current;
    },
  };
}

class StoppedError extends Error {}
