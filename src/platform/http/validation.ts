/**
 * The schema validators. HTML forms and query strings send only text, so their values are
 * coerced to the schema's types ("3" → 3, one value → a list; a number with decimals may be typed
 * with a decimal comma or the minus sign, "−4,5"). A JSON body of the API is taken
 * as sent: coercion there would turn `null` into 0 (a post pinned at latitude 0) or "" into null.
 * Both show every refused field at once and fill defaults (Ajv options:
 * https://ajv.js.org/options.html).
 *
 * Every object of a route's body and query string is closed (`additionalProperties: false`, set
 * as the route is registered, so the API description says so too): a field the schema does not
 * name is refused, never silently ignored — `{"locationLat": "norte"}` sent to a profile whose
 * location is `location: {lat, lng}` was answered 200 and changed nothing. The one exception is
 * a page's query string: a link shared with a tracking parameter added (`?fbclid=…`) still opens,
 * the unknown parameter dropped.
 *
 * Response bodies of the API are written by fast-json-stringify from their schemas, as Fastify
 * does by default.
 *
 * Compiling schemas was most of a start's work (about 350 validators, 75 of them different, and
 * 70 serializers: over a second of CPU). So each different schema is compiled once, when a
 * request first needs it.
 */
import { Ajv, type Options, type SchemaValidateFunction, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import fastJsonStringify from 'fast-json-stringify';
import type { FastifyInstance } from 'fastify';
import { isName, nameFormat } from '../names.ts';
import { graphemeCount } from '../text.ts';

const common: Options = { allErrors: true, removeAdditional: false, useDefaults: true, addUsedSchema: false };

/** A validator compiled on first call, shared by every route with the same schema. */
type LazyValidator = ((data: unknown, context?: object) => boolean) & {
  errors?: ValidateFunction['errors'];
  /** Fastify passes the parent object (so Ajv may coerce a whole part) to Ajv functions, known by this. */
  schemaEnv: true;
};

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Compiles every route's schemas now, throwing on one that Ajv or fast-json-stringify
     * refuses (a start leaves them for the first request; a test calls this).
     */
    compileSchemas(): void;
  }
}

function validators(options: Options, pending: Set<() => unknown>) {
  let ajv: Ajv | undefined;
  const compiled = new Map<string, ValidateFunction>();
  return (schema: object): LazyValidator => {
    const key = JSON.stringify(schema);
    const compile = () => {
      let fn = compiled.get(key);
      if (!fn) {
        ajv ??= withFormats(new Ajv({ ...common, ...options }));
        fn = ajv.compile(schema);
        compiled.set(key, fn);
      }
      return fn;
    };
    pending.add(compile);
    const validate: LazyValidator = Object.assign(
      (data: unknown, context?: object) => {
        const fn = compile();
        const valid = fn(data, context as never) as boolean;
        validate.errors = fn.errors;
        return valid;
      },
      { schemaEnv: true as const },
    );
    return validate;
  };
}

function withFormats(ajv: Ajv): Ajv {
  // A CommonJS module: its function is the default export's `default` under TypeScript's view.
  (formats as unknown as { default: (a: Ajv) => void }).default(ajv);
  ajv.addFormat(nameFormat, { type: 'string', validate: isName });
  // String lengths count the characters people see (graphemes), not code points as Ajv does:
  // a name of 80 flags or accented letters written with combining marks fits its 80.
  for (const [keyword, fits] of [
    ['maxLength', (n: number, limit: number) => n <= limit],
    ['minLength', (n: number, limit: number) => n >= limit],
  ] as const) {
    ajv.removeKeyword(keyword);
    const validate: SchemaValidateFunction = (limit: number, data: string): boolean => {
      const length = graphemeCount(data);
      if (fits(length, limit)) return true;
      validate.errors = [{ keyword, params: { limit, length }, message: `${keyword} ${limit}` }];
      return false;
    };
    ajv.addKeyword({ keyword, type: 'string', schemaType: 'number', errors: true, validate });
  }
  return ajv;
}

/** `validate`, also taking an absent body (a POST without one). */
function withoutBody(validate: LazyValidator): LazyValidator {
  const check: LazyValidator = Object.assign(
    (data: unknown, context?: object) => {
      const valid = data === undefined || data === null || validate(data, context);
      check.errors = valid ? null : validate.errors;
      return valid;
    },
    { schemaEnv: true as const },
  );
  return check;
}

/** Whether a property's schema takes a number with decimals (not only a whole number). */
function takesDecimals(schema: unknown): boolean {
  const s = schema as { type?: unknown; anyOf?: unknown[] } | undefined;
  return s?.type === 'number' || (Array.isArray(s?.anyOf) && s.anyOf.some(takesDecimals));
}

/** The fields of a page form's body schema that take a number with decimals. */
function decimalFields(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, unknown> })?.properties ?? {};
  return Object.keys(properties).filter((name) => takesDecimals(properties[name]));
}

/** A number as people type it: a decimal comma ("4,5") and the minus sign ("−18") of many languages. */
const typedNumber = /^\s*[-\u2212]?\d+(?:[.,]\d+)?\s*$/;

/**
 * `validate` for a page form whose `fields` take decimals: "4,5" and "−18" read as 4.5 and -18
 * before the coercion to numbers, as the place form's degrees are read; anything else is left
 * for the schema to refuse.
 */
function withDecimalCommas(validate: LazyValidator, fields: readonly string[]): LazyValidator {
  if (fields.length === 0) return validate;
  const check: LazyValidator = Object.assign(
    (data: unknown, context?: object) => {
      if (data && typeof data === 'object') {
        const body = data as Record<string, unknown>;
        for (const name of fields) {
          const value = body[name];
          if (typeof value === 'string' && typedNumber.test(value))
            body[name] = value.trim().replace(',', '.').replace('\u2212', '-');
        }
      }
      const valid = validate(data, context);
      check.errors = validate.errors;
      return valid;
    },
    { schemaEnv: true as const },
  );
  return check;
}

/** Serializers compiled on first call, shared by every response with the same schema. */
function serializers(pending: Set<() => unknown>) {
  const compiled = new Map<string, (data: unknown) => string>();
  return (schema: object) => {
    const key = JSON.stringify(schema);
    const compile = () => {
      let fn = compiled.get(key);
      if (!fn) {
        fn = fastJsonStringify(schema);
        compiled.set(key, fn);
      }
      return fn;
    };
    pending.add(compile);
    return (data: unknown): string => compile()(data);
  };
}

/**
 * The body schema of a route that takes none (an action such as "archive" or "retry"), set on
 * every such route as it is registered: no body, `{}`, or a form with only its CSRF token. A
 * field is refused like any unknown field, never ignored.
 */
export const noBody = {
  type: 'object',
  properties: {},
  additionalProperties: false,
  description: 'Takes no fields: send no body, or `{}`.',
} as const;

/** Methods whose routes read a body. */
const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The parts of a request whose objects are closed to fields their schema does not name. */
export const closedParts = ['body', 'querystring'] as const;

/** One route's schema of one part, as the validator compiler was given it. */
export interface RouteSchema {
  method: string;
  url: string;
  part: string;
  schema: unknown;
}

const given = new WeakMap<FastifyInstance, RouteSchema[]>();

/** Every schema `app`'s routes validate with, once the app is ready (for tests that check them all). */
export function routeSchemasOf(app: FastifyInstance): readonly RouteSchema[] {
  return given.get(app) ?? [];
}

/**
 * A copy of the JSON Schema `schema` in which every object (`type: 'object'`, at any depth: in
 * properties, list items, unions) that does not say otherwise has `additionalProperties: false`.
 * Shared schema objects are left as they are (responses use some of them).
 */
export function closeObjects<S>(schema: S): S {
  if (Array.isArray(schema)) return schema.map((s) => closeObjects(s)) as S;
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    // A schema's own keys (`properties`' names, `enum`/`const` values) are copied as they are.
    copy[key] =
      key === 'enum' || key === 'const' || key === 'default' || key === 'examples'
        ? value
        : closeObjects(value);
  }
  // TypeBox marks its schemas with symbol keys (its kind): keep them, so it still knows them.
  for (const symbol of Object.getOwnPropertySymbols(schema))
    copy[symbol as never] = (schema as never)[symbol];
  if (copy.type === 'object' && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy as S;
}

/**
 * Sets the validator compiler (JSON bodies of `/api/` routes strict, everything else coerced;
 * unknown fields refused except in a page's query string, where they are dropped), closes every
 * route's body and query string objects, and sets the response serializer compiler.
 */
export function registerValidation(app: FastifyInstance): void {
  const pending = new Set<() => unknown>();
  const coercing = validators({ coerceTypes: 'array' }, pending);
  const dropping = validators({ coerceTypes: 'array', removeAdditional: true }, pending);
  const strict = validators({ coerceTypes: false }, pending);
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const takesBody = methods.some((m) => bodyMethods.has(m));
    if (!route.schema && !takesBody) return;
    const schema = { ...route.schema };
    for (const part of closedParts) if (schema[part]) schema[part] = closeObjects(schema[part]);
    if (takesBody && !schema.body) schema.body = noBody;
    route.schema = schema;
  });
  const seen: RouteSchema[] = [];
  given.set(app, seen);
  app.setValidatorCompiler(({ schema, method, url, httpPart }) => {
    seen.push({ method: method ?? '', url, part: httpPart ?? '', schema });
    const api = url.startsWith('/api/');
    // No body at all is what a route that takes none expects.
    if (httpPart === 'body' && schema === noBody) return withoutBody(api ? strict(schema) : coercing(schema));
    if (httpPart === 'body' && api) return strict(schema);
    if (httpPart === 'body') return withDecimalCommas(coercing(schema), decimalFields(schema));
    if (httpPart === 'querystring' && !api) return dropping(schema);
    return coercing(schema);
  });
  const serializer = serializers(pending);
  app.setSerializerCompiler(({ schema }) => serializer(schema));
  app.decorate('compileSchemas', () => {
    for (const compile of pending) compile();
  });
}
