/**
 * The one change made to the whole text before detection: Unicode NFC (a name typed
 * with combining accents matches the same name precomposed), invisible characters
 * removed (a zero-width space must not split a phone number so that it escapes), and
 * full-width digits and at-signs made ASCII. The published text is this normal form.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;
const FULL_WIDTH = /[\uFF10-\uFF19\uFF20]/gu;

export function normalize(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff00 + 0x20));
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRe(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}

/** Letters and digits: the edges of a word for the lookarounds of every detector. */
export const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}]`;
export const NOT_AFTER_WORD = String.raw`(?<![\p{L}\p{M}\p{N}])`;
export const NOT_BEFORE_WORD = String.raw`(?![\p{L}\p{M}\p{N}])`;
/** The edges of a name: letters only, so "7890Siti" still holds the name "Siti". */
export const NOT_AFTER_LETTER = String.raw`(?<![\p{L}\p{M}])`;
export const NOT_BEFORE_LETTER = String.raw`(?![\p{L}\p{M}])`;
