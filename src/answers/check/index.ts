import type { AnswerCheckSettings } from '../../settings/answerCheck.js';
import { type Blank, findBlanks } from '../blanks.js';
import { type Elements, findElements } from './elements.js';
import { bureaucraticPhrases, longSentences, undefinedAbbreviations } from './language.js';
import { greets, sharedKeywords } from './relevance.js';
import { words } from './text.js';

export { elementsComplete, type Elements } from './elements.js';

/**
 * The draft checker (issue 21, item 1): what a good explanation holds, checked on the
 * server with plain rules, for staff as they write, the Kepala OPD at approval and the
 * coordinator at validation. Every rule answers, passed or not, in this order:
 *
 *  blanks         template blanks left (blanks.ts): blocking, always;
 *  finding, reason, action, contact
 *                 the four elements (elements.ts): a warning each when missing;
 *  length, longSentences, abbreviations, phrases
 *                 plain language (language.ts): warnings;
 *  greeting, relevance
 *                 greets the citizen, and answers what was asked (relevance.ts): warnings.
 *
 * A warning lets the draft go on (the Kepala OPD approves despite warnings only by saying
 * they read them); a blocking finding stops submitting and approving (422).
 */
export const RULES = ['blanks', 'finding', 'reason', 'action', 'contact', 'length', 'longSentences', 'abbreviations', 'phrases', 'greeting', 'relevance'] as const;
export type RuleName = (typeof RULES)[number];

/** What the checker says about one rule: a message key (answers:check.<rule>.<ok|missing>) and its values. */
export interface Finding {
  rule: RuleName;
  ok: boolean;
  blocking: boolean;
  key: string;
  params: Record<string, unknown>;
  /** The blanks themselves, for the blanks rule: its message names each (blanks.ts). */
  blanks?: Blank[];
}

export interface CheckResult {
  findings: Finding[];
  elements: Elements;
  /** Any blocking finding: the draft may not be submitted or approved. */
  blocked: boolean;
  /** The rules that warn (not passed, not blocking). */
  warnings: RuleName[];
}

/** What the checker knows of the report and the draft besides its text. */
export interface CheckContext {
  /** The report's title: what the citizen asked about. */
  title: string;
  /** The draft's planned date ("Tindakan dijadwalkan pada"), a "by when" of its own. */
  plannedAt?: string | null;
}

const finding = (rule: RuleName, ok: boolean, params: Record<string, unknown> = {}, blocking = false): Finding => ({
  rule,
  ok,
  blocking: !ok && blocking,
  key: `answers:check.${rule}.${ok ? 'ok' : 'missing'}`,
  params,
});

export function checkAnswer(text: string, context: CheckContext, rules: AnswerCheckSettings): CheckResult {
  const body = text.trim();
  const blanks = findBlanks(body);
  const elements = findElements(body, context.plannedAt ?? null);
  const count = words(body).length;
  const long = longSentences(body, rules.maxSentenceWords);
  const abbreviations = undefinedAbbreviations(body, rules.abbreviations);
  const phrases = bureaucraticPhrases(body, rules.phrases);
  const { keywords, shared } = sharedKeywords(body, context.title, rules.stopWords);
  // A title with fewer key words than the threshold asks for all of them; one with none cannot be judged.
  const needed = Math.min(rules.minSharedKeywords, keywords.length);
  const findings: Finding[] = [
    { ...finding('blanks', blanks.length === 0, { count: blanks.length }, true), ...(blanks.length ? { blanks } : {}) },
    finding('finding', elements.finding),
    finding('reason', elements.reason),
    finding('action', elements.action),
    finding('contact', elements.contact),
    finding('length', count >= rules.minWords, { count, min: rules.minWords }),
    finding('longSentences', long.count === 0, { count: long.count, max: rules.maxSentenceWords, excerpt: long.excerpt }),
    finding('abbreviations', abbreviations.length === 0, {
      count: abbreviations.length,
      list: abbreviations.map((a) => (a.long ? `${a.short} (${a.long})` : a.short)).join(', '),
    }),
    finding('phrases', phrases.length === 0, { count: phrases.length, list: phrases.map((p) => `“${p.phrase}” → ${p.plain}`).join('; ') }),
    finding('greeting', greets(body, rules.greetings)),
    {
      ...finding('relevance', shared.length >= needed, { keywords: keywords.join(', '), shared: shared.join(', '), count: shared.length }),
      // Not checked (the threshold is 0), or nothing in the title to look for.
      ...(rules.minSharedKeywords === 0 ? { key: 'answers:check.relevance.off' } : keywords.length === 0 ? { key: 'answers:check.relevance.okUnjudged' } : {}),
    },
  ];
  return {
    findings,
    elements,
    blocked: findings.some((f) => f.blocking),
    warnings: findings.filter((f) => !f.ok && !f.blocking).map((f) => f.rule),
  };
}
