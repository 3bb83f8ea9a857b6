// `npm run build` (and `npm start` before it starts): src/ to dist/ as plain JavaScript.
//
// esbuild only strips the types, file by file (the sources are written for that:
// isolatedModules, verbatimModuleSyntax), in about a second; the types are checked by
// `npm run typecheck`, as in CI. When nothing under src/ changed since the last build,
// nothing is done, so a restart costs no build at all.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.built');

/** The newest change under src/: a file's mtime, or a folder's (a file removed or renamed). */
function newest(dir) {
  let latest = fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

const force = process.argv.includes('--force');
const builtAt = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (!force && builtAt > newest(src)) process.exit(0);

// A clean folder: no module of a deleted source file stays behind to be imported.
fs.rmSync(dist, { recursive: true, force: true });
await esbuild.build({
  entryPoints: ['src/**/*.ts'],
  absWorkingDir: root,
  outdir: 'dist',
  outbase: 'src',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
