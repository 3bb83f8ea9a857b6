import { execSync } from 'node:child_process';
import { ROOT_DIR } from '../src/paths.js';
import { benchStartup } from './startup.js';

// `npm run bench`: every benchmark, numbers printed for the issue notes. Never run by tests.
execSync('npm run build --silent', { cwd: ROOT_DIR, stdio: 'inherit' });
await benchStartup();
