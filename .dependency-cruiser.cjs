/**
 * The layering of src/ (README, "Code layout"), kept by `npm run lint`. From the inside out:
 *
 *   base     config.ts, logger.ts, paths.ts and shared/ (errors, validation, i18n, dates):
 *            import nothing of ours but each other
 *   floor    db/, http/, audit/, auth/, reports/, notify/: the database, HTTP plumbing,
 *            writing the audit log, permissions, the report's core, mail and live updates;
 *            they import the base and each other, never a capability
 *   capabilities  every other folder (intake/, triage/, answers/, ...): import the floor,
 *            the base, and other capabilities' commands, queries and presenters, never
 *            their routes or handlers
 *   roof     web/, app.ts, server.ts, messages.ts, prepare.ts, cli/: build the site and the
 *            processes from everything below; nothing below imports them
 *
 * And no cycles: not between files, not between folders.
 */
const BASE = '^src/(shared/|(config|logger|paths)\\.ts$)';
const FLOOR = '^src/(db|http|audit|auth|reports|notify)/';
const ROOF = '^src/(web/|cli/|(app|server|messages|prepare)\\.ts$)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Files that import each other in a loop: one of them holds what both need, or the loop hides a layer.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment: 'Folders that import each other in a loop have no direction: move the shared piece down a layer.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'base-imports-only-base',
      comment: 'The base (shared/, config, logger, paths) is below everything: it imports nothing else of ours.',
      severity: 'error',
      from: { path: BASE },
      to: { path: '^src/', pathNot: BASE },
    },
    {
      name: 'floor-imports-no-capability',
      comment: 'db/, http/, audit/, auth/, reports/ and notify/ serve every capability, so they import none.',
      severity: 'error',
      from: { path: FLOOR },
      to: { path: '^src/', pathNot: `${FLOOR}|${BASE}` },
    },
    {
      name: 'nothing-imports-the-roof',
      comment: 'web/, app.ts, server.ts, messages.ts, prepare.ts and cli/ sit on top: nothing below imports them.',
      severity: 'error',
      from: { path: '^src/', pathNot: ROOF },
      to: { path: ROOF },
    },
    {
      name: 'no-other-capability-routes-or-handlers',
      comment: "A capability calls another's commands, queries and presenters, never its routes or handlers (the HTTP side).",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/.*/(routes|handlers|[a-z][A-Za-z]*Routes|[a-z][A-Za-z]*Handlers)\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'no-dev-dependencies-in-src',
      comment: 'src/ runs in production, where dev dependencies are not installed (type imports are fine).',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that resolves to nothing.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: a layer that needs another's types depends on it.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
