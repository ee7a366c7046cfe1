/**
 * HTML form handling before validation: a form POST must carry the CSRF token, and empty inputs
 * count as "not given" so optional fields validate. JSON calls need no token: a browser cannot
 * send `application/json` cross-site without a CORS preflight, which Porch never grants. An API
 * POST without a body needs none either, but a browser's `Origin` header, when present, must be
 * this site's (OWASP CSRF cheat sheet, "verifying origin with standard headers").
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Forbidden } from '../errors.ts';

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

/** Adds the CSRF check for form posts and the empty-field clean-up for forms and query strings. */
export function registerForms(app: FastifyInstance): void {
  app.addHook('preValidation', (req, reply, done) => {
    // A GET form's "All categories" option sends `category=`: that means no filter.
    tidy(req.query);
    if (req.method !== 'POST' || isJson(req)) return done();
    if (req.url.startsWith('/api/') && !req.headers['content-type']) {
      return done(sameOrigin(req) ? undefined : new Forbidden('errors.csrf'));
    }
    tidy(req.body);
    app.csrfProtection(req, reply, done);
  });
}
