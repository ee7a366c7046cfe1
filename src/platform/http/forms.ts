/**
 * HTML form handling before validation: a form POST must carry the CSRF token (JSON calls need
 * none: a browser cannot send `application/json` cross-site without a CORS preflight, which
 * Porch never grants), and empty inputs count as "not given" so optional fields validate.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

function isJson(req: FastifyRequest): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

/** Adds the CSRF check and the empty-field clean-up for form posts. */
export function registerForms(app: FastifyInstance): void {
  app.addHook('preValidation', (req, reply, done) => {
    if (req.method !== 'POST' || isJson(req)) return done();
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
