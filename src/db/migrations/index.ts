import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_core.js';
import * as m0002 from './0002_outbox_delivery.js';

/**
 * Migrations in order. A static list rather than a folder scan: it works the same from
 * src/ under tsx and from dist/ after compiling, and a typo fails the type check.
 */
const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_outbox_delivery': m0002,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
