import type { IntakeInput } from '../intake/schema.js';
import { LIMITS } from '../reports/limits.js';
import { normalizePhone } from '../reports/reporter.js';
import { InputError } from '../shared/errors.js';
import type { Translate } from '../shared/i18n.js';
import type { Open311Client } from './keys.js';
import type { NewRequest } from './schema.js';

/**
 * A title for the report when the client sends none (the spec has no title): the first
 * line of the description, cut at a word within the intake's limit.
 */
export function titleFrom(description: string): string {
  const flat = description.replace(/\s+/g, ' ').trim();
  const firstLine = description.split(/\r?\n/)[0]!.replace(/\s+/g, ' ').trim();
  const source = firstLine.length >= LIMITS.titleMin ? firstLine : flat;
  if (source.length <= LIMITS.titleMax) return source;
  const cut = source.slice(0, LIMITS.titleMax - 1);
  const atWord = cut.slice(0, cut.lastIndexOf(' ')).trim();
  return `${atWord.length >= LIMITS.titleMin ? atWord : cut}…`;
}

/**
 * The spec's parameters made into the one intake shape. A request without a name is
 * anonymous (the intake needs a name otherwise); the client application is the one that
 * asked the citizen's consent, a condition of its key. A media_url is kept as a line of
 * text for staff and never fetched. A phone that is no Indonesian number (the spec's own
 * example sends 111111111) does not refuse the request: it is kept as given, unverified,
 * for staff to read, and never used to contact anyone.
 */
export function toIntakeInput(req: NewRequest, categoryId: number | null, client: Open311Client, t: Translate): IntakeInput {
  const a = req.attribute;
  const phone = req.phone ? (normalizePhone(req.phone) ?? null) : null;
  const phoneUnverified = req.phone && !phone ? req.phone : null;
  const name = [req.first_name, req.last_name].filter(Boolean).join(' ').trim() || null;
  const body = req.media_url
    ? `${req.description}\n\n${t('open311:created.mediaLine', { client: client.name, url: req.media_url })}`
    : req.description;
  return {
    kind: a.kind,
    title: a.title ?? titleFrom(req.description),
    body,
    categoryId,
    regionCode: req.address_id ?? a.kecamatan,
    address: req.address_string,
    lat: req.lat,
    lng: req.long,
    reporter: { name, email: req.email, phone, phoneUnverified, nik: null },
    anonymous: a.anonymous || name === null,
    confidential: a.confidential,
  };
}

/** The intake names its fields its own way; the client knows the spec's names. */
const SPEC_FIELDS: Record<string, string> = { regionCode: 'address_id', categoryId: 'service_code', title: 'attribute[title]', body: 'description' };

/** The intake's refusal, its fields named as the client sent them. */
export function withSpecFields(err: InputError): InputError {
  const rename = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [SPEC_FIELDS[k] ?? k, v]));
  return new InputError(rename(err.keys), rename(err.values));
}
