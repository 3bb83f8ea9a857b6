import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { ROOT_DIR } from '../src/paths.js';

describe('.env.example', () => {
  it('documents every variable that config.ts reads, and no other', () => {
    const example = fs.readFileSync(path.join(ROOT_DIR, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const source = fs.readFileSync(path.join(ROOT_DIR, 'src/config.ts'), 'utf8');
    const read = new Set([...source.matchAll(/^\s{2}([A-Z][A-Z0-9_]+): Joi\./gm)].map((m) => m[1]));
    expect(read.size).to.be.greaterThan(15);
    expect([...read].filter((k) => !documented.has(k)), 'missing from .env.example').to.deep.equal([]);
    expect([...documented].filter((k) => !read.has(k)), 'not read by config.ts').to.deep.equal([]);
  });
});
