/**
 * Input hygiene around validation: a form POST must carry the CSRF token; empty inputs count as
 * "not given" so optional fields validate; JSON strings are trimmed; no input may hold a control
 * character; a number must be finite. JSON calls need no token: a browser cannot
 * send `application/json` cross-site without a CORS preflight, which Porch never grants. An API
 * POST without a body needs none either, but a browser's `Origin` header, when present, must be
 * this site's (OWASP CSRF cheat sheet, "verifying origin with standard headers"); the same holds
 * for a multipart upload to the API.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type FieldError, Forbidden, Invalid } from '../errors.ts';

function isJson(req: FastifyRequest): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Drops empty strings from a parsed form or query string, and trims the others. */
function tidy(fields: unknown): void {
  if (!fields || typeof fields !== 'object') return;
  const record = fields as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string' && value.trim() === '') delete record[key];
    else if (typeof value === 'string') record[key] = value.trim();
  }
}

// C0 control characters other than tab, line feed and carriage return, and DEL: no one types
// them, PostgreSQL refuses NUL in text, and they break pages and CSV files.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The fields of `fields` (a body or query string) holding a string with a control character. */
function controlledFields(fields: unknown, into: FieldError[], prefix = ''): FieldError[] {
  if (typeof fields === 'string') {
    if (controlCharacters.test(fields))
      into.push({ field: prefix || '_', code: 'validation.control_characters' });
  } else if (fields && typeof fields === 'object' && !Buffer.isBuffer(fields)) {
    for (const [key, value] of Object.entries(fields)) {
      // An uploaded file's bytes are checked as an image elsewhere.
      if (key !== 'data') controlledFields(value, into, prefix ? `${prefix}/${key}` : key);
    }
  }
  return into;
}

/** Trims the strings of a JSON body (top level and lists), so "   " counts as empty. */
function trimJson(body: unknown): void {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return;
  const record = body as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') record[key] = value.trim();
    else if (Array.isArray(value)) record[key] = value.map((v) => (typeof v === 'string' ? v.trim() : v));
  }
}

/** The fields holding a number too large to count with (`1e309` in a form reads as Infinity). */
function infiniteFields(fields: unknown): FieldError[] {
  if (!fields || typeof fields !== 'object') return [];
  return Object.entries(fields)
    .filter(([, v]) => typeof v === 'number' && !Number.isFinite(v))
    .map(([field]) => ({ field, code: 'validation.finite' }));
}

/**
 * Adds the CSRF check for form posts, the empty-field clean-up for forms and query strings, the
 * refusal of control characters anywhere, and of numbers too large to be numbers.
 */
export function registerForms(app: FastifyInstance): void {
  app.addHook('preHandler', (req, _reply, done) => {
    const errors = [...infiniteFields(req.query), ...infiniteFields(req.body)];
    done(errors.length ? new Invalid(errors) : undefined);
  });
  app.addHook('preValidation', (req, reply, done) => {
    const controlled = controlledFields(req.body, controlledFields(req.query, []));
    if (controlled.length) return done(new Invalid(controlled));
    // A GET form's "All categories" option sends `category=`: that means no filter.
    tidy(req.query);
    if (isJson(req)) trimJson(req.body);
    if (req.method !== 'POST' || isJson(req)) return done();
    // An API client has no page to take a token from: a POST without a body, or a multipart
    // upload, is checked by its Origin instead (a cross-site form's browser always sends one).
    if (req.url.startsWith('/api/') && (!req.headers['content-type'] || req.isMultipart())) {
      return done(sameOrigin(req) ? undefined : new Forbidden('errors.csrf'));
    }
    tidy(req.body);
    app.csrfProtection(req, reply, done);
  });
}
