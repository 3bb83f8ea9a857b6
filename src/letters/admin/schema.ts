import Joi from 'joi';

export interface LetterheadInput {
  /** The OPD's name as its letterhead prints it (may be longer than the short name in lists). */
  fullName: string;
  address: string;
  phone: string | null;
  email: string | null;
  website: string | null;
  /** The letter number, e.g. 000.9/{n}/DPUPR/{tahun}: {n} required; {tahun} and {bulan} optional. */
  numberPattern: string;
  /** Take the current logo off. */
  removeLogo: boolean;
}

const optional = (max: number) => Joi.string().trim().max(max).empty('').allow(null).default(null);

export const letterheadSchema = Joi.object<LetterheadInput>({
  fullName: Joi.string().trim().min(2).max(200).required().label('letters:admin.fields.fullName'),
  address: Joi.string().trim().min(2).max(300).required().label('letters:admin.fields.address'),
  phone: optional(60).label('letters:admin.fields.phone'),
  email: Joi.string().trim().lowercase().email({ tlds: false }).max(254).empty('').allow(null).default(null).label('letters:admin.fields.email'),
  website: optional(200).label('letters:admin.fields.website'),
  numberPattern: Joi.string()
    .trim()
    .max(80)
    .pattern(/\{n\}/, { name: 'n' })
    .pattern(/^(?:[^{}]|\{(?:n|tahun|bulan)\})+$/, { name: 'slots' })
    .required()
    .label('letters:admin.fields.numberPattern')
    .messages({ 'string.pattern.name': 'letters:admin.errors.pattern' }),
  removeLogo: Joi.boolean().truthy('1', 'on').falsy('0', '').default(false),
});
