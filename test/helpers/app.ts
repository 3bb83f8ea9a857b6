import crypto from 'node:crypto';
import type express from 'express';
import supertest from 'supertest';
import { createApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Role } from '../../src/db/schema.js';
import { createLogger } from '../../src/logger.js';
import { prepareDatabase } from '../../src/prepare.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { createTestDatabase, type TestDatabase } from './db.js';

let shared: Promise<TestDatabase> | undefined;

/** The run's database: migrated and loaded with reference data, like a first start. */
export function sharedDatabase(): Promise<TestDatabase> {
  shared ??= (async () => {
    const database = await createTestDatabase();
    await prepareDatabase(database.db);
    return database;
  })();
  return shared;
}

export async function closeSharedDatabase(): Promise<void> {
  if (shared) await (await shared).drop();
  shared = undefined;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    // Many logins from 127.0.0.1 in one run; the limit has a test of its own.
    LOGIN_IP_LIMIT: '10000',
    ...env,
  });
}

export interface TestApp {
  app: express.Express;
  config: Config;
  database: TestDatabase;
}

export async function buildTestApp(env: Record<string, string> = {}, database?: TestDatabase): Promise<TestApp> {
  const config = testConfig(env);
  const db = database ?? (await sharedDatabase());
  const app = createApp({ config, database: db, logger: createLogger('silent') });
  return { app, config, database: db };
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${crypto.randomBytes(4).toString('hex')}@test.patikab.go.id`;
}

/** An agency id of the seeded reference data, by code. */
export async function agencyId(database: TestDatabase, code: string): Promise<number> {
  const row = await database.db.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}

export async function anyAgencyId(database: TestDatabase): Promise<number> {
  const row = await database.db.selectFrom('agencies').select('id').orderBy('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The _csrf value of the first form on a page. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

export interface SignedIn {
  agent: supertest.Agent;
  user: { id: number; email: string; role: Role; agencyId: number | null };
  password: string;
  /** A fresh token for forms, read from a page of the signed-in session. */
  csrf(): Promise<string>;
}

/** Creates a user of that role and signs in through the login form, like a person would. */
export async function loginAs(
  t: TestApp,
  role: Role,
  opts: { agencyId?: number | null; email?: string } = {},
): Promise<SignedIn> {
  const needsAgency = role === 'agency_staff' || role === 'agency_head';
  const agency = opts.agencyId !== undefined ? opts.agencyId : needsAgency ? await anyAgencyId(t.database) : null;
  const email = opts.email ?? uniqueEmail(role);
  const { user, password } = await createUser(t.database.db, { email, name: `Test ${role}`, role, agencyId: agency });
  const agent = supertest.agent(t.app);
  const page = await agent.get('/masuk').expect(200);
  await agent
    .post('/masuk')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email, password })
    .expect(303);
  return {
    agent,
    user: { id: user.id, email: user.email, role: user.role, agencyId: user.agency_id },
    password,
    async csrf() {
      // `/` sends a signed-in person on to their work; their own password page is a page every staff role opens.
      const res = await agent.get('/akun/sandi').expect(200);
      return csrfFrom(res.text);
    },
  };
}
