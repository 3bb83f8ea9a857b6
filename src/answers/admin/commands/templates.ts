import { sql } from 'kysely';
import { audited } from '../../../audit/commands/recordAudit.js';
import type { Db } from '../../../db/database.js';
import { InputError } from '../../../shared/errors.js';
import { unknownPlaceholders } from '../../placeholders.js';
import type { TemplateInput } from '../schema.js';

/** What the schema cannot see: placeholders we do not fill, a category that does not exist (422). */
async function checkInput(db: Db, input: TemplateInput): Promise<void> {
  const unknown = unknownPlaceholders(input.body);
  if (unknown.length > 0) {
    throw new InputError({ body: 'answers:admin.errors.placeholder' }, { body: { names: unknown.map((k) => `{${k}}`).join(', ') } });
  }
  if (input.categoryId !== null) {
    const category = await db.selectFrom('categories').select('id').where('id', '=', input.categoryId).executeTakeFirst();
    if (!category) throw new InputError({ categoryId: 'answers:admin.errors.category' });
  }
}

/** A new answer template; returns its id. Audited. */
export async function createTemplate(db: Db, input: TemplateInput): Promise<number> {
  await checkInput(db, input);
  const row = await audited(db, (trx) => trx
    .insertInto('answer_templates')
    .values({ name: input.name, category_id: input.categoryId, body: input.body, sort_order: input.sortOrder })
    .returning('id')
    .executeTakeFirstOrThrow(),
    (r) => ({ action: 'template_create', target: { type: 'answer_template', id: r.id }, details: { name: input.name } }));
  return row.id;
}

/** Saves over a template; false when there is no such template. Audited. */
export async function updateTemplate(db: Db, id: number, input: TemplateInput): Promise<boolean> {
  await checkInput(db, input);
  const row = await audited(db, (trx) => trx
    .updateTable('answer_templates')
    .set({ name: input.name, category_id: input.categoryId, body: input.body, sort_order: input.sortOrder, updated_at: sql`now()` })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst(),
    (r) => (r ? { action: 'template_update', target: { type: 'answer_template', id }, details: { name: input.name } } : null));
  return Boolean(row);
}

/**
 * Templates are switched off, not deleted: a draft started from one keeps its own text,
 * and an admin can bring a template back.
 */
export async function setTemplateActive(db: Db, id: number, active: boolean): Promise<boolean> {
  const row = await audited(db, (trx) => trx.updateTable('answer_templates').set({ active, updated_at: sql`now()` }).where('id', '=', id).returning('id').executeTakeFirst(),
    (r) => (r ? { action: active ? 'template_activate' : 'template_deactivate', target: { type: 'answer_template', id } } : null));
  return Boolean(row);
}
