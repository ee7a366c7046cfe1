/**
 * Domain errors. They know nothing of HTTP: services, jobs and the CLI all throw them, and one
 * handler (`platform/http/error-handler.ts`) maps them to a status, a problem body or a form.
 * Every `code` is also an i18n key in `locales/*.json`.
 */

/** A field-level validation failure: `field` is the form/JSON field name, `code` an i18n key. */
export interface FieldError {
  field: string;
  code: string;
  params?: Record<string, unknown>;
}

/** Base class: a stable `code` (i18n key) and interpolation `params` for the message. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = new.target.name;
  }
}

/** The thing does not exist, or belongs to another community (never 403 for those: no leak). */
export class NotFound extends AppError {}
/** The actor is known but their role does not allow this. */
export class Forbidden extends AppError {}
/** The actor must sign in first. */
export class Unauthenticated extends AppError {
  constructor(code = 'errors.sign_in_required') {
    super(code);
  }
}
/** The request is valid but the current state refuses it (already used, full, wrong status). */
export class Conflict extends AppError {}
/** Input that a schema cannot judge was refused; `fields` names each bad field. */
export class Invalid extends AppError {
  constructor(
    readonly fields: FieldError[],
    code = 'errors.invalid_input',
  ) {
    super(code);
  }
}
/** Too many attempts; `retryAfterSeconds` tells the caller when to try again. */
export class TooManyRequests extends AppError {
  constructor(
    code: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, { seconds: retryAfterSeconds });
  }
}

/**
 * Throws `Forbidden(code)` unless `ok`. Services call it with a policy predicate:
 * `authorize(can.approveMember(actor), 'communities.only_stewards_approve')`.
 */
export function authorize(ok: boolean, code: string): asserts ok {
  if (!ok) throw new Forbidden(code);
}

/** Throws `Invalid` with one field error. */
export function invalid(field: string, code: string, params?: Record<string, unknown>): never {
  throw new Invalid([{ field, code, params }]);
}
