import type { Db } from '../db/database.js';

/** What the public verification page shows of a letter: nothing about the reporter. */
export function letterByToken(db: Db, token: string) {
  return db
    .selectFrom('answer_letters')
    .select(['number', 'issued_at', 'agency_name', 'signer_name', 'signer_title', 'signer_nip', 'sha256'])
    .where('verify_token', '=', token)
    .executeTakeFirst();
}

/** The letters of a report, newest last, without their bytes: for the tracking page's single statement (tracking/queries.ts). */
export function lettersOfReport(db: Db, reportId: number) {
  return db
    .selectFrom('answer_letters')
    .select(['id', 'number', 'issued_at'])
    .where('report_id', '=', reportId)
    .where('pdf', 'is not', null)
    .orderBy('issued_at')
    .orderBy('id');
}

/** The letters lettersOfReport lists. */
export type ReportLetters = Awaited<ReturnType<ReturnType<typeof lettersOfReport>['execute']>>;

/** One letter's file, only when it belongs to that report (otherwise undefined, like an unknown one). */
export function letterFile(db: Db, reportId: number, letterId: number) {
  return db
    .selectFrom('answer_letters')
    .select(['id', 'number', 'pdf', 'sha256'])
    .where('report_id', '=', reportId)
    .where('id', '=', letterId)
    .where('pdf', 'is not', null)
    .$narrowType<{ pdf: Buffer }>()
    .executeTakeFirst();
}

/** The report's latest letter (the letter of its latest answer); its pdf is null once withdrawn. */
export function latestLetterFile(db: Db, reportId: number) {
  return db
    .selectFrom('answer_letters')
    .select(['id', 'number', 'pdf', 'sha256'])
    .where('report_id', '=', reportId)
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The name of an OPD, for the receipt. */
export async function agencyNameOf(db: Db, agencyId: number): Promise<string | undefined> {
  return (await db.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirst())?.name;
}

/** A report by its tracking code, for a receipt asked for from the thank-you page. */
export function reportByCode(db: Db, code: string) {
  return db.selectFrom('reports').selectAll().where('tracking_code', '=', code).executeTakeFirst();
}
