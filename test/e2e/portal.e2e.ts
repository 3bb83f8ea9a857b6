import { expect } from 'chai';
import { createUser } from '../../src/users/commands/createUser.js';
import { uniqueEmail } from '../helpers/app.js';
import { resolvedCase } from '../portal/helpers.js';
import { axeProblems, type E2E, PHONE, startE2E } from './helpers.js';

describe('the public portal in a browser (360x740)', function () {
  this.timeout(120_000);
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(async () => {
    await e?.close();
  });

  it('finds a published case by a word with a typo, opens it, and has no serious accessibility problem', async () => {
    const coordinator = await createUser(e.t.database.db, { email: uniqueEmail('koord'), name: 'Koordinator', role: 'coordinator', agencyId: null });
    const c = await resolvedCase(e.t, {
      coordinatorId: coordinator.user.id,
      input: { title: 'Lampu penerangan jalan padam di Desa Ngurensiti', reporter: { name: 'Sukarmi', email: null, phone: '+6281299887766', nik: null }, body: 'Lampu penerangan jalan padam sejak seminggu. Saya Sukarmi, HP 0812-9988-7766.' },
      answer: 'Yth. Ibu Sukarmi, lampu sudah diganti oleh petugas pada 24 November.',
    });
    const page = await (await e.browser.newContext({ ...PHONE })).newPage();
    await page.goto(`${e.baseUrl}/publik`);
    expect(await axeProblems(page), 'axe on /publik').to.deep.equal([]);
    await page.getByLabel('Kata kunci').fill('lampu penerangn ngurensit');
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.getByRole('link', { name: c.report.title }).click();
    await page.waitForURL(`${e.baseUrl}/publik/${c.report.tracking_code}`);
    const text = await page.locator('main').innerText();
    expect(text).to.contain('lampu sudah diganti').and.contain('[nama disamarkan]');
    expect(text).to.not.contain('Sukarmi');
    expect(text).to.not.contain('0812-9988-7766');
    expect(await axeProblems(page), 'axe on the case page').to.deep.equal([]);
    await page.goto(`${e.baseUrl}/publik/statistik`);
    expect(await axeProblems(page), 'axe on the statistics').to.deep.equal([]);
  });
});
