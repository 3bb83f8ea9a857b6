import type { Generated } from 'kysely';
import type { DateOnly, Timestamp } from './columns.js';

/** Answer history and templates (migrations 0007, 0008, 0009). */

export interface AnswerVersionsTable {
  id: Generated<number>;
  message_id: number;
  version: number;
  body: string;
  planned_at: DateOnly | null;
  author_user_id: number | null;
  created_at: Timestamp;
}

export interface AnswerReviewsTable {
  id: Generated<number>;
  message_id: number;
  version: number;
  decision: 'approved' | 'returned' | 'validated' | 'refused';
  comment: string | null;
  reviewer_user_id: number | null;
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
