import type { HeldView } from '../attachments/heldForm.js';
import type { Config } from '../config.js';
import { REPORT_KINDS } from '../db/schema.js';
import { LIMITS } from '../reports/limits.js';
import type { FieldErrors } from '../shared/errors.js';
import type { Locale, Translate } from '../shared/i18n.js';
import type { FormOptions } from './queries.js';

/** What was typed, as strings, to put back into the form after an error. */
export type FormValues = Partial<Record<string, string>>;

export function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    // The hold's key and its "remove" boxes are the hold's own (held.ts), and the idempotency
    // key is chosen by renderForm: none is a typed value.
    if (typeof v === 'string' && k !== '_csrf' && k !== 'website' && k !== 'held' && k !== 'removeHeld' && k !== 'idempotency_key') out[k] = v;
  }
  return out;
}

/** The view-model of /lapor: options with their selection, hints with their limits. */
export function presentForm(
  options: FormOptions,
  values: FormValues,
  t: Translate,
  locale: Locale,
  config: Config,
  extra: { errors?: FieldErrors; filesLost?: boolean; held?: HeldView | null; idempotencyKey?: string } = {},
) {
  const kind = values.kind ?? 'pengaduan';
  const kecamatan = options.regions.filter((r) => r.level === 'kecamatan');
  return {
    title: t('intake:form.title'),
    values,
    errors: extra.errors,
    filesLost: extra.filesLost ?? false,
    // Files an earlier try of this form sent, kept so they need not be chosen again.
    held: extra.held ?? null,
    // One per report being written: every send of this form carries it (src/idempotency).
    idempotencyKey: extra.idempotencyKey ?? '',
    kinds: REPORT_KINDS.map((k) => ({
      value: k,
      label: t(`reports:kinds.${k}`),
      hint: t(`intake:kinds.${k}Hint`),
      checked: k === kind,
    })),
    categories: options.categories.map((c) => ({
      value: String(c.id),
      label: locale === 'en' && c.name_en ? c.name_en : c.name,
      selected: String(c.id) === values.categoryId,
    })),
    kecamatan: kecamatan.map((k) => ({ value: k.code, label: k.name, selected: k.code === values.kecamatan })),
    // All desa grouped by kecamatan: the choice works without JavaScript, and a small
    // script narrows the list to the chosen kecamatan.
    desaGroups: kecamatan.map((k) => ({
      code: k.code,
      label: k.name,
      options: options.regions
        .filter((r) => r.parent_code === k.code)
        .map((d) => ({ value: d.code, label: d.name, selected: d.code === values.desa })),
    })),
    checked: {
      anonymous: values.anonymous === 'on',
      confidential: values.confidential === 'on',
      notifyWhatsApp: values.notifyWhatsApp === 'on',
      consent: values.consent === 'on',
    },
    hints: {
      title: t('intake:form.titleHint', { min: LIMITS.titleMin, max: LIMITS.titleMax }),
      body: t('intake:form.bodyHint', { min: LIMITS.bodyMin, max: LIMITS.bodyMax }),
      address: t('intake:form.addressHint', { max: LIMITS.addressMax }),
      name: t('intake:form.nameHint', { max: LIMITS.nameMax }),
      files: t('intake:form.filesHint', {
        count: config.uploads.maxFiles,
        mb: Math.round((config.uploads.maxFileBytes / 1024 / 1024) * 10) / 10,
      }),
    },
    limits: { ...LIMITS, maxFiles: config.uploads.maxFiles },
  };
}
