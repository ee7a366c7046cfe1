/**
 * The schema validators. HTML forms and query strings send only text, so their values are
 * coerced to the schema's types ("3" → 3, one value → a list). A JSON body of the API is taken
 * as sent: coercion there would turn `null` into 0 (a post pinned at latitude 0) or "" into null.
 * Both show every refused field at once, drop properties the schema does not name, and fill
 * defaults (Ajv options: https://ajv.js.org/options.html).
 */
import { Ajv, type Options } from 'ajv';
import formats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

const common: Options = { allErrors: true, removeAdditional: true, useDefaults: true, addUsedSchema: false };

function ajv(options: Options) {
  const instance = new Ajv({ ...common, ...options });
  // A CommonJS module: its function is the default export's `default` under TypeScript's view.
  (formats as unknown as { default: (a: Ajv) => void }).default(instance);
  return instance;
}

/** Sets the validator compiler: JSON bodies of `/api/` routes strict, everything else coerced. */
export function registerValidation(app: FastifyInstance): void {
  const coercing = ajv({ coerceTypes: 'array' });
  const strict = ajv({ coerceTypes: false });
  app.setValidatorCompiler(({ schema, url, httpPart }) =>
    (httpPart === 'body' && url.startsWith('/api/') ? strict : coercing).compile(schema),
  );
}
