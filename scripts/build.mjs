// `npm run build`, and `npm start` before it starts (scripts/start.mjs): src/ to dist/ as
// plain JavaScript.
//
// esbuild only strips the types, file by file (the sources are written for that:
// isolatedModules, verbatimModuleSyntax), in about a second; the types are checked by
// `npm run typecheck`, as in CI. When nothing under src/ changed since the last build,
// nothing is done, so a restart costs no build at all.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/** Builds dist/ unless it is newer than every source (or `force`). Returns whether it built. */
export async function build({ force = false } = {}) {
  const builtAt = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (!force && builtAt > newest(src)) return false;
  // Loaded only to build: a restart with nothing to build never pays for it.
  const esbuild = await import('esbuild');
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
  // esbuild's helper process would otherwise live as long as the server.
  await esbuild.stop();
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await build({ force: process.argv.includes('--force') });
}
