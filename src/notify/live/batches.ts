/** How long an event waits for others to leave with it: unnoticed by a person, many reports under load. */
export const BATCH_MS = 200;
/** Events in one message at most: the socket.io adapter sends a message in one NOTIFY up to 8,000 bytes. */
export const BATCH_MAX = 50;

export interface Batches<E> {
  add(rooms: string[], event: E): void;
  /** Sends what waits now (on close). */
  flush(): void;
}

/**
 * Live events sent together: each message the socket server emits is a NOTIFY on the
 * PostgreSQL server (the socket.io adapter) and a message every process receives, and
 * under load a report is made every few milliseconds. Events wait up to BATCH_MS and
 * leave in order, as one message per run of events for the same rooms, so a socket in
 * several rooms still gets them in the order they happened.
 */
export function liveBatches<E>(send: (rooms: string[], events: E[]) => void, ms = BATCH_MS, max = BATCH_MAX): Batches<E> {
  let waiting: { key: string; rooms: string[]; event: E }[] = [];
  let timer: NodeJS.Timeout | undefined;
  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    const list = waiting;
    waiting = [];
    for (let i = 0; i < list.length; ) {
      let j = i + 1;
      while (j < list.length && j - i < max && list[j]!.key === list[i]!.key) j++;
      send(list[i]!.rooms, list.slice(i, j).map((w) => w.event));
      i = j;
    }
  }
  return {
    add(rooms, event) {
      waiting.push({ key: [...rooms].sort().join('\n'), rooms, event });
      if (waiting.length >= max) flush();
      else timer ??= setTimeout(flush, ms);
    },
    flush,
  };
}
