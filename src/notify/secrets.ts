import { formatSecret } from '../reports/tracking.js';

/**
 * A citizen's tracking secret in a queued mail (the acknowledgement's link and key). The
 * mail's text holds these slots; the outbox row holds the secret itself only until the mail
 * has left (or was given up), when the sender erases it. So once sent, nobody reads the
 * secret again: not at /admin/outbox, not in a backup. The slots are plain words that
 * Handlebars leaves alone in text and in HTML.
 */
export const SECRET_IN_LINK = '{kunci-rahasia}';
export const SECRET_SHOWN = '{kunci-rahasia-terbaca}';

/** The mail as it leaves: the slots filled with the secret. */
export function fillSecret(text: string, secret: string): string {
  return text.replaceAll(SECRET_IN_LINK, secret).replaceAll(SECRET_SHOWN, formatSecret(secret));
}

/** Whether a stored mail has slots for a secret (a resend needs the secret, which may be gone). */
export function hasSecretSlots(text: string): boolean {
  return text.includes(SECRET_IN_LINK) || text.includes(SECRET_SHOWN);
}

/** What an admin reads in place of the secret. */
export function maskSecret(text: string): string {
  return text.replaceAll(SECRET_IN_LINK, '••••••••••••••••').replaceAll(SECRET_SHOWN, '••••-••••-••••-••••');
}
