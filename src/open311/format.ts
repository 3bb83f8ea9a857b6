import type { Request, Response } from 'express';

/**
 * GeoReport v2 answers in the format named by the resource's extension: /services.xml
 * or /services.json. XML is the spec's required format; JSON is the same tree.
 *
 * The XML is written here rather than by a library: the spec's documents are plain
 * nested elements with text, and the one rule that matters (escape every value, drop
 * the characters XML 1.0 cannot carry) fits in a few lines.
 */
export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export function isFormat(value: unknown): value is Format {
  return typeof value === 'string' && (FORMATS as readonly string[]).includes(value);
}

/** The format of a request, from the path: errors raised anywhere on a .xml resource are XML. */
export function formatOf(req: Request): Format {
  return /\.xml$/i.test(req.path) ? 'xml' : 'json';
}

export type XmlValue = string | number | boolean | null | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

/**
 * A list under a key becomes a wrapper element holding one element per item, named as
 * the spec names them: <attributes><attribute>…</attribute></attributes>.
 */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

// Characters XML 1.0 cannot carry, even escaped (most C0 controls, lone surrogates, U+FFFE/F).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: XmlValue): string {
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name];
    if (!item) throw new Error(`no XML item name for list "${name}"`);
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document: the declaration the spec asks for, then the root element. */
export function toXml(root: string, body: XmlValue): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, body)}\n`;
}

/**
 * Sends one answer. `root` is the XML root element (services, service_requests,
 * discovery, service_definition, errors); JSON sends `body` as it is.
 */
export function sendDocument(res: Response, format: Format, root: string, body: XmlValue, status = 200): void {
  res.status(status).type(CONTENT_TYPES[format]);
  res.send(format === 'xml' ? toXml(root, body) : JSON.stringify(body));
}

/**
 * ISO 8601 with the offset of Asia/Jakarta (+07:00, no daylight saving): the spec wants
 * a timezone on every datetime, and the jurisdiction's own clock reads best.
 */
export function isoJakarta(date: Date | null | undefined): string | null {
  if (!date) return null;
  const shifted = new Date(date.getTime() + 7 * 3_600_000);
  return `${shifted.toISOString().slice(0, 19)}+07:00`;
}
