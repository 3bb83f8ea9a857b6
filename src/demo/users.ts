import type { Role } from '../db/schema.js';
import { Rng } from './random.js';
import { FIRST_NAMES, LAST_NAMES } from './texts.js';

export const DEMO_EMAIL_DOMAIN = 'demo.patikab.go.id';
/** The OPD that get a Kepala and two staff accounts: the ones most reports go to. */
export const DEMO_BUSY_AGENCIES = ['dpupr', 'dinkes', 'disdukcapil', 'dlh', 'dinsos-p3akb'] as const;

export interface UserSpec {
  email: string;
  name: string;
  role: Role;
  agency: string | null;
}

export function demoUserSpecs(): UserSpec[] {
  const r = new Rng(0xd3e0);
  const person = () => `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
  const at = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
  const specs: UserSpec[] = [
    { email: at('admin'), name: `${person()} (Admin Sistem)`, role: 'admin', agency: null },
    { email: at('koordinator1'), name: `${person()} (Koordinator)`, role: 'coordinator', agency: 'diskominfo' },
    { email: at('koordinator2'), name: `${person()} (Koordinator)`, role: 'coordinator', agency: 'diskominfo' },
    { email: at('pimpinan'), name: `${person()} (Pimpinan)`, role: 'leader', agency: null },
  ];
  for (const code of DEMO_BUSY_AGENCIES) {
    specs.push({ email: at(`kepala.${code}`), name: `${person()} (Kepala)`, role: 'agency_head', agency: code });
    for (const n of [1, 2]) {
      specs.push({ email: at(`staf${n}.${code}`), name: person(), role: 'agency_staff', agency: code });
    }
  }
  return specs;
}
