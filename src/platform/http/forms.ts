/**
 * Input hygiene around validation: a form POST must carry the CSRF token; empty inputs count as
 * "not given" so optional fields validate; JSON strings are trimmed; no input may hold a control
 * character or a bidirectional override; a number must be finite. JSON calls need no token: a browser cannot
 * send `application/json` cross-site without a CORS preflight, which Porch never grants. An API
 * POST without a body needs none either, but a browser's `Origin` header, when present, must be
 * this site's (OWASP CSRF cheat sheet, "verifying origin with standard headers"); the same holds
 * for a multipart upload to the API (checked before its body is read, see uploads/multipart.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldError, Forbidden, Invalid } from '../errors.ts';

function isJson(req: FastifyRequest): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

/** Whether the request's `Origin` header, when it has one, is this site (a browser always sends it cross-site). */
export function sameOrigin(req: FastifyRequest): boolean {
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

// Bidirectional embeddings, overrides and isolates (Unicode UAX #9, §2.1–2.2: U+202A–U+202E,
// U+2066–U+2069): they reorder what follows, so "+1 312 555 \u202E0199" shows a different number
// on a page or a printed card (the "Trojan Source" class, CVE-2021-42574). Left in: the marks
// U+200E, U+200F and U+061C, which change no order of their own and which right-to-left text
// needs around numbers and Latin words.
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * The fields of `fields` (a body or query string) holding a string that `pattern` finds, each as
 * a `code` error named by its path (`items/0/name`). Walked with a list rather than by
 * recursion, so no shape of input can exhaust the stack (JSON bodies are also refused beyond
 * `maxJsonDepth`).
 */
function fieldsHolding(fields: unknown, pattern: RegExp, code: string, into: FieldError[]): FieldError[] {
  const pending: [unknown, string][] = [[fields, '']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (pattern.test(value)) into.push({ field: path || '_', code });
    } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
      // An uploaded file's bytes are checked as an image elsewhere. Reversed, so the fields are
      // named in the order they were given.
      const entries = Object.entries(value).filter(([key]) => key !== 'data');
      for (const [key, inner] of entries.reverse()) pending.push([inner, path ? `${path}/${key}` : key]);
    }
  }
  return into;
}

/** The fields of a request's query string and body holding a string that `pattern` finds. */
function requestFieldsHolding(req: FastifyRequest, pattern: RegExp, code: string): FieldError[] {
  return fieldsHolding(req.body, pattern, code, fieldsHolding(req.query, pattern, code, []));
}

/**
 * The deepest nesting of lists and objects a JSON body may have (Porch's own bodies need 3).
 * Deeper bodies are refused before they are parsed: a request of a megabyte could otherwise nest
 * half a million levels, deeper than any code that walks it can go.
 */
export const maxJsonDepth = 32;

/** Whether the JSON `text` nests lists and objects deeper than `max` (brackets outside strings). */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      // A backslash escapes the next character.
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
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
 * Takes the CSRF token out of a form's fields once it has done its work (or was not needed): the
 * route's schema, which refuses fields it does not name, sees only the form's own fields.
 */
function dropToken(req: FastifyRequest): void {
  if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)._csrf;
}

/**
 * Adds the CSRF check for form posts, the empty-field clean-up for forms and query strings, the
 * refusal of control characters and bidirectional overrides anywhere, of numbers too large to be numbers, and of JSON bodies
 * nested deeper than `maxJsonDepth` (400 `errors.too_deep`).
 */
export function registerForms(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (nestedDeeperThan(body as string, maxJsonDepth)) {
      return done(new AppError('errors.too_deep', { max: maxJsonDepth }), undefined);
    }
    parseJson(req, body as string, done);
  });
  app.addHook('preHandler', (req, _reply, done) => {
    // After the schemas: a name or title field says so with its own rule (`validation.name`).
    const errors = [
      ...infiniteFields(req.query),
      ...infiniteFields(req.body),
      ...requestFieldsHolding(req, bidiControls, 'validation.bidi_controls'),
    ];
    done(errors.length ? new Invalid(errors) : undefined);
  });
  app.addHook('preValidation', (req, reply, done) => {
    const controlled = requestFieldsHolding(req, controlCharacters, 'validation.control_characters');
    if (controlled.length) return done(new Invalid(controlled));
    // A GET form's "All categories" option sends `category=`: that means no filter.
    tidy(req.query);
    if (isJson(req)) trimJson(req.body);
    if (req.method !== 'POST' || isJson(req)) return done();
    // An API client has no page to take a token from: a POST without a body, or a multipart
    // upload, is checked by its Origin instead (a cross-site form's browser always sends one).
    if (req.url.startsWith('/api/') && (!req.headers['content-type'] || req.isMultipart())) {
      dropToken(req);
      return done(sameOrigin(req) ? undefined : new Forbidden('errors.csrf'));
    }
    tidy(req.body);
    // A signed link is its own proof (a one-click unsubscribe, posted by a mail program that
    // has no page and no cookie: RFC 8058).
    if (req.routeOptions.config.signedLink) return done();
    app.csrfProtection(req, reply, () => {
      dropToken(req);
      done();
    });
  });
}
