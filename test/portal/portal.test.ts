import { expect } from 'chai';
import supertest from 'supertest';
import { declinePublication } from '../../src/publication/commands/review.js';
import { agencyId, buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { resolvedCase } from './helpers.js';

describe('the public portal, feeds, embeds and open data', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let published: Awaited<ReturnType<typeof resolvedCase>>;
  let hidden: Awaited<ReturnType<typeof resolvedCase>>[];
  const stamp = Date.now().toString(36);

  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
    coordinator = await loginAs(t, 'coordinator');
    const id = coordinator.user.id;
    published = await resolvedCase(t, {
      coordinatorId: id,
      input: { title: `Jalan rusak parah di Desa Tlogowungu ${stamp}`, body: '=HYPERLINK("http://jahat.example","klik") Jalan desa rusak parah, banyak lubang dalam.' },
      answer: 'Dinas sudah menambal lubang jalan pada 20 November dan akan mengaspal ulang tahun depan.',
    });
    // A draft, a declined case and a rahasia one: none may show anywhere public.
    const draft = await resolvedCase(t, { coordinatorId: id, publish: false, input: { title: `Draf belum terbit ${stamp}` } });
    const declined = await resolvedCase(t, { coordinatorId: id, publish: false, input: { title: `Kasus yang ditolak ${stamp}` } });
    await declinePublication(t.database.db, { report: declined.report, userId: id, reason: 'Terlalu pribadi.' });
    const secret = await resolvedCase(t, { coordinatorId: id, input: { title: `Kasus rahasia ${stamp}`, confidential: true } });
    hidden = [draft, declined, secret];
  });

  /**
   * Every public route, each with a query that would find the case if it leaked (the
   * search page itself is left out: it shows the words searched for).
   */
  async function everythingPublic(code: string, words: string): Promise<string> {
    const agent = supertest(t.app);
    const pages = await Promise.all([
      agent.get('/publik'),
      agent.get(`/publik/${code}`),
      agent.get('/publik/feed.atom'),
      agent.get('/publik/feed.rss'),
      agent.get('/publik/feed.json'),
      agent.get('/publik/opd/dpupr/feed.atom'),
      agent.get('/publik/opd/dpupr.json'),
      agent.get('/publik/sematkan/dpupr'),
      agent.get('/publik/data.csv'),
      agent.get('/publik/data.json'),
      agent.get(`/api/v1/public/reports?q=${encodeURIComponent(words)}`),
      agent.get('/publik/statistik'),
    ]);
    return pages.map((p) => p.text).join('\n');
  }

  it('shows a published case everywhere public, and nothing of a draft, a declined or a rahasia case', async () => {
    const seen = await everythingPublic(published.report.tracking_code, published.report.title);
    expect(seen.split(published.report.title).length - 1).to.be.greaterThan(8);
    for (const h of hidden) {
      const view = await everythingPublic(h.report.tracking_code, h.report.title);
      expect(view, h.report.title).to.not.contain(h.report.title);
      expect(view).to.not.contain(h.code);
      await supertest(t.app).get(`/publik/${h.report.tracking_code}`).expect(404);
    }
  });

  it('searches in Indonesian, tolerates typos, filters and pages', async () => {
    const find = async (query: string) => (await supertest(t.app).get(`/api/v1/public/reports?${query}`).expect(200)).body;
    const ids = (body: { reports: { id: string }[] }) => body.reports.map((r) => r.id);
    expect(ids(await find(`q=${encodeURIComponent('jalan rusak')}`))).to.include(published.code);
    // Stemming: "lubangnya" meets "lubang".
    expect(ids(await find(`q=${encodeURIComponent('lubangnya dalam')}`))).to.include(published.code);
    // A typo in the title's words.
    expect(ids(await find(`q=${encodeURIComponent('jlan rusk parah tlogowungu')}`))).to.include(published.code);
    expect(ids(await find('agency=dpupr'))).to.include(published.code);
    expect(ids(await find('agency=dinkes'))).to.not.include(published.code);
    expect(ids(await find('from=2000-01-01&to=2000-01-31'))).to.deep.equal([]);
    const bad = await supertest(t.app).get('/api/v1/public/reports?page=0&region=bukan').expect(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).to.have.members(['page', 'region']);
    const page = await supertest(t.app).get(`/publik?q=${encodeURIComponent('jalan rusak')}`).expect(200);
    expect(page.text).to.contain(published.report.title);
  });

  it('exports CSV with formulas disarmed and a documented schema, and serves feeds and the embed', async () => {
    const csv = await supertest(t.app).get('/publik/data.csv').expect(200);
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    const line = csv.text.split('\n').find((l) => l.includes(published.code))!;
    expect(line).to.contain(`"'=HYPERLINK(""http://jahat.example"",""klik"")`);
    const doc = await supertest(t.app).get('/publik/data').expect(200);
    expect(doc.text).to.contain('hari_kerja_sampai_dijawab');

    const atom = await supertest(t.app).get('/publik/feed.atom').expect(200);
    expect(atom.headers['content-type']).to.match(/^application\/atom\+xml/);
    expect(atom.text).to.contain(`/publik/${published.report.tracking_code}`);
    const json = await supertest(t.app).get('/publik/opd/dpupr.json').expect(200);
    expect(json.headers['access-control-allow-origin']).to.equal('*');
    expect(JSON.parse(json.text).items.map((i: { title: string }) => i.title)).to.include(published.report.title);
    await supertest(t.app).get('/publik/opd/tidak-ada/feed.atom').expect(404);
    // A citizen's markup is text in every feed, never HTML a reader would render.
    const rogue = await resolvedCase(t, {
      coordinatorId: coordinator.user.id,
      input: { title: `Lampu <img src=x onerror=alert(1)> ${stamp}`, body: 'Isi laporan <script>alert("feed")</script> tentang lampu jalan yang padam.' },
    });
    for (const path of ['/publik/feed.atom', '/publik/feed.rss', '/publik/feed.json']) {
      const feed = (await supertest(t.app).get(path).expect(200)).text;
      expect(feed, path).to.contain(`/publik/${rogue.report.tracking_code}`);
      expect(feed, path).to.not.contain('<img src=x').and.not.contain('<script>alert');
      expect(feed, path).to.not.contain('<script>alert');
    }

    const embed = await supertest(t.app).get('/publik/sematkan/dpupr').expect(200);
    expect(embed.headers['x-frame-options']).to.equal(undefined);
    expect(embed.headers['content-security-policy']).to.contain('frame-ancestors *');
    expect(embed.text).to.contain(published.report.title).and.not.contain('<script');
    // Every other page still refuses to be framed.
    expect((await supertest(t.app).get('/publik').expect(200)).headers['content-security-policy']).to.contain("frame-ancestors 'none'");
  });

  it('shows statistics per OPD counted from every report', async () => {
    const stats = await supertest(t.app).get('/publik/statistik').expect(200);
    expect(stats.text).to.contain('Dinas Pekerjaan Umum').and.contain('Median hari kerja');
    const dpupr = await agencyId(t.database, 'dpupr');
    const received = await t.database.db.selectFrom('reports').select((eb) => eb.fn.countAll<string>().as('n')).where('assigned_agency_id', '=', dpupr).where('submitted_at', '>=', new Date(Date.now() - 365 * 86_400_000)).executeTakeFirstOrThrow();
    const row = stats.text.split('<tr>').find((r) => r.includes('agency=dpupr'))!;
    expect(row).to.contain(`>${received.n}<`);
  });
});
