import { expect } from 'chai';
import type { HelperOptions } from 'handlebars';
import { formatDate, formatDateTime, MAX_FORMATTED } from '../../src/shared/helpers/date.js';

// The date helpers keep what they formatted (shared/helpers/date.ts): a kept text must never
// stand in for another instant, language or style.
const page = (locale: 'id' | 'en') => ({ data: { root: { locale } } }) as unknown as HelperOptions;

describe('date helpers: kept formats', () => {
  it('formats an instant in Jakarta time per language and style', () => {
    const at = new Date('2026-03-01T17:30:00Z'); // 2 March, 00.30 in Jakarta
    expect(formatDateTime(at, page('id'))).to.equal('2 Mar 2026, 00.30');
    expect(formatDateTime(at, page('en'))).to.equal('2 Mar 2026, 00:30');
    expect(formatDate(at, page('id'))).to.equal('2 Mar 2026');
    // Again, now from what was kept, and the same instant given as text.
    expect(formatDateTime(at, page('id'))).to.equal('2 Mar 2026, 00.30');
    expect(formatDateTime(at.toISOString(), page('en'))).to.equal('2 Mar 2026, 00:30');
    expect(formatDateTime('not a date', page('id'))).to.equal('');
  });

  it('stays right past the number of kept formats', () => {
    const start = Date.UTC(2026, 0, 1);
    for (let i = 0; i <= MAX_FORMATTED; i++) formatDate(new Date(start + i * 60_000), page('id'));
    expect(formatDate(new Date(start), page('id'))).to.equal('1 Jan 2026');
    expect(formatDate(new Date(Date.UTC(2026, 7, 17, 3)), page('id'))).to.equal('17 Agu 2026');
  });
});
