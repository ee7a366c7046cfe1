/**
 * A request's standing in brief (`platform/standing.ts`), which every stored page is checked
 * against: kept in memory while the generation of standings and the community's data version
 * read unchanged (migrations 0014, 0044), and never stale — what another process or raw SQL
 * commits (a member removed, a role changed, a session signed out everywhere or cut short, an
 * account erased or its language changed) and the end of a session by the clock hold for the
 * very next request, on both databases; a write in another community leaves it kept.
 */
import { sql } from 'kysely';
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
    // A commit in another community: one small check, and the standing is kept.
    const elsewhere = await t.community();
    let before = reads.count;
    await other.services.db
      .updateTable('community')
      .set({ name: `${elsewhere.community.name}, renamed` })
      .where('id', '=', elsewhere.community.id)
      .execute();
    expect((await standing()).role).toBe('member');
    await standing();
    if (services.stamped) expect(reads.count).toBe(before + 1);
    // A commit to this community, even of what the standing does not show, reads it again.
    before = reads.count;
    await other.services.db
      .updateTable('community')
      .set({ name: `${community.name}, renamed` })
      .where('id', '=', community.id)
      .execute();
    await standing();
    if (services.stamped) expect(reads.count).toBe(before + 2);

    // A session signed out everywhere on the other process is nobody's at once.
    await other.services.db.deleteFrom('session').where('accountId', '=', member.id).execute();
    expect(await standing()).toMatchObject({ accountId: null, session: null, status: null });
  });

  it('honours at once what raw SQL on another connection commits, each write alone', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const bystander = await t.member(community);
    // Signed in, not a member: nothing of this community moves when their account changes.
    const outsider = await t.account();
    const raw = other.services.db;
    const standing = (token: string) => resolveStanding(t.services, token, community.slug);
    let stale = 0;
    let checks = 0;
    /**
     * Has every token's standing kept (asked twice), runs `statement` on the other connection,
     * then expects `wanted` of `token`'s standing at once, twice (read anew, then as kept).
     */
    const expectAfter = async (
      tokens: string[],
      statement: ReturnType<typeof sql>,
      token: string,
      wanted: Record<string, unknown>,
    ) => {
      for (const each of tokens) for (let i = 0; i < 2; i++) await standing(each);
      await statement.execute(raw);
      for (let i = 0; i < 2; i++) {
        const now = (await standing(token)) as unknown as Record<string, unknown>;
        checks++;
        if (Object.entries(wanted).some(([k, v]) => now[k] !== v)) stale++;
      }
    };
    const membershipOf = (id: string) => sql`community_id = ${community.id} AND account_id = ${id}`;
    for (let round = 0; round < 10; round++) {
      const token = await createSession(t.services.db, t.clock, member.id);
      const watching = await createSession(t.services.db, t.clock, bystander.id);
      const looking = await createSession(t.services.db, t.clock, outsider.id);
      const all = [token, watching, looking];
      await expectAfter(
        all,
        sql`UPDATE membership SET role = 'steward' WHERE ${membershipOf(member.id)}`,
        token,
        {
          role: 'steward',
        },
      );
      await expectAfter(
        all,
        sql`UPDATE membership SET status = 'removed' WHERE ${membershipOf(member.id)}`,
        token,
        {
          status: 'removed',
        },
      );
      await expectAfter(
        all,
        sql`UPDATE membership SET status = 'active', role = 'member' WHERE ${membershipOf(member.id)}`,
        token,
        { status: 'active', role: 'member' },
      );
      await expectAfter(all, sql`DELETE FROM membership WHERE ${membershipOf(bystander.id)}`, watching, {
        accountId: bystander.id,
        status: null,
      });
      await expectAfter(
        all,
        sql`INSERT INTO membership (id, community_id, account_id, role, status, requested_at)
          VALUES (${`m${round}`}, ${community.id}, ${bystander.id}, 'member', 'active', ${'2026-01-01T00:00:00.000Z'})`,
        watching,
        { status: 'active' },
      );
      const locale = round % 2 ? 'en' : 'es';
      await expectAfter(all, sql`UPDATE account SET locale = ${locale} WHERE id = ${outsider.id}`, looking, {
        accountLocale: locale,
      });
      await expectAfter(
        all,
        sql`UPDATE session SET expires_at = ${'2000-01-01T00:00:00.000Z'} WHERE account_id = ${bystander.id}`,
        watching,
        { accountId: null, session: null },
      );
      await expectAfter(all, sql`DELETE FROM session WHERE account_id = ${outsider.id}`, looking, {
        accountId: null,
        session: null,
      });
      await expectAfter(all, sql`DELETE FROM session WHERE account_id = ${member.id}`, token, {
        accountId: null,
        session: null,
      });
    }
    // An erased account stands for nobody, whatever its session: a member's, and an outsider's.
    for (const account of [outsider, member]) {
      const token = await createSession(t.services.db, t.clock, account.id);
      await expectAfter(
        [token],
        sql`UPDATE account SET erased_at = ${'2026-01-01T00:00:00.000Z'} WHERE id = ${account.id}`,
        token,
        { accountId: null },
      );
    }
    expect({ checks, stale }).toEqual({ checks: 184, stale: 0 });
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
