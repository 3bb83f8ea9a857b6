import { expect } from 'chai';
import type express from 'express';
import supertest from 'supertest';
import { METHODS, type OpenApiDocument, type Operation } from '../../src/api/openapiTypes.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { seeded, submitted } from './helpers.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * The app's routes, read from Express 5's router stack: "METHOD /path" with :params
 * written as OpenAPI {params}. Every capability's router is mounted at the root.
 */
function appRoutes(app: express.Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) out.push(`${method.toUpperCase()} ${path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

function operations(doc: OpenApiDocument): { key: string; path: string; method: (typeof METHODS)[number]; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ key: `${method.toUpperCase()} ${path}`, path, method, op: item[method]! })),
  );
}

describe('API: the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;

  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
    const res = await supertest(t.app).get('/api/v1/openapi.json').expect(200);
    expect(res.headers['content-type']).to.match(/^application\/json/);
    doc = res.body;
  });

  it('is OpenAPI 3.1 with unique operation ids, a success answer for each, and every $ref resolvable', () => {
    expect(doc.openapi).to.equal('3.1.0');
    expect(doc.servers[0]!.url).to.equal(t.config.publicUrl);
    const ops = operations(doc);
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size, 'operationId unique').to.equal(ids.length);
    for (const { key, path, op } of ops) {
      expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), `${key} has a 2xx`).to.equal(true);
      for (const param of path.match(/\{(\w+)\}/g) ?? []) {
        const declared = JSON.stringify(op.parameters ?? []);
        if (param === '{code}') expect(declared, `${key} declares ${param}`).to.contain('#/components/parameters/Code');
        else expect(declared, `${key} declares ${param}`).to.contain(`"name":"${param.slice(1, -1)}","in":"path"`);
      }
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).to.be.greaterThan(30);
    for (const ref of new Set(refs)) {
      const target = ref.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, `#/${ref}`).to.be.an('object');
    }
  });

  it('documents the citizen endpoints with their bodies, the tracking token and the error answers', () => {
    const submit = doc.paths['/api/v1/reports']!.post!;
    expect(submit.requestBody!.content).to.have.all.keys('application/json', 'multipart/form-data');
    expect(submit.responses).to.include.all.keys('200', '201', '413', '415', '422', '429');
    const show = doc.paths['/api/v1/reports/{code}']!.get!;
    expect(JSON.stringify(show.parameters)).to.contain('TrackingToken');
    expect(doc.components.parameters.TrackingToken).to.include({ name: 'X-Tracking-Token', in: 'header', required: true });
    expect(show.responses).to.include.all.keys('200', '404');
    expect(doc.paths['/api/v1/reports/{code}/messages']!.post!.responses).to.include.all.keys('201', '404', '409', '413', '415', '422');
    expect(doc.paths['/api/v1/reports/{code}/resolution']!.post!.responses).to.include.all.keys('200', '404', '409', '422');
    expect(doc.components.schemas.ValidationErrors!.properties).to.have.property('errors');
    expect(doc.components.schemas.Error!.properties).to.have.property('error');
    expect(doc.components.schemas.Submitted!.required).to.have.members(['code', 'displayCode', 'secret', 'status', 'trackingUrl', 'dueAt']);
  });

  it('lists only routes that answer: each documented operation gets one of its documented statuses, never the router 404', async () => {
    const ref = await seeded(t);
    const r = await submitted(t, ref);
    for (const { key, path, method, op } of operations(doc)) {
      const url = path.replace('{code}', r.code);
      let req = supertest(t.app)[method](url).set('X-Tracking-Token', r.secret);
      if (method !== 'get' && method !== 'delete') req = req.send({});
      const res = await req;
      expect(res.status, `${key} answered ${res.status}: ${res.text.slice(0, 200)}`).to.not.equal(404);
      expect(Object.keys(op.responses), `${key} documents ${res.status}`).to.include(String(res.status));
    }
  });

  it('documents every /api/v1 route of the app', () => {
    const documented = new Set(operations(doc).map((o) => o.key));
    const routes = appRoutes(t.app).filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'));
    expect(routes).to.include.members(['POST /api/v1/reports', 'GET /api/v1/reports/{code}', 'GET /api/v1/session']);
    for (const route of routes) expect(documented.has(route), `${route} is in openapi.json`).to.equal(true);
  });
});
