import { expect } from 'chai';
import supertest from 'supertest';
import { normalizePhone } from '../../src/reports/reporter.js';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { corpus } from '../publication/corpus.js';
import { resolvedCase } from './helpers.js';

/**
 * The redaction corpus through the whole pipeline: each text is a citizen's report and
 * the OPD's answer, resolved and published as the coordinator would (no corrections), and
 * no secret of it may reach any public page, feed, export, API or share preview.
 */
describe('publication: the redaction corpus through every public output', function () {
  this.timeout(120_000);
  let t: TestApp;
  // What the intake knows of a reporter: a name, an e-mail, a phone, a NIK (not an address).
  const cases = corpus.filter((c) => !c.known?.addresses?.length && c.text.length >= 20);

  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '10000', DUPLICATE_WINDOW_MINUTES: '0' });
  });

  it(`publishes ${cases.length} cases and leaks none of their personal data`, async () => {
    const coordinator = await loginAs(t, 'coordinator');
    const codes: string[] = [];
    for (const c of cases) {
      const published = await resolvedCase(t, {
        coordinatorId: coordinator.user.id,
        input: {
          title: `Laporan warga ${c.id}`,
          body: c.text.slice(0, 5000),
          reporter: {
            name: c.known?.names?.[0] ?? 'Warga',
            email: c.known?.emails?.[0] ?? null,
            // As the form stores them: +62..., and 16 bare digits.
            phone: c.known?.phones?.[0] ? (normalizePhone(c.known.phones[0]) ?? null) : null,
            nik: c.known?.niks?.[0]?.replace(/\D/g, '') ?? null,
          },
        },
        answer: `Terima kasih. Tanggapan atas laporan: ${c.text.slice(0, 1000)}`,
      });
      codes.push(published.report.tracking_code);
    }
    const agent = supertest(t.app);
    const get = async (path: string) => {
      const res = await agent.get(path);
      expect(res.status, path).to.equal(200);
      return res.text;
    };
    const [atom, rss, feedJson, csv, dataJson, open311Json, open311Xml] = await Promise.all([
      get('/publik/feed.atom'),
      get('/publik/feed.rss'),
      get('/publik/feed.json'),
      get('/publik/data.csv'),
      get('/publik/data.json'),
      get('/open311/v2/requests.json?start_date=2000-01-01T00:00:00Z&page_size=100'),
      get('/open311/v2/requests.xml?start_date=2000-01-01T00:00:00Z&page_size=100'),
    ]);
    // Each case's own part of every output: its secrets are checked there (a word that is a
    // secret in one case, "Indah", may be a public place in another: "Perumahan Puri Indah").
    const csvRows = csv.split(/\r?\n(?=[0-9A-Z]{4}-[0-9A-Z]{4},)/);
    const items = (xml: string, tag: string) => xml.split(`<${tag}>`).slice(1);
    for (const [i, c] of cases.entries()) {
      const code = codes[i]!;
      const id = `${code.slice(0, 4)}-${code.slice(4)}`;
      const parts = [
        await get(`/publik/${code}`),
        JSON.stringify((JSON.parse(dataJson) as { id: string }[]).find((r) => r.id === id)),
        JSON.stringify((JSON.parse(open311Json) as { service_request_id: string }[]).find((r) => r.service_request_id === id)),
        JSON.stringify((JSON.parse(feedJson) as { items: { id: string }[] }).items.find((r) => r.id.endsWith(`/${code}`)) ?? ''),
        csvRows.find((r) => r.startsWith(`${id},`)),
        items(atom, 'entry').find((e) => e.includes(`/publik/${code}`)) ?? '',
        items(rss, 'item').find((e) => e.includes(`/publik/${code}`)) ?? '',
        items(open311Xml, 'request').find((e) => e.includes(id)),
      ];
      expect(parts.slice(0, 5).every(Boolean), `${c.id} is in every output`).to.equal(true);
      const seen = parts.join('\n');
      for (const secret of c.secrets) expect(seen, `${c.id}: ${secret}`).to.not.include(secret);
    }
    const everything = [atom, csv, dataJson].join('\n');
    expect(everything).to.contain('Laporan warga');
  });
});
