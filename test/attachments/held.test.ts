import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { claimHeld, holdUploads } from '../../src/attachments/held.js';
import { uploadLimits } from '../../src/attachments/policy.js';
import { InputError } from '../../src/shared/errors.js';
import { testConfig } from '../helpers/app.js';
import { photo } from './fixtures.js';

/** Files held between two tries of a form (issue 19 item 12): taken once, never twice. */
describe('held files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-held-unit-'));
    fs.mkdirSync(path.join(dir, '.tmp'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function upload(name: string) {
    const file = path.join(dir, '.tmp', `${Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32)}`);
    fs.writeFileSync(file, await photo('jpeg'));
    return { path: file, originalname: name };
  }

  it('holds inspected files under names of their own, which the orphan sweep knows', async () => {
    const { held, refusal } = await holdUploads([await upload('a.jpg')], uploadLimits(testConfig()), dir, 5);
    expect(refusal).to.equal(undefined);
    expect(held).to.have.length(1);
    expect(fs.readdirSync(path.join(dir, '.tmp')).sort()).to.deep.equal([held[0]!.name, `${held[0]!.name}.thumb`].sort());
    expect(held[0]!.name).to.match(/^[0-9a-f]{32}$/);
  });

  it('two sends of one form take its files once: the second is told they are gone, and takes nothing', async () => {
    const { held } = await holdUploads([await upload('a.jpg'), await upload('b.jpg')], uploadLimits(testConfig()), dir, 5);
    const results = await Promise.allSettled([claimHeld(held, dir), claimHeld(held, dir)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).to.have.length(1);
    expect(lost).to.have.length(1);
    expect(lost[0]!.reason).to.be.instanceOf(InputError);
    expect((lost[0]!.reason as InputError).keys).to.deep.equal({ files: 'attachments:errors.heldGone' });
    const taken = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof claimHeld>>>).value;
    for (const f of taken) expect(fs.existsSync(f.path) && fs.existsSync(f.thumbnailPath!)).to.equal(true);
  });
});
