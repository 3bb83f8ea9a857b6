import { type AnswerCheckSettings, LIMITS } from '../../settings/answerCheck.js';
import { InputError } from '../../shared/errors.js';

/**
 * The draft checker's settings as the admin form shows them (one entry a line) and back.
 * Lines that do not fit are refused by line number, and nothing is saved.
 */
export interface CheckForm {
  maxSentenceWords: string;
  minWords: string;
  minSharedKeywords: string;
  abbreviations: string;
  phrases: string;
  stopWords: string;
  greetings: string;
}

export function toForm(s: AnswerCheckSettings): CheckForm {
  return {
    maxSentenceWords: String(s.maxSentenceWords),
    minWords: String(s.minWords),
    minSharedKeywords: String(s.minSharedKeywords),
    abbreviations: s.abbreviations.map((a) => (a.long ? `${a.short} = ${a.long}` : a.short)).join('\n'),
    phrases: s.phrases.map((p) => `${p.phrase} => ${p.plain}`).join('\n'),
    stopWords: s.stopWords.join(' '),
    greetings: s.greetings.join('\n'),
  };
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l, i) => ({ text: l.trim(), line: i + 1 }))
    .filter((l) => l.text);

const SHORT = /^[\p{L}\p{N}][\p{L}\p{N}.-]{0,29}$/u;

/** The form's text as settings; an InputError naming the first line that does not fit in each field. */
export function fromForm(input: { maxSentenceWords: number; minWords: number; minSharedKeywords: number } & Pick<CheckForm, 'abbreviations' | 'phrases' | 'stopWords' | 'greetings'>): AnswerCheckSettings {
  const keys: Record<string, string> = {};
  const values: Record<string, Record<string, unknown>> = {};
  const refuse = (field: string, key: string, params: Record<string, unknown>) => {
    if (keys[field]) return;
    keys[field] = key;
    values[field] = { max: LIMITS.itemLength, items: LIMITS.items, ...params };
  };
  const abbreviations = lines(input.abbreviations).map(({ text, line }) => {
    const [short = '', ...rest] = text.split('=');
    const long = rest.join('=').trim();
    if (!SHORT.test(short.trim()) || long.length > LIMITS.itemLength) refuse('abbreviations', 'answers:check.settings.errors.abbreviation', { line });
    return { short: short.trim(), long };
  });
  const phrases = lines(input.phrases).map(({ text, line }) => {
    const [phrase = '', plain = ''] = text.split('=>').map((x) => x.trim());
    if (!phrase || !plain || text.split('=>').length !== 2 || phrase.length > LIMITS.itemLength || plain.length > LIMITS.itemLength) {
      refuse('phrases', 'answers:check.settings.errors.phrase', { line });
    }
    return { phrase, plain };
  });
  const stopWords = [...new Set(input.stopWords.toLowerCase().split(/[\s,;]+/).filter(Boolean))];
  if (stopWords.some((w) => w.length > 40)) refuse('stopWords', 'answers:check.settings.errors.word', {});
  const greetings = lines(input.greetings).map(({ text, line }) => {
    if (text.length > LIMITS.itemLength) refuse('greetings', 'answers:check.settings.errors.long', { line });
    return text;
  });
  for (const [field, list, max] of [
    ['abbreviations', abbreviations, LIMITS.items],
    ['phrases', phrases, LIMITS.items],
    ['stopWords', stopWords, LIMITS.items * 3],
    ['greetings', greetings, LIMITS.items],
  ] as const) {
    if (list.length > max) refuse(field, 'answers:check.settings.errors.tooMany', { items: max });
  }
  if (Object.keys(keys).length) throw new InputError(keys, values);
  return {
    maxSentenceWords: input.maxSentenceWords,
    minWords: input.minWords,
    minSharedKeywords: input.minSharedKeywords,
    abbreviations,
    phrases,
    stopWords,
    greetings,
  };
}
