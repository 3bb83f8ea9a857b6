import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_core.js';

/**
 * Migrations in order. A static list rather than a folder scan: it works the same from
 * src/ under tsx and from dist/ after compiling, and a typo fails the type check.
 */
const migrations: Record<string, Migration> = {
  '0001_core': m0001,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
