import { INTRO } from './corpus-intro.js';
import { LONG } from './corpus-long.js';
import { NONE } from './corpus-none.js';
import { REPEAT } from './corpus-repeat.js';
import { SIGNOFF } from './corpus-signoff.js';
import { THIRD } from './corpus-third.js';

/**
 * Synthetic Indonesian complaint texts for measuring how well names are kept off public
 * pages when they are only in the text (issue 22, section 1). Written by hand, without
 * looking at the detector, so the bench measures it rather than mirrors it. Every person
 * is invented; places, OPD and officials' titles are those of Kabupaten Pati, because they
 * are what a detector must leave alone.
 *
 * One file per failure class (corpus-<class>.ts), gathered here.
 */
export type CorpusClass = 'intro' | 'signoff' | 'long' | 'repeat' | 'third' | 'none';

export interface CorpusText {
  /** Unique, e.g. 'intro-an-01'. */
  id: string;
  cls: CorpusClass;
  /** A complaint or aspiration as a citizen writes it (web form, WhatsApp-style, mail). */
  text: string;
  /**
   * Private persons' names in the text that must be redacted, each written once as in the
   * text (full form); the bench treats every occurrence of the full name and of each of its
   * words (case-insensitive, whole words) as a target.
   */
  names: string[];
  /**
   * Private third persons (neighbour, family, a private individual) that must be at least
   * flagged for the coordinator (redacted or flagged both count).
   */
  others?: string[];
  /**
   * Exact substrings that must stay readable: place names, OPD names, officials' titles,
   * codes, religious words, plate-like codes.
   */
  keep?: string[];
  /** The reporter's name when the form's field had it (most texts: omitted, i.e. anonim). */
  knownNames?: string[];
}

export const CORPUS: CorpusText[] = [...INTRO, ...SIGNOFF, ...LONG, ...REPEAT, ...THIRD, ...NONE];
