import Joi from 'joi';

export interface ClientInput {
  /** What the admin calls the application, e.g. "Aplikasi Pati Cerdas (Diskominfo)". */
  name: string;
}

export const clientSchema = Joi.object<ClientInput>({
  name: Joi.string().trim().min(2).max(100).required().label('open311:admin.name'),
});
