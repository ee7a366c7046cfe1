import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { hashToken } from '../../platform/auth/sessions.ts';
import { contextFor } from '../../platform/context.ts';
import type { Account, Community } from '../../platform/db/database.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { endLinks, issueLinks, type Occasion, openLink } from './links.ts';

const t = useTestApp();

const household = {
  address: '14 Harbour Lane',
  latitude: 41.854,
  longitude: -87.665,
  people: 2,
  phone: '+1 312 555 0101',
  consent: true,
};
const driver = { vehicle: 'Blue minivan', seats: 4, phone: '+1 312 555 0202', consent: true };

/** A community with a household (Mia) and a driver (Dan), registered by themselves. */
async function network() {
  const { community, steward } = await t.community();
  const mia = await t.member(community, 'member', { displayName: 'Mia Member' });
  const dan = await t.member(community, 'member', { displayName: 'Dan Driver' });
  const api = `/api/v1/communities/${community.slug}/evacuation`;
  const h = await (await t.as(mia)).api('PUT', `${api}/household`, household);
  const d = await (await t.as(dan)).api('PUT', `${api}/driver`, driver);
  expect([h.statusCode, d.statusCode]).toEqual([200, 200]);
  return {
    community,
    steward,
    mia,
    dan,
    householdId: h.json().id as string,
    driverId: d.json().id as string,
  };
}

const occasion = (): Occasion => ({ kind: 'drill', id: crypto.randomUUID() });
const later = (days: number) => iso(addSeconds(t.clock.now(), days * 86400));

/** Links for the given subjects, made in one transaction as a drill makes them. */
function issue(community: Community, o: Occasion, subjects: Parameters<typeof issueLinks>[3], days = 2) {
  return t.services.db
    .transaction()
    .execute((tx) =>
      issueLinks(tx, community.id, o, subjects, later(days), iso(t.clock.now()), t.services.config.secretKey),
    );
}

/** Opens `token` as someone not signed in, looking at `community`. */
async function open(community: Community, token: string, kind: Occasion['kind'] = 'drill') {
  const ctx = await contextFor(t.services, { accountId: null, communityId: community.id });
  return openLink(ctx, kind, token, 'check_in');
}

async function refused(promise: Promise<unknown>) {
  await expect(promise).rejects.toMatchObject({ code: 'evacuation.errors.link_invalid' });
}

describe('personal links', () => {
  it('open without signing in, for their own household or driver only, and each opening is logged', async () => {
    const n = await network();
    const o = occasion();
    const [forMia, forDan] = await issue(n.community, o, [
      { householdId: n.householdId },
      { driverId: n.driverId },
    ]);
    expect(forMia).toMatchObject({ householdId: n.householdId, driverId: null, accountId: n.mia.id });
    expect(forMia.path).toBe(`/evacuation/check-in/${forMia.token}`);
    expect(forMia.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Only the hash is kept.
    const stored = await t.services.db
      .selectFrom('evacuationLink')
      .selectAll()
      .where('communityId', '=', n.community.id)
      .where('occasionId', '=', o.id)
      .orderBy('householdId')
      .execute();
    expect(stored).toHaveLength(2);
    expect(stored.map((r) => r.tokenHash).sort()).toEqual(
      [hashToken(forMia.token), hashToken(forDan.token)].sort(),
    );
    expect(JSON.stringify(stored)).not.toContain(forMia.token);

    const opened = await open(n.community, forMia.token);
    expect(opened).toMatchObject({
      householdId: n.householdId,
      driverId: null,
      accountId: n.mia.id,
      name: 'Mia Member',
      occasion: o,
    });
    expect(await open(n.community, forDan.token)).toMatchObject({ driverId: n.driverId, name: 'Dan Driver' });

    const log = await t.services.db
      .selectFrom('evacuationAccess')
      .selectAll()
      .where('communityId', '=', n.community.id)
      .orderBy('at')
      .execute();
    expect(log.map((l) => [l.accountId, l.role, l.what, l.subjectId])).toEqual([
      [n.mia.id, 'link', 'check_in', n.householdId],
      [n.dan.id, 'link', 'check_in', n.driverId],
    ]);
    const first = await t.services.db
      .selectFrom('evacuationLink')
      .select('openedAt')
      .where('communityId', '=', n.community.id)
      .where('id', '=', forMia.id)
      .executeTakeFirstOrThrow();
    expect(first.openedAt).not.toBeNull();
  });

  it('a link of one community never opens in another, nor for another occasion kind', async () => {
    const a = await network();
    const b = await network();
    const [link] = await issue(a.community, occasion(), [{ householdId: a.householdId }]);
    await refused(open(b.community, link.token));
    await refused(open(a.community, link.token, 'alert'));
    // Another community's household cannot be given a link here.
    expect(await issue(a.community, occasion(), [{ householdId: b.householdId }])).toEqual([]);
    await refused(open(a.community, 'x'.repeat(43)));
  });

  it('stops working when it expires, when its occasion ends it, and when a new one replaces it', async () => {
    const n = await network();
    const o = occasion();
    const [old] = await issue(n.community, o, [{ householdId: n.householdId }]);
    const [fresh] = await issue(n.community, o, [{ householdId: n.householdId }]);
    await refused(open(n.community, old.token));
    await open(n.community, fresh.token);

    const ended = await t.services.db
      .transaction()
      .execute((tx) => endLinks(tx, n.community.id, o, iso(t.clock.now())));
    expect(ended).toBe(1);
    await refused(open(n.community, fresh.token));

    const [short] = await issue(n.community, occasion(), [{ driverId: n.driverId }], 1);
    await open(n.community, short.token);
    t.clock.advance(86400 + 1);
    await refused(open(n.community, short.token));
  });

  it('stops working when the household withdraws, and when the member leaves or is removed', async () => {
    const n = await network();
    const o = occasion();
    const [forMia, forDan] = await issue(n.community, o, [
      { householdId: n.householdId },
      { driverId: n.driverId },
    ]);
    const withdrawn = await (await t.as(n.mia)).post(`/c/${n.community.slug}/evacuation/household/withdraw`);
    expect(withdrawn.statusCode).toBe(303);
    await refused(open(n.community, forMia.token));

    await open(n.community, forDan.token);
    await leave(n.community, n.dan);
    await refused(open(n.community, forDan.token));
  });
});

async function leave(community: Community, account: Account) {
  const res = await (await t.as(account)).post(`/c/${community.slug}/leave`);
  expect(res.statusCode).toBe(303);
}
