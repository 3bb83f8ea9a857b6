/**
 * The dashboard's figures (issue 9), all over the reports submitted in the filter's period
 * (a cohort: a report counts in the period it came in, whatever happened to it since).
 * Durations and verdicts come from report_durations (reports/durations.ts); counts of open and
 * overdue from the report's status and deadlines. DEFINITIONS says the same for readers.
 */
export interface Figures {
  received: number;
  open: number;
  overdue: number;
  /** Reports with a first answer sent, and how many of those were on time. */
  firstResponse: number;
  respondedInTime: number;
  /** Reports whose standing answer was sent; of those with a deadline, how many on time. */
  answered: number;
  answeredWithDeadline: number;
  answeredInTime: number;
  /** answeredInTime / answeredWithDeadline, 0..1; null when nothing was answered. */
  answeredInTimeShare: number | null;
  /** Working days, 2 decimals; null when no report has the duration. */
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  answerMedian: number | null;
  answerP90: number | null;
  rated: number;
  /** Mean of ratings 1-5, 2 decimals. */
  ratingAverage: number | null;
  appealed: number;
  reopened: number;
}

/** One OPD's figures. */
export interface AgencyFigures extends Figures {
  /** null: reports not assigned to an OPD yet (still with the coordinator, or rejected). */
  agencyId: number | null;
  agencyName: string | null;
}
