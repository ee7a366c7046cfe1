/**
 * A session is pushed forward at most once a day (`extendSession`, run with every request):
 * seen within the last day, it is left as it is; seen a day ago or longer, it ends
 * `sessionSeconds` from now. On both databases.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { addSeconds, iso } from '../db/time.ts';
import { createSession, extendSession, hashToken, sessionSeconds } from './sessions.ts';

describe('extending a session', () => {
  const t = useTestApp();

  it('happens once a day at most', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const token = await createSession(t.services.db, t.clock, member.id);
    const session = () =>
      t.services.db
        .selectFrom('session')
        .select(['id', 'lastSeenAt', 'expiresAt'])
        .where('tokenHash', '=', hashToken(token))
        .executeTakeFirstOrThrow();
    const created = await session();

    // A day less a second later: unchanged.
    t.clock.advance(86_399);
    await extendSession(t.services.db, t.clock, created.id, created.lastSeenAt);
    expect(await session()).toEqual(created);

    // A day later: seen now, and ends sessionSeconds from then.
    t.clock.advance(1);
    const before = t.clock.now().getTime();
    await extendSession(t.services.db, t.clock, created.id, created.lastSeenAt);
    const after = t.clock.now().getTime();
    const extended = await session();
    const seen = Date.parse(extended.lastSeenAt);
    expect(seen).toBeGreaterThanOrEqual(before);
    expect(seen).toBeLessThanOrEqual(after);
    expect(extended.expiresAt).toBe(iso(addSeconds(new Date(seen), sessionSeconds)));
  });
});
