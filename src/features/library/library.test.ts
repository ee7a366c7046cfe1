import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeItem, makeLoan } from '../../../test/support/library.ts';

const item = {
  name: 'Extension ladder',
  category: 'tools',
  condition: 'good',
  valueBand: 'medium',
  pickupPlace: 'Garage on Elm',
  rules: 'Two people to carry it',
  loanDays: '5',
};

describe('adding items', () => {
  const t = useTestApp();

  it('lets a member lend a thing from a plain form, and shows it in the catalog', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const browser = await t.as(member);
    const res = await browser.post(`/c/${community.slug}/library/items`, item);
    expect(res.statusCode).toBe(303);
    const page = await browser.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Extension ladder');
    expect(page.body).toContain(member.displayName);
    const catalog = await browser.get(`/c/${community.slug}/library?q=LADDER`);
    expect(catalog.body).toContain('Extension ladder');
  });

  it('re-renders the form with translated messages beside refused fields', async () => {
    const { community } = await t.community();
    const browser = await t.as(await t.member(community));
    const res = await browser.post(
      `/c/${community.slug}/library/items`,
      { ...item, name: '', loanDays: '0' },
      { headers: { 'accept-language': 'es' } },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toContain('Prestar algo');
  });

  it.each([
    ['member', 403],
    ['coordinator', 403],
    ['steward', 201],
  ] as const)('a %s adding a shed item gets %i', async (role, status) => {
    const { community } = await t.community();
    const res = await (await t.as(await t.member(community, role))).api(
      'POST',
      `/api/v1/communities/${community.slug}/items`,
      { ...item, loanDays: 5, owner: 'shed' },
    );
    expect(res.statusCode).toBe(status);
    if (status === 201) expect(res.json()).toMatchObject({ shed: true, ownerId: null, availableToday: true });
  });

  it('refuses visitors and non-members', async () => {
    const { community } = await t.community();
    expect((await t.visitor().get(`/c/${community.slug}/library`)).statusCode).toBe(303);
    const outsider = await t.as(await t.account());
    expect((await outsider.get(`/c/${community.slug}/library`)).statusCode).toBe(403);
    expect((await outsider.api('GET', `/api/v1/communities/${community.slug}/items`)).statusCode).toBe(403);
  });
});

describe('editing items', () => {
  const t = useTestApp();

  it.each([
    ['owner', 303],
    ['other member', 403],
    ['steward', 303],
  ] as const)('the %s editing a member item gets %i', async (who, status) => {
    const { community, steward } = await t.community();
    const owner = await t.member(community);
    const thing = await makeItem(t, community, { owner });
    const actor = who === 'owner' ? owner : who === 'steward' ? steward : await t.member(community);
    const res = await (await t.as(actor)).post(`/c/${community.slug}/library/items/${thing.id}`, {
      ...item,
      name: 'Renamed',
    });
    expect(res.statusCode).toBe(status);
  });

  it('only stewards edit shed items', async () => {
    const { community, steward } = await t.community();
    const shed = await makeItem(t, community, { owner: null });
    const member = await t.as(await t.member(community));
    const url = `/api/v1/communities/${community.slug}/items/${shed.id}`;
    const body = { ...item, loanDays: 3 };
    expect((await member.api('PUT', url, body)).statusCode).toBe(403);
    expect((await (await t.as(steward)).api('PUT', url, body)).statusCode).toBe(200);
  });

  it('answers 404 for an item of another community, on every item route', async () => {
    const a = await t.community();
    const b = await t.community();
    const other = await makeItem(t, b.community, { owner: null });
    const steward = await t.as(a.steward);
    const slug = a.community.slug;
    for (const url of [
      `/c/${slug}/library/items/${other.id}`,
      `/c/${slug}/library/items/${other.id}/edit`,
      `/api/v1/communities/${slug}/items/${other.id}`,
    ]) {
      expect((await steward.get(url)).statusCode, url).toBe(404);
    }
    for (const url of [
      `/c/${slug}/library/items/${other.id}`,
      `/c/${slug}/library/items/${other.id}/loans`,
      `/c/${slug}/library/items/${other.id}/waitlist`,
    ]) {
      const res = await steward.post(url, { ...item, startsOn: '2030-01-01', dueOn: '2030-01-02' });
      expect(res.statusCode, url).toBe(404);
    }
    expect(
      (await steward.api('PUT', `/api/v1/communities/${slug}/items/${other.id}`, { ...item, loanDays: 3 }))
        .statusCode,
    ).toBe(404);
    expect(
      (await steward.api('POST', `/api/v1/communities/${slug}/items/${other.id}/waitlist`, {})).statusCode,
    ).toBe(404);
  });
});

describe('the catalog and the item page', () => {
  const t = useTestApp();

  it('filters by category and by availability today', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const lent = await makeItem(t, community, { name: 'Hedge trimmer', category: 'garden' });
    await makeItem(t, community, { name: 'Rake', category: 'garden' });
    await makeItem(t, community, { name: 'Waffle iron', category: 'kitchen' });
    await makeLoan(t, community, lent, member, 'out');
    const client = await t.as(member);
    const url = `/api/v1/communities/${community.slug}/items`;
    const garden = (await client.api('GET', `${url}?category=garden`)).json().items.map((i: any) => i.name);
    expect(garden).toEqual(['Hedge trimmer', 'Rake']);
    const free = (await client.api('GET', `${url}?category=garden&available=true`)).json().items;
    expect(free.map((i: any) => i.name)).toEqual(['Rake']);
    const page = await client.get(`/c/${community.slug}/library?category=garden&available=true`);
    expect(page.body).toContain('Rake');
    expect(page.body).not.toContain('Hedge trimmer');
  });

  it('shows booked days on the calendar and the history', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const thing = await makeItem(t, community);
    await makeLoan(t, community, thing, member, 'approved', { days: 2 });
    const res = await (await t.as(member)).get(`/c/${community.slug}/library/items/${thing.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="calendar"');
    expect(res.body).toContain('day-booked');
    const api = await (await t.as(member)).api(
      'GET',
      `/api/v1/communities/${community.slug}/items/${thing.id}`,
    );
    expect(api.json().bookings).toHaveLength(1);
  });
});
