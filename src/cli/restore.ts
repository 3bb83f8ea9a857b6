import path from 'node:path';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { BackupError } from '../backup/backup.js';
import { restoreBackup } from '../backup/restore.js';
import { ConfigError, loadConfig } from '../config.js';
import { DatabaseUnreachableError } from '../db/database.js';
import { DataDirLockedError } from '../db/lock.js';

const USAGE = `Usage: npm run restore -- FOLDER
Restores a backup made by npm run backup into an empty DATA_DIR (or the empty database
named by DATABASE_URL) and an empty UPLOAD_DIR, then checks counts and every file's
checksum. Exit 0: restored and verified; 1: refused or failed; 2: restored with differences.`;

// `npm run restore`: a thin entry point over src/backup/restore.ts.
dotenv.config({ quiet: true });
const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
if (values.help || positionals.length !== 1) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 64);
}
try {
  const config = loadConfig();
  const from = path.resolve(positionals[0]!);
  const { manifest, verification: v } = await restoreBackup({ from, databaseUrl: config.databaseUrl, dataDir: config.dataDir, uploadDir: config.uploadDir });
  console.log(`Restored the backup of ${manifest.createdAt} from ${from}`);
  console.log(`  ${v.counts.reports} reports (backup: ${manifest.counts.reports}), ${v.counts.attachments} attachments (backup: ${manifest.counts.attachments}), ${v.counts.users} users`);
  for (const key of v.missing) console.log(`  missing file: ${key}`);
  for (const key of v.damaged) console.log(`  file with other bytes than recorded: ${key}`);
  console.log(v.ok ? '  Verified: counts match and every attachment has its file with the recorded checksum.' : '  NOT verified: see the differences above.');
  process.exit(v.ok ? 0 : 2);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof DatabaseUnreachableError || err instanceof BackupError) {
    console.error(`Restore failed: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
