/**
 * Prepares a database for the sqlmap run (sqlmap.sh): migrations, reference and demo
 * data (so the portal, feeds and Open311 have published cases to search), Open311
 * client keys, and one report made through the intake service, whose code and secret
 * the tracking endpoints are probed with. Prints them as JSON on the last line.
 * Runs before the server starts: the embedded database takes one process at a time.
 */
import { loadConfig } from '../../src/config.js';
import { databaseOptions, openDatabase } from '../../src/db/database.js';
import { prepareDatabase } from '../../src/prepare.js';
import { seedDemo } from '../../src/demo/index.js';
import { submitReport } from '../../src/intake/commands/submitReport.js';
import { hashOpen311Key, newOpen311Key } from '../../src/open311/keys.js';

const config = loadConfig();
const database = await openDatabase(databaseOptions(config));
try {
  const prepared = await prepareDatabase(database.db);
  if (prepared.referenceLoaded) await seedDemo(database.db);
  // Posting is limited per key per hour: enough keys for sqlmap's few thousand requests.
  const keys = Array.from({ length: 40 }, () => newOpen311Key());
  for (const [i, k] of keys.entries()) {
    await database.db.insertInto('open311_clients').values({ name: `sqlmap ${i + 1}`, key_hash: hashOpen311Key(k), active: true }).execute();
  }
  const { report, secret } = await submitReport(database.db, config, {
    channel: 'web',
    locale: 'id',
    input: {
      kind: 'pengaduan',
      title: 'Lampu jalan mati di Jalan Pemuda',
      body: 'Lampu penerangan jalan di depan pasar mati sejak seminggu, jalan gelap dan rawan pada malam hari.',
      categoryId: null, regionCode: null, address: null, lat: null, lng: null,
      reporter: { name: 'Sri Wahyuni', email: 'sri@example.com', phone: null, nik: null },
      anonymous: false, confidential: false,
    },
  });
  const category = await database.db.selectFrom('categories').select('code').where('active', '=', true).orderBy('id').executeTakeFirstOrThrow();
  const published = await database.db.selectFrom('publications').select('code').where('status', '=', 'published').executeTakeFirst();
  console.log(JSON.stringify({ keys, code: report.tracking_code, secret, category: category.code, published: published?.code ?? report.tracking_code }));
} finally {
  await database.close();
}
