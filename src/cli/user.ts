import { withDatabase } from './context.js';
import { userCommand } from './userCommand.js';

// `npm run user -- …`: see userCommand.ts.
await withDatabase(({ db }) => userCommand(db, process.argv.slice(2), console.log));
