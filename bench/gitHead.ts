import { execSync } from 'node:child_process';
import { ROOT_DIR } from '../src/paths.js';

/** The commit a benchmark measured, written with its results. */
export function gitHead(): string {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: ROOT_DIR }).toString().trim();
  } catch {
    return 'unknown';
  }
}
