import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { applyStatus } from '../outbound/statuses.js';
import { claimDeliveries, failDelivery, finishDelivery, purgeProcessed, releaseDelivery } from './commands/inbox.js';
import { dropEmptyDrafts } from './commands/drafts.js';
import { handleMessage } from './conversation.js';
import { onDeliveryStored } from './inbox.js';
import { MediaUnavailableError } from './media.js';
import { parseDelivery } from './parse.js';
import { dueDrafts } from './queries.js';
import { submitDraft } from './submit.js';
import { pollingLoop } from '../../shared/pollingLoop.js';

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
/** Numbers handled side by side on a database server. */
const PARALLEL = 4;

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
  // The embedded database has one connection: side by side would only queue.
  const parallel = config.databaseUrl ? PARALLEL : 1;

  async function handleDelivery(id: number, payload: unknown): Promise<void> {
    const { messages, statuses } = parseDelivery(payload, wa!.phoneNumberId);
    for (const m of messages) {
      if (loop.stopping) throw new StoppedError();
      const outcome = await handleMessage(deps, m);
      log.debug({ deliveryId: id, outcome, type: m.type }, 'whatsapp message handled');
    }
    for (const s of statuses) await applyStatus(db, s);
  }

  /** One claimed delivery, start to end; true when done. */
  async function take(row: { id: number; payload: unknown }): Promise<boolean> {
    if (loop.stopping) {
      // Not begun: back to the inbox for the next worker, at once.
      await releaseDelivery(db, row.id);
      return false;
    }
    try {
      await handleDelivery(row.id, row.payload);
      await finishDelivery(db, row.id);
      return true;
    } catch (err) {
      if (err instanceof StoppedError) {
        await releaseDelivery(db, row.id);
        return false;
      }
      await failDelivery(db, row.id, String((err as Error)?.message ?? err));
      // Meta down is expected now and then; anything else is ours to look at.
      if (err instanceof MediaUnavailableError) log.warn({ deliveryId: row.id, err: err.message }, 'whatsapp media unavailable, will retry');
      else log.error({ deliveryId: row.id, err }, 'whatsapp delivery failed, will retry');
      return false;
    }
  }

  async function submitDue(id: number): Promise<boolean> {
    if (loop.stopping) return false;
    try {
      const outcome = await submitDraft(db, config, wa!, id);
      log.info({ draftId: id, outcome }, 'whatsapp draft');
      return true;
    } catch (err) {
      log.warn({ draftId: id, err }, 'whatsapp draft not submitted, will retry');
      return false;
    }
  }

  async function run(): Promise<number> {
    const claimed = await claimDeliveries(db, BATCH_SIZE);
    // One number's deliveries in the order they came; different numbers side by side.
    const bySender = new Map<string, { id: number; payload: unknown }[]>();
    for (const row of claimed) {
      const key = parseDelivery(row.payload, wa!.phoneNumberId).messages[0]?.from ?? `delivery:${row.id}`;
      bySender.set(key, [...(bySender.get(key) ?? []), row]);
    }
    let done = 0;
    await eachLimited([...bySender.values()], parallel, async (rows) => {
      for (const row of rows) if (await take(row)) done += 1;
    });
    if (!loop.stopping) {
      // At most one draft per number: drafts never share a number.
      await eachLimited(await dueDrafts(db, now(), wa!.draftMinutes, DRAFTS_PER_RUN), parallel, async (id) => {
        if (await submitDue(id)) done += 1;
      });
      await dropEmptyDrafts(db);
      await purgeProcessed(db);
    }
    return done;
  }

  // Runs never overlap; a full batch means more may be waiting: go on at once.
  const loop = pollingLoop({ run, batchSize: BATCH_SIZE, pollMs, poll, onError: (err) => log.error({ err }, 'whatsapp inbox run failed') });

  const unsubscribe = poll ? onDeliveryStored(() => loop.schedule(0)) : () => undefined;
  loop.schedule(0);

  return {
    runOnce: loop.runOnce,
    async stop() {
      unsubscribe();
      await loop.stop();
    },
  };
}

class StoppedError extends Error {}

/** Runs work over items, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
