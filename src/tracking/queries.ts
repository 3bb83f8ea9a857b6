import type { Db } from '../db/database.js';

/** Everything the citizen may see of their report: public events and public messages. */
export async function citizenTimeline(db: Db, reportId: number) {
  const [events, messages, attachments] = await Promise.all([
    db
      .selectFrom('report_events')
      .leftJoin('agencies', 'agencies.id', 'report_events.agency_id')
      .select([
        'report_events.id', 'report_events.type', 'report_events.to_status', 'report_events.reason',
        'report_events.actor_kind', 'report_events.created_at', 'agencies.name as agency_name',
      ])
      .where('report_events.report_id', '=', reportId)
      .where('report_events.visibility', '=', 'public')
      .orderBy('report_events.created_at')
      .orderBy('report_events.id')
      .execute(),
    db
      .selectFrom('messages')
      .leftJoin('agencies', 'agencies.id', 'messages.agency_id')
      .select([
        'messages.id', 'messages.kind', 'messages.body', 'messages.author_kind', 'messages.planned_at',
        'messages.created_at', 'messages.sent_at', 'agencies.name as agency_name',
      ])
      .where('messages.report_id', '=', reportId)
      .where('messages.visibility', '=', 'public')
      // An answer reaches the citizen only once it is sent.
      .where((eb) => eb.or([eb('messages.kind', '<>', 'answer'), eb('messages.answer_status', '=', 'sent')]))
      .orderBy('messages.created_at')
      .execute(),
    db
      .selectFrom('attachments')
      .select(['id', 'message_id', 'original_name', 'mime_type', 'size_bytes'])
      .where('report_id', '=', reportId)
      .orderBy('id')
      .execute(),
  ]);
  return { events, messages, attachments };
}

export async function reportContext(db: Db, report: { category_id: number | null; region_code: string | null; assigned_agency_id: number | null }) {
  const [category, region, agency] = await Promise.all([
    report.category_id
      ? db.selectFrom('categories').select(['name', 'name_en']).where('id', '=', report.category_id).executeTakeFirst()
      : undefined,
    report.region_code
      ? db
          .selectFrom('regions as r')
          .leftJoin('regions as p', 'p.code', 'r.parent_code')
          .select(['r.name', 'r.level', 'p.name as parent_name'])
          .where('r.code', '=', report.region_code)
          .executeTakeFirst()
      : undefined,
    report.assigned_agency_id
      ? db.selectFrom('agencies').select('name').where('id', '=', report.assigned_agency_id).executeTakeFirst()
      : undefined,
  ]);
  return { category, region, agency };
}
