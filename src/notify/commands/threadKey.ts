import crypto from 'node:crypto';
import type { Db } from '../../db/database.js';

const KEY_SETTING = 'mail_thread_key';
const keys = new WeakMap<Db, Promise<Buffer>>();

/**
 * The signing key: made once and kept in the database, so every process and every
 * restart signs and checks alike. Two processes racing to make it keep the first.
 */
export function threadKey(db: Db): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = (async () => {
      const fresh = crypto.randomBytes(32).toString('base64');
      await db.insertInto('settings').values({ key: KEY_SETTING, value: JSON.stringify(fresh) }).onConflict((oc) => oc.column('key').doNothing()).execute();
      const row = await db.selectFrom('settings').select('value').where('key', '=', KEY_SETTING).executeTakeFirstOrThrow();
      return Buffer.from(String(row.value), 'base64');
    })();
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

