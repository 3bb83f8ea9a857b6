import { expect } from 'chai';
import supertest from 'supertest';
import { createUser } from '../../src/users/commands/createUser.js';
import { buildTestApp, type TestApp, uniqueEmail } from '../helpers/app.js';
import { resolvedCase } from './helpers.js';

/**
 * Numbers in the reader's language everywhere on the portal (issue 19 item 10): "8,5 hari
 * kerja" in Bahasa Indonesia, "8.5 working days" in English; never "8.5 hari kerja".
 */
describe('the portal writes numbers the reader’s way', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof resolvedCase>>;
  let agency: string;

  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
    const coordinator = await createUser(t.database.db, { email: uniqueEmail('koord'), name: 'Koordinator', role: 'coordinator', agencyId: null });
    c = await resolvedCase(t, { coordinatorId: coordinator.user.id, input: { title: `Drainase mampet di Kayen ${Date.now().toString(36)}` } });
    // An OPD of its own, so its median is this case's alone, whatever else the run published.
    const quiet = await t.database.db
      .selectFrom('agencies')
      .select(['id', 'code'])
      .where('active', '=', true)
      .where('id', 'not in', (eb) => eb.selectFrom('publications').select('agency_id').where('agency_id', 'is not', null))
      .where('id', 'not in', (eb) => eb.selectFrom('reports').select('assigned_agency_id').where('assigned_agency_id', 'is not', null))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await t.database.db.updateTable('reports').set({ assigned_agency_id: quiet.id }).where('id', '=', c.report.id).execute();
    await t.database.db.updateTable('publications').set({ answer_days: '8.5', agency_id: quiet.id }).where('report_id', '=', c.report.id).execute();
    agency = quiet.code;
  });

  const get = (path: string, lang?: 'en') => {
    const req = supertest(t.app).get(path);
    return (lang ? req.set('Cookie', `lang=${lang}`) : req).expect(200);
  };

  it('the list and the case page: a decimal comma in Bahasa Indonesia, a point in English', async () => {
    expect((await get(`/publik?agency=${agency}`)).text).to.contain('dijawab dalam 8,5 hari kerja').and.not.contain('8.5 hari');
    expect((await get(`/publik?agency=${agency}`, 'en')).text).to.contain('answered in 8.5 working days');
    expect((await get(`/publik/${c.report.tracking_code}`)).text).to.contain('8,5 hari kerja').and.not.contain('8.5 hari');
    expect((await get(`/publik/${c.report.tracking_code}`, 'en')).text).to.contain('8.5 working days');
  });

  it('the statistics: medians with the same decimal sign as the rest', async () => {
    const id = (await get('/publik/statistik')).text;
    const row = id.slice(id.indexOf(`/publik?agency=${agency}`));
    expect(row.slice(0, 800)).to.match(/data-label="Median hari kerja sampai dijawab">8,5</);
    const en = (await get('/publik/statistik', 'en')).text;
    expect(en.slice(en.indexOf(`/publik?agency=${agency}`)).slice(0, 800)).to.match(/>8\.5</);
  });

  it('the feeds and the block an OPD embeds, which speak Bahasa Indonesia', async () => {
    const atom = (await get(`/publik/opd/${agency}/feed.atom`)).text;
    expect(atom).to.contain('Dijawab dalam 8,5 hari kerja.');
    const json = JSON.parse((await get(`/publik/opd/${agency}.json`)).text) as { items: { content_html: string }[] };
    expect(json.items[0]!.content_html).to.contain('Dijawab dalam 8,5 hari kerja.');
    const embed = (await get(`/publik/sematkan/${agency}`)).text;
    // Not a bare "8.5" anywhere: the <time datetime> of the publication can hold one (…:48.512Z).
    expect(embed).to.contain('dijawab dalam 8,5 hari kerja').and.not.contain('8.5 hari');
  });

  it('the report form’s file limit too', async () => {
    const small = await buildTestApp({ UPLOAD_MAX_MB: '2.5' });
    expect((await supertest(small.app).get('/lapor').expect(200)).text).to.contain('masing-masing 2,5 MB');
    expect((await supertest(small.app).get('/lapor').set('Cookie', 'lang=en').expect(200)).text).to.contain('of 2.5 MB each');
  });
});
