import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { contextFor } from '../../platform/context.ts';
import type { Account, Community } from '../../platform/db/database.ts';
import { canActFor, makeSteward } from './service.ts';

const t = useTestApp();

function row(community: Community, account: Account) {
  return t.services.db
    .selectFrom('membership')
    .selectAll()
    .where('communityId', '=', community.id)
    .where('accountId', '=', account.id)
    .executeTakeFirst();
}

/** A neighbor who asked to join an approval community, through the page form. */
async function requestToJoin(community: Community, message = 'I live at number 14.') {
  const neighbor = await t.account();
  const res = await (await t.as(neighbor)).post(`/c/${community.slug}/join`, { message });
  expect(res.statusCode).toBe(303);
  const m = (await row(community, neighbor))!;
  expect(m).toMatchObject({ status: 'pending', message });
  return { neighbor, membershipId: m.id };
}

describe('membership requests', () => {
  it('a steward sees the request and approves it; the neighbor is mailed', async () => {
    const { community, steward } = await t.community({ joinPolicy: 'approval' });
    const { neighbor, membershipId } = await requestToJoin(community);
    const browser = await t.as(steward);
    await t.runJobs();
    expect(t.mailbox.lastLink(steward.email!)).toBe(`http://porch.test/c/${community.slug}/requests`);
    const page = await browser.get(`/c/${community.slug}/requests`);
    expect(page.body).toContain(neighbor.displayName);
    expect(page.body).toContain('I live at number 14.');
    const res = await browser.post(`/c/${community.slug}/requests/${membershipId}/approve`);
    expect(res.statusCode).toBe(303);
    expect((await row(community, neighbor))?.status).toBe('active');
    await t.runJobs();
    expect(t.mailbox.lastLink(neighbor.email!)).toBe(`http://porch.test/c/${community.slug}`);
    const again = await browser.api(
      'POST',
      `/api/v1/communities/${community.slug}/requests/${membershipId}/approve`,
      {},
    );
    expect(again.statusCode).toBe(409);
  });

  it('a steward declines through the API; the neighbor may ask again', async () => {
    const { community, steward } = await t.community({ joinPolicy: 'approval' });
    const { neighbor, membershipId } = await requestToJoin(community);
    const list = await (await t.as(steward)).api('GET', `/api/v1/communities/${community.slug}/requests`);
    expect(list.json()).toEqual([expect.objectContaining({ id: membershipId, status: 'pending' })]);
    const res = await (await t.as(steward)).api(
      'POST',
      `/api/v1/communities/${community.slug}/requests/${membershipId}/decline`,
      {},
    );
    expect(res.json()).toMatchObject({ status: 'declined' });
    const again = await (await t.as(neighbor)).api('POST', `/api/v1/communities/${community.slug}/join`, {});
    expect(again.json()).toMatchObject({ status: 'pending', membership: { id: membershipId } });
  });

  it('a new neighbor who asks, once their link is followed, waits; the page says so', async () => {
    const { community } = await t.community({ joinPolicy: 'approval' });
    const browser = t.visitor();
    await browser.post(`/c/${community.slug}/join`, { name: 'Amaru', email: 'amaru@example.org' });
    await t.runJobs();
    await browser.post('/login/verify', {
      token: t.mailbox.lastLink('amaru@example.org')!.split('/login/')[1],
    });
    const res = await browser.post(`/c/${community.slug}/join`, { message: 'Hola' });
    expect(res.statusCode).toBe(303);
    const page = await browser.get(`/c/${community.slug}`);
    expect(page.body).toContain('waiting for a steward');
    expect((await browser.api('GET', '/api/v1/communities')).json()).toEqual([
      expect.objectContaining({ myStatus: 'pending', chatUrl: null }),
    ]);
  });

  it("a member gets 403; another community's steward gets 404 in their own, 403 (members only) here", async () => {
    const { community } = await t.community({ joinPolicy: 'approval' });
    const { membershipId } = await requestToJoin(community);
    const member = await t.as(await t.member(community));
    expect((await member.get(`/c/${community.slug}/requests`)).statusCode).toBe(403);
    expect((await member.post(`/c/${community.slug}/requests/${membershipId}/approve`)).statusCode).toBe(403);
    const other = await t.community();
    const stewardB = await t.as(other.steward);
    // B's steward, naming A's request under B: not found.
    expect(
      (await stewardB.post(`/c/${other.community.slug}/requests/${membershipId}/approve`)).statusCode,
    ).toBe(404);
    const api = `/api/v1/communities/${other.community.slug}/requests/${membershipId}/decline`;
    expect((await stewardB.api('POST', api, {})).statusCode).toBe(404);
    expect((await stewardB.api('GET', `/api/v1/communities/${community.slug}/requests`)).statusCode).toBe(
      403,
    );
  });
});

describe('an invite in an approval community', () => {
  it('lets the neighbor in at once: the steward who made it said yes already', async () => {
    const { community, steward } = await t.community({ joinPolicy: 'approval' });
    const invite = (
      await (await t.as(steward)).api('POST', `/api/v1/communities/${community.slug}/invites`, {})
    ).json();
    const res = await (await t.as(await t.account())).api(
      'POST',
      `/api/v1/communities/${community.slug}/join`,
      {
        invite: invite.code,
      },
    );
    expect(res.json()).toMatchObject({ status: 'active' });
  });
});

describe('making a steward from the command line', () => {
  it('makes an account a steward, also one who had left', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    await (await t.as(member)).api('POST', `/api/v1/communities/${community.slug}/leave`, {});
    await makeSteward(t.services, community.slug, member.id);
    expect(await row(community, member)).toMatchObject({ role: 'steward', status: 'active', endedAt: null });
    await expect(makeSteward(t.services, 'no-such-place', member.id)).rejects.toThrow(
      'communities.not_found',
    );
  });
});

describe('roles', () => {
  it('a steward makes a member a coordinator, then a steward', async () => {
    const { community, steward } = await t.community();
    const member = await t.member(community);
    const browser = await t.as(steward);
    const res = await browser.post(`/c/${community.slug}/members/${member.id}/role`, { role: 'coordinator' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/c/${community.slug}/members/${member.id}`);
    const api = await browser.api('PATCH', `/api/v1/communities/${community.slug}/members/${member.id}`, {
      role: 'steward',
    });
    expect(api.json()).toMatchObject({ role: 'steward', status: 'active' });
  });

  it('the last steward cannot step down, be removed or leave', async () => {
    const { community, steward } = await t.community();
    const browser = await t.as(steward);
    const down = await browser.api('PATCH', `/api/v1/communities/${community.slug}/members/${steward.id}`, {
      role: 'member',
    });
    expect(down.statusCode).toBe(409);
    expect(down.json().code).toBe('communities.last_steward');
    expect(
      (await browser.api('DELETE', `/api/v1/communities/${community.slug}/members/${steward.id}`)).statusCode,
    ).toBe(409);
    const leave = await browser.api('POST', `/api/v1/communities/${community.slug}/leave`, {});
    expect(leave.json().code).toBe('communities.last_steward_leaving');
  });

  it('refuses an unknown role', async () => {
    const { community, steward } = await t.community();
    const member = await t.member(community);
    const res = await (await t.as(steward)).api(
      'PATCH',
      `/api/v1/communities/${community.slug}/members/${member.id}`,
      {
        role: 'queen',
      },
    );
    expect(res.statusCode).toBe(422);
  });

  it('a member or coordinator gets 403; a steward of another community gets 404', async () => {
    const { community } = await t.community();
    const target = await t.member(community);
    for (const role of ['member', 'coordinator'] as const) {
      const browser = await t.as(await t.member(community, role));
      const res = await browser.post(`/c/${community.slug}/members/${target.id}/role`, { role: 'steward' });
      expect(res.statusCode).toBe(403);
    }
    const other = await t.community();
    const stewardB = await t.as(other.steward);
    const url = `/api/v1/communities/${other.community.slug}/members/${target.id}`;
    expect((await stewardB.api('PATCH', url, { role: 'steward' })).statusCode).toBe(404);
    expect((await stewardB.api('DELETE', url)).statusCode).toBe(404);
    expect((await stewardB.post(`/c/${other.community.slug}/members/${target.id}/remove`)).statusCode).toBe(
      404,
    );
  });
});

describe('removing and leaving', () => {
  it('a steward removes a member; the row stays with status removed', async () => {
    const { community, steward } = await t.community({ joinPolicy: 'open' });
    const member = await t.member(community);
    const res = await (await t.as(steward)).post(`/c/${community.slug}/members/${member.id}/remove`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/c/${community.slug}/members`);
    const m = await row(community, member);
    expect(m).toMatchObject({ status: 'removed', decidedBy: steward.id });
    expect(m?.endedAt).toBeTruthy();
    // Even in an open community, someone removed can only ask the stewards again.
    const again = await (await t.as(member)).api('POST', `/api/v1/communities/${community.slug}/join`, {});
    expect(again.json()).toMatchObject({ status: 'pending' });
  });

  it('a member leaves; a visitor cannot', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const res = await (await t.as(member)).api('POST', `/api/v1/communities/${community.slug}/leave`, {});
    expect(res.json()).toMatchObject({ status: 'left' });
    expect((await row(community, member))?.endedAt).toBeTruthy();
    const visitor = await (await t.as(await t.account())).api(
      'POST',
      `/api/v1/communities/${community.slug}/leave`,
      {},
    );
    expect(visitor.statusCode).toBe(403);
  });
});

describe('paper members', () => {
  it('a steward adds a neighbor without email and may act for them', async () => {
    const { community, steward } = await t.community();
    const browser = await t.as(steward);
    expect((await browser.get(`/c/${community.slug}/paper-members/new`)).statusCode).toBe(200);
    const res = await browser.post(`/c/${community.slug}/paper-members/new`, {
      name: 'Doña Carmen',
      phone: '+1 555 0100',
      languages: ['es'],
      note: 'Number 12, call before noon',
    });
    expect(res.statusCode).toBe(303);
    const accountId = res.headers.location!.toString().split('/members/')[1];
    const account = await t.services.db
      .selectFrom('account')
      .selectAll()
      .where('id', '=', accountId)
      .executeTakeFirst();
    expect(account).toMatchObject({
      email: null,
      addedBy: steward.id,
      phone: '+1 555 0100',
      languages: 'es',
    });
    const as = (who: string, where: string) => contextFor(t.services, { accountId: who, communityId: where });
    const ctx = await as(steward.id, community.id);
    expect(await canActFor(ctx, accountId)).toBe(true);
    const member = await t.member(community);
    expect(await canActFor(ctx, member.id)).toBe(false); // has an email: speaks for themselves
    expect(await canActFor(await as(member.id, community.id), accountId)).toBe(false);
    const other = await t.community();
    expect(await canActFor(await as(other.steward.id, other.community.id), accountId)).toBe(false);
  });

  it('is refused where the community does not allow it, and to members', async () => {
    const { community, steward } = await t.community({ paperMembers: 0 });
    const api = `/api/v1/communities/${community.slug}/paper-members`;
    expect((await (await t.as(steward)).api('POST', api, { name: 'X' })).statusCode).toBe(403);
    const open = await t.community();
    const member = await t.as(await t.member(open.community));
    expect(
      (await member.api('POST', `/api/v1/communities/${open.community.slug}/paper-members`, { name: 'X' }))
        .statusCode,
    ).toBe(403);
    const created = await (await t.as(open.steward)).api(
      'POST',
      `/api/v1/communities/${open.community.slug}/paper-members`,
      {
        name: 'Tomás',
      },
    );
    expect(created.statusCode).toBe(201);
  });
});
