import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Config } from '../config.js';
import type { OutboxTransport } from '../db/schema.js';

/** A mail as the worker hands it to a transport: everything already decided. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  headers: Record<string, string>;
  /** Ours, stable across retries (see worker.ts). */
  messageId: string;
  /** Files read from the outbox's references as the mail leaves. */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface SendResult {
  /** The Message-ID the server accepted; null when nothing was handed to a server. */
  messageId: string | null;
  /** Recipients the server refused while it accepted others. */
  rejected: string[];
}

export interface MailTransport {
  readonly name: OutboxTransport;
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

// nodemailer's defaults wait 2 minutes to connect and 10 minutes on a silent socket; a
// worker holding claimed mails that long delays everything behind them.
const SMTP_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 60_000,
  dnsTimeout: 10_000,
};

/** The longest a healthy send can take; the worker keeps its claim at least this long. */
export const SEND_BUDGET_MS = 2 * 60_000;

function smtpTransport(url: string): MailTransport {
  const options: SMTPTransport.Options = {
    url,
    ...SMTP_TIMEOUTS,
    // Mails are built from our own data; never let a body make nodemailer read files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  const transporter = nodemailer.createTransport(options);
  return {
    name: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        headers: mail.headers,
        messageId: mail.messageId,
        ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
      });
      return { messageId: info.messageId ?? mail.messageId, rejected: info.rejected.map(String) };
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * With no SMTP_URL the mail goes nowhere: the worker marks it sent with transport
 * 'dev-outbox', and admins read it at /admin/outbox. A fresh install thus shows what
 * citizens would receive without any mail server.
 */
function devOutboxTransport(): MailTransport {
  return {
    name: 'dev-outbox',
    async send() {
      return { messageId: null, rejected: [] };
    },
    close() {},
  };
}

export function createMailTransport(mail: Config['mail']): MailTransport {
  return mail.smtpUrl ? smtpTransport(mail.smtpUrl) : devOutboxTransport();
}

interface SmtpError {
  message?: string;
  code?: string;
  responseCode?: number;
  command?: string;
}

/**
 * Will sending this mail again never work? True for 5xx answers about this mail (its
 * recipient, its content) and for mails nodemailer refuses to build (EENVELOPE, EMESSAGE
 * with no server answer). False for everything a later try may cure: 4xx, timeouts,
 * lost connections, and 5xx about the connection or the login, which are the
 * server's or our settings' fault rather than the mail's and are fixed by an operator.
 */
export function isPermanentFailure(err: unknown): boolean {
  const e = (err ?? {}) as SmtpError;
  if (e.code === 'EAUTH' || e.code === 'ETLS' || e.command === 'CONN' || e.command === 'EHLO' || e.command === 'HELO') return false;
  if (typeof e.responseCode === 'number') return e.responseCode >= 500 && e.responseCode < 600;
  return e.code === 'EENVELOPE' || e.code === 'EMESSAGE';
}

/** A one-line description for the outbox row: the server's answer when there was one. */
export function describeFailure(err: unknown): string {
  const e = (err ?? {}) as SmtpError;
  const code = e.code && !String(e.message ?? '').includes(e.code) ? `${e.code}: ` : '';
  return `${code}${e.message ?? String(err)}`.replace(/\s+/g, ' ').trim();
}
