import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { type CardInput, renderCard } from './shareCard.js';

/**
 * Share cards, drawn once per version and kept on disk under DATA_DIR/share-cards/{code}/
 * {key}.png. On disk rather than in a table: a card is a derived file (it can always be
 * drawn again from the publication), a few dozen KB that sendFile-like reads serve without
 * a database round trip, and the backup of the database stays free of it.
 *
 * Bounded: one file per published case. Writing a case's new version removes its older
 * ones, and asking for the card of a case that is no longer published (withdrawn, declined)
 * removes its folder; nothing else ever writes there.
 *
 * Concurrent first requests: in this process, the second waits for the first's drawing
 * (`pending`). Across processes (several app instances on one DATA_DIR) each may draw the
 * same card once; each writes a temporary file and renames it into place, and the bytes are
 * the same, so a reader sees one whole file or the other, never a torn one. A process still
 * serving an older version may draw that one again and remove the newer; the next request
 * draws the newer again. Wasted work at worst, never a wrong card.
 */
/** Cards drawn in this process: the tests count them (a card served again is not drawn again). */
export const cardsDrawn = { count: 0 };

export function shareCardStore(config: Pick<Config, 'dataDir' | 'orgLogo' | 'defaultLocale'>) {
  const root = path.join(config.dataDir, 'share-cards');
  const pending = new Map<string, Promise<Buffer>>();

  // Codes are normalised tracking codes (letters and digits only), keys hex digests: safe as names.
  const folder = (code: string) => path.join(root, code);
  const fileOf = (code: string, key: string) => path.join(folder(code), `${key}.png`);

  async function draw(code: string, key: string, input: CardInput): Promise<Buffer> {
    const png = await renderCard(input, config);
    cardsDrawn.count++;
    const dir = folder(code);
    await fs.mkdir(dir, { recursive: true });
    const file = fileOf(code, key);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(tmp, png);
    await fs.rename(tmp, file);
    // The case's older versions: platforms asked for them by their own address, now stale.
    for (const name of await fs.readdir(dir)) {
      if (name !== `${key}.png` && name.endsWith('.png')) await fs.rm(path.join(dir, name), { force: true });
    }
    return png;
  }

  return {
    /** The card's PNG for this version of the case, drawn at most once per process. */
    async get(code: string, key: string, input: CardInput): Promise<Buffer> {
      try {
        return await fs.readFile(fileOf(code, key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      const id = `${code}/${key}`;
      let job = pending.get(id);
      if (!job) {
        job = draw(code, key, input).finally(() => pending.delete(id));
        pending.set(id, job);
      }
      return job;
    },

    /** The case is not (or no longer) published: its cards go. */
    async forget(code: string): Promise<void> {
      await fs.rm(folder(code), { recursive: true, force: true });
    },
  };
}

export type ShareCardStore = ReturnType<typeof shareCardStore>;
