import path from 'node:path';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { BackupError, createBackup } from '../backup/backup.js';
import { ConfigError, loadConfig } from '../config.js';
import { DatabaseUnreachableError } from '../db/database.js';
import { DataDirLockedError } from '../db/lock.js';

const USAGE = `Usage: npm run backup -- [--out FOLDER]
Writes the database, the uploaded files and the generated session key into a new folder
(default: backups/e-pengaduan-<date>-<time>). On the embedded database, stop the app first.
See docs/backup.md.`;

// `npm run backup`: a thin entry point over src/backup/backup.ts.
dotenv.config({ quiet: true });
const { values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
try {
  const config = loadConfig();
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const out = path.resolve(values.out ?? path.join('backups', `e-pengaduan-${stamp}`));
  const m = await createBackup({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, uploadDir: config.uploadDir, out });
  console.log(`Backup written to ${out}`);
  console.log(`  database: ${m.database.kind} (PostgreSQL ${m.database.serverVersion}), ${m.database.file}, ${m.database.bytes} bytes, migration ${m.migration}`);
  console.log(`  ${m.counts.reports} reports, ${m.counts.attachments} attachments, ${m.counts.users} users`);
  console.log(`  uploads: ${m.uploads.files} files, ${m.uploads.bytes} bytes; session key: ${m.sessionSecret ? 'included' : 'none in DATA_DIR'}`);
  console.log('  It holds personal data: keep it encrypted and delete it when its time is up (docs/backup.md).');
  process.exit(0);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof DatabaseUnreachableError || err instanceof BackupError) {
    console.error(`Backup failed: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
