import type { Generated } from 'kysely';
import type { DateOnly, Timestamp } from './columns.js';

/** Answer history and templates (migrations 0007, 0008, 0009, 0022). */

export interface AnswerVersionsTable {
  id: Generated<number>;
  message_id: number;
  version: number;
  body: string;
  planned_at: DateOnly | null;
  author_user_id: number | null;
  /** The checker found all four elements in this version (src/answers/check/); null before the checker. */
  elements_complete: boolean | null;
  created_at: Timestamp;
}

export interface AnswerReviewsTable {
  id: Generated<number>;
  message_id: number;
  version: number;
  decision: 'approved' | 'returned' | 'validated' | 'refused';
  comment: string | null;
  reviewer_user_id: number | null;
  /** The checker's warnings the Kepala OPD read and approved despite, by rule; null when none. */
  warnings_acknowledged: string[] | null;
  created_at: Timestamp;
}

export interface AnswerTemplatesTable {
  id: Generated<number>;
  category_id: number | null;
  name: string;
  body: string;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
