import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Source lives in src/ (run by tsx) and compiled code in dist/: both sit one level
// below the project root, so views/, public/ and locales resolve the same way.
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const VIEWS_DIR = path.join(ROOT_DIR, 'views');
export const PUBLIC_DIR = path.join(ROOT_DIR, 'public');
