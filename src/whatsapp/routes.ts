import express, { Router } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { storeDelivery } from './inbound/commands/storeDelivery.js';
import { handshakeChallenge, validSignature } from './webhook.js';

/**
 * WhatsApp (issue 23): citizens report by WhatsApp through Meta's WhatsApp Cloud API.
 *
 *   webhook.ts      the handshake and X-Hub-Signature-256
 *   routes.ts       /webhooks/whatsapp: GET handshake, POST deliveries into the inbox
 *   inbound/        the inbox, its worker, and the conversation that turns messages into
 *                   reports (drafts, KIRIM, BARU, STOP/MULAI, adding to an open report)
 *   outbound/       queueing messages to citizens and recording their delivery statuses
 *
 * The webhook sits before the app's body parsers, sessions and CSRF: Meta has no session,
 * and the signature is over the raw bytes, so this route alone reads the body raw (up to
 * WEBHOOK_BODY_LIMIT). Without the four WhatsApp settings the path does not exist (404).
 */
export const WEBHOOK_PATH = '/webhooks/whatsapp';
/** Meta's deliveries are a few KB (media come by id, not inline); 1 MB is far above any. */
export const WEBHOOK_BODY_LIMIT = '1mb';

export function whatsappRouter(db: Db, config: Config): Router {
  const router = Router();
  const wa = config.whatsapp;
  if (!wa) return router;

  router.get(WEBHOOK_PATH, (req, res) => {
    const challenge = handshakeChallenge(req.query as Record<string, unknown>, wa.verifyToken);
    res.set('X-Content-Type-Options', 'nosniff');
    if (challenge === null) {
      res.status(403).type('text/plain').send('Forbidden');
      return;
    }
    res.status(200).type('text/plain').send(challenge);
  });

  router.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!validSignature(raw, req.get('x-hub-signature-256'), wa.appSecret)) {
      res.status(401).type('text/plain').send('Invalid signature');
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      res.status(400).type('text/plain').send('Invalid JSON');
      return;
    }
    // Other objects (a page, an Instagram account on the same app) are not ours to keep.
    if ((payload as { object?: unknown } | null)?.object !== 'whatsapp_business_account') {
      res.status(200).type('text/plain').send('Ignored');
      return;
    }
    // Stored before the 200: an error here is a 500 and Meta sends the delivery again.
    await storeDelivery(db, payload);
    res.status(200).type('text/plain').send('OK');
  });
  return router;
}
