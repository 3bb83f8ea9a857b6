import type { Role } from '../../src/db/schema.js';
import { agencyId, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';

export interface StaffApi extends SignedIn {
  post(url: string, body?: object): ReturnType<SignedIn['agent']['post']>;
  put(url: string, body: object): ReturnType<SignedIn['agent']['put']>;
}

/** A signed-in staff member calling the staff API with the session's CSRF token. */
export async function staffApi(t: TestApp, role: Role, agency: string | null = 'dpupr'): Promise<StaffApi> {
  const needsAgency = role === 'agency_staff' || role === 'agency_head';
  const s = await loginAs(t, role, { agencyId: needsAgency && agency ? await agencyId(t.database, agency) : null });
  const token = (await s.agent.get('/api/v1/session')).body.csrfToken as string;
  return {
    ...s,
    post: (url, body = {}) => s.agent.post(url).set('X-CSRF-Token', token).send(body),
    put: (url, body) => s.agent.put(url).set('X-CSRF-Token', token).send(body),
  };
}

/**
 * An answer the draft checker passes for a report about a road with holes (the default
 * title of test/helpers/reports.ts): greeting, finding, reason, action by a date, contact.
 */
export const ANSWER =
  'Yth. Bapak/Ibu, terima kasih atas laporan jalan berlubang ini. Unit Pelaksana Teknis (UPT) Jalan Pati menangani jalan kabupaten di wilayah Anda. ' +
  'Lubang muncul karena air hujan menggenang di atas aspal yang sudah tua. ' +
  'Tim UPT sudah meninjau lokasi pada 20 November. Lubang akan ditambal pada 2 Desember; hubungi UPT Jalan Pati di 0295-381234.';
