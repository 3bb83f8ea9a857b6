import type { Db } from '../db/database.js';
import type { SlaAlertKind, SlaAlertStage } from '../db/schema.js';

export interface Recipient {
  id: number;
  email: string;
  locale: 'id' | 'en';
}

interface AlertTarget {
  stage: SlaAlertStage;
  kind: SlaAlertKind;
  assigned_agency_id: number | null;
  assigned_user_id: number | null;
}

function active(db: Db) {
  return db.selectFrom('users').select(['id', 'email', 'locale']).where('active', '=', true).orderBy('id');
}

function shape(rows: { id: number; email: string; locale: 'id' | 'en' | null }[]): Recipient[] {
  return rows.map((r) => ({ id: r.id, email: r.email, locale: r.locale ?? 'id' }));
}

/**
 * Who gets an alert (DESIGN.md section 5):
 *   reminder   - the assignee, else the OPD's active agency_staff (verification: coordinators);
 *   breach     - the agency_head(s) of the assigned OPD (verification: coordinators);
 *   escalation - every leader.
 */
export async function alertRecipients(db: Db, target: AlertTarget): Promise<Recipient[]> {
  if (target.kind === 'escalation') return shape(await active(db).where('role', '=', 'leader').execute());
  if (target.stage === 'verify' || !target.assigned_agency_id) {
    return shape(await active(db).where('role', '=', 'coordinator').execute());
  }
  if (target.kind === 'reminder') {
    if (target.assigned_user_id) {
      const assignee = await active(db).where('id', '=', target.assigned_user_id).execute();
      if (assignee.length) return shape(assignee);
    }
    return shape(
      await active(db).where('role', '=', 'agency_staff').where('agency_id', '=', target.assigned_agency_id).execute(),
    );
  }
  return shape(await active(db).where('role', '=', 'agency_head').where('agency_id', '=', target.assigned_agency_id).execute());
}
