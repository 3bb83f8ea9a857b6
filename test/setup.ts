import '../src/messages.js';
import { closeSharedDatabase } from './helpers/app.js';
import { dropTestTemplates } from './helpers/db.js';

/**
 * Root hooks: one database per test run (created on first use, dropped at the end).
 * Tests build their own rows; none depends on another's.
 */
export const mochaHooks = {
  async afterAll() {
    await closeSharedDatabase();
    await dropTestTemplates();
  },
};
