/** Test helpers of the board: a post through the API, and ISO instants relative to the test clock. */

import type { Account, Community } from '../../src/platform/db/database.ts';
import type { TestApp } from './app.ts';

/** An ISO instant `days` days from the test clock's now. */
export function daysFromNow(t: TestApp, days: number): string {
  return new Date(t.clock.now().getTime() + days * 86400_000).toISOString();
}

/** Posts through the API as `author`; returns the created post's JSON. */
export async function createPost(
  t: TestApp,
  community: Community,
  author: Account,
  input: Record<string, unknown> = {},
): Promise<{ id: string; status: string; [key: string]: unknown }> {
  const client = await t.as(author);
  const res = await client.api('POST', `/api/v1/communities/${community.slug}/posts`, {
    kind: 'request',
    title: 'Ride to the clinic',
    category: 'rides',
    ...input,
  });
  if (res.statusCode !== 201) throw new Error(`post refused: ${res.statusCode} ${res.body}`);
  return res.json();
}
