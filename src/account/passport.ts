import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { findSessionUser, passwordStamp } from '../auth/queries.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { verifyCredentials } from './commands/verifyCredentials.js';

interface SessionRef {
  id: number;
  /** password_changed_at when the session began. */
  pw: number;
}

/** A passport instance of our own (not the global one), so tests can build many apps. */
export function createPassport(db: Db, config: Config): passport.PassportStatic {
  const instance = new passport.Passport() as unknown as passport.PassportStatic;
  instance.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      verifyCredentials(db, email, password, config.login)
        .then((result) => (result.ok ? done(null, result.user) : done(null, false, { message: result.why })))
        .catch(done);
    }),
  );
  instance.serializeUser((user, done) => {
    passwordStamp(db, user.id)
      .then((pw) => done(null, { id: user.id, pw } satisfies SessionRef))
      .catch(done);
  });
  instance.deserializeUser((ref: SessionRef, done) => {
    findSessionUser(db, ref.id, ref.pw)
      .then((user) => done(null, user ?? false))
      .catch(done);
  });
  return instance;
}
