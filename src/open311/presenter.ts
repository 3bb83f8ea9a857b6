import type { Config } from '../config.js';
import { REPORT_KINDS, type ReportStatus } from '../db/schema.js';
import { formatCode } from '../reports/tracking.js';
import { formatDateLong } from '../shared/format.js';
import type { Locale, Translate } from '../shared/i18n.js';
import { isoJakarta } from './format.js';
import { CATCH_ALL_SERVICE, type PublishedRow, type ServiceRow } from './queries.js';

/** Rows -> the spec's documents. Field names and order follow GeoReport v2. */

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this API last changed in a way clients should know of (discovery's changeset). */
export const CHANGESET = '2026-11-25T00:00:00Z';

export type Open311Status = 'open' | 'closed';

/** DESIGN.md §4: resolved, rejected and merged reports are closed; every other status is open. */
export function open311Status(status: ReportStatus): Open311Status {
  return status === 'resolved' || status === 'rejected' || status === 'merged' ? 'closed' : 'open';
}

/** Only resolved cases are published (DESIGN.md §7), so every published case is closed. */
export const PUBLISHED_STATUS: ReportStatus = 'resolved';

export function presentDiscovery(config: Config, t: Translate) {
  return {
    changeset: CHANGESET,
    contact: t('open311:discovery.contact', { org: config.orgName, email: contactAddress(config) }),
    key_service: t('open311:discovery.keyService', { org: config.orgName, email: contactAddress(config) }),
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${config.publicUrl}/open311/v2`,
        changeset: CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

/** The address in MAIL_FROM ("e-Pengaduan <pengaduan@...>" -> pengaduan@...). */
function contactAddress(config: Config): string {
  return config.mailIntake.address ?? /<([^>]+)>/.exec(config.mail.from)?.[1] ?? config.mail.from;
}

function serviceName(row: { name: string; name_en: string | null }, locale: Locale): string {
  return locale === 'en' && row.name_en ? row.name_en : row.name;
}

/** The catch-all service when no category holds its code: named and described in the locale. */
export function catchAllService(t: Translate): ServiceRow {
  return { code: CATCH_ALL_SERVICE, name: t('open311:catchAll.name'), name_en: null, description: t('open311:catchAll.description'), agency_name: null };
}

export function presentService(row: ServiceRow, locale: Locale) {
  return {
    service_code: row.code,
    service_name: serviceName(row, locale),
    description: row.description ?? '',
    // Every service has a definition: the kind of report, the kecamatan, a title, anonim, rahasia.
    metadata: true,
    type: 'realtime',
    keywords: '',
    group: row.agency_name ?? '',
  };
}

export function presentDefinition(row: ServiceRow, kecamatan: { code: string; name: string }[], t: Translate) {
  const list = (values: { key: string; name: string }[]) => values;
  const yesNo = list([
    { key: 'false', name: t('open311:attributes.no') },
    { key: 'true', name: t('open311:attributes.yes') },
  ]);
  const attribute = (order: number, code: string, datatype: string, values?: { key: string; name: string }[]) => ({
    variable: true,
    code,
    datatype,
    required: false,
    datatype_description: t(`open311:attributes.${code}.format`),
    order,
    description: t(`open311:attributes.${code}.description`),
    ...(values ? { values } : {}),
  });
  return {
    service_code: row.code,
    attributes: [
      attribute(1, 'kind', 'singlevaluelist', REPORT_KINDS.map((k) => ({ key: k, name: t(`open311:kinds.${k}`) }))),
      attribute(2, 'kecamatan', 'singlevaluelist', kecamatan.map((k) => ({ key: k.code, name: k.name }))),
      attribute(3, 'title', 'string'),
      attribute(4, 'anonymous', 'singlevaluelist', yesNo),
      attribute(5, 'confidential', 'singlevaluelist', yesNo),
    ],
  };
}

/**
 * A published case as a service request. Only what the coordinator approved: the
 * redacted text as the description, the government's answer as status_notes, the
 * kecamatan (never a street address, never coordinates), a photo only when one was
 * chosen for publication.
 */
export function presentRequest(row: PublishedRow, config: Config, catchAll: ServiceRow, locale: Locale) {
  const photo = row.photo_ids[0];
  // A case published without a category is under the catch-all: the schema wants a service_code.
  const service = row.category_code && row.category_name ? { name: row.category_name, name_en: row.category_name_en } : catchAll;
  return {
    service_request_id: formatCode(row.tracking_code),
    status: open311Status(PUBLISHED_STATUS),
    status_notes: row.answer,
    service_name: serviceName(service, locale),
    service_code: row.category_code ?? CATCH_ALL_SERVICE,
    description: row.body,
    agency_responsible: row.agency_name,
    service_notice: null,
    requested_datetime: isoJakarta(row.submitted_at),
    updated_datetime: isoJakarta(row.resolved_at ?? row.answered_at ?? row.published_at ?? row.submitted_at),
    expected_datetime: null,
    address: row.kecamatan_name,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: photo ? `${config.publicUrl}/publik/foto/${photo}` : null,
  };
}

/** The answer to POST /requests: the tracking code, what happens next; never the secret. */
export function presentCreated(code: string, verifyDueAt: Date | null, t: Translate, locale: Locale) {
  const due = verifyDueAt ? formatDateLong(verifyDueAt, locale) : null;
  return {
    service_request_id: formatCode(code),
    service_notice: due ? t('open311:created.noticeDue', { code: formatCode(code), due }) : t('open311:created.notice', { code: formatCode(code) }),
    account_id: null,
  };
}
