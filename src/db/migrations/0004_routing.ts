import { type Kysely, sql } from 'kysely';

/**
 * Routing rules (issue 5, "Routing"): a category, optionally narrowed to one kecamatan,
 * goes to an OPD. No rows are seeded: a category's default_agency_id is the fallback rule.
 *
 * Uniqueness of (category, region) must treat "any region" (NULL) as one value; NULLS NOT
 * DISTINCT exists only from PostgreSQL 15 on and reads oddly, so the unique index is on
 * coalesce(region_code, ''), which PostgreSQL 15 and 18 (PGlite) both run.
 *
 * Also partial indexes over open reports only, for the possible-duplicates search: its
 * cost then grows with the open backlog, not with every report ever filed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table routing_rules (
      id          integer generated always as identity primary key,
      category_id integer not null references categories(id),
      -- A kecamatan code (33.18.01); NULL: the category anywhere in the regency.
      region_code text references regions(code) check (region_code ~ '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$'),
      agency_id   integer not null references agencies(id),
      note        text check (length(note) <= 500),
      active      boolean not null default true,
      created_at  timestamptz not null default now(),
      updated_at  timestamptz not null default now()
    );
    create unique index routing_rules_category_region_key
      on routing_rules (category_id, coalesce(region_code, ''));
    create index routing_rules_agency_idx on routing_rules (agency_id);

    create index reports_open_title_trgm_idx on reports using gin (title gin_trgm_ops)
      where status not in ('resolved', 'rejected', 'merged');
    create index reports_open_search_idx on reports using gin (search_vector)
      where status not in ('resolved', 'rejected', 'merged');
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop index if exists reports_open_search_idx, reports_open_title_trgm_idx;
    drop table if exists routing_rules;
  `).execute(db);
}
