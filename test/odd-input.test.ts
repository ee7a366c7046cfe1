/**
 * Whatever arrives, every registered route answers with a clear refusal (4xx), never a 500: odd
 * query strings (control characters, bytes that are not UTF-8), JSON
 * nested thousands of levels deep, form and multipart bodies that are broken or hold control
 * characters, path parameters with control characters — each sent to every method and path the
 * server registers, as a signed-in steward (so that community routes resolve and reach their checks).
 */
import { describe, expect, it } from 'vitest';
import { maxJsonDepth } from '../src/platform/http/forms.ts';
import { useTestApp } from './support/app.ts';

/** Every (method, path) of `app.printRoutes()`, whose tree gives one path segment per line. */
function registeredRoutes(tree: string): [string, string][] {
  const routes: [string, string][] = [];
  const prefixes: string[] = [];
  for (const line of tree.split('\n')) {
    const at = line.search(/[├└]── /);
    if (at < 0) continue;
    const level = at / 4;
    prefixes.length = level;
    prefixes[level] = line.slice(at + 4).replace(/ \(.*\)$/, '');
    const path = prefixes.join('');
    const methods = line.match(/\(([A-Z, ]+)\)$/)?.[1].split(', ') ?? [];
    for (const method of methods) if (method !== 'HEAD') routes.push([method, path]);
  }
  return routes;
}

const uuid = '01900000-0000-7000-8000-000000000000';
const deepJson = `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`;
const boundary = 'porchboundary';

describe('odd input', () => {
  const t = useTestApp();

  it('reads every route from the router (the test would be empty otherwise)', () => {
    const routes = registeredRoutes(t.app.printRoutes({ commonPrefix: false }));
    expect(routes.length).toBeGreaterThan(150);
    expect(routes).toContainEqual(['POST', '/api/v1/auth/session']);
    expect(routes).toContainEqual(['GET', '/api/openapi.json']);
    expect(routes).toContainEqual(['GET', '/c/:community/library/items/:itemId']);
  });

  it('never makes a route answer 500', async () => {
    const { community, steward } = await t.community();
    const routes = registeredRoutes(t.app.printRoutes({ commonPrefix: false }));
    const fill = (path: string, param: string) =>
      path
        .replace(/:community/g, community.slug)
        .replace(/:\w+/g, param)
        .replace(/\*/g, 'x');
    // As the community's steward, so that community routes resolve and reach their checks.
    const odd: { name: string; query?: string; param?: string; type?: string; body?: string }[] = [
      {
        name: 'a query with control characters and bytes that are not UTF-8',
        query: '?q=%00&%01=x&next=%1B&r=%C3%28&%FF=%FE',
      },
      { name: 'a control character in a path parameter', param: '%01' },
      { name: 'JSON nested 5,000 levels', type: 'application/json', body: deepJson },
      {
        name: 'JSON with control characters',
        type: 'application/json',
        body: '{"name":"a\\u0000b","x":[{"y":"\\u0007"}]}',
      },
      {
        name: 'a form with control characters',
        type: 'application/x-www-form-urlencoded',
        body: 'name=%00&_csrf=%01',
      },
      {
        name: 'a broken multipart body',
        type: `multipart/form-data; boundary=${boundary}`,
        body: `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a.png"\r\n\r\nnot an image`,
      },
    ];
    const failures: string[] = [];
    for (const [method, path] of routes) {
      // A session of its own per route: one route may sign it out.
      const client = await t.as(steward);
      const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      for (const input of odd) {
        if (input.body !== undefined && method === 'GET') continue;
        if (input.param !== undefined && !path.includes(':')) continue;
        const url = fill(path, input.param ?? uuid) + (input.query ?? '');
        const res = await t.app.inject({
          method: method as 'GET',
          url,
          headers: { cookie, ...(input.type ? { 'content-type': input.type } : {}) },
          ...(input.body !== undefined ? { payload: input.body } : {}),
          // Answered once the status is known: the live stream never ends.
          payloadAsStream: true,
        });
        res.stream().destroy();
        if (res.statusCode >= 500)
          failures.push(`${method} ${url.slice(0, 80)} (${input.name}): ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it(`refuses JSON nested deeper than ${maxJsonDepth} levels with a problem that says so`, async () => {
    // From addresses of their own: the test above spent this one's sign-in budget.
    const send = (payload: string, remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in-link',
        headers: { 'content-type': 'application/json', 'accept-language': 'es' },
        payload,
        remoteAddress,
      });
    const deep = await send(deepJson, '192.0.2.76');
    expect(deep.statusCode).toBe(400);
    expect(deep.json()).toMatchObject({ code: 'errors.too_deep', status: 400 });
    expect(deep.json().detail).toBe(
      `Lo que enviaste está anidado demasiado: como máximo ${maxJsonDepth} niveles de listas y objetos.`,
    );
    const deepest = `${'['.repeat(maxJsonDepth)}${']'.repeat(maxJsonDepth)}`;
    expect((await send(`{"email":${deepest}}`, '192.0.2.77')).json().code).toBe('errors.too_deep');
    // At the limit, and brackets inside strings (text, not nesting), it goes on to validation.
    const atLimit = `${'['.repeat(maxJsonDepth - 1)}${']'.repeat(maxJsonDepth - 1)}`;
    expect((await send(`{"email":${atLimit}}`, '192.0.2.78')).json().code).toBe('errors.invalid_input');
    const text = await send(JSON.stringify({ email: `${'[{'.repeat(100)}\\"@b.example` }), '192.0.2.79');
    expect(text.json().code).toBe('errors.invalid_input');
  });
});
