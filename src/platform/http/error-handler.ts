/**
 * One place that turns any error into a response. API callers (`/api/…`) get
 * `application/problem+json` (RFC 9457) with a stable `code` and translated `detail`; browsers
 * get the same form re-rendered with messages beside the fields (422), a redirect to sign in,
 * or an error page. A 500 shows nothing of its cause; the log has it, with the request id.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import {
  AppError,
  Conflict,
  type FieldError,
  Forbidden,
  Invalid,
  NotFound,
  TooManyRequests,
  Unauthenticated,
} from '../errors.ts';
import { translator } from '../i18n/index.ts';
import { nameFormat } from '../names.ts';
import { sendPage } from './render.ts';

/** Renders an error page (status, translated title and message) in the site layout. */
export type ErrorPageRenderer = (
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
) => VNode<any>;

interface Problem {
  status: number;
  code: string;
  params?: Record<string, unknown>;
  fields?: FieldError[];
}

/** Installs the error and not-found handlers. */
export function registerErrorHandler(app: FastifyInstance, renderErrorPage: ErrorPageRenderer): void {
  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    const problem = classify(error, Number(reply.getHeader('retry-after')) || 60);
    if (problem.status >= 500) req.log.error({ err: error }, 'request failed');
    if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
    return respond(req, reply, problem, renderErrorPage);
  });
  app.setNotFoundHandler(async (req, reply) =>
    respond(req, reply, { status: 404, code: 'errors.page_not_found' }, renderErrorPage),
  );
}

// What busboy says of a multipart body that is not one: the sender's fault, not ours.
const brokenMultipart =
  /^(Unexpected end of (form|multipart data)|Malformed part header|Multipart: Boundary not found)/;

/** `retryAfter`: the seconds a rate limit asked the caller to wait (its Retry-After header). */
function classify(error: FastifyError, retryAfter = 60): Problem {
  if (error.validation) {
    // A malformed id in the path names nothing that exists.
    if (error.validationContext === 'params') return { status: 404, code: 'errors.not_found' };
    return {
      status: 422,
      code: 'errors.invalid_input',
      fields: once(relevant(error.validation).map(fieldError)),
    };
  }
  if (error instanceof Invalid)
    return { status: 422, code: error.code, params: error.params, fields: error.fields };
  if (error instanceof NotFound) return { status: 404, code: error.code, params: error.params };
  if (error instanceof Forbidden) return { status: 403, code: error.code, params: error.params };
  if (error instanceof Unauthenticated) return { status: 401, code: error.code };
  if (error instanceof Conflict) return { status: 409, code: error.code, params: error.params };
  if (error instanceof TooManyRequests) return { status: 429, code: error.code, params: error.params };
  if (error instanceof AppError) return { status: 400, code: error.code, params: error.params };
  switch (error.code) {
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return { status: 403, code: 'errors.csrf' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'errors.too_large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'errors.unsupported_media_type' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'errors.empty_json_body' };
  }
  if (!error.statusCode && brokenMultipart.test(error.message))
    return { status: 400, code: 'errors.bad_request' };
  const status = error.statusCode ?? 500;
  if (status === 429) return { status, code: 'errors.too_many_requests', params: { seconds: retryAfter } };
  if (status >= 400 && status < 500) return { status, code: 'errors.bad_request' };
  return { status: 500, code: 'errors.internal' };
}

// Kinds (JSON types) and string formats with their own message (`validation.type_<kind>`,
// `validation.format_<format>`); others get the general one.
const typeMessages = new Set(['integer', 'number', 'boolean', 'string', 'array', 'object']);
const formatMessages = new Set(['date', 'date-time', 'email', 'uuid']);
// Fields whose pattern has its own message with an example (`validation.pattern_<field>`).
export const patternMessages = new Set([
  'slug',
  'chatUrl',
  'invite',
  'phone',
  'whenAt',
  'expectedMonth',
  'latitude',
  'longitude',
]);

type AjvError = NonNullable<FastifyError['validation']>[number];

/**
 * The errors worth telling of a value that may also be `null` (`anyOf: [X, null]`): when X's own
 * errors are there, the "not null" and "none of the options" errors of the same value add only
 * noise ("Please choose one of the options." under "Porch takes no field named “alt”").
 */
function relevant(errors: readonly AjvError[]): AjvError[] {
  const inner = (e: AjvError) => !(e.keyword === 'type' && e.params.type === 'null') && e.keyword !== 'anyOf';
  return errors.filter(
    (e) =>
      inner(e) ||
      !errors.some((other) => other !== e && inner(other) && other.instancePath.startsWith(e.instancePath)),
  );
}

/**
 * Each field error once: a union of literals (`'1' | 'on'`) refuses a value once per branch, and
 * "Please choose one of the options." twice beside one field says nothing more.
 */
function once(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.field} ${e.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// A schema pattern that reads a time of day HH:MM (`^([01]\d|2[0-3]):[0-5]\d$`, with 24:00 or not).
const timeOfDayPattern = /^\^\(*\[01\]\\d\|2\[0-3\]\):\[0-5\]\\d/;

/** Maps one Ajv error to a field error whose code is an i18n key (`validation.<keyword>`). */
function fieldError(e: NonNullable<FastifyError['validation']>[number]): FieldError {
  const params = e.params as Record<string, unknown>;
  const missing = typeof params.missingProperty === 'string' ? params.missingProperty : undefined;
  // An unknown field is named itself (where it was: `location/latt`), not by its parent.
  const unknown = typeof params.additionalProperty === 'string' ? params.additionalProperty : undefined;
  if (unknown !== undefined) {
    const at = e.instancePath.replace(/^\//, '');
    return { field: at ? `${at}/${unknown}` : unknown, code: 'validation.additionalProperties', params };
  }
  const field = (missing ?? e.instancePath.replace(/^\//, '').replace(/\/.*$/, '')) || '_';
  const keyword = ['anyOf', 'oneOf', 'enum', 'const'].includes(e.keyword) ? 'choice' : e.keyword;
  // A name's own message says what a name may hold.
  if (keyword === 'format' && params.format === nameFormat) return { field, code: 'validation.name', params };
  // What is expected, with an example, for each kind and form the schemas use.
  if (keyword === 'type') {
    const expected = String(params.type).split(',')[0];
    if (typeMessages.has(expected)) return { field, code: `validation.type_${expected}`, params };
  }
  // A length says its unit with the language's plural ("1 character", "2 characters").
  if (keyword === 'minLength' || keyword === 'maxLength')
    return { field, code: `validation.${keyword}`, params: { ...params, count: params.limit } };
  // A time of day (opening hours, a shift's start and end) says its form, whatever the field.
  if (keyword === 'pattern' && timeOfDayPattern.test(String(params.pattern)))
    return { field, code: 'validation.pattern_time', params };
  if (keyword === 'pattern' && patternMessages.has(field))
    return { field, code: `validation.pattern_${field}`, params };
  if (keyword === 'format' && formatMessages.has(String(params.format)))
    return { field, code: `validation.format_${params.format}`, params };
  return { field, code: `validation.${keyword}`, params };
}

/**
 * For Fastify's `frameworkErrors` option: a URL that cannot be decoded, or a path segment too
 * long, answered before any hook ran — as a problem, like every other refusal.
 */
export function frameworkError(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  return respond(req, reply, { status, code: 'errors.bad_request' }, () => {
    throw error;
  });
}

async function respond(
  req: FastifyRequest,
  reply: FastifyReply,
  p: Problem,
  renderErrorPage: ErrorPageRenderer,
) {
  const t = req.ctx?.t ?? translator('en');
  const message = t(p.code, { ...p.params, defaultValue: t('errors.bad_request') });
  const fields = (p.fields ?? []).map((f) => ({
    ...f,
    message: t(f.code, { ...f.params, defaultValue: t('validation.invalid') }),
  }));
  // A failure before the request was resolved (say, the database is down) has no page to render.
  if (req.url.startsWith('/api/') || !req.ctx) {
    return reply
      .code(p.status)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: t(`status.${p.status}`, { defaultValue: String(p.status) }),
        status: p.status,
        code: p.code,
        detail: message,
        ...(fields.length
          ? { errors: fields.map(({ field, code, message }) => ({ field, code, message })) }
          : {}),
      });
  }
  if (p.status === 401) {
    return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
  }
  const form = req.routeOptions?.config?.form;
  if (form && req.method === 'POST' && (p.status === 422 || p.status === 409 || p.status === 429)) {
    const errors = fields.length ? fields : [{ field: '_', code: p.code, params: p.params, message }];
    return sendPage(reply.code(p.status === 409 ? 409 : p.status), await form(req, reply, errors));
  }
  // A refused query string (a page with no form) names its fields in the message.
  const named = fields.length
    ? `${message} ${fields.map((f) => `${f.field}: ${f.message}`).join(' ')}`
    : message;
  return sendPage(reply.code(p.status), renderErrorPage(req, reply, p.status, named));
}
