import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { formatCode } from '../reports/tracking.js';
import { formatDateLong } from '../shared/format.js';
import type { Locale, Translate } from '../shared/i18n.js';
import type { StaffAction } from './policy.js';
import { agencyName, reportCodeById, userName } from './queries.js';

/**
 * What an action did, in words, for the notice after it ("Diteruskan ke DPUPR.",
 * "Digabung dengan ABCD-2345."), read from the report as the command left it.
 */
export async function describeOutcome(
  db: Db,
  action: StaffAction,
  before: Report,
  after: Report,
  t: Translate,
  locale: Locale,
): Promise<string> {
  switch (action) {
    case 'forward':
      return t('triage:done.forward', { agency: after.assigned_agency_id ? await agencyName(db, after.assigned_agency_id) : '' });
    case 'merge': {
      const code = after.merged_into_id ? await reportCodeById(db, after.merged_into_id) : undefined;
      return t('triage:done.merge', { code: code ? formatCode(code) : '' });
    }
    case 'update':
      return t(before.title === after.title && before.category_id === after.category_id ? 'triage:done.unchanged' : 'triage:done.update');
    case 'extend':
      return t('triage:done.extend', { date: after.response_due_at ? formatDateLong(after.response_due_at, locale) : '' });
    case 'take':
      return t('triage:done.take');
    case 'assign':
      return t('triage:done.assign', { name: after.assigned_user_id ? await userName(db, after.assigned_user_id) : '' });
    default:
      return t(`triage:done.${action}`);
  }
}
