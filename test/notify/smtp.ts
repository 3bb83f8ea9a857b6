import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback for the mail tests (DESIGN.md section 9: no mocks of
 * the mail servers). It keeps every message it accepts, and can be told to answer a
 * recipient with an error code, or to take its time over one.
 */
export interface CapturedMail {
  envelopeTo: string[];
  raw: string;
  /** Lower-cased names; encoded words decoded. */
  headers: Record<string, string>;
  subject: string;
  text?: string;
  html?: string;
}

export interface TestSmtp {
  url: string;
  mails: CapturedMail[];
  mailsTo(address: string): CapturedMail[];
  /** Answer RCPT TO for this address with `code` the next `times` times. */
  reject(address: string, code: number, times?: number): void;
  /** Hold the DATA of mail to this address for `ms` before accepting it. */
  delay(address: string, ms: number): void;
  /** Resolves when a mail to this address starts arriving. */
  arriving(address: string): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

/** `port`: listen there (a server started again where one was stopped); 0 picks a free one. */
export async function startSmtp(port = 0): Promise<TestSmtp> {
  const mails: CapturedMail[] = [];
  const rejections = new Map<string, { code: number; times: number }>();
  const delays = new Map<string, number>();
  const waiters = new Map<string, () => void>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const key = address.address.toLowerCase();
      const rule = rejections.get(key);
      if (rule && rule.times > 0) {
        rule.times -= 1;
        const err = new Error(rule.code >= 500 ? 'Mailbox unavailable' : 'Mailbox busy, try later') as Error & { responseCode: number };
        err.responseCode = rule.code;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      for (const address of to) waiters.get(address)?.();
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const wait = Math.max(0, ...to.map((a) => delays.get(a) ?? 0));
        setTimeout(() => {
          const raw = Buffer.concat(chunks).toString('utf8');
          mails.push({ envelopeTo: to, raw, ...parseMessage(raw) });
          callback();
        }, wait);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${bound}`,
    mails,
    mailsTo: (address) => mails.filter((m) => m.envelopeTo.includes(address.toLowerCase())),
    reject(address, code, times = 1) {
      rejections.set(address.toLowerCase(), { code, times });
    },
    delay(address, ms) {
      delays.set(address.toLowerCase(), ms);
    },
    arriving(address) {
      return new Promise((resolve) => waiters.set(address.toLowerCase(), resolve));
    },
    reset() {
      mails.length = 0;
      rejections.clear();
      delays.clear();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// Just enough MIME for what nodemailer writes: headers, multipart, quoted-printable
// and base64 bodies, RFC 2047 encoded words.

function splitHead(raw: string): { head: string; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  return at < 0 ? { head: raw, body: '' } : { head: raw.slice(0, at), body: raw.slice(at + 4) };
}

function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : qpBytes(text.replace(/_/g, ' ')).toString('utf8'),
    );
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= decodeWords(line.slice(colon + 1).trim());
  }
  return headers;
}

function qpBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? '7bit').toLowerCase();
  let text = body;
  if (enc === 'quoted-printable') text = qpBytes(body.replace(/=\r\n/g, '')).toString('utf8');
  else if (enc === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return text.replace(/\r\n/g, '\n');
}

function leaves(head: Record<string, string>, body: string): { type: string; content: string }[] {
  const type = head['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) {
    return [{ type: type.split(';')[0]!.trim().toLowerCase(), content: decodeBody(body, head['content-transfer-encoding']) }];
  }
  const sections = body.split(`--${boundary}`).slice(1);
  return sections
    .filter((s) => !s.startsWith('--'))
    .flatMap((s) => {
      const part = splitHead(s.replace(/^\r\n/, ''));
      return leaves(parseHeaders(part.head), part.body.replace(/\r\n$/, ''));
    });
}

export function parseMessage(raw: string): Omit<CapturedMail, 'envelopeTo' | 'raw'> {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  const parts = leaves(headers, body);
  return {
    headers,
    subject: headers.subject ?? '',
    text: parts.find((p) => p.type === 'text/plain')?.content,
    html: parts.find((p) => p.type === 'text/html')?.content,
  };
}
