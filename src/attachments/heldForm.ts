import crypto from 'node:crypto';
import type { Request } from 'express';
import Joi from 'joi';
import type { Config } from '../config.js';
import type { InputError } from '../shared/errors.js';
import { formatBytes } from '../shared/format.js';
import type { Locale } from '../shared/i18n.js';
import { asHeldFile, claimHeld, discardHeld, HOLD_MS, type HeldFile, holdUploads, stillHeld } from './held.js';
import type { InspectedFile } from './inspect.js';
import { uploadLimits } from './policy.js';
import { uploadRefused } from './upload.js';

declare module 'express-session' {
  interface SessionData {
    /**
     * Files a citizen's form (/lapor, the tracking page's "add information") has already
     * sent, held while the citizen fixes another field:
     * key (the form's hidden `held` field) -> when, and what. Only this browser's session
     * can use them, and only with the key its own form carries back.
     */
    heldUploads?: Record<string, { at: number; files: HeldFile[] }>;
  }
}

/**
 * The session side of held files (held.ts): which files a form has sent, under the key
 * its hidden `held` field carries back, kept HOLD_MS at most. A form puts
 * `{{> heldFiles held=held}}` before its file input and names the key first in its body.
 */

/** Forms with held files one session keeps (tabs open at once); the oldest goes first. */
const MAX_HOLDS = 3;
const KEY = /^[A-Za-z0-9_-]{32}$/;

interface FormHold {
  /** The key the form carries back in its hidden field. */
  key: string;
  files: HeldFile[];
  /** A file of this send that was refused (which one, and why); the others are held. */
  refusal?: InputError;
  /** Held files that were gone when the form came back (expired): the citizen chooses again. */
  lost: boolean;
}

/** The files held under `key` in this session, if the key is one and has not expired. */
function heldUnder(req: Request, key: unknown, now = Date.now()): HeldFile[] {
  if (typeof key !== 'string' || !KEY.test(key)) return [];
  const entry = req.session.heldUploads?.[key];
  if (!entry || typeof entry.at !== 'number' || now - entry.at > HOLD_MS || !Array.isArray(entry.files)) return [];
  return entry.files.map(asHeldFile).filter((f): f is HeldFile => f !== undefined);
}

function keep(req: Request, key: string, files: HeldFile[]): void {
  const now = Date.now();
  const holds = Object.entries(req.session.heldUploads ?? {})
    .filter(([k, v]) => k !== key && now - v.at <= HOLD_MS)
    .sort((a, b) => b[1].at - a[1].at)
    .slice(0, MAX_HOLDS - 1);
  if (files.length) holds.unshift([key, { at: now, files }]);
  if (holds.length) req.session.heldUploads = Object.fromEntries(holds);
  else delete req.session.heldUploads;
}

/** The form was sent with these files: they are no longer held. */
function releaseHold(req: Request, key: string): void {
  keep(req, key, []);
}

/** The values of the form's "remove" boxes, whatever shape the body gives them. */
function removals(body: Record<string, unknown> | undefined): Set<string> {
  const raw = body?.removeHeld;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return new Set(list.filter((v): v is string => typeof v === 'string').slice(0, 50));
}

const holds = new WeakMap<Request, Promise<FormHold>>();

/**
 * This send's hold: the files the form held before (less those the citizen took off),
 * and the uploads of this send that pass inspection, up to the limit. Done once per
 * request: the handler and the page that shows a refusal both ask.
 */
function holdForm(req: Request, config: Pick<Config, 'uploads' | 'uploadDir'>): Promise<FormHold> {
  let hold = holds.get(req);
  if (!hold) {
    hold = (async () => {
      const body = req.body as Record<string, unknown> | undefined;
      const before = heldUnder(req, body?.held);
      const key = before.length ? String(body!.held) : crypto.randomBytes(24).toString('base64url');
      const removed = removals(body);
      await discardHeld(before.filter((f) => removed.has(f.name)), config.uploadDir);
      const kept = await stillHeld(before.filter((f) => !removed.has(f.name)), config.uploadDir);
      const limits = uploadLimits(config);
      const uploads = Array.isArray(req.files) && !uploadRefused(req) ? req.files : [];
      const added = await holdUploads(uploads, limits, config.uploadDir, limits.maxFiles - kept.length);
      const files = [...kept, ...added.held];
      keep(req, key, files);
      const lost = kept.length < before.length - before.filter((f) => removed.has(f.name)).length;
      return { key, files, refusal: added.refusal, lost };
    })();
    holds.set(req, hold);
  }
  return hold;
}

/** The held files as a form lists them ({{> heldFiles}}): what, how large, and room for more. */
export interface HeldView {
  key: string;
  files: { id: string; name: string; size: string }[];
  room: number;
}

/**
 * What a form that comes back with errors shows of its files: the ones held (still on
 * disk: a send that failed after taking them has used them up), a file of this send that
 * was refused, and whether some must be chosen again (the upload step refused the send
 * before reading its files, or held files had expired).
 */
export async function heldFormView(
  req: Request,
  config: Pick<Config, 'uploads' | 'uploadDir'>,
  locale: Locale,
): Promise<{ held: HeldView | null; refusal?: InputError; filesLost: boolean }> {
  const hold = await holdForm(req, config);
  const files = await stillHeld(hold.files, config.uploadDir);
  return {
    held: files.length
      ? {
          key: hold.key,
          files: files.map((f) => ({ id: f.name, name: f.originalName, size: formatBytes(f.size, locale) })),
          room: Math.max(0, config.uploads.maxFiles - files.length),
        }
      : null,
    refusal: hold.refusal,
    filesLost: hold.lost || files.length < hold.files.length || uploadRefused(req),
  };
}

/** The two fields a form with held files sends back, for its schema: the key, and the files taken off. */
export const heldFormFields = {
  held: Joi.string().pattern(KEY).empty('').allow(null).default(null),
  removeHeld: Joi.array().items(Joi.string().pattern(/^[0-9a-f]{32}$/)).single().max(20).default([]),
};

/**
 * The files a form sends with, ready to store: those it held from earlier tries and those
 * of this send, all held first (so a refusal from here on keeps them for the next try),
 * then taken (claimHeld: two sends of one form cannot both take a file) and let go from
 * the session. Throws the InputError of a refused file, with the others held.
 */
export async function takeFormFiles(req: Request, config: Pick<Config, 'uploads' | 'uploadDir'>): Promise<InspectedFile[]> {
  const hold = await holdForm(req, config);
  if (hold.refusal) throw hold.refusal;
  const files = await claimHeld(hold.files, config.uploadDir);
  releaseHold(req, hold.key);
  return files;
}
