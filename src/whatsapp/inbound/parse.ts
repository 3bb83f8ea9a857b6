import type { WhatsAppStatus } from '../outbound/statuses.js';

/**
 * A webhook delivery read into what we act on, in Meta's shape (object
 * 'whatsapp_business_account', entry[].changes[] with field 'messages', value.{metadata,
 * contacts, messages, statuses}). Only changes for our phone number id are read; anything
 * malformed is skipped, never trusted: the signature says Meta sent it, not that every
 * field is what we expect.
 */
export type MediaKind = 'image' | 'document' | 'audio' | 'video' | 'sticker';

export interface InboundMessage {
  /** The wamid: unique per message, the key of exactly-once. */
  id: string;
  /** The sender's number, E.164 digits without '+'. */
  from: string;
  /** The sender's WhatsApp profile name, when the delivery gave one. */
  name: string | null;
  /** Unix seconds the citizen sent it. */
  at: number;
  type: string;
  /** Text, a button's title, or a media caption. */
  text: string | null;
  media: { id: string; kind: MediaKind; mime: string; filename: string | null } | null;
  location: { latitude: number; longitude: number; name: string | null; address: string | null } | null;
}

export interface Delivery {
  messages: InboundMessage[];
  statuses: WhatsAppStatus[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 4096): string | null => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const NUMBER = /^[1-9]\d{6,14}$/;
const MEDIA_KINDS: MediaKind[] = ['image', 'document', 'audio', 'video', 'sticker'];
const STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);

export function parseDelivery(payload: unknown, phoneNumberId: string): Delivery {
  const messages: InboundMessage[] = [];
  const statuses: WhatsAppStatus[] = [];
  if (!isObj(payload) || payload.object !== 'whatsapp_business_account') return { messages, statuses };
  for (const entry of arr(payload.entry)) {
    if (!isObj(entry)) continue;
    for (const change of arr(entry.changes)) {
      if (!isObj(change) || change.field !== 'messages' || !isObj(change.value)) continue;
      const value = change.value;
      // One app may serve several numbers: only ours.
      if (isObj(value.metadata) && value.metadata.phone_number_id !== undefined && String(value.metadata.phone_number_id) !== phoneNumberId) continue;
      const names = new Map<string, string>();
      for (const c of arr(value.contacts)) {
        if (isObj(c) && typeof c.wa_id === 'string' && isObj(c.profile) && typeof c.profile.name === 'string') names.set(c.wa_id, c.profile.name.trim().slice(0, 100));
      }
      for (const m of arr(value.messages)) {
        const parsed = isObj(m) ? parseMessage(m, names) : null;
        if (parsed) messages.push(parsed);
      }
      for (const s of arr(value.statuses)) {
        if (!isObj(s) || typeof s.id !== 'string' || typeof s.status !== 'string' || !STATUSES.has(s.status)) continue;
        statuses.push({
          id: s.id,
          status: s.status as WhatsAppStatus['status'],
          timestamp: String(s.timestamp ?? ''),
          recipient_id: String(s.recipient_id ?? ''),
          ...(Array.isArray(s.errors) ? { errors: s.errors.filter(isObj).map((e) => ({ code: Number(e.code), title: String(e.title ?? e.message ?? '') })) } : {}),
        });
      }
    }
  }
  return { messages, statuses };
}

function parseMessage(m: Obj, names: Map<string, string>): InboundMessage | null {
  const id = str(m.id, 200);
  const from = str(m.from, 20);
  const type = str(m.type, 40);
  if (!id || !from || !NUMBER.test(from) || !type) return null;
  const seconds = Number(m.timestamp);
  const at = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : Math.floor(Date.now() / 1000);
  const base: InboundMessage = { id, from, name: names.get(from) || null, at, type, text: null, media: null, location: null };
  const body = isObj(m[type]) ? (m[type] as Obj) : {};
  if (type === 'text') return { ...base, text: str(body.body) };
  if (MEDIA_KINDS.includes(type as MediaKind)) {
    const mediaId = str(body.id, 200);
    if (!mediaId) return base;
    return {
      ...base,
      text: str(body.caption),
      media: { id: mediaId, kind: type as MediaKind, mime: str(body.mime_type, 200) ?? 'application/octet-stream', filename: str(body.filename, 255) },
    };
  }
  if (type === 'location') {
    const latitude = Number(body.latitude);
    const longitude = Number(body.longitude);
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return base;
    return { ...base, location: { latitude, longitude, name: str(body.name, 200), address: str(body.address, 200) } };
  }
  // A tap on a button we offered: its id is the keyword (KIRIM, BARU), its title what the citizen saw.
  if (type === 'interactive') {
    const reply = isObj(body.button_reply) ? body.button_reply : isObj(body.list_reply) ? body.list_reply : null;
    return { ...base, text: reply ? str(reply.id, 200) ?? str(reply.title, 200) : null };
  }
  if (type === 'button') return { ...base, text: str(body.payload, 200) ?? str(body.text, 200) };
  return base;
}
