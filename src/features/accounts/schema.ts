/** Request and response shapes of sign-in, sessions and first-run setup. */
import { Type } from 'typebox';
import { Name } from '../../platform/names.ts';

export const Email = Type.String({ format: 'email', maxLength: 254, description: 'An email address.' });
export const DisplayName = Name({ minLength: 1, maxLength: 80, description: 'The name neighbors see.' });
export const NextPath = Type.String({
  maxLength: 500,
  description: 'A path on this site to go to afterwards.',
});

export const SignInLinkIn = Type.Object({ email: Email, next: Type.Optional(NextPath) });
/** Adding an email address to an account without one (proved by a mailed link). */
export const AddEmailIn = Type.Object({ email: Email });
export const SignInTokenIn = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) });
export const SignInTokenParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) });
export const SetupIn = Type.Object({
  token: Type.String({ minLength: 20, maxLength: 100 }),
  name: DisplayName,
  email: Email,
});
export const SetupQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 100 })) });
export const LoginQuery = Type.Object({ next: Type.Optional(NextPath) });

/** The signed-in person's own account, as the API returns it. */
export const MeOut = Type.Object({
  id: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  locale: Type.Union([Type.String(), Type.Null()]),
  operator: Type.Boolean(),
});
export const Accepted = Type.Object({ status: Type.Literal('sent') });
