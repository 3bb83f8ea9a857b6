import { parseArgs } from 'node:util';
import type { Db } from '../db/database.js';
import { ROLES, type Role } from '../db/schema.js';
import { InputError } from '../shared/errors.js';
import { translator } from '../shared/i18n.js';
import { createUser } from '../users/commands/createUser.js';
import { resetPassword } from '../users/commands/resetPassword.js';
import { UsageError } from './context.js';

const USAGE = `Usage:
  npm run user -- create --email E --name N --role R [--agency CODE] [--password P]
  npm run user -- reset-password --email E
Roles: ${ROLES.join(', ')}`;

/**
 * Operator commands for the first admin, a locked-out admin and scripted set-ups.
 * `print` receives what the operator reads; an error they can fix is a thrown UsageError
 * (context.ts turns it into exit code 64). The entry point is cli/user.ts.
 */
export async function userCommand(db: Db, args: string[], print: (line: string) => void): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      agency: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    print(USAGE);
    return values.help ? 0 : 64;
  }
  if (!values.email) throw new UsageError(`--email is required.\n${USAGE}`);

  if (command === 'create') {
    if (!values.name) throw new UsageError(`--name is required.\n${USAGE}`);
    if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
      throw new UsageError(`--role must be one of: ${ROLES.join(', ')}`);
    }
    let agencyId: number | null = null;
    if (values.agency) {
      const agency = await db.selectFrom('agencies').select('id').where('code', '=', values.agency).executeTakeFirst();
      if (!agency) throw new UsageError(`No agency with code "${values.agency}".`);
      agencyId = agency.id;
    }
    try {
      const { user, password } = await createUser(db, {
        email: values.email,
        name: values.name,
        role: values.role as Role,
        agencyId,
        password: values.password,
      });
      print(`Created ${user.role} ${user.email} (id ${user.id}).`);
      if (!values.password) print(`Password (shown once): ${password}`);
    } catch (err) {
      if (err instanceof InputError) throw new UsageError(Object.values(err.fields(translator('en'))).join(' '));
      throw err;
    }
    return 0;
  }

  if (command === 'reset-password') {
    const result = await resetPassword(db, { email: values.email });
    if (!result) throw new UsageError(`No user with e-mail ${values.email}.`);
    print(`New password for ${result.user.email} (shown once): ${result.password}`);
    print('The account is unlocked and its open sessions have ended.');
    return 0;
  }

  throw new UsageError(`Unknown command "${command}".\n${USAGE}`);
}
