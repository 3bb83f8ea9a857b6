import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DashboardFilter } from './scope.js';

/**
 * Answer quality per OPD (issue 21, item 7). Unlike the other figures (a cohort of reports
 * submitted in the period), these count the answers *sent* in the period (messages of kind
 * 'answer', sent_at in [from, to)), per OPD that wrote them (messages.agency_id): an answer
 * is the OPD's work whoever holds the report now. Category, kecamatan and channel filter by
 * the answer's report. A report answered twice (re-opened, answered again) counts twice.
 *
 * Each figure is a predicate over one sent answer m, its report r and the version that was
 * sent v (the last version of the answer), used both to count and to list the reports
 * behind it (answersBehind), so a number and its list never disagree.
 */
export const QUALITY_FIGURES = [
  'answersSent',
  'answersComplete',
  'answersIncomplete',
  'answersUnchecked',
  'answersSentBack',
  'answersReopened',
  'answersRated',
] as const;
export type QualityFigure = (typeof QUALITY_FIGURES)[number];

export function isQualityFigure(figure: string): figure is QualityFigure {
  return (QUALITY_FIGURES as readonly string[]).includes(figure);
}

/**
 * The citizen's rating of this answer: a report keeps one rating (a later one replaces it),
 * given while an answer stood (answered or resolved). It rates this answer when given after
 * it was sent and before the report was re-opened after it: an answer stands until
 * re-opened, and only a re-opening leads to the next answer (reports/transitions.ts).
 */
const ratingOfAnswer = sql<number | null>`case when r.rated_at > m.sent_at and (o.reopened_at is null or r.rated_at < o.reopened_at) then r.rating end`;

export function qualityPredicate(figure: QualityFigure): RawBuilder<SqlBool> {
  switch (figure) {
    case 'answersSent':
      return sql<SqlBool>`true`;
    // elements_complete is the draft checker's verdict on the version (answers/check, migration
    // 0022); null: that version was never checked (sent before the checker), not incomplete.
    case 'answersComplete':
      return sql<SqlBool>`v.elements_complete is true`;
    case 'answersIncomplete':
      return sql<SqlBool>`v.elements_complete is false`;
    case 'answersUnchecked':
      return sql<SqlBool>`v.elements_complete is null`;
    case 'answersSentBack':
      return sql<SqlBool>`b.sent_back is not null`;
    case 'answersReopened':
      return sql<SqlBool>`o.reopened_at is not null`;
    case 'answersRated':
      return sql<SqlBool>`${ratingOfAnswer} is not null`;
  }
}

/**
 * The answers sent in the filter's period, each with its report (r) and what is known of it,
 * one index probe each (lateral, so the planner cannot trade a probe per answer for a scan of
 * a whole table): the version that was sent (v), whether a review sent it back (b), and
 * when the citizen first re-opened the report after it (o).
 */
export function sentAnswers(db: Kysely<DB>, filter: DashboardFilter) {
  let q = db
    .selectFrom('messages as m')
    .innerJoin('reports as r', 'r.id', 'm.report_id')
    // The version that was sent: the last one (a head's edit-and-approve adds one).
    .leftJoinLateral(
      (eb) => eb.selectFrom('answer_versions as av').select('av.elements_complete').whereRef('av.message_id', '=', 'm.id').orderBy('av.version', 'desc').limit(1).as('v'),
      (join) => join.onTrue(),
    )
    // Returned by the Kepala OPD or refused by the coordinator, at least once, before it went out.
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('answer_reviews as ar')
          .select(sql<true>`true`.as('sent_back'))
          .whereRef('ar.message_id', '=', 'm.id')
          .where('ar.decision', 'in', ['returned', 'refused'])
          .limit(1)
          .as('b'),
      (join) => join.onTrue(),
    )
    // A reply or an appeal of the citizen after this answer (the first one re-opened it).
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('report_events as e')
          .select(sql<Date | null>`min(e.created_at)`.as('reopened_at'))
          .whereRef('e.report_id', '=', 'm.report_id')
          .where('e.type', 'in', ['reopen', 'appeal'])
          .whereRef('e.created_at', '>', 'm.sent_at')
          .as('o'),
      (join) => join.onTrue(),
    )
    // Said as the index messages_sent_answers_idx says it (migration 0026).
    .where('m.kind', '=', 'answer')
    .where('m.sent_at', 'is not', null)
    .where('m.sent_at', '>=', filter.from)
    .where('m.sent_at', '<', filter.to);
  if (filter.agencyId === null) q = q.where('m.agency_id', 'is', null);
  else if (filter.agencyId !== undefined) q = q.where('m.agency_id', '=', filter.agencyId);
  if (filter.categoryId !== undefined) q = q.where('r.category_id', '=', filter.categoryId);
  if (filter.channel !== undefined) q = q.where('r.channel', '=', filter.channel);
  if (filter.kecamatan !== undefined) {
    const k = filter.kecamatan;
    q = q.where((eb) => eb.or([eb('r.region_code', '=', k), eb('r.region_code', 'like', `${k}.%`)]));
  }
  return q;
}

export interface QualityFigures {
  /** The OPD that wrote the answers; null: answers with no OPD recorded. */
  agencyId: number | null;
  agencyName: string | null;
  sent: number;
  /** Of the answers the checker looked at, those with all four elements, and the rest. */
  complete: number;
  incomplete: number;
  /** Sent without a checker's verdict (before the checker existed). */
  unchecked: number;
  /** complete / (complete + incomplete), 0..1; null when none was checked. */
  completeShare: number | null;
  sentBack: number;
  /** sentBack / sent. */
  sentBackShare: number | null;
  reopened: number;
  /** reopened / sent. */
  reopenedShare: number | null;
  rated: number;
  /** Mean of the 1-5 ratings of these answers, 2 decimals. */
  ratingAverage: number | null;
}

/** The counts kept per OPD: the columns of dashboard_quality_counts (migration 0026), and their figures. */
export const QUALITY_COUNTS = {
  sent: 'answersSent',
  complete: 'answersComplete',
  incomplete: 'answersIncomplete',
  unchecked: 'answersUnchecked',
  sent_back: 'answersSentBack',
  reopened: 'answersReopened',
  rated: 'answersRated',
} as const satisfies Record<string, QualityFigure>;
export type QualityCounts = Record<keyof typeof QUALITY_COUNTS | 'rating_sum', number>;

/** The summaries' key of an OPD: its id as text, '' for none. */
export const QUALITY_KEY = sql<string>`coalesce(m.agency_id::text, '')`;

/** The counts of the answers sent in the filter, per OPD (key), read from the answers themselves. */
export function qualityCountsQuery(db: Kysely<DB>, filter: DashboardFilter) {
  return sentAnswers(db, filter)
    .select([
      QUALITY_KEY.as('key'),
      ...Object.entries(QUALITY_COUNTS).map(([column, f]) => sql<string>`count(*) filter (where ${qualityPredicate(f)})`.as(column)),
      sql<string>`coalesce(sum(${ratingOfAnswer}), 0)`.as('rating_sum'),
    ])
    .groupBy(sql`1`);
}

const share = (n: number, of: number) => (of ? n / of : null);

/** One OPD's figures from its counts. */
export function qualityOf(agencyId: number | null, agencyName: string | null, c: QualityCounts): QualityFigures {
  return {
    agencyId,
    agencyName,
    sent: c.sent,
    complete: c.complete,
    incomplete: c.incomplete,
    unchecked: c.unchecked,
    completeShare: share(c.complete, c.complete + c.incomplete),
    sentBack: c.sent_back,
    sentBackShare: share(c.sent_back, c.sent),
    reopened: c.reopened,
    reopenedShare: share(c.reopened, c.sent),
    rated: c.rated,
    ratingAverage: c.rated ? Math.round((c.rating_sum / c.rated) * 100) / 100 : null,
  };
}

/**
 * The answers a quality figure counts, with their reports, as a query to page through (add
 * .limit/.offset): the same rows and predicate as the count, in order of sending.
 */
export function answersBehind(db: Kysely<DB>, filter: DashboardFilter, figure: QualityFigure) {
  return sentAnswers(db, filter)
    .leftJoin('agencies as a', 'a.id', 'm.agency_id')
    .select([
      'm.id as message_id', 'm.sent_at', 'a.name as agency_name',
      'r.id', 'r.tracking_code', 'r.title', 'r.status',
      'v.elements_complete',
      ratingOfAnswer.as('rating'),
    ])
    .where(qualityPredicate(figure))
    .orderBy('m.sent_at')
    .orderBy('m.id');
}
