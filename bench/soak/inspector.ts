import fs from 'node:fs';
import WebSocket from 'ws';

/**
 * A minimal Chrome DevTools Protocol client for the app under soak, which is started with
 * `--inspect=127.0.0.1:<port>` (a port the bench picked, so no log line has to be parsed).
 *
 * Why the inspector: "heap used after a GC" has to be measured inside the app process, and
 * the app has (and should have) no endpoint for it. `--expose-gc` would only give the app
 * itself a `gc()`; node's `inspector` module works only in its own process. Over the
 * protocol the bench asks V8 for a full collection (HeapProfiler.collectGarbage) and then
 * reads process.memoryUsage() (Runtime.evaluate, in the app's global scope), with no change
 * to the app. The cost is a forced full GC once a minute (tens of ms) and an idle socket.
 * The same session gives the sampling heap profiler (allocation sites of what is still
 * alive) and full heap snapshots, the evidence for where memory stays.
 */
export interface Inspector {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Heap, external and array buffers in bytes, after a full garbage collection. */
  memoryAfterGc(): Promise<NodeJS.MemoryUsage>;
  /** Writes a .heapsnapshot (readable by Chrome DevTools' Memory tab) to `file`. */
  heapSnapshot(file: string): Promise<void>;
  close(): void;
}

interface Reply {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { message: string };
}

export async function connectInspector(port: number): Promise<Inspector> {
  // /json/list names the one target of a node process and its WebSocket address.
  let target: { webSocketDebuggerUrl: string } | undefined;
  for (let i = 0; i < 40 && !target; i++) {
    target = await fetch(`http://127.0.0.1:${port}/json/list`).then((r) => r.json() as Promise<{ webSocketDebuggerUrl: string }[]>).then((l) => l[0], () => undefined);
    if (!target) await new Promise((r) => setTimeout(r, 250));
  }
  if (!target) throw new Error(`no inspector on 127.0.0.1:${port}`);
  const ws = new WebSocket(target.webSocketDebuggerUrl, { perMessageDeflate: false, maxPayload: 1024 * 2 ** 20 });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, (params: Record<string, unknown>) => void>();
  ws.on('message', (data: WebSocket.RawData) => {
    const msg = JSON.parse(data.toString()) as Reply;
    if (msg.id !== undefined) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error.message));
      else p?.resolve(msg.result);
    } else if (msg.method) {
      listeners.get(msg.method)?.(msg.params ?? {});
    }
  });
  ws.on('close', () => {
    for (const p of pending.values()) p.reject(new Error('inspector closed'));
    pending.clear();
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });

  return {
    send,
    async memoryAfterGc() {
      await send('HeapProfiler.collectGarbage');
      const r = await send<{ result: { value: string } }>('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
      return JSON.parse(r.result.value) as NodeJS.MemoryUsage;
    },
    async heapSnapshot(file) {
      const out = fs.openSync(file, 'w');
      listeners.set('HeapProfiler.addHeapSnapshotChunk', (p) => fs.writeSync(out, String(p.chunk)));
      try {
        await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      } finally {
        listeners.delete('HeapProfiler.addHeapSnapshotChunk');
        fs.closeSync(out);
      }
    },
    close: () => ws.close(),
  };
}
