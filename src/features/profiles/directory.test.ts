import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import type { Account, Community } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

const t = useTestApp();

/** Gives `account` skills, as the profile form would store them. */
async function skills(account: Account, kind: 'share' | 'learn', names: string[]) {
  const browser = await t.as(account);
  const res = await browser.api('PATCH', '/api/v1/me/profile', {
    [kind === 'share' ? 'skillsToShare' : 'skillsToLearn']: names,
  });
  expect(res.statusCode).toBe(200);
}

async function street() {
  const { community, steward } = await t.community();
  const rosa = await t.member(community, 'member', { displayName: 'Rosa Díaz', languages: 'es,en' });
  const tomas = await t.member(community, 'member', { displayName: 'Tomás' });
  const lee = await t.member(community, 'coordinator', { displayName: 'Lee' });
  await skills(rosa, 'share', ['Sewing', 'Jardinería']);
  await skills(tomas, 'share', ['Spanish guitar']);
  await skills(lee, 'share', ['Guitar', 'driving']);
  await skills(tomas, 'learn', ['sewing']);
  return { community, steward, rosa, tomas, lee };
}

const names = (res: { json(): { displayName: string }[] }) => res.json().map((m) => m.displayName);

describe('the members directory', () => {
  it('a member sees active members with role, languages and skills to share; not those waiting or gone', async () => {
    const { community, rosa } = await street();
    const waiting = await t.account({ displayName: 'Waiting Walter' });
    await t.membership(community, waiting, 'member', 'pending');
    const gone = await t.account({ displayName: 'Gone Gina' });
    await t.membership(community, gone, 'member', 'left');
    const browser = await t.as(rosa);
    const page = await browser.get(`/c/${community.slug}/members`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Members</h1>');
    expect(page.body).toContain('Rosa Díaz');
    expect(page.body).toContain('Spanish, English');
    expect(page.body).toContain('<li>Spanish guitar</li>');
    expect(page.body).toContain('Coordinator');
    expect(page.body).not.toContain('Waiting Walter');
    expect(page.body).not.toContain('Gone Gina');
    const api = await browser.api('GET', `/api/v1/communities/${community.slug}/members`);
    expect(names(api)).toEqual(['Lee', 'Rosa Díaz', 'Steward', 'Tomás']);
    expect(api.json()[1]).toMatchObject({
      role: 'member',
      languages: ['es', 'en'],
      skillsToShare: ['Sewing', 'Jardinería'],
    });
  });

  it('counts and lists an erased account nowhere: erasing it ends its memberships, in every community', async () => {
    const { community, rosa, lee } = await street();
    const { community: other } = await t.community();
    await t.membership(other, lee, 'member', 'active');
    const browser = await t.as(rosa);
    const count = async (query = '') =>
      /(\d+) members?(?: found|<\/p>)/.exec(
        (await browser.get(`/c/${community.slug}/members${query}`)).body,
      )?.[1];
    expect(await count()).toBe('4');
    expect(await count('?q=guitar')).toBe('2');
    const erasedAt = t.clock.now().toISOString();
    await t.services.db
      .updateTable('account')
      .set({ erasedAt, email: null })
      .where('id', '=', lee.id)
      .execute();
    const memberships = await t.services.db
      .selectFrom('membership')
      .select(['communityId', 'status', 'endedAt'])
      .where('communityId', 'in', [community.id, other.id])
      .where('accountId', '=', lee.id)
      .execute();
    expect(memberships).toHaveLength(2);
    expect(memberships.every((m) => m.status === 'left' && m.endedAt === erasedAt)).toBe(true);
    expect(await count()).toBe('3');
    expect(await count('?q=guitar')).toBe('1');
    expect(names(await browser.api('GET', `/api/v1/communities/${community.slug}/members`))).toEqual([
      'Rosa Díaz',
      'Steward',
      'Tomás',
    ]);
  });

  it('sorts names as people read them, accents included', async () => {
    const { community, steward } = await t.community();
    for (const displayName of ['Zoe', 'Ángela', 'bruno'])
      await t.member(community, 'member', { displayName });
    const api = await (await t.as(steward)).api('GET', `/api/v1/communities/${community.slug}/members`);
    expect(names(api)).toEqual(['Ángela', 'bruno', 'Steward', 'Zoe']);
  });

  it('a member on her own page finds the link to edit her profile', async () => {
    const { community, rosa, tomas } = await street();
    const page = await (await t.as(rosa)).get(`/c/${community.slug}/members/${rosa.id}`);
    expect(page.body).toContain('<a href="/account">Edit my profile</a>');
    const other = await (await t.as(rosa)).get(`/c/${community.slug}/members/${tomas.id}`);
    expect(other.body).not.toContain('Edit my profile');
  });

  it('a signed-in non-member gets 403; a visitor is asked to sign in', async () => {
    const { community } = await t.community();
    const stranger = await t.as(await t.account());
    expect((await stranger.get(`/c/${community.slug}/members`)).statusCode).toBe(403);
    expect((await stranger.api('GET', `/api/v1/communities/${community.slug}/members`)).statusCode).toBe(403);
    expect((await stranger.api('GET', `/api/v1/communities/${community.slug}/matches`)).statusCode).toBe(403);
    const pending = await t.account();
    await t.membership(community, pending, 'member', 'pending');
    expect((await (await t.as(pending)).get(`/c/${community.slug}/members`)).statusCode).toBe(403);
    const visitor = t.visitor();
    expect((await visitor.get(`/c/${community.slug}/members`)).statusCode).toBe(303);
    expect((await visitor.api('GET', `/api/v1/communities/${community.slug}/members`)).statusCode).toBe(401);
  });

  it('a member of another community gets 403 for this directory, and never sees its members', async () => {
    const { community } = await street();
    const other = await t.community();
    const outsider = await t.as(await t.member(other.community));
    const res = await outsider.get(`/c/${community.slug}/members`);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('Rosa');
  });

  it('searches by skill or name, in any case and without accents', async () => {
    const { community, rosa } = await street();
    const browser = await t.as(rosa);
    const search = (q: string, teach = false) =>
      browser.api(
        'GET',
        `/api/v1/communities/${community.slug}/members?q=${encodeURIComponent(q)}${teach ? '&teach=1' : ''}`,
      );
    expect(names(await search('GUITAR'))).toEqual(['Lee', 'Tomás']);
    expect(names(await search('jardineria'))).toEqual(['Rosa Díaz']);
    expect(names(await search('rosa'))).toEqual(['Rosa Díaz']);
    // Tomás wants to learn sewing: he turns up in a plain search, not among those who can teach it.
    expect(names(await search('sewing'))).toEqual(['Rosa Díaz', 'Tomás']);
    expect(names(await search('sewing', true))).toEqual(['Rosa Díaz']);
    expect(names(await search('Rosa', true))).toEqual([]);
    // Wildcards are taken literally.
    expect(names(await search('%'))).toEqual([]);
    expect(names(await search('_'))).toEqual([]);

    const page = await browser.get(`/c/${community.slug}/members?q=guitar&teach=1`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2 members found for “guitar”');
    expect(page.body).not.toContain('>Rosa Díaz</a>');
  });
});

describe('the directory in pages', () => {
  it('shows 50 members a page with links to the next and previous pages, keeping the search', async () => {
    const { community, steward } = await t.community();
    const gardeners: Account[] = [];
    for (let i = 0; i < 55; i++) {
      gardeners.push(
        await t.member(community, 'member', { displayName: `Gardener ${String(i).padStart(2, '0')}` }),
      );
    }
    const browser = await t.as(steward);
    const cards = (body: string) => body.match(/<li class="card">/g)?.length ?? 0;
    const link = (side: string, i: number, rel: string) =>
      `href="/c/${community.slug}/members?q=gardener&amp;${side}=${gardeners[i].id}" rel="${rel}"`;

    const first = await browser.get(`/c/${community.slug}/members?q=gardener`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('55 members found for “gardener”');
    expect(cards(first.body)).toBe(50);
    expect(first.body).toContain('>Gardener 49</a>');
    expect(first.body).not.toContain('>Gardener 50</a>');
    expect(first.body).toContain(link('after', 49, 'next'));
    expect(first.body).not.toContain('rel="prev"');

    const second = await browser.get(`/c/${community.slug}/members?q=gardener&after=${gardeners[49].id}`);
    expect(cards(second.body)).toBe(5);
    expect(second.body).toContain('55 members found for “gardener”');
    expect(second.body).toContain('>Gardener 54</a>');
    expect(second.body).not.toContain('>Gardener 49</a>');
    expect(second.body).toContain(link('before', 50, 'prev'));
    expect(second.body).not.toContain('rel="next"');

    // Back: the 50 before Gardener 50, and no page before them.
    const back = await browser.get(`/c/${community.slug}/members?q=gardener&before=${gardeners[50].id}`);
    expect(cards(back.body)).toBe(50);
    expect(back.body).toContain('>Gardener 00</a>');
    expect(back.body).toContain('>Gardener 49</a>');
    expect(back.body).toContain(link('after', 49, 'next'));
    expect(back.body).not.toContain('rel="prev"');

    // A member who left still marks where the page starts; an id of nobody here gives page one.
    await t.services.db
      .updateTable('membership')
      .set({ status: 'left' })
      .where('communityId', '=', community.id)
      .where('accountId', '=', gardeners[49].id)
      .execute();
    const after = await browser.get(`/c/${community.slug}/members?q=gardener&after=${gardeners[49].id}`);
    expect(cards(after.body)).toBe(5);
    expect(after.body).toContain('>Gardener 50</a>');
    const stranger = await browser.get(`/c/${community.slug}/members?after=${newId()}`);
    expect(stranger.body).toContain('>Gardener 00</a>');
    expect((await browser.get(`/c/${community.slug}/members?after=2`)).statusCode).toBe(422);
    // A page number from before the directory was paged by member (a link kept in a mail) is
    // not an error: it shows the first page.
    const numbered = await browser.get(`/c/${community.slug}/members?q=gardener&page=2`);
    expect(numbered.statusCode).toBe(200);
    expect(numbered.body).toContain('>Gardener 00</a>');
    expect(cards(numbered.body)).toBe(50);

    // The API still answers the whole list.
    const api = await browser.api('GET', `/api/v1/communities/${community.slug}/members?q=gardener`);
    expect(api.json()).toHaveLength(54);
  });

  it('sorts names without their accents or case, the same in every language, ties by account', async () => {
    const { community, steward } = await t.community();
    await t.services.db
      .updateTable('account')
      .set({ displayName: 'Steward', sortName: 'steward' })
      .where('id', '=', steward.id)
      .execute();
    for (const displayName of ['Zoë', 'émile', 'Ángela', 'alberto', 'Ñandú', 'Angela', 'Nora', 'Straße']) {
      await t.member(community, 'member', { displayName });
    }
    const expected = ['alberto', 'Ángela', 'Angela', 'émile', 'Ñandú', 'Nora', 'Steward', 'Straße', 'Zoë'];
    const browser = await t.as(steward);
    const angelas = (list: string[]) => list.map((n) => (n === 'Angela' ? 'Ángela' : n));
    // The two Angelas are equal but for their account ids.
    expect(angelas(names(await browser.api('GET', `/api/v1/communities/${community.slug}/members`)))).toEqual(
      angelas(expected),
    );
    for (const locale of ['en', 'es']) {
      const page = await browser.get(`/c/${community.slug}/members`, { 'accept-language': locale });
      const shown = [...page.body.matchAll(/\/members\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]);
      expect(angelas(shown)).toEqual(angelas(expected));
    }

    // A new name moves the member in the directory at once.
    const nora = (
      await t.services.db
        .selectFrom('account')
        .select('id')
        .where('displayName', '=', 'Nora')
        .executeTakeFirstOrThrow()
    ).id;
    const noraBrowser = await t.as({ id: nora } as Account);
    expect((await noraBrowser.api('PATCH', '/api/v1/me/profile', { displayName: 'Aaron' })).statusCode).toBe(
      200,
    );
    const moved = names(
      await (await t.as(steward)).api('GET', `/api/v1/communities/${community.slug}/members`),
    );
    expect(moved[0]).toBe('Aaron');
  });
});

describe('who could teach me', () => {
  it('lists members who share the same skill first, then similar ones, only from this community', async () => {
    const { community, rosa, tomas, lee } = await street();
    const other = await t.community();
    await skills(await t.member(other.community, 'member', { displayName: 'Far Away' }), 'share', ['guitar']);
    const me = await t.member(community, 'member', { displayName: 'Ana' });
    await skills(me, 'share', ['guitar']);
    await skills(me, 'learn', ['guitar', 'Costura']);
    const browser = await t.as(me);
    const res = await browser.api('GET', `/api/v1/communities/${community.slug}/matches`);
    expect(res.statusCode).toBe(200);
    const [guitar, costura] = res.json();
    expect(guitar.skill).toBe('guitar');
    expect(guitar.exact.map((x: { member: { id: string } }) => x.member.id)).toEqual([lee.id]);
    expect(guitar.similar).toEqual([
      expect.objectContaining({ member: expect.objectContaining({ id: tomas.id }), skill: 'Spanish guitar' }),
    ]);
    expect(costura).toEqual({ skill: 'Costura', exact: [], similar: [] });
    expect(JSON.stringify(res.json())).not.toContain('Far Away');
    expect(JSON.stringify(res.json())).not.toContain(rosa.id);

    const page = await browser.get(`/c/${community.slug}/members`);
    expect(page.body).toContain('Who could teach me');
    expect(page.body).toContain('Knows “Guitar”');
    expect(page.body).toContain('Similar: “Spanish guitar”');
    expect(page.body).toContain('Nobody here lists “Costura” yet.');
  });

  it('is worked out anew as soon as anything it comes from changes, on every page of the directory', async () => {
    const { community, tomas, lee } = await street();
    const me = await t.member(community, 'member', { displayName: 'Ana' });
    await skills(me, 'learn', ['sewing']);
    const browser = await t.as(me);
    const known = async (query: string, skill: string) =>
      (await browser.get(`/c/${community.slug}/members${query}`)).body.split(`Knows “${skill}”`).length - 1;
    expect(await known('', 'Sewing')).toBe(1);
    expect(await known('?q=a', 'Sewing')).toBe(1);
    // Another member's skill, my own skills to learn, a member removed: each shows at once.
    await skills(tomas, 'share', ['Sewing']);
    expect(await known('?q=o', 'Sewing')).toBe(2);
    await skills(me, 'learn', ['guitar']);
    expect(await known('?q=e', 'Sewing')).toBe(0);
    expect(await known('?q=e', 'Guitar')).toBe(1);
    await t.services.db
      .updateTable('membership')
      .set({ status: 'removed' })
      .where('communityId', '=', community.id)
      .where('accountId', '=', lee.id)
      .execute();
    expect(await known('?q=i', 'Guitar')).toBe(0);
  });

  it('finds a shorter skill inside the wanted one, and takes % and _ in skills literally', async () => {
    const { community } = await t.community();
    const bike = await t.member(community, 'member', { displayName: 'Bea' });
    await skills(bike, 'share', ['bike']);
    const wild = await t.member(community, 'member', { displayName: 'Wil' });
    await skills(wild, 'share', ['b%e', 'r_p']);
    const me = await t.member(community, 'member', { displayName: 'Ana' });
    await skills(me, 'learn', ['bike repair']);
    const res = await (await t.as(me)).api('GET', `/api/v1/communities/${community.slug}/matches`);
    const [match] = res.json();
    expect(match.similar.map((x: { member: { id: string } }) => x.member.id)).toEqual([bike.id]);
  });

  it('invites a member with nothing to learn to add some', async () => {
    const { community, rosa } = await street();
    const page = await (await t.as(rosa)).get(`/c/${community.slug}/members`);
    expect(page.body).toContain('Add things you would like to learn');
  });
});

describe('a steward edits a paper member', () => {
  async function paper(): Promise<{ community: Community; steward: Account; paperMember: Account }> {
    const { community, steward } = await t.community();
    const paperMember = await t.member(community, 'member', {
      displayName: 'Don Pedro',
      email: null,
      addedBy: steward.id,
    });
    return { community, steward, paperMember };
  }

  it('a steward opens the form from the member page, saves, and sees a confirmation', async () => {
    const { community, steward, paperMember } = await paper();
    const browser = await t.as(steward);
    const url = `/c/${community.slug}/members/${paperMember.id}`;
    expect((await browser.get(url)).body).toContain(`href="${url}/edit"`);
    const form = await browser.get(`${url}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Edit the profile of Don Pedro');
    expect(form.body).not.toContain('logout/everywhere');
    expect(form.body).not.toContain('name="emailVisibility"');
    const res = await browser.post(`${url}/edit`, {
      displayName: 'Don Pedro Ruiz',
      skillsToShare: 'Carpentry, carpentry',
      phone: '555 0199',
      phoneVisibility: 'community',
      chatVisibility: 'nobody',
      locationLat: '19.43261',
      locationLng: '-99.13321',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${url}?saved=1`);
    const page = await browser.get(`${url}?saved=1`);
    expect(page.body).toContain('The profile is saved.');
    expect(page.body).toContain('Don Pedro Ruiz');
    const row = await t.services.db
      .selectFrom('account')
      .select(['locationLat', 'locationLng'])
      .where('id', '=', paperMember.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ locationLat: 19.433, locationLng: -99.133 });
    const member = await (await t.as(await t.member(community))).api(
      'GET',
      `/api/v1/communities/${community.slug}/members/${paperMember.id}`,
    );
    expect(member.json()).toMatchObject({
      skillsToShare: ['Carpentry'],
      contacts: { phone: '555 0199' },
      paperMember: true,
    });
  });

  it('re-renders the steward form with errors', async () => {
    const { community, steward, paperMember } = await paper();
    const res = await (await t.as(steward)).post(`/c/${community.slug}/members/${paperMember.id}/edit`, {
      displayName: 'Don Pedro',
      phone: 'call me',
      phoneVisibility: 'community',
      chatVisibility: 'nobody',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="e-phone"');
  });

  it('a member gets 403 even when the form would be refused, and sees nothing of it', async () => {
    const { community, paperMember } = await paper();
    const browser = await t.as(await t.member(community));
    const res = await browser.post(`/c/${community.slug}/members/${paperMember.id}/edit`, {
      displayName: '',
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('name="displayName"');
  });

  it.each(['member', 'coordinator'] as const)('a %s gets 403, and no edit link', async (role) => {
    const { community, paperMember } = await paper();
    const browser = await t.as(await t.member(community, role));
    const url = `/c/${community.slug}/members/${paperMember.id}`;
    expect((await browser.get(url)).body).not.toContain(`${url}/edit`);
    expect((await browser.get(`${url}/edit`)).statusCode).toBe(403);
    expect(
      (
        await browser.post(`${url}/edit`, {
          displayName: 'X',
          phoneVisibility: 'community',
          chatVisibility: 'nobody',
        })
      ).statusCode,
    ).toBe(403);
    const api = await browser.api(
      'PATCH',
      `/api/v1/communities/${community.slug}/members/${paperMember.id}/profile`,
      {
        displayName: 'X',
      },
    );
    expect(api.statusCode).toBe(403);
  });

  it('a steward may not edit a member who signs in by email', async () => {
    const { community, steward } = await t.community();
    const neighbor = await t.member(community);
    const res = await (await t.as(steward)).api(
      'PATCH',
      `/api/v1/communities/${community.slug}/members/${neighbor.id}/profile`,
      { displayName: 'Renamed' },
    );
    expect(res.statusCode).toBe(403);
  });

  it('a steward of another community gets 404 in their own, 403 (members only) in this one', async () => {
    const { community, paperMember } = await paper();
    const other = await t.community();
    const browser = await t.as(other.steward);
    expect((await browser.get(`/c/${other.community.slug}/members/${paperMember.id}/edit`)).statusCode).toBe(
      404,
    );
    expect((await browser.get(`/c/${community.slug}/members/${paperMember.id}/edit`)).statusCode).toBe(403);
    const api = await browser.api(
      'PATCH',
      `/api/v1/communities/${other.community.slug}/members/${paperMember.id}/profile`,
      { displayName: 'X' },
    );
    expect(api.statusCode).toBe(404);
    expect((await browser.get(`/c/${other.community.slug}/members/${newId()}`)).statusCode).toBe(404);
  });

  it('a steward changes a paper member through the API', async () => {
    const { community, steward, paperMember } = await paper();
    const res = await (await t.as(steward)).api(
      'PATCH',
      `/api/v1/communities/${community.slug}/members/${paperMember.id}/profile`,
      { availability: 'mornings', skillsToLearn: ['Phones', 'phones '] },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      displayName: 'Don Pedro',
      availability: 'mornings',
      skillsToLearn: ['Phones'],
    });
  });
});

describe('skills by community (migration 0045)', () => {
  /** The rows the database keeps, and what they should be: every skill in every membership. */
  async function keptAndExpected() {
    const { db } = t.services;
    const kept = await db
      .selectFrom('memberSkill')
      .select(['skillId', 'communityId', 'accountId', 'kind', 'normalized'])
      .where('communityId', 'is not', null)
      .orderBy('skillId')
      .orderBy('communityId')
      .execute();
    const expected = await db
      .selectFrom('skill')
      .innerJoin('membership', 'membership.accountId', 'skill.accountId')
      .select([
        'skill.id as skillId',
        'membership.communityId',
        'skill.accountId',
        'skill.kind',
        'skill.normalized',
      ])
      .where('membership.communityId', 'is not', null)
      .orderBy('skill.id')
      .orderBy('membership.communityId')
      .execute();
    return { kept, expected };
  }

  it('are kept in step with every skill and membership written, by the service and by raw SQL', async () => {
    const { community, rosa, tomas } = await street();
    const { community: other } = await t.community();
    let { kept, expected } = await keptAndExpected();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(expected);
    // Skills replaced, a membership added and one deleted, a skill renamed in SQL.
    await t.membership(other, rosa, 'member', 'active');
    await skills(rosa, 'share', ['Sewing', 'Pruning']);
    await t.services.db
      .deleteFrom('membership')
      .where('communityId', '=', community.id)
      .where('accountId', '=', tomas.id)
      .execute();
    await t.services.db
      .updateTable('skill')
      .set({ normalized: 'baking', name: 'Baking' })
      .where('accountId', '=', rosa.id)
      .where('normalized', '=', 'sewing')
      .execute();
    ({ kept, expected } = await keptAndExpected());
    expect(kept).toEqual(expected);
    expect(
      kept.filter((k) => k.accountId === rosa.id && k.communityId === other.id).map((k) => k.normalized),
    ).toEqual(expect.arrayContaining(['baking', 'pruning']));
    expect(kept.some((k) => k.accountId === tomas.id && k.communityId === community.id)).toBe(false);
  });

  it('membersWithSkill finds active members by the folded skill, in the directory order, per community', async () => {
    const { membersWithSkill } = await import('./store.ts');
    const { community, rosa, tomas, lee } = await street();
    const { community: other } = await t.community();
    const outsider = await t.member(other, 'member', { displayName: 'Outside Olga' });
    await skills(outsider, 'share', ['Guitar']);
    await skills(rosa, 'learn', ['guitar']);
    const gone = await t.member(community, 'member', { displayName: 'Gone Gus' });
    await skills(gone, 'share', ['guitar']);
    await t.services.db
      .updateTable('membership')
      .set({ status: 'left' })
      .where('communityId', '=', community.id)
      .where('accountId', '=', gone.id)
      .execute();
    const rows = await membersWithSkill(t.services.db, community.id, '  GUITAR ');
    expect(rows.map((r) => [r.displayName, r.kind, r.name])).toEqual([
      ['Lee', 'share', 'Guitar'],
      ['Rosa Díaz', 'learn', 'guitar'],
    ]);
    expect((await membersWithSkill(t.services.db, community.id, 'guitar', 'learn')).map((r) => r.id)).toEqual(
      [rosa.id],
    );
    expect((await membersWithSkill(t.services.db, community.id, 'jardineria')).map((r) => r.id)).toEqual([
      rosa.id,
    ]);
    expect(await membersWithSkill(t.services.db, community.id, 'Spanish')).toEqual([]);
    expect((await membersWithSkill(t.services.db, community.id, 'spanish guitar')).map((r) => r.id)).toEqual([
      tomas.id,
    ]);
    expect((await membersWithSkill(t.services.db, other.id, 'guitar')).map((r) => r.id)).toEqual([
      outsider.id,
    ]);
    void lee;
  });
});
