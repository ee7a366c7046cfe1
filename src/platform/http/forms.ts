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

/** Adds the CSRF check and the empty-field clean-up for form posts. */
export function registerForms(app: FastifyInstance): void {
  app.addHook('preValidation', (req, reply, done) => {
    if (req.method !== 'POST' || isJson(req)) return done();
    if (req.url.startsWith('/api/') && !req.headers['content-type']) {
      return done(sameOrigin(req) ? undefined : new Forbidden('errors.csrf'));
    }
    if (req.body && typeof req.body === 'object') {
      const body = req.body as Record<string, unknown>;
      for (const [key, value] of Object.entries(body)) {
        if (typeof value === 'string' && value.trim() === '') delete body[key];
        else if (typeof value === 'string') body[key] = value.trim();
      }
    }
    app.csrfProtection(req, reply, done);
  });
}
