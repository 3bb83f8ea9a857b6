import { expect } from 'chai';
import { describeSuggestion } from '../../src/routing/presenter.js';
import { kecamatanOf, shouldAutoForward, suggestAgency } from '../../src/routing/suggest.js';
import { translator } from '../../src/shared/i18n.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { addRule, agency, kecamatan, newCategory } from './helpers.js';

describe('routing: suggested OPD', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('reads the kecamatan from a desa code', () => {
    expect(kecamatanOf('33.18.19.2001')).to.equal('33.18.19');
    expect(kecamatanOf('33.18.19')).to.equal('33.18.19');
    expect(kecamatanOf(null)).to.equal(null);
  });

  it('prefers a rule for the kecamatan over a rule for the category over the default agency', async () => {
    const db = t.database.db;
    const category = await newCategory(db, { defaultAgency: 'dpupr', name: 'Jalan dan Jembatan Uji' });
    const tayu = await kecamatan(db, 'Tayu');
    const [dpupr, dishub, kecTayu] = await Promise.all([agency(db, 'dpupr'), agency(db, 'dishub'), agency(db, 'kec-tayu')]);

    expect(await suggestAgency(db, { category_id: category.id, region_code: tayu.desaCode })).to.include({
      agencyId: dpupr.id, reason: 'category_default',
    });

    const anywhere = await addRule(db, { categoryId: category.id, agencyId: dishub.id });
    expect(await suggestAgency(db, { category_id: category.id, region_code: tayu.desaCode })).to.include({
      agencyId: dishub.id, reason: 'rule_category', ruleId: anywhere.id,
    });

    const local = await addRule(db, { categoryId: category.id, regionCode: tayu.code, agencyId: kecTayu.id });
    // A desa of Tayu falls under Tayu's rule; so does the kecamatan itself.
    for (const region of [tayu.desaCode, tayu.code]) {
      expect(await suggestAgency(db, { category_id: category.id, region_code: region })).to.include({
        agencyId: kecTayu.id, reason: 'rule_region', ruleId: local.id, kecamatanName: 'Tayu',
      });
    }
    // Another kecamatan, or no place at all: the rule for the whole regency.
    const juwana = await kecamatan(db, 'Juwana');
    expect(await suggestAgency(db, { category_id: category.id, region_code: juwana.desaCode })).to.include({ ruleId: anywhere.id });
    expect(await suggestAgency(db, { category_id: category.id, region_code: null })).to.include({ ruleId: anywhere.id });
  });

  it('tells the coordinator why, in both languages', async () => {
    const db = t.database.db;
    const category = await newCategory(db, { name: 'Jalan dan Jembatan' });
    const tayu = await kecamatan(db, 'Tayu');
    const dpupr = await agency(db, 'dpupr');
    await addRule(db, { categoryId: category.id, regionCode: tayu.code, agencyId: dpupr.id });
    const s = await suggestAgency(db, { category_id: category.id, region_code: tayu.desaCode });
    expect(describeSuggestion(s, translator('id'))).to.equal('Aturan: kategori Jalan dan Jembatan di Kecamatan Tayu → DPUPR');
    expect(describeSuggestion(s, translator('en'))).to.equal('Rule: category Jalan dan Jembatan in Kecamatan Tayu → DPUPR');
  });

  it('skips inactive rules and rules pointing to an inactive agency', async () => {
    const db = t.database.db;
    const category = await newCategory(db, { defaultAgency: 'dpupr' });
    const tayu = await kecamatan(db, 'Tayu');
    const dishub = await agency(db, 'dishub');
    await addRule(db, { categoryId: category.id, regionCode: tayu.code, agencyId: dishub.id, active: false });
    const closed = await db.insertInto('agencies').values({ code: `tutup-${category.id}`, name: 'OPD Lama', kind: 'other', active: false })
      .returning('id').executeTakeFirstOrThrow();
    await addRule(db, { categoryId: category.id, agencyId: closed.id });
    expect(await suggestAgency(db, { category_id: category.id, region_code: tayu.desaCode })).to.include({ reason: 'category_default' });
  });

  it('falls back to the kecamatan office for a category without an OPD, and to nothing without a category', async () => {
    const db = t.database.db;
    const category = await newCategory(db, { defaultAgency: null });
    const tayu = await kecamatan(db, 'Tayu');
    const kecTayu = await agency(db, 'kec-tayu');
    expect(await suggestAgency(db, { category_id: category.id, region_code: tayu.desaCode })).to.include({
      agencyId: kecTayu.id, reason: 'kecamatan_office',
    });
    expect(await suggestAgency(db, { category_id: category.id, region_code: null })).to.include({ agencyId: null, reason: 'none' });
    expect(await suggestAgency(db, { category_id: null, region_code: tayu.desaCode })).to.include({ agencyId: null, reason: 'none' });
    const unknown = await suggestAgency(db, { category_id: 2_000_000_000, region_code: tayu.desaCode });
    expect(unknown).to.include({ agencyId: null, reason: 'none' });
    expect(describeSuggestion(unknown, translator('id'))).to.equal('Belum ada saran OPD: pilih OPD secara manual.');
  });

  it('says which categories are forwarded automatically after verification', async () => {
    const db = t.database.db;
    const auto = await newCategory(db, { defaultAgency: 'disdukcapil', autoForward: true });
    const manual = await newCategory(db, { defaultAgency: 'dpupr', autoForward: false });
    expect(await shouldAutoForward(db, auto.id)).to.equal(true);
    expect(await shouldAutoForward(db, manual.id)).to.equal(false);
    expect(await shouldAutoForward(db, null)).to.equal(false);
    expect(await shouldAutoForward(db, 2_000_000_000)).to.equal(false);
    await db.updateTable('categories').set({ active: false }).where('id', '=', auto.id).execute();
    expect(await shouldAutoForward(db, auto.id)).to.equal(false);
  });
});
