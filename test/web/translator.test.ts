import { expect } from 'chai';
import '../../src/messages.js';
import { MAX_KEPT, translator } from '../../src/shared/i18n.js';

// The translator keeps what it has translated (shared/i18n.ts): a kept text must never stand
// in for another call's, whatever values, plural or language that call has.
describe('translator: kept translations', () => {
  it('gives each set of values its own text', () => {
    const t = translator('id');
    expect(t('tracking:page.title', { code: 'A' })).to.equal('Laporan A');
    expect(t('tracking:page.title', { code: 'B' })).to.equal('Laporan B');
    expect(t('tracking:page.title', { code: 'A' })).to.equal('Laporan A');
    // A number and its string are different values to a plural; both render the same here.
    expect(t('tracking:page.title', { code: 7 })).to.equal('Laporan 7');
  });

  it('keeps plurals apart by count, and languages apart', () => {
    const en = translator('en');
    expect(en('answers:files.added', { count: 1 })).to.equal('1 file attached to the answer.');
    expect(en('answers:files.added', { count: 3 })).to.equal('3 files attached to the answer.');
    expect(en('answers:files.added', { count: 1 })).to.equal('1 file attached to the answer.');
    expect(translator('id')('answers:files.added', { count: 3 })).to.equal('3 berkas dilampirkan pada jawaban.');
  });

  it('hands out a fresh list each time it is asked for one', () => {
    const t = translator('id');
    const first = t('answers:page.guide', { returnObjects: true }) as unknown as string[];
    first.push('changed by a caller');
    const second = t('answers:page.guide', { returnObjects: true }) as unknown as string[];
    expect(second).to.not.include('changed by a caller');
  });

  it('stays right past the number of kept translations', () => {
    const t = translator('en');
    for (let i = 0; i <= MAX_KEPT; i++) t('tracking:page.title', { code: `K${i}` });
    expect(t('tracking:page.title', { code: 'K0' })).to.equal('Report K0');
    expect(t('tracking:page.title', { code: `K${MAX_KEPT}` })).to.equal(`Report K${MAX_KEPT}`);
  });
});
