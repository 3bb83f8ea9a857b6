import { EventEmitter } from 'node:events';

/**
 * The inbox of verified webhook deliveries (whatsapp_inbox). A delivery is stored (one
 * statement, so one transaction: commands/storeDelivery.ts) before Meta gets its 200; the
 * worker (inbound/worker.ts) drains it. Meta retries a delivery it got no 200 for, so
 * nothing is lost between the two, and a delivery stored twice changes nothing (each
 * message id is taken once, whatsapp_messages_seen).
 *
 * A delivery stored by this process wakes this process's worker at once; the others find
 * it on their next poll.
 */
const stored = new EventEmitter();
stored.setMaxListeners(0);

export function deliveryStored(id: number): void {
  stored.emit('stored', id);
}

/** Called on every delivery stored by this process; returns the unsubscribe. */
export function onDeliveryStored(listener: () => void): () => void {
  stored.on('stored', listener);
  return () => stored.off('stored', listener);
}
