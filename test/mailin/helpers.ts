import crypto from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';

/** A raw RFC 822 mail, built the way a mail program builds one. */
export function composeMail(options: Mail.Options & { messageId?: string }): Promise<Buffer> {
  const id = options.messageId ?? `<${crypto.randomUUID()}@mail.example.id>`;
  return new MailComposer({ date: new Date(), ...options, messageId: id }).compile().build();
}

/** A fresh sender address, so per-sender limits of one test never touch another. */
export function citizenAddress(prefix = 'warga'): string {
  return `${prefix}.${crypto.randomBytes(4).toString('hex')}@mail.example.id`;
}
