import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { createLogger } from '../../src/logger.js';
import { type InboxWorker, startInboxWorker } from '../../src/whatsapp/inbound/worker.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { type FakeGraph, type InboundMessage, signedDelivery, startFakeGraph, webhookBody } from '../helpers/fakeGraph.js';

export const APP_SECRET = 'app-secret-for-tests';

export interface WhatsAppWorld {
  t: TestApp;
  graph: FakeGraph;
  uploadDir: string;
  /** The clock the worker reads the draft window against. */
  clock: { now: Date };
  worker: InboxWorker;
  /** Posts one signed delivery of these messages; expects 200. */
  deliver(messages: InboundMessage[], names?: Record<string, string>): Promise<void>;
  /** Posts the exact body again (Meta's retry). */
  post(body: string, signature: string): Promise<number>;
  /** One worker run. */
  drain(): Promise<number>;
  close(): Promise<void>;
}

export async function whatsappWorld(env: Record<string, string> = {}): Promise<WhatsAppWorld> {
  const graph = await startFakeGraph();
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-wa-'));
  const t = await buildTestApp({
    WHATSAPP_PHONE_NUMBER_ID: graph.phoneNumberId,
    WHATSAPP_ACCESS_TOKEN: graph.token,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'verify-token-for-tests',
    WHATSAPP_GRAPH_URL: graph.url,
    WHATSAPP_DRAFT_MINUTES: '10',
    UPLOAD_DIR: uploadDir,
    REPORT_IP_LIMIT_PER_HOUR: '1000',
    ...env,
  });
  const clock = { now: new Date() };
  const worker = startInboxWorker({ db: t.database.db, config: t.config, logger: createLogger(process.env.WA_LOG ?? 'silent'), poll: false, now: () => clock.now });
  const post = async (body: string, signature: string) =>
    (await supertest(t.app).post('/webhooks/whatsapp').set('Content-Type', 'application/json').set('X-Hub-Signature-256', signature).send(body)).status;
  return {
    t,
    graph,
    uploadDir,
    clock,
    worker,
    post,
    async deliver(messages, names) {
      const d = signedDelivery(APP_SECRET, webhookBody({ phoneNumberId: graph.phoneNumberId, messages, names }));
      expect(await post(d.body, d.signature)).to.equal(200);
    },
    drain: () => worker.runOnce(),
    async close() {
      await worker.stop();
      await graph.close();
      fs.rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A fresh Indonesian mobile number per test, E.164 digits. */
export function newNumber(): string {
  counter += 1;
  return `62812${String(process.pid % 1000).padStart(3, '0')}${String(Date.now() % 10000).padStart(4, '0')}${String(counter).padStart(2, '0')}`.slice(0, 15);
}

/** A minimal OGG page whose first packet is OpusHead: what WhatsApp's voice notes are. */
export function opusVoiceNote(): Buffer {
  const page = Buffer.alloc(28);
  page.write('OggS', 0, 'latin1');
  const head = Buffer.from('OpusHead', 'latin1');
  return Buffer.concat([page, head, Buffer.alloc(200, 1)]);
}
