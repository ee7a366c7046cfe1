/**
 * A request's standing in brief (`platform/standing.ts`), which every stored page is checked
 * against: on SQLite kept in memory between writes, and never stale — what another process
 * commits (a member removed, a role changed, a session signed out everywhere) and the end of a
 * session by the clock hold for the very next request, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { createSession, sessionSeconds } from '../src/platform/auth/sessions.ts';
import type { StampedReads } from '../src/platform/db/connect.ts';
import { resolveStanding } from '../src/platform/standing.ts';
import { useTestApp } from './support/app.ts';

describe('a standing', () => {
  const t = useTestApp();
  /** A second Porch process on the same database (its own connection). */
  let other: App;
  beforeAll(async () => {
    other = await buildApp(t.services.config, { logger: false });
  });
  afterAll(async () => {
    await other?.close();
  });

  /** `t.services` whose SQLite reads are counted in `reads.count`. */
  function counting() {
    const reads = { count: 0 };
    const stamped: StampedReads | undefined = t.services.stamped && {
      read: (sql, parameters) => {
        reads.count++;
        return t.services.stamped!.read(sql, parameters);
      },
      unchanged: (stamp) => t.services.stamped!.unchanged(stamp),
    };
    return { services: { ...t.services, stamped }, reads };
  }

  it('holds only while nothing was committed, by this process or another', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const token = await createSession(t.services.db, t.clock, member.id);
    const { services, reads } = counting();
    const standing = () => resolveStanding(services, token, community.slug);
    const membership = (db: typeof t.services.db) =>
      db.updateTable('membership').where('communityId', '=', community.id).where('accountId', '=', member.id);

    expect(await standing()).toMatchObject({ accountId: member.id, role: 'member', status: 'active' });
    await standing();
    // On SQLite the second is the one kept: no statement read it again.
    if (services.stamped) expect(reads.count).toBe(1);

    for (let round = 0; round < 5; round++) {
      await membership(other.services.db).set({ status: 'removed' }).execute();
      expect((await standing()).status).toBe('removed');
      await membership(other.services.db).set({ status: 'active', role: 'steward' }).execute();
      expect(await standing()).toMatchObject({ status: 'active', role: 'steward' });
      // A write through this process's own connection, too.
      await membership(t.services.db).set({ role: 'member' }).execute();
      expect((await standing()).role).toBe('member');
    }
    // Any commit to the database, even of what it does not show, drops it.
    const before = reads.count;
    await other.services.db
      .updateTable('community')
      .set({ name: `${community.name}, renamed` })
      .where('id', '=', community.id)
      .execute();
    await standing();
    if (services.stamped) expect(reads.count).toBe(before + 1);

    // A session signed out everywhere on the other process is nobody's at once.
    await other.services.db.deleteFrom('session').where('accountId', '=', member.id).execute();
    expect(await standing()).toMatchObject({ accountId: null, session: null, status: null });
  });

  it('ends with its session, by the clock, with no write in between', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const token = await createSession(t.services.db, t.clock, member.id);
    const { services } = counting();
    expect((await resolveStanding(services, token, community.slug)).accountId).toBe(member.id);
    expect((await resolveStanding(services, token, community.slug)).accountId).toBe(member.id);
    t.clock.advance(sessionSeconds + 1);
    expect(await resolveStanding(services, token, community.slug)).toMatchObject({
      accountId: null,
      session: null,
    });
  });
});
