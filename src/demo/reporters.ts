import type { Channel } from '../db/schema.js';
import type { Place } from './context.js';
import type { Rng } from './random.js';
import { FIRST_NAMES, LAST_NAMES } from './texts.js';

/** Fictional reporters: names, example.* e-mails, phones and NIK, some anonymous. */

export interface Reporter {
  name: string | null;
  email: string | null;
  phone: string | null;
  nik: string | null;
  anonymous: boolean;
}

export function makeReporter(r: Rng, channel: Channel, place: Place): Reporter {
  const anonymous = r.chance(0.15);
  const hidden = anonymous && r.chance(0.4);
  const first = r.pick(FIRST_NAMES);
  const last = r.chance(0.7) ? r.pick(LAST_NAMES) : null;
  const name = last ? `${first} ${last}` : first;
  const local = `${first}${last ? `.${last}` : ''}`.toLowerCase().replace(/[^a-z.]/g, '') + r.int(1, 99);
  const email = `${local}@${r.pick(['example.com', 'example.net', 'example.org'])}`;
  const phone = `08${r.pick(['12', '13', '21', '52', '57', '77', '95'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
  const kec = place.kecamatanCode.split('.')[2] ?? '10';
  const day = r.int(1, 28) + (r.chance(0.5) ? 40 : 0);
  const nik = `3318${kec}${String(day).padStart(2, '0')}${String(r.int(1, 12)).padStart(2, '0')}` +
    `${String(r.int(60, 99)).padStart(2, '0')}${String(r.int(1, 9999)).padStart(4, '0')}`;
  if (hidden) return { name: null, email: channel === 'email' ? email : null, phone: null, nik: null, anonymous };
  return {
    name,
    email: channel === 'email' || r.chance(0.6) ? email : null,
    phone: channel === 'staff' || r.chance(0.7) ? phone : null,
    nik: r.chance(0.35) ? nik : null,
    anonymous,
  };
}
