import { withDatabase } from './context.js';

// `npm run db:migrate`: the same migrations the app runs at start, for deploy scripts.
await withDatabase(async () => {
  console.log('Database is at the latest migration.');
});
