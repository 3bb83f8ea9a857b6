import { expect } from 'chai';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The GeoReport v2 documents, written from the spec (http://wiki.open311.org/GeoReport_v2)
 * and not from our code: each field the spec lists, in the spec's order, with its type.
 * `?` after a type: the field may be null (JSON) or empty (XML).
 */
type FieldType = 'string[]' | 'string' | 'string?' | 'number' | 'boolean' | 'datetime' | 'datetime?' | 'url?' | 'null' | Shape | [Shape];
export interface Shape {
  [field: string]: FieldType;
}

export const DISCOVERY: Shape = {
  changeset: 'datetime',
  contact: 'string',
  key_service: 'string',
  endpoints: [{ specification: 'string', url: 'string', changeset: 'datetime', type: 'string', formats: 'string[]' }],
};

export const SERVICE: Shape = {
  service_code: 'string',
  service_name: 'string',
  description: 'string?',
  metadata: 'boolean',
  type: 'string',
  keywords: 'string?',
  group: 'string?',
};

export const VALUE: Shape = { key: 'string', name: 'string' };
export const ATTRIBUTE: Shape = {
  variable: 'boolean',
  code: 'string',
  datatype: 'string',
  required: 'boolean',
  datatype_description: 'string?',
  order: 'number',
  description: 'string',
};
export const DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'];

/** GET requests and GET requests/{id}: one element each. */
export const SERVICE_REQUEST: Shape = {
  service_request_id: 'string',
  status: 'string',
  status_notes: 'string?',
  service_name: 'string?',
  service_code: 'string?',
  description: 'string?',
  agency_responsible: 'string?',
  service_notice: 'string?',
  requested_datetime: 'datetime',
  updated_datetime: 'datetime?',
  expected_datetime: 'datetime?',
  address: 'string?',
  address_id: 'string?',
  zipcode: 'string?',
  lat: 'null',
  long: 'null',
  media_url: 'url?',
};

/** POST requests: service_request_id (or a token, which we never issue). */
export const CREATED: Shape = { service_request_id: 'string', service_notice: 'string?', account_id: 'string?' };

export const ERROR: Shape = { code: 'number', description: 'string' };

// ISO 8601 with a timezone (Z or ±HH:MM), as the spec requires of every datetime.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A JSON value against a shape: every field present, no field the spec does not name. */
export function expectJson(value: unknown, shape: Shape, where = '$'): void {
  expect(value, where).to.be.an('object');
  const obj = value as Record<string, unknown>;
  expect(Object.keys(obj), `${where} fields`).to.have.members(Object.keys(shape));
  for (const [field, type] of Object.entries(shape)) {
    const v = obj[field];
    const at = `${where}.${field}`;
    if (Array.isArray(type)) {
      expect(v, at).to.be.an('array');
      (v as unknown[]).forEach((item, i) => expectJson(item, type[0]!, `${at}[${i}]`));
      continue;
    }
    if (typeof type === 'object') {
      expectJson(v, type, at);
      continue;
    }
    if (type === 'string[]') {
      expect(v, at).to.be.an('array').with.length.above(0);
      for (const s of v as unknown[]) expect(s, at).to.be.a('string');
      continue;
    }
    const nullable = type.endsWith('?');
    if (nullable && v === null) continue;
    const base = type.replace('?', '');
    if (base === 'null') expect(v, at).to.equal(null);
    else if (base === 'datetime') expect(v, at).to.be.a('string').and.match(ISO);
    else if (base === 'url') expect(v, at).to.be.a('string').and.match(/^https?:\/\//);
    else expect(v, at).to.be.a(base);
  }
}

const LIST_ITEMS = ['service', 'request', 'attribute', 'value', 'endpoint', 'format', 'error'];

/**
 * A parsed XML document: the tests walk it freely (doc.services.service[0]), and
 * expectXml checks each element against the spec's shape.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type XmlDoc = Record<string, any>;

/** Parses an XML answer after checking it is well-formed and declared UTF-8. */
export function parseXml(text: string): XmlDoc {
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), 'XML declaration with UTF-8').to.equal(true);
  const valid = XMLValidator.validate(text);
  expect(valid, JSON.stringify(valid)).to.equal(true);
  return new XMLParser({
    ignoreDeclaration: true,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => LIST_ITEMS.includes(name),
  }).parse(text) as XmlDoc;
}

/**
 * An XML element against a shape: exactly the spec's child elements. Text is all XML
 * has: booleans read "true"/"false", numbers digits, null an empty element.
 */
export function expectXml(element: unknown, shape: Shape, where = 'xml'): void {
  expect(element, where).to.be.an('object');
  const el = element as Record<string, unknown>;
  expect(Object.keys(el), `${where} elements`).to.have.members(Object.keys(shape));
  for (const [name, type] of Object.entries(shape)) {
    const v = el[name];
    const at = `${where}/${name}`;
    if (Array.isArray(type)) {
      const wrapper = v as Record<string, unknown[]>;
      const item = Object.keys(wrapper)[0]!;
      expect(LIST_ITEMS, `${at} item name`).to.include(item);
      wrapper[item]!.forEach((x, i) => expectXml(x, type[0]!, `${at}/${item}[${i}]`));
      continue;
    }
    if (typeof type === 'object') {
      expectXml(v, type, at);
      continue;
    }
    if (type === 'string[]') {
      const wrapper = v as Record<string, unknown[]>;
      expect(Object.keys(wrapper), `${at} items`).to.deep.equal([name.replace(/s$/, '')]);
      continue;
    }
    const text = v === '' || v === undefined ? '' : String(v);
    const base = type.replace('?', '');
    if (type.endsWith('?') && text === '') continue;
    if (base === 'null') expect(text, at).to.equal('');
    else if (base === 'boolean') expect(text, at).to.be.oneOf(['true', 'false']);
    else if (base === 'number') expect(text, at).to.match(/^-?\d+(\.\d+)?$/);
    else if (base === 'datetime') expect(text, at).to.match(ISO);
    else if (base === 'url') expect(text, at).to.match(/^https?:\/\//);
    else expect(text.length, `${at} not empty`).to.be.greaterThan(0);
  }
}
