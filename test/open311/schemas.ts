import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type express from 'express';
import supertest from 'supertest';

/**
 * Every JSON answer of /open311 checked against the GeoReport v2 JSON schemas in
 * ./schemas (see its README for where they come from). ajv in strict mode: a schema
 * that says something ajv does not understand is an error of ours, not a pass.
 */
export type SchemaName =
  | 'discovery'
  | 'services'
  | 'service-definition'
  | 'requests'
  | 'request-created'
  | 'errors';

// ajv-formats is CommonJS: under NodeNext its default import is the module, the plugin its `default`.
const addFormats = addFormatsModule.default;

const dir = new URL('./schemas/', import.meta.url);
// strictRequired off: request-created.json names its one-of-two fields in oneOf branches.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  ajv.addSchema(JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as object);
}

/** One line per error: where in the body, what the schema says, and the value found there. */
function describe(errors: ErrorObject[], body: unknown): string {
  return errors
    .map((e) => {
      const found = e.instancePath.split('/').slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], body);
      return `  ${e.instancePath || '(root)'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}; found ${JSON.stringify(found)}`;
    })
    .join('\n');
}

/** Asserts that a JSON answer is valid under the named GeoReport v2 schema. */
export function expectSchema(body: unknown, name: SchemaName): void {
  const validate = ajv.getSchema(`${name}.json`);
  if (!validate) throw new Error(`no schema ${name}.json in test/open311/schemas`);
  const valid = validate(body);
  expect(valid, `not valid under ${name}.json:\n${describe(validate.errors ?? [], body)}`).to.equal(true);
}

/** The schema an answer is checked against, from its path and status: every JSON answer has one. */
export function schemaFor(path: string, status: number, method = 'GET'): SchemaName {
  if (status >= 400) return 'errors';
  if (/\/discovery\.json/.test(path)) return 'discovery';
  if (/\/services\.json/.test(path)) return 'services';
  if (/\/services\/[^/]+\.json/.test(path)) return 'service-definition';
  if (method === 'POST') return 'request-created';
  return 'requests';
}

/**
 * supertest on the app, with every JSON answer checked against its schema before the
 * test's own expectations: open311(t.app).get(`${V2}/services.json`).expect(200).
 */
export function open311(app: express.Express) {
  const conforms = (method: string, url: string) => (res: supertest.Response) => {
    if (!/^application\/json/.test(res.headers['content-type'] ?? '')) return;
    expectSchema(res.body, schemaFor(url.split('?')[0]!, res.status, method));
  };
  return {
    get: (url: string) => supertest(app).get(url).expect(conforms('GET', url)),
    post: (url: string) => supertest(app).post(url).expect(conforms('POST', url)),
  };
}
