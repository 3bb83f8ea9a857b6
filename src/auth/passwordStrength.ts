import { createRequire } from 'node:module';
import type * as Core from '@zxcvbn-ts/core';
import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import type * as Common from '@zxcvbn-ts/language-common';
import type * as En from '@zxcvbn-ts/language-en';
import type * as Id from '@zxcvbn-ts/language-id';
import { PASSWORD_MIN_LENGTH } from './passwords.js';

/**
 * Whether a password a person chose is good enough for a staff account, judged by
 * zxcvbn-ts, which guesses as crackers do: the common-password list of past breaches that
 * ships with it, Indonesian and English words and names, keyboard rows, repeats, sequences,
 * dates and the account's own e-mail and name. A password is refused when it is in that
 * breach list, or when it would fall to fewer than 10^8 guesses (zxcvbn's score 3: safe
 * against online attacks, and against our slow hash offline).
 *
 * The dictionaries take a few hundred milliseconds and some megabytes to load, so they are
 * loaded at the first password checked, not at start. zxcvbn is given its message keys as
 * its texts, so its advice comes back as a key ("simpleRepeat") that the page translates
 * with the rest of ours (account/messages.ts holds its Indonesian and English texts).
 */
const MIN_SCORE = 3;

let instance: ZxcvbnFactory | undefined;

type Texts = { [key: string]: string | Texts };
const asKeys = (texts: Texts): Texts => Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, typeof v === 'string' ? k : asKeys(v)]));

const require = createRequire(import.meta.url);

function checker(): ZxcvbnFactory {
  if (instance) return instance;
  // Required here, not imported: importing them unpacks every dictionary at start.
  const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as typeof Core;
  const common = require('@zxcvbn-ts/language-common') as typeof Common;
  const en = require('@zxcvbn-ts/language-en') as typeof En;
  const id = require('@zxcvbn-ts/language-id') as typeof Id;
  instance = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...id.dictionary },
    graphs: common.adjacencyGraphs,
    translations: asKeys(en.translations as unknown as Texts) as unknown as typeof en.translations,
  });
  return instance;
}

export interface PasswordRefusal {
  key: 'account:password.tooShort' | 'account:password.leaked' | 'account:password.guessable' | 'account:password.guessableBecause';
  /** min: the shortest length; warning: zxcvbn's advice, a key under account:passwordAdvice. */
  values: { min: number; warning?: string };
}

/** Why this password is refused, or undefined when it is good enough. */
export function refusePassword(password: string, account: { email?: string; name?: string }): PasswordRefusal | undefined {
  const min = PASSWORD_MIN_LENGTH;
  if (password.length < min) return { key: 'account:password.tooShort', values: { min } };
  const inputs = [account.email, account.email?.split('@')[0], ...(account.name?.split(/\s+/) ?? [])].filter((s): s is string => Boolean(s));
  const result = checker().check(password, inputs);
  if (inBreachList(result)) return { key: 'account:password.leaked', values: { min } };
  if (result.score >= MIN_SCORE) return undefined;
  const warning = result.feedback.warning;
  return warning ? { key: 'account:password.guessableBecause', values: { min, warning } } : { key: 'account:password.guessable', values: { min } };
}

/** The whole password is one entry of the breach list (as written, reversed or in l33t). */
function inBreachList(result: ZxcvbnResult): boolean {
  const only = result.sequence.length === 1 ? result.sequence[0] : undefined;
  return only?.pattern === 'dictionary' && only.dictionaryName === 'passwords-common';
}
