import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { createPost } from '../../../test/support/posts.ts';

const t = useTestApp();

const api = (slug: string) => `/api/v1/communities/${slug}/posts`;

describe('another community’s post', () => {
  it.each([
    ['GET', 'page', ''],
    ['GET', 'page', '/edit'],
    ['POST', 'page', '/edit'],
    ['POST', 'page', '/claim'],
    ['POST', 'page', '/release'],
    ['POST', 'page', '/close'],
    ['POST', 'page', '/respond'],
    ['POST', 'page', '/fulfill'],
    ['POST', 'page', '/thanks'],
    ['GET', 'api', ''],
    ['PATCH', 'api', ''],
    ['POST', 'api', '/close'],
    ['POST', 'api', '/claim'],
    ['POST', 'api', '/release'],
    ['POST', 'api', '/respond'],
    ['POST', 'api', '/fulfill'],
    ['POST', 'api', '/thanks'],
  ] as const)('is 404 for a steward of this community (%s %s%s)', async (method, kind, suffix) => {
    const a = await t.community();
    const b = await t.community();
    const post = await createPost(t, b.community, await t.member(b.community));
    const client = await t.as(a.steward);
    // Each action's own fields: a field an action does not take is refused before the post is looked up.
    const bodies: Record<string, Record<string, string>> = {
      '/edit': { title: 'x', category: 'other' },
      '': { title: 'x', category: 'other' },
      '/respond': { message: 'hi' },
      '/fulfill': { thanks: 'thanks' },
      '/thanks': { thanks: 'thanks' },
    };
    const body = bodies[suffix] ?? {};
    const res =
      kind === 'page'
        ? method === 'GET'
          ? await client.get(`/c/${a.community.slug}/posts/${post.id}${suffix}`)
          : await client.post(`/c/${a.community.slug}/posts/${post.id}${suffix}`, body)
        : await client.api(
            method,
            `${api(a.community.slug)}/${post.id}${suffix}`,
            method === 'GET' ? undefined : body,
          );
    expect(res.statusCode).toBe(404);
  });

  it('a malformed post id is 404', async () => {
    const { community, steward } = await t.community();
    expect((await (await t.as(steward)).get(`/c/${community.slug}/posts/not-an-id`)).statusCode).toBe(404);
  });
});
