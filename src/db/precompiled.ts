import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import { runPrepared } from './prepared.js';
import type { DB } from './schema.js';

/** Stands where a value goes while the query is built once; replaced by the value on every run. */
class Slot {
  constructor(readonly name: string) {}
}

interface Compiled {
  sql: string;
  /** For each parameter of the SQL: the name of the value that goes there, or a constant of the query. */
  parameters: ({ slot: string } | { value: unknown })[];
}

/**
 * A hot query built and compiled once, then run with new values: kysely builds an
 * immutable tree of frozen nodes and compiles it to SQL on every call, which under load
 * was about a tenth of the app's CPU on the busiest requests (the tracking page's one
 * statement, the intake's). `build` gets, instead of values, stand-ins for them (`p.id`),
 * which kysely passes through as parameters; the SQL it compiles is kept, and each run
 * puts the real values where the stand-ins were.
 *
 * Only for queries whose shape does not depend on the values: a value may only ever be
 * a parameter (compared, inserted, returned), never decide a branch of `build` (an `if`,
 * an `in` list's length, an `is null`). A query of several shapes names the one it needs
 * (`shape`, given to `build` too: the columns of an insert, say), and each is compiled once.
 *
 * `prepared`: PostgreSQL keeps the statement too, parsed and planned once per connection
 * (db/prepared.ts). For reads whose plan does not depend on the values (a row by its key,
 * the tracking page's one statement): measured where it pays (issue 25), not everywhere.
 */
export function precompiled<P extends object, O>(build: (db: Kysely<DB>, p: P, shape: string) => Compilable<O>, options: { prepared?: boolean } = {}) {
  const shapes = new Map<string, Compiled>();
  return {
    compile(db: Kysely<DB>, values: P, shape = ''): CompiledQuery<O> {
      let compiled = shapes.get(shape);
      if (!compiled) {
        const slots = new Proxy({} as P, { get: (_t, name) => new Slot(String(name)) });
        const query = build(db, slots, shape).compile();
        compiled = {
          sql: query.sql,
          parameters: query.parameters.map((v) => (v instanceof Slot ? { slot: v.name } : { value: v })),
        };
        shapes.set(shape, compiled);
        if (options.prepared) runPrepared(compiled.sql);
      }
      const record = values as Record<string, unknown>;
      const parameters = compiled.parameters.map((p) => ('slot' in p ? record[p.slot] : p.value));
      return CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<O>;
    },
    async execute(db: Kysely<DB>, values: P, shape = ''): Promise<O[]> {
      return (await db.executeQuery(this.compile(db, values, shape))).rows;
    },
  };
}
