import autocannon from 'autocannon';

/**
 * One autocannon run with every response time kept, for the percentiles the budgets name
 * (autocannon's own summary has p97.5 and p99, not p95). `ok` counts the responses with
 * the status the scenario expects (a web form answers 303, not 2xx).
 */
export interface Measured {
  requests: number;
  reqPerSec: number;
  /** Responses with the expected status per second: the throughput compared. */
  okPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  ok: number;
  failed: number;
  errors: number;
  statusCodes: Record<string, number>;
}

export interface CannonRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface CannonOptions {
  url: string;
  connections: number;
  seconds: number;
  expect: number[];
  /** Seconds before a request counts as timed out (autocannon's default: 10). */
  timeoutSeconds?: number;
  /**
   * A cookie jar per session, kept across runs (warm-up included): a request sends the
   * cookie the app last set on its session, as a browser does. Needed where the app gives the session a new id (a report sent grants
   * tracking access, tracking/access.ts): the first cookie is then no longer a session.
   */
  jar?: Map<number, string>;
  /** The request numbered `n` in the run, on the session of connection `conn` (0-based). */
  request: (conn: number, n: number) => CannonRequest;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

// Requests are numbered across the whole process (so bodies never repeat, warm-up included)
// and dealt round-robin to the sessions of the connections: autocannon's per-request
// context does not outlive a request.
let next = 0;
/** Sessions of a jar lent to a request in flight. */
const busy = new WeakMap<Map<number, string>, Set<number>>();

export async function cannon(opts: CannonOptions): Promise<Measured> {
  // What the last run left in flight is over: its sessions are free (the side's `before` made new ones).
  if (opts.jar) busy.delete(opts.jar);
  const times: number[] = [];
  const codes: Record<string, number> = {};
  let finish!: (r: autocannon.Result) => void;
  let fail!: (e: unknown) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: opts.timeoutSeconds ?? 10,
    requests: [
      {
        // autocannon clears a connection's context after each request, so a session is lent
        // to one request at a time (busy) rather than tied to a connection: never two
        // requests on one session at once, whose id the first may change under the second.
        setupRequest: (req, context: { conn?: number }) => {
          const n = next++;
          const jar = opts.jar;
          let conn = n % opts.connections;
          if (jar) {
            conn = [...jar.keys()].find((c) => !busy.has(jar) || !busy.get(jar)!.has(c)) ?? conn;
            if (!busy.has(jar)) busy.set(jar, new Set());
            busy.get(jar)!.add(conn);
            context.conn = conn;
          }
          const r = opts.request(conn, n);
          const headers = { ...(req.headers ?? {}), ...(r.headers ?? {}), ...(jar?.has(conn) ? { cookie: jar.get(conn)! } : {}) };
          return { ...req, method: r.method ?? 'GET', path: r.path, headers, body: r.body } as typeof req;
        },
        onResponse: (_status: number, _body: string, context: { conn?: number }, headers?: Record<string, string | string[] | undefined>) => {
          const jar = opts.jar;
          if (!jar || context.conn === undefined) return;
          busy.get(jar)?.delete(context.conn);
          // autocannon gives the raw header names (Express writes Set-Cookie).
          const set = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'set-cookie')?.[1];
          if (!set) return;
          const cookies = new Map((jar.get(context.conn) ?? '').split('; ').filter(Boolean).map((c) => [c.split('=')[0]!, c] as const));
          for (const line of [set].flat()) {
            const pair = line.split(';')[0]!;
            cookies.set(pair.split('=')[0]!, pair);
          }
          jar.set(context.conn, [...cookies.values()].join('; '));
        },
      },
    ],
  }, (err, result) => (err ? fail(err) : finish(result)));
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
    codes[statusCode] = (codes[statusCode] ?? 0) + 1;
  });
  const result = await finished;
  times.sort((a, b) => a - b);
  const ok = Object.entries(codes).filter(([c]) => opts.expect.includes(Number(c))).reduce((n, [, k]) => n + k, 0);
  return {
    requests: times.length,
    reqPerSec: times.length / opts.seconds,
    okPerSec: ok / opts.seconds,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    ok,
    failed: times.length - ok,
    errors: result.errors + result.timeouts,
    statusCodes: codes,
  };
}
