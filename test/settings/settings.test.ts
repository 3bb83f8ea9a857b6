import { expect } from 'chai';
import { setSetting } from '../../src/settings/commands/setSetting.js';
import { DEFINITIONS } from '../../src/settings/definitions.js';
import { getSetting } from '../../src/settings/queries.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { uniqueEmail } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * Settings admins change at run time (src/settings/). A database of its own: these
 * settings change how answers and retention behave for every other test.
 */
describe('settings changed at run time', function () {
  let database: TestDatabase;
  let adminId: number;

  before(async () => {
    database = await createTestDatabase();
    const { user } = await createUser(database.db, { email: uniqueEmail('admin'), name: 'Admin Pengaturan', role: 'admin', agencyId: null });
    adminId = user.id;
  });
  after(() => database.drop());

  const rowOf = (key: string) => database.db.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst();

  it('reads each setting’s default while it has no row', async () => {
    expect(await getSetting(database.db, 'answerValidation')).to.equal(false);
    expect(await getSetting(database.db, 'retentionReporterMonths')).to.equal(24);
    expect(await getSetting(database.db, 'retentionInboundMailMonths')).to.equal(6);
    expect(await getSetting(database.db, 'retentionOutboxMonths')).to.equal(12);
  });

  it('stores a value, reads it back typed, and records who changed it in the audit log', async () => {
    await setSetting(database.db, 'answerValidation', true, adminId);
    await setSetting(database.db, 'retentionOutboxMonths', 3, adminId);
    expect(await getSetting(database.db, 'answerValidation')).to.equal(true);
    expect(await getSetting(database.db, 'retentionOutboxMonths')).to.equal(3);
    const row = await rowOf(DEFINITIONS.retentionOutboxMonths.key);
    expect(row?.updated_by).to.equal(adminId);
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'setting_change')
      .where('target_id', '=', DEFINITIONS.retentionOutboxMonths.key)
      .execute();
    expect(audit).to.have.length(1);
    expect(audit[0]).to.include({ actor_user_id: adminId, actor_role: 'admin', target_type: 'setting' });
    expect(audit[0]!.details).to.deep.equal({ value: 3 });
  });

  it('changes a value again in place, one row per setting', async () => {
    await setSetting(database.db, 'retentionOutboxMonths', 18, adminId);
    expect(await getSetting(database.db, 'retentionOutboxMonths')).to.equal(18);
    const rows = await database.db.selectFrom('settings').select('key').where('key', '=', DEFINITIONS.retentionOutboxMonths.key).execute();
    expect(rows).to.have.length(1);
  });

  it('refuses a value outside the definition and writes nothing, not even an audit entry', async () => {
    const before = await rowOf(DEFINITIONS.retentionReporterMonths.key);
    const entries = async () =>
      (await database.db.selectFrom('audit_log').select('id').where('target_id', '=', DEFINITIONS.retentionReporterMonths.key).execute()).length;
    const auditBefore = await entries();
    let error: unknown;
    try {
      await setSetting(database.db, 'retentionReporterMonths', 999, adminId);
    } catch (err) {
      error = err;
    }
    expect(error, 'a value above the maximum').to.be.instanceOf(Error);
    expect(await rowOf(DEFINITIONS.retentionReporterMonths.key)).to.deep.equal(before);
    expect(await entries()).to.equal(auditBefore);
    expect(await getSetting(database.db, 'retentionReporterMonths')).to.equal(24);
  });

  it('reads a damaged row (a wrong type, a value out of range) as the default, never as the damage', async () => {
    await database.db
      .insertInto('settings')
      .values({ key: DEFINITIONS.retentionInboundMailMonths.key, value: JSON.stringify('enam') })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify('enam') }))
      .execute();
    expect(await getSetting(database.db, 'retentionInboundMailMonths')).to.equal(6);
    await database.db.updateTable('settings').set({ value: JSON.stringify(-5) }).where('key', '=', DEFINITIONS.retentionInboundMailMonths.key).execute();
    expect(await getSetting(database.db, 'retentionInboundMailMonths')).to.equal(6);
    await database.db.updateTable('settings').set({ value: JSON.stringify('yes') }).where('key', '=', DEFINITIONS.retentionInboundMailMonths.key).execute();
    expect(await getSetting(database.db, 'retentionInboundMailMonths')).to.equal(6);
  });
});
