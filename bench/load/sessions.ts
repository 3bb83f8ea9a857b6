import { SESSION_COOKIE } from '../../src/http/session.js';

/**
 * Sessions as browsers and clients get them, made before a load run: a staff login through
 * the JSON API, a web form page with its CSRF token, a tracking link exchanged for a
 * session that may see the report (the secret leaves the address bar with a redirect).
 */
function cookieOf(res: Response, previous?: string): string {
  const set = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return set ?? previous ?? '';
}

export async function staffLogin(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login of ${email}: HTTP ${res.status} ${await res.text()}`);
  const cookie = cookieOf(res);
  if (!cookie) throw new Error(`login of ${email}: no session cookie`);
  return cookie;
}

export async function formSession(base: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${base}/lapor`);
  const html = await res.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const cookie = cookieOf(res);
  if (!res.ok || !token || !cookie) throw new Error(`GET /lapor: HTTP ${res.status}, token ${Boolean(token)}, cookie ${Boolean(cookie)}`);
  return { cookie, token };
}

/** One session granted each of `reports` (code + secret), as following their tracking links does. */
export async function trackingSession(base: string, reports: readonly { code: string; secret: string }[]): Promise<string> {
  let cookie = '';
  for (const r of reports) {
    const res = await fetch(`${base}/lacak/${r.code}?k=${r.secret}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    if (res.status !== 303) throw new Error(`tracking link of ${r.code}: HTTP ${res.status}`);
    cookie = cookieOf(res, cookie);
  }
  return cookie;
}

/** A multipart/form-data body without files, as the no-JavaScript form sends it. */
export function multipart(fields: Record<string, string>): { body: Buffer; type: string } {
  const boundary = `----bench${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return { body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`), type: `multipart/form-data; boundary=${boundary}` };
}
