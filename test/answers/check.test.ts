import { expect } from 'chai';
import { checkAnswer, elementsComplete, RULES, type RuleName } from '../../src/answers/check/index.js';
import { presentCheck } from '../../src/answers/check/present.js';
import { ANSWER_CHECK_DEFAULTS, type AnswerCheckSettings } from '../../src/settings/answerCheck.js';
import { translator } from '../../src/shared/i18n.js';
import { CORPUS } from './checkCorpus.js';

/**
 * The draft checker's rules (src/answers/check/) on a corpus of Indonesian answers, good
 * and poor (checkCorpus.ts), with the settings' defaults.
 */
describe('answers: the draft checker', () => {
  const rules: AnswerCheckSettings = ANSWER_CHECK_DEFAULTS;
  const verdicts = (c: (typeof CORPUS)[number]) =>
    Object.fromEntries(checkAnswer(c.text, { title: c.title, plannedAt: c.plannedAt ?? null }, rules).findings.map((f) => [f.rule, f.ok])) as Record<RuleName, boolean>;

  it('holds at least 30 answers, good and poor, and each rule both passes and fails in it', () => {
    expect(CORPUS.length).to.be.at.least(30);
    expect(CORPUS.filter((c) => c.good).length).to.be.at.least(10);
    expect(CORPUS.filter((c) => !c.good).length).to.be.at.least(15);
    for (const rule of RULES) {
      const expected = CORPUS.flatMap((c) => (c.good ? [true] : c.expect?.[rule] === undefined ? [] : [c.expect[rule]]));
      expect(expected, rule).to.include(true).and.to.include(false);
    }
  });

  for (const c of CORPUS) {
    it(`${c.good ? 'good' : 'poor'}: ${c.name}`, () => {
      const got = verdicts(c);
      const want = c.good ? Object.fromEntries(RULES.map((r) => [r, true])) : c.expect!;
      const wrong = Object.entries(want).filter(([rule, ok]) => got[rule as RuleName] !== ok);
      expect(wrong, `rules judged otherwise: ${JSON.stringify(got)}`).to.deep.equal([]);
    });
  }

  it('records the four elements as complete only when all are there', () => {
    for (const c of CORPUS.filter((x) => x.good)) expect(elementsComplete(c.text, c.plannedAt ?? null), c.name).to.equal(true);
    const poor = CORPUS.filter((x) => !x.good && (['finding', 'reason', 'action', 'contact'] as const).some((r) => x.expect?.[r] === false));
    for (const c of poor) expect(elementsComplete(c.text, c.plannedAt ?? null), c.name).to.equal(false);
  });

  it('blocks only on blanks; everything else warns', () => {
    const blanked = CORPUS.find((c) => c.expect?.blanks === false)!;
    const result = checkAnswer(blanked.text, { title: blanked.title }, rules);
    expect(result.blocked).to.equal(true);
    expect(result.findings.filter((f) => f.blocking).map((f) => f.rule)).to.deep.equal(['blanks']);
    const oneLiner = checkAnswer('Terima kasih, laporan akan segera ditindaklanjuti.', { title: 'Jalan rusak' }, rules);
    expect(oneLiner.blocked).to.equal(false);
    expect(oneLiner.warnings).to.include.members(['finding', 'reason', 'action', 'contact', 'length', 'phrases', 'greeting', 'relevance']);
  });

  it('says in each language what is missing and how to fix it, naming what it found', () => {
    const text =
      'Sehubungan dengan hal tersebut di atas, TL laporan Saudara sudah kami teruskan ke OPD terkait dan akan dikerjakan dengan dana DAK sebagaimana mestinya oleh dinas yang berwenang di wilayah kecamatan bersangkutan menurut rencana kerja tahun berjalan.';
    const result = checkAnswer(text, { title: 'Jembatan putus di Dukuh Ngemplak' }, rules);
    const id = presentCheck(result, translator('id'));
    const en = presentCheck(result, translator('en'));
    const say = (p: typeof id, rule: RuleName) => p.items.find((i) => i.rule === rule)!.message;
    expect(say(id, 'abbreviations')).to.contain('TL (tindak lanjut), OPD (Organisasi Perangkat Daerah), DAK (Dana Alokasi Khusus)');
    expect(say(id, 'phrases')).to.contain('“sehubungan dengan hal tersebut di atas” → karena itu');
    expect(say(id, 'longSentences')).to.contain('1 kalimat lebih dari 30 kata').and.contain('“Sehubungan dengan hal tersebut di atas, TL laporan');
    expect(say(id, 'relevance')).to.contain('jembatan, putus, ngemplak');
    expect(say(id, 'length')).to.contain('paling sedikit 40 kata');
    expect(say(en, 'contact')).to.contain('No contact');
    expect(en.summary).to.match(/^\d+ warnings$/);
    expect(id.items.map((i) => i.label)).to.include('Tindak lanjut dan waktunya');
  });

  it('names every blank where it stands, as the blanks rule always has', () => {
    const result = checkAnswer('Yth. Bapak/Ibu, kami akan datang pada tanggal .... ke lokasi.', { title: 'Lokasi' }, rules);
    const blanks = presentCheck(result, translator('id')).items.find((i) => i.rule === 'blanks')!;
    expect(blanks).to.include({ ok: false, blocking: true, state: 'blocking' });
    expect(blanks.message).to.contain('“....” di baris 1');
  });

  it('reads its thresholds and word lists from the settings', () => {
    const text = CORPUS.find((c) => c.good)!;
    const strict: AnswerCheckSettings = {
      ...rules,
      maxSentenceWords: 12,
      minWords: 200,
      minSharedKeywords: 5,
      abbreviations: [...rules.abbreviations, { short: 'cm', long: '' }],
      phrases: [...rules.phrases, { phrase: 'lebih lanjut', plain: 'lagi' }],
      greetings: ['salam hormat'],
    };
    const got = Object.fromEntries(checkAnswer(text.text, { title: text.title }, strict).findings.map((f) => [f.rule, f.ok]));
    expect(got).to.include({ longSentences: false, length: false, abbreviations: false, phrases: false, greeting: false, relevance: false });
    // A stop word is no key word: with "lampu" a stop word the title has none left to miss.
    const lamp = checkAnswer('Yth. Bapak/Ibu, terima kasih.', { title: 'Lampu mati' }, { ...rules, stopWords: [...rules.stopWords, 'lampu', 'mati'] });
    expect(lamp.findings.find((f) => f.rule === 'relevance')).to.include({ ok: true, key: 'answers:check.relevance.okUnjudged' });
    // Threshold 0: not checked, and said so.
    const off = checkAnswer('Yth. Bapak/Ibu, terima kasih.', { title: 'Lampu mati' }, { ...rules, minSharedKeywords: 0 });
    expect(presentCheck(off, translator('id')).items.find((i) => i.rule === 'relevance')).to.include({ ok: true, message: 'Tidak diperiksa (dimatikan dalam pengaturan).' });
  });

  it('stays quick on the longest text a draft may hold', () => {
    // Not a timing assertion: a pathological pattern would not finish within mocha's timeout.
    const long = `${'Yth. Bapak/Ibu ((((((((( [[[[[ aaaa@@@@ 0000000000000000 ....... '.repeat(150)}`.slice(0, 10_000);
    expect(checkAnswer(long, { title: 'Jalan rusak' }, rules).findings).to.have.length(RULES.length);
  });
});
