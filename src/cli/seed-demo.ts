import { parseArgs } from 'node:util';
import { seedDemo } from '../demo/index.js';
import { UsageError, withDatabase } from './context.js';

// `npm run seed:demo [-- --reports N]`: demo users for every role and demo reports.
await withDatabase(async ({ db }, config) => {
  const { values } = parseArgs({ options: { reports: { type: 'string' } } });
  const reports = values.reports === undefined ? undefined : Number(values.reports);
  if (reports !== undefined && (!Number.isInteger(reports) || reports < 0 || reports > 100_000)) {
    throw new UsageError('--reports must be a whole number from 0 to 100000');
  }
  if (config.env === 'production') throw new UsageError('Refusing to load demo data with NODE_ENV=production.');
  const result = await seedDemo(db, { reports, log: (m: string) => console.log(m) });
  console.log(`Added ${result.reports} demo reports.`);
  if (result.users.length) {
    console.log('Demo accounts created (passwords shown once):');
    for (const u of result.users) console.log(`  ${u.role.padEnd(13)} ${u.email.padEnd(42)} ${u.password}`);
  }
});
