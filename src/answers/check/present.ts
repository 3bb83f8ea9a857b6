import type { Translate } from '../../shared/i18n.js';
import { describeBlanks } from '../blanks.js';
import type { CheckResult, Finding, RuleName } from './index.js';

/** One line of the checklist, in the reader's language. */
export interface CheckItem {
  rule: RuleName;
  ok: boolean;
  blocking: boolean;
  /** 'ok', 'warning' or 'blocking': the line's mark and style. */
  state: 'ok' | 'warning' | 'blocking';
  label: string;
  /** The state in words, for those who do not see the mark's colour. */
  stateLabel: string;
  message: string;
}

const STATE_LABEL = { ok: 'answers:check.passed', warning: 'answers:check.warning', blocking: 'answers:check.blocking' } as const;

export function findingMessage(f: Finding, t: Translate): string {
  // The blanks rule names each blank where it stands, as every refusal of blanks does (blanks.ts).
  return f.blanks?.length ? describeBlanks(f.blanks, t) : t(f.key, f.params);
}

export const ruleLabel = (rule: RuleName, t: Translate) => t(`answers:check.labels.${rule}`);

/** The checklist as pages and the API show it. */
export function presentCheck(result: CheckResult, t: Translate) {
  const items: CheckItem[] = result.findings.map((f) => {
    const state = f.ok ? 'ok' : f.blocking ? 'blocking' : 'warning';
    return { rule: f.rule, ok: f.ok, blocking: f.blocking, state, label: ruleLabel(f.rule, t), stateLabel: t(STATE_LABEL[state]), message: findingMessage(f, t) };
  });
  const warnings = result.warnings.length;
  return {
    items,
    blocked: result.blocked,
    warnings,
    elements: result.elements,
    summary: result.blocked ? t('answers:check.blocked') : warnings ? t('answers:check.summary', { count: warnings }) : t('answers:check.allGood'),
  };
}

export type PresentedCheck = ReturnType<typeof presentCheck>;
