import { expect } from 'chai';
import supertest from 'supertest';
import type { Role } from '../../src/db/schema.js';
import { seedDemo } from '../../src/demo/index.js';
import { prepareDatabase } from '../../src/prepare.js';
import { buildTestApp, csrfFrom, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * Every link a page shows must be one its viewer may follow (issue 19). For every role
 * (and a visitor), start where the role lands, follow every link of this site that the
 * pages show, submit no form, and find none that answers 403, 404 or 500, and no page
 * that shows a message key instead of its text, in Bahasa Indonesia and in English. A
 * database of its own, with demo data, so every kind of page has something on it.
 */
const ROLES: (Role | 'visitor')[] = ['visitor', 'coordinator', 'agency_staff', 'agency_head', 'leader', 'admin'];

/** Pages per role at most, and links per path shape: filters and pages of one list are one shape. */
const MAX_PAGES = 260;
const MAX_PER_SHAPE = 4;

/** A path with its codes and ids made generic: /staf/laporan/ABCD2345 and /staf/laporan/WXYZ6789 are one shape. */
function shape(url: URL): string {
  const path = url.pathname
    .split('/')
    .map((part) => (/^\d+$/.test(part) ? ':id' : /^[2-9A-HJ-NP-Z]{8}$/.test(part) ? ':code' : part))
    .join('/');
  return `${path}?${[...url.searchParams.keys()].sort().join('&')}`;
}

/** Links of this site on a page; downloads and feeds are followed too, static files are not. */
function links(html: string, from: string): URL[] {
  const out: URL[] = [];
  for (const m of html.matchAll(/<a\b[^>]*\shref="([^"#]+)/g)) {
    const href = m[1]!.replace(/&amp;/g, '&');
    const url = new URL(href, `http://app${from}`);
    if (url.host !== 'app' || url.pathname.startsWith('/static/') || url.pathname.startsWith('/socket.io')) continue;
    out.push(url);
  }
  return out;
}

/** What a message key looks like when a template or handler printed one untranslated: "triage:page.done". */
const RAW_KEY = /(?<![\w/.@-])(?:web|reports|account|users|notify|attachments|intake|tracking|triage|answers|api|sla|routing|mailin|open311|publication|portal|dashboard|auditlog|privacy|health):[a-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+/;

describe('crawling every page each role can reach', function () {
  this.timeout(10 * 60_000);
  let database: TestDatabase;
  let t: TestApp;
  const passwords = new Map<string, { email: string; password: string }>();

  before(async () => {
    database = await createTestDatabase({ migrate: false });
    await prepareDatabase(database.db);
    const demo = await seedDemo(database.db, { reports: 60, now: new Date() });
    for (const u of demo.users) if (!passwords.has(u.role)) passwords.set(u.role, { email: u.email, password: u.password });
    t = await buildTestApp({}, database);
  });
  after(() => database.drop());

  for (const [role, lang] of ROLES.flatMap((r) => [[r, 'id'], [r, 'en']] as const)) {
    it(`${role} (${lang}): every link followed answers, in words`, async () => {
      const agent = supertest.agent(t.app);
      if (role !== 'visitor') {
        const account = passwords.get(role);
        expect(account, `a demo ${role}`).to.not.equal(undefined);
        const page = await agent.get('/masuk').expect(200);
        await agent.post('/masuk').type('form').send({ _csrf: csrfFrom(page.text), email: account!.email, password: account!.password }).expect(303);
      }
      // The English pages too, chosen with the footer's switch as a person would: a key missing there shows as the key.
      if (lang === 'en') {
        const page = await agent.get('/').redirects(5);
        const token = /action="\/bahasa"[\s\S]*?name="_csrf" value="([^"]*)"/.exec(page.text)?.[1] ?? '';
        await agent.post('/bahasa').set('Sec-Fetch-Site', 'same-origin').type('form').send({ _csrf: token, lang: 'en', next: '/' }).expect(303);
      }
      const seen = new Set<string>();
      const shapes = new Map<string, number>();
      const queue: { url: string; from: string }[] = [{ url: '/', from: '(start)' }];
      const problems: string[] = [];
      let visited = 0;
      while (queue.length && visited < MAX_PAGES) {
        const { url, from } = queue.shift()!;
        if (seen.has(url)) continue;
        seen.add(url);
        visited += 1;
        const res = await agent.get(url).redirects(5);
        if (res.status === 403 || res.status === 404 || res.status >= 500) {
          problems.push(`${res.status} ${url} (linked from ${from})`);
          continue;
        }
        const type = String(res.headers['content-type'] ?? '');
        if (!type.startsWith('text/html')) continue;
        if (!res.text.includes(`<html lang="${lang}"`)) problems.push(`${url} is not in ${lang}`);
        const key = RAW_KEY.exec(res.text.replace(/<script[\s\S]*?<\/script>/g, ''));
        if (key) problems.push(`untranslated "${key[0]}" on ${url}`);
        for (const next of links(res.text, url)) {
          const target = next.pathname + next.search;
          if (seen.has(target)) continue;
          const s = shape(next);
          const count = shapes.get(s) ?? 0;
          if (count >= MAX_PER_SHAPE) continue;
          shapes.set(s, count + 1);
          queue.push({ url: target, from: url });
        }
      }
      expect(problems, problems.join('\n')).to.deep.equal([]);
      // A crawl that found nothing would prove nothing.
      expect(visited, 'pages visited').to.be.greaterThan(role === 'visitor' ? 5 : 8);
    });
  }
});
