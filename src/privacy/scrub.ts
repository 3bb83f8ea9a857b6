import { type KnownPersonalData, redact, TOKENS } from '../publication/redact.js';
import { escapeRe, normalize, NOT_AFTER_LETTER, NOT_AFTER_WORD, NOT_BEFORE_LETTER, NOT_BEFORE_WORD } from '../publication/redact/normalize.js';
import { ERASED_NAME } from '../reports/reporter.js';

/**
 * What an erased reporter's data becomes. The report keeps a visible marker in the name
 * (ERASED_NAME, reports/reporter.ts); mails keep a placeholder address that can never be
 * delivered (.invalid, RFC 2606).
 */
export const ERASED_ADDRESS = 'dihapus@pengaduan.invalid';
export const ERASED_MAIL_TEXT = '[Isi surel dihapus: data pribadi pelapor dihapus sesuai UU 27/2022.]';

/** The reporter's identity as stored on their reports (and the address looked up). */
export interface Identity {
  names: string[];
  emails: string[];
  phones: string[];
  niks: string[];
}

export function emptyIdentity(): Identity {
  return { names: [], emails: [], phones: [], niks: [] };
}

/** Adds one report's identity fields; the erasure marker is not a name. */
export function addReporter(
  identity: Identity,
  r: {
    reporter_name: string | null;
    reporter_email: string | null;
    reporter_phone: string | null;
    /** The phone as an Open311 client sent it, unverified (migration 0029). */
    reporter_phone_unverified?: string | null;
    reporter_nik: string | null;
  },
): void {
  const add = (list: string[], v: string | null) => {
    const value = v?.trim();
    if (value && !list.includes(value)) list.push(value);
  };
  if (r.reporter_name !== ERASED_NAME) add(identity.names, r.reporter_name);
  add(identity.emails, r.reporter_email?.toLowerCase() ?? null);
  add(identity.phones, r.reporter_phone);
  add(identity.phones, r.reporter_phone_unverified ?? null);
  add(identity.niks, r.reporter_nik);
}

function known(identity: Identity): KnownPersonalData {
  return { names: identity.names, emails: identity.emails, phones: identity.phones, niks: identity.niks };
}

/**
 * Text the citizen wrote (the complaint, their messages, their rating comment): the same
 * redaction the publication uses, with the reporter's own identity as known values. Their
 * complaint stays readable and countable; their name, NIK, phone, e-mail and house
 * address inside it do not.
 */
export function scrubCitizenText(text: string, identity: Identity, max?: number): string {
  const out = scrubKnown(redact(text, known(identity)).text, identity);
  return max && out.length > max ? out.slice(0, max) : out;
}

/**
 * Text staff or the system wrote (answers, questions, notes, reasons, alerts): only the
 * reporter's own name, e-mail, phone and NIK are replaced. The general detectors would
 * also remove an office's own phone number or a street named in an answer, which is
 * content the record must keep.
 */
export function scrubKnown(text: string, identity: Identity): string {
  let out = normalize(text);
  for (const re of patterns(identity)) out = out.replace(re.pattern, re.token);
  return out;
}

/** Walks a JSON value (an event's data) and scrubs every string in it. */
export function scrubJson(value: unknown, identity: Identity): unknown {
  if (typeof value === 'string') return scrubKnown(value, identity);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, identity));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v, identity)]));
  }
  return value;
}

const cache = new WeakMap<Identity, { pattern: RegExp; token: string }[]>();

function patterns(identity: Identity): { pattern: RegExp; token: string }[] {
  let list = cache.get(identity);
  if (list) return list;
  list = [];
  // Longest first, so "Sri Wahyuni" goes whole before "Sri" could split it.
  const byLength = (a: string, b: string) => b.length - a.length;
  for (const email of [...identity.emails].sort(byLength)) {
    list.push({ pattern: new RegExp(`${NOT_AFTER_WORD}${escapeRe(normalize(email))}${NOT_BEFORE_WORD}`, 'giu'), token: TOKENS.email });
  }
  for (const nik of identity.niks) {
    const digits = nik.replace(/\D/g, '');
    if (digits.length >= 8) list.push({ pattern: new RegExp(`(?<!\\d)${spaced(digits)}(?!\\d)`, 'gu'), token: TOKENS.nik });
  }
  for (const phone of identity.phones) {
    // Stored as +62812..., written as 0812-..., 62 812 ..., +62 812 ...
    const national = phone.replace(/\D/g, '').replace(/^62/, '').replace(/^0/, '');
    if (national.length >= 7) {
      list.push({ pattern: new RegExp(`(?<![\\d+])\\(?(?:\\+?62[\\s.-]?|0)?${spaced(national)}(?!\\d)`, 'gu'), token: TOKENS.phone });
    }
  }
  // A name of one or two letters would match inside ordinary words.
  for (const name of identity.names.filter((n) => n.length >= 3).sort(byLength)) {
    const words = normalize(name).split(/\s+/u).map(escapeRe).join('\\s+');
    list.push({ pattern: new RegExp(`${NOT_AFTER_LETTER}${words}${NOT_BEFORE_LETTER}`, 'giu'), token: TOKENS.name });
  }
  cache.set(identity, list);
  return list;
}

/** Digits that may be written with spaces, dots, dashes or brackets between them: "(0812) 3456-7890". */
function spaced(digits: string): string {
  return digits.split('').join('[\\s.()-]{0,2}');
}
