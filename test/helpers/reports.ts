import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';
import type { ReportStatus } from '../../src/db/schema.js';
import { submitReport } from '../../src/intake/commands/submitReport.js';
import type { IntakeInput } from '../../src/intake/schema.js';
import { transition } from '../../src/reports/commands/transition.js';
import type { TestApp } from './app.js';

let counter = 0;

/** A valid report as the intake service takes it; override what the test is about. */
export function reportInput(overrides: Partial<IntakeInput> = {}): IntakeInput {
  counter++;
  return {
    kind: 'pengaduan',
    title: `Jalan berlubang di Desa Sambiroto ${counter}`,
    body: 'Jalan desa berlubang besar di depan balai desa sejak dua minggu, membahayakan pengendara motor.',
    categoryId: null,
    regionCode: null,
    address: null,
    lat: null,
    lng: null,
    reporter: { name: 'Sri Wahyuni', email: null, phone: null, nik: null },
    anonymous: false,
    confidential: false,
    ...overrides,
  };
}

/** A report made through the real intake service; returns it with its secret. */
export async function buildReport(t: TestApp, overrides: Partial<IntakeInput> = {}) {
  return submitReport(t.database.db, t.config, { input: reportInput(overrides), channel: 'web', locale: 'id' });
}

/**
 * Moves a report along the lifecycle as staff would (later issues give staff the pages
 * for this), through the one state machine. `answered` also stores a sent answer.
 */
export async function advanceTo(db: Db, reportId: number, target: ReportStatus, answer = 'Jalan sudah ditambal pada 20 November.') {
  const staff = { kind: 'staff' as const };
  const agency = await db.selectFrom('agencies').select('id').where('code', '=', 'dpupr').executeTakeFirstOrThrow();
  const path: Record<string, () => Promise<unknown>> = {
    assigned: () =>
      transition(db, {
        reportId, action: 'verify', actor: staff, visibility: 'public',
        set: { assigned_agency_id: agency.id, verified_at: sql`now()`, assigned_at: sql`now()`, response_due_at: sql`now() + interval '7 days'` },
      }),
    in_progress: () => transition(db, { reportId, action: 'acknowledge', actor: { kind: 'staff', agencyId: agency.id }, visibility: 'public' }),
    awaiting_approval: () => transition(db, { reportId, action: 'submit_draft', actor: staff, visibility: 'internal' }),
    answered: async () => {
      await db
        .insertInto('messages')
        .values({
          report_id: reportId, kind: 'answer', author_kind: 'staff', body: answer, visibility: 'public',
          answer_status: 'sent', sent_at: sql`now()`, agency_id: agency.id,
        })
        .execute();
      await transition(db, {
        reportId, action: 'approve', actor: { kind: 'staff', agencyId: agency.id }, visibility: 'public',
        set: { answered_at: sql`now()`, close_due_at: sql`now() + interval '14 days'` },
      });
    },
  };
  const order: ReportStatus[] = ['assigned', 'in_progress', 'awaiting_approval', 'answered'];
  const current = (await db.selectFrom('reports').select('status').where('id', '=', reportId).executeTakeFirstOrThrow()).status;
  for (const step of order.slice(order.indexOf(current as ReportStatus) + 1, order.indexOf(target) + 1)) await path[step]!();
}
