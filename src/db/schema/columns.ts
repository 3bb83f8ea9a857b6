import type { ColumnType } from 'kysely';

/** How column types travel between PostgreSQL and the app (select, insert, update). */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** DATE columns travel as 'YYYY-MM-DD' strings (see the type parser in database.ts). */
export type DateOnly = ColumnType<string, string, string>;
export type Json = ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string | Record<string, unknown>>;
/** NUMERIC columns arrive as strings (exact), and take numbers or strings. */
export type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;
