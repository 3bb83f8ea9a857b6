// `npm start`: builds dist/ when src/ changed (build.mjs), then runs the server in this
// same process: one Node start instead of two (a build step's and the server's).
import { build } from './build.mjs';

await build();
await import('../dist/server.js');
