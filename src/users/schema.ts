import Joi from 'joi';
import { ROLES, type Role } from '../db/schema.js';

export interface UserInput {
  name: string;
  email: string;
  role: Role;
  /** An agency id, or null for roles not bound to an OPD. */
  agencyId: number | null;
  /** A Kepala OPD's title and NIP, printed under their name on the answer letters they approve. */
  jobTitle?: string | null;
  nip?: string | null;
}

/** Create and edit share one schema; the agency rule lives in the command (it needs the DB). */
export const userSchema = Joi.object<UserInput>({
  name: Joi.string().trim().min(2).max(120).required().label('users:fields.name'),
  email: Joi.string().trim().lowercase().email({ tlds: false }).max(254).required().label('users:fields.email'),
  role: Joi.string().valid(...ROLES).required().label('users:fields.role'),
  // An empty select option means "no agency".
  agencyId: Joi.number().integer().positive().empty('').allow(null).default(null).label('users:fields.agency'),
  jobTitle: Joi.string().trim().max(150).empty('').allow(null).default(null).label('users:fields.jobTitle'),
  // Civil servants' NIP: 18 digits, often written in groups (19700812 199503 1 002).
  nip: Joi.string()
    .replace(/[\s.]/g, '')
    .pattern(/^\d{18}$/)
    .empty('')
    .allow(null)
    .default(null)
    .label('users:fields.nip')
    .messages({ 'string.pattern.base': 'users:errors.nip' }),
});

export interface UserFilter {
  q?: string;
  role?: Role;
  agencyId?: number;
  status?: 'active' | 'inactive' | 'locked';
  page: number;
}

export const userFilterSchema = Joi.object<UserFilter>({
  q: Joi.string().trim().max(100).empty(''),
  role: Joi.string().valid(...ROLES).empty(''),
  agencyId: Joi.number().integer().positive().empty(''),
  status: Joi.string().valid('active', 'inactive', 'locked').empty(''),
  page: Joi.number().integer().min(1).max(10_000).empty('').default(1),
}).unknown(false);

export interface TokenInput {
  /** So the admin knows later which integration holds the token. */
  name: string;
}

/** Issuing an API token. */
export const tokenSchema = Joi.object<TokenInput>({
  name: Joi.string().trim().min(2).max(80).required().label('users:tokens.name'),
});
