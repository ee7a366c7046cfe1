import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeItem, makeLoan, today } from '../../../test/support/library.ts';
import { addDays } from '../../platform/db/time.ts';
import { search } from '../../platform/search/index.ts';

const item = {
  name: 'Extension ladder',
  category: 'tools',
  condition: 'good',
  valueBand: 'medium',
  pickupPlace: 'Garage on Elm',
  rules: 'Two people to carry it',
  loanDays: '5',
};

const t = useTestApp();

describe('adding items', () => {
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
    // The community-wide search finds it too, also by its category in Spanish.
    for (const q of ['ladder', 'herramientas']) {
      const hits = await search(t.services.db, t.services.dialect, community.id, q, { kinds: ['item'] });
      expect(
        hits.map((h) => h.title),
        q,
      ).toEqual(['Extension ladder']);
    }
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
    for (const [url, body] of [
      [`/c/${slug}/library/items/${other.id}`, item],
      [`/c/${slug}/library/items/${other.id}/loans`, { startsOn: '2030-01-01', dueOn: '2030-01-02' }],
      [`/c/${slug}/library/items/${other.id}/waitlist`, {}],
    ] as const) {
      const res = await steward.post(url, body);
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

describe('taking an item out of the library', () => {
  it('cancels open requests, closes it to the catalog and search, keeps the history', async () => {
    const { community } = await t.community();
    const owner = await t.member(community);
    const borrower = await t.member(community);
    const browser = await t.as(owner);
    const added = await browser.api('POST', `/api/v1/communities/${community.slug}/items`, {
      ...item,
      loanDays: 5,
    });
    const id = added.json().id;
    const row = await t.services.db
      .selectFrom('item')
      .selectAll()
      .where('communityId', '=', community.id)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const request = await makeLoan(t, community, row, borrower, 'requested');
    expect(
      (await (await t.as(borrower)).post(`/c/${community.slug}/library/items/${id}/archive`)).statusCode,
    ).toBe(403);
    expect((await browser.post(`/c/${community.slug}/library/items/${id}/archive`)).statusCode).toBe(303);
    expect((await browser.get(`/c/${community.slug}/library/items/${id}`)).statusCode).toBe(404);
    expect((await browser.get(`/c/${community.slug}/library?q=ladder`)).body).not.toContain(
      'Extension ladder',
    );
    expect(await search(t.services.db, t.services.dialect, community.id, 'ladder')).toEqual([]);
    const loan = await (await t.as(borrower)).api(
      'GET',
      `/api/v1/communities/${community.slug}/loans/${request.id}`,
    );
    expect(loan.json().status).toBe('cancelled');
  });

  it('refuses while the item is lent out (409), and 404 from another community', async () => {
    const { community } = await t.community();
    const owner = await t.member(community);
    const thing = await makeItem(t, community, { owner });
    await makeLoan(t, community, thing, await t.member(community), 'out');
    const res = await (await t.as(owner)).api(
      'DELETE',
      `/api/v1/communities/${community.slug}/items/${thing.id}`,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('library.errors.item_in_use');
    const other = await t.community();
    const cross = await (await t.as(other.steward)).api(
      'DELETE',
      `/api/v1/communities/${other.community.slug}/items/${thing.id}`,
    );
    expect(cross.statusCode).toBe(404);
  });
});

describe('the catalog and the item page', () => {
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

  it('filters by name whatever the accents, case or wildcards, the same on both databases', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    await makeItem(t, community, { name: 'Batería para taladro' });
    await makeItem(t, community, { name: 'BATERÍA de cocina' });
    await makeItem(t, community, { name: '100% cotton tarp' });
    await makeItem(t, community, { name: 'Rake' });
    const client = await t.as(member);
    const names = async (q: string) =>
      (await client.api('GET', `/api/v1/communities/${community.slug}/items?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((i: { name: string }) => i.name)
        .sort();
    expect(await names('bateria')).toEqual(['BATERÍA de cocina', 'Batería para taladro']);
    expect(await names('BATERÍA PARA')).toEqual(['Batería para taladro']);
    expect(await names('ria')).toEqual(['BATERÍA de cocina', 'Batería para taladro']);
    expect(await names('%')).toEqual(['100% cotton tarp']);
    expect(await names('_')).toEqual([]);
  });

  it('pages through a long catalog, 40 at a time', async () => {
    const { community } = await t.community();
    for (let i = 0; i < 41; i++)
      await makeItem(t, community, { name: `Thing ${String(i).padStart(2, '0')}` });
    const client = await t.as(await t.member(community));
    const first = (await client.api('GET', `/api/v1/communities/${community.slug}/items`)).json();
    expect(first).toMatchObject({ page: 1, hasMore: true });
    expect(first.items).toHaveLength(40);
    const second = (await client.api('GET', `/api/v1/communities/${community.slug}/items?page=2`)).json();
    expect(second.items.map((i: any) => i.name)).toEqual(['Thing 40']);
    expect(second.hasMore).toBe(false);
    const page = await client.get(`/c/${community.slug}/library`);
    expect(page.body).toContain('rel="next"');
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

  it('shows who borrowed, and links the loan, only to the lender, stewards and the borrower', async () => {
    const { community, steward } = await t.community();
    const owner = await t.member(community);
    const borrower = await t.member(community, 'member', { displayName: 'Private Borrower' });
    const thing = await makeItem(t, community, { owner });
    const start = today(t, community);
    const asked = await (await t.as(borrower)).api(
      'POST',
      `/api/v1/communities/${community.slug}/items/${thing.id}/loans`,
      {
        startsOn: start,
        dueOn: start,
      },
    );
    expect(asked.statusCode).toBe(201);
    const url = `/c/${community.slug}/library/items/${thing.id}`;
    const loanPage = `/c/${community.slug}/library/loans/${asked.json().id}`;
    const item = `/api/v1/communities/${community.slug}/items/${thing.id}`;
    for (const who of [owner, steward, borrower]) {
      const client = await t.as(who);
      const page = (await client.get(url)).body;
      expect(page).toContain('Private Borrower');
      expect(page).toContain(`href="${loanPage}"`);
      expect((await client.get(loanPage)).statusCode).toBe(200);
    }
    // Nobody else is led to a loan page that would refuse them: not in the history, not by the API.
    for (const who of [await t.member(community), await t.member(community, 'coordinator')]) {
      const client = await t.as(who);
      const page = (await client.get(url)).body;
      expect(page).not.toContain('Private Borrower');
      expect(page).not.toContain('/library/loans/');
      expect((await client.api('GET', item)).json().history.map((e: any) => e.loanId)).toEqual([null]);
    }
  });
});

describe('desk mode', () => {
  it('finds a neighbor by name, checks a shed item out and back in, in a few taps', async () => {
    const { community, steward } = await t.community();
    const rosa = await t.member(community, 'member', { displayName: 'Rosa Martínez' });
    const shed = await makeItem(t, community, { owner: null, name: 'Wheelbarrow', loanDays: 5 });
    const desk = await t.as(steward);
    const base = `/c/${community.slug}/library/desk`;
    const found = await desk.get(`${base}?q=rosa`);
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`${base}/members/${rosa.id}`);
    const page = await desk.get(`${base}/members/${rosa.id}`);
    expect(page.body).toContain('Wheelbarrow');

    const out = await desk.post(`${base}/check-out`, { accountId: rosa.id, itemId: shed.id });
    expect(out.statusCode).toBe(303);
    const loans = (await (await t.as(rosa)).api('GET', `/api/v1/communities/${community.slug}/loans`)).json();
    expect(loans.borrowing[0]).toMatchObject({
      status: 'out',
      itemName: 'Wheelbarrow',
      dueOn: addDays(today(t, community), 4),
    });

    const again = await desk.post(`${base}/check-out`, { accountId: rosa.id, itemId: shed.id });
    expect(again.statusCode).toBe(409);
    const far = await desk.api('POST', `/api/v1/communities/${community.slug}/library/check-out`, {
      accountId: rosa.id,
      itemId: shed.id,
      dueOn: '9999-12-31',
    });
    expect(far.statusCode).toBe(422);
    expect(far.json().errors[0]).toMatchObject({ field: 'dueOn', code: 'library.errors.too_far_ahead' });

    const back = await desk.post(`${base}/check-in`, {
      loanId: loans.borrowing[0].id,
      accountId: rosa.id,
      condition: 'worn',
    });
    expect(back.statusCode).toBe(303);
    const detail = (await desk.api('GET', `/api/v1/communities/${community.slug}/items/${shed.id}`)).json();
    expect(detail.item.condition).toBe('worn');
    expect(detail.history.map((e: any) => e.kind)).toEqual(['returned', 'picked_up', 'approved']);
  });

  it('is for stewards only, and 404 for another community’s member', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const base = `/c/${community.slug}/library/desk`;
    expect((await (await t.as(member)).get(base)).statusCode).toBe(403);
    const other = await t.community();
    const res = await (await t.as(other.steward)).get(
      `/c/${other.community.slug}/library/desk/members/${member.id}`,
    );
    expect(res.statusCode).toBe(404);
    const thing = await makeItem(t, community, { owner: null });
    const cross = await (await t.as(other.steward)).post(
      `/c/${other.community.slug}/library/desk/check-out`,
      {
        accountId: member.id,
        itemId: thing.id,
      },
    );
    expect(cross.statusCode).toBe(404);
  });
});

describe('the overdue call list', () => {
  it('lists late loans with phone numbers only where the borrower lets stewards see them', async () => {
    const { community, steward } = await t.community();
    const shares = await t.member(community, 'member', {
      displayName: 'Ana Shares',
      phone: '555-0101',
      phoneVisibility: 'stewards',
    });
    const hides = await t.member(community, 'member', {
      displayName: 'Ben Hides',
      phone: '555-0202',
      phoneVisibility: 'nobody',
      emailVisibility: 'nobody',
    });
    // Moved away with the ladder: no longer a member, so no contact details through this list.
    const gone = await t.account({ displayName: 'Cy Left', phone: '555-0303', phoneVisibility: 'community' });
    await t.membership(community, gone, 'member', 'left');
    const start = addDays(today(t, community), -10);
    await makeLoan(t, community, await makeItem(t, community, { name: 'Drill' }), shares, 'out', {
      startsOn: start,
      days: 3,
    });
    await makeLoan(t, community, await makeItem(t, community, { name: '=cmd|calc' }), hides, 'out', {
      startsOn: start,
      days: 3,
    });
    await makeLoan(t, community, await makeItem(t, community, { name: 'Saw' }), hides, 'out', { days: 3 });
    await makeLoan(t, community, await makeItem(t, community, { name: 'Ladder' }), gone, 'out', {
      startsOn: addDays(start, 2),
      days: 3,
    });
    const desk = await t.as(steward);
    const page = await desk.get(`/c/${community.slug}/library/overdue`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('555-0101');
    expect(page.body).not.toContain('555-0202');
    expect(page.body).toContain('Ben Hides');
    expect(page.body).not.toContain('Saw');
    const csv = await desk.get(`/c/${community.slug}/library/overdue.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Ana Shares,555-0101');
    expect(csv.body).not.toContain('555-0202');
    expect(csv.body).toContain("'=cmd|calc");
    expect(csv.body).not.toContain('555-0303');
    const json = (await desk.api('GET', `/api/v1/communities/${community.slug}/library/overdue`)).json();
    expect(json.loans).toHaveLength(3);
    expect(json.loans[0]).toMatchObject({ daysOverdue: 8 });
    const byName = Object.fromEntries(json.loans.map((l: any) => [l.borrowerName, l]));
    // Email visibility is "stewards" unless the member chose otherwise.
    expect(byName['Ana Shares']).toMatchObject({ phone: '555-0101', email: shares.email });
    expect(byName['Ben Hides']).toMatchObject({ phone: null, email: null });
    expect(byName['Cy Left']).toMatchObject({ phone: null, email: null, daysOverdue: 6 });
    expect((await (await t.as(shares)).get(`/c/${community.slug}/library/overdue`)).statusCode).toBe(403);
  });
});

describe('library settings', () => {
  it('a steward changes them from the page; out-of-range values are refused beside the field', async () => {
    const { community, steward } = await t.community();
    const browser = await t.as(steward);
    const url = `/c/${community.slug}/library/settings`;
    expect((await browser.get(url)).body).toContain('value="3"');
    const bad = await browser.post(url, { maxActivePerMember: '0', holdDays: '2', reminderDays: '2' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('aria-invalid="true"');
    expect(
      (await browser.post(url, { maxActivePerMember: '5', holdDays: '3', reminderDays: '1' })).statusCode,
    ).toBe(303);
    expect((await browser.get(url)).body).toContain('value="5"');
    expect((await (await t.as(await t.member(community))).get(url)).statusCode).toBe(403);
  });
});
