import { describe, expect, it } from 'vitest';
import { type Client, useTestApp } from '../../../test/support/app.ts';
import type { Account, Community } from '../../platform/db/database.ts';

const t = useTestApp();

const api = (c: Community, rest = '') => `/api/v1/communities/${c.slug}/evacuation${rest}`;
const page = (c: Community, rest = '') => `/c/${c.slug}/evacuation${rest}`;

/** A household's answers, near the harbour. */
const household = (extra: Record<string, unknown> = {}) => ({
  address: '14 Harbour Lane',
  latitude: 41.854,
  longitude: -87.665,
  people: 2,
  phone: '+1 312 555 0101',
  language: 'Polish',
  mobilityAids: 'walker',
  notes: 'Ring twice; stairs at the back.',
  consent: true,
  ...extra,
});
const driver = (extra: Record<string, unknown> = {}) => ({
  vehicle: 'Blue minivan',
  seats: 4,
  address: '3 Dune Road',
  latitude: 41.851,
  longitude: -87.661,
  availability: ['weekday_evening', 'weekend'],
  phone: '+1 312 555 0202',
  consent: true,
  ...extra,
});

/** A community with a coordinator, two members, a paper member and a shelter (capacity 20). */
async function network() {
  const { community, steward } = await t.community();
  const coordinator = await t.member(community, 'coordinator', { displayName: 'Cora Coordinator' });
  const member = await t.member(community, 'member', { displayName: 'Mia Member' });
  const other = await t.member(community, 'member', { displayName: 'Otto Other' });
  const paper = await t.member(community, 'member', { displayName: 'Pablo Paper', email: null });
  const as = async (a: Account) => t.as(a);
  const shelter = await addShelter(community, steward, 'School gym', 41.86, -87.67);
  const c = await as(coordinator);
  expect(
    (
      await c.api('PUT', api(community, `/shelters/${shelter}`), {
        capacity: 20,
        accessible: true,
        pets: false,
      })
    ).statusCode,
  ).toBe(204);
  return { community, steward, coordinator, member, other, paper, shelter, as };
}

/** Adds a place of kind shelter (as the steward) and returns its id. */
async function addShelter(
  community: Community,
  steward: Account,
  name: string,
  latitude: number,
  longitude: number,
) {
  const res = await (await t.as(steward)).api('POST', `/api/v1/communities/${community.slug}/places`, {
    kind: 'shelter',
    name,
    address: `${name}, Main Street`,
    latitude,
    longitude,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().place.id as string;
}

async function register(client: Client, c: Community, extra: Record<string, unknown> = {}) {
  const res = await client.api('PUT', api(c, '/household'), household(extra));
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

describe('registering a household, consent first', () => {
  it('a member registers their household, sees everything stored about it, and withdraws it', async () => {
    const n = await network();
    const mia = await n.as(n.member);
    const refused = await mia.api('PUT', api(n.community, '/household'), household({ consent: false }));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ field: 'consent', code: 'evacuation.errors.consent_required' }),
    ]);
    expect((await mia.api('GET', api(n.community, '/household'))).json().household).toBeNull();

    await register(mia, n.community, {
      buddyId: n.other.id,
      shelterId: n.shelter,
      shelterNeed: 'preferred',
      maySplit: true,
    });
    const mine = (await mia.api('GET', api(n.community, '/household'))).json().household;
    expect(mine).toMatchObject({
      name: 'Mia Member',
      address: '14 Harbour Lane',
      people: 2,
      mobilityAids: 'walker',
      notes: 'Ring twice; stairs at the back.',
      buddy: { accountId: n.other.id, name: 'Otto Other' },
      shelter: { placeId: n.shelter, name: 'School gym' },
      shelterNeed: 'preferred',
      maySplit: true,
      consentedBy: { accountId: n.member.id },
    });
    const shown = await mia.get(page(n.community, '/household'));
    expect(shown.statusCode).toBe(200);
    for (const text of ['14 Harbour Lane', 'walker', 'Ring twice', 'Otto Other', 'School gym'])
      expect(shown.body).toContain(text);

    expect((await mia.post(page(n.community, '/household/withdraw'))).statusCode).toBe(303);
    expect((await mia.api('GET', api(n.community, '/household'))).json().household).toBeNull();
  });

  it('refuses what cannot be right, with the field named, and says it in Spanish too', async () => {
    const n = await network();
    const mia = await n.as(n.member);
    const res = await mia.api(
      'PUT',
      api(n.community, '/household'),
      household({
        wheelchairs: 3,
        latitude: undefined,
        buddyId: n.member.id,
        backupBuddyId: n.member.id,
        shelterNeed: 'needed',
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`)
        .sort(),
    ).toEqual([
      'backupBuddyId evacuation.errors.backup_same_as_buddy',
      'backupBuddyId evacuation.errors.buddy_is_household',
      'buddyId evacuation.errors.buddy_is_household',
      'latitude evacuation.errors.point_needs_both',
      'shelterId evacuation.errors.shelter_required',
      'wheelchairs evacuation.errors.wheelchairs_more_than_people',
    ]);
    const form = await mia.post(
      page(n.community, '/household'),
      { people: '2' },
      { headers: { 'accept-language': 'es' } },
    );
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('Marca la casilla para aceptar');
    expect(await mia.api('PUT', api(n.community, '/household'), { ...household(), people: 0 })).toMatchObject(
      { statusCode: 422 },
    );
    // 0, 0 is an empty point, not a home: refused before a driver is sent into the sea.
    const island = await mia.api('PUT', api(n.community, '/household'), {
      ...household(),
      latitude: 0,
      longitude: 0,
    });
    expect(island.json().errors).toEqual([
      expect.objectContaining({ field: 'latitude', code: 'validation.point_null_island' }),
    ]);
    expect(
      (await mia.api('PUT', api(n.community, '/household'), { ...household(), secret: 1 })).statusCode,
    ).toBe(422);
  });

  it('the page form takes a point as people type it (decimal comma, minus sign) and a household without a point', async () => {
    const n = await network();
    const mia = await n.as(n.member);
    const res = await mia.post(page(n.community, '/household'), {
      address: '2 Pier Street',
      latitude: '41,8543',
      longitude: '−87,6648',
      people: '3',
      consent: '1',
      maySplit: '1',
    });
    expect(res.statusCode, res.body).toBe(303);
    expect((await mia.api('GET', api(n.community, '/household'))).json().household).toMatchObject({
      latitude: 41.8543,
      longitude: -87.6648,
      people: 3,
      maySplit: true,
    });
    const other = await n.as(n.other);
    expect(
      (await other.post(page(n.community, '/household'), { people: '1', consent: '1' })).statusCode,
    ).toBe(303);
    expect((await other.get(page(n.community, '/household'))).body).toContain('No point on the map');
  });

  it('a coordinator registers a paper member they asked, never a member who can sign in', async () => {
    const n = await network();
    const cora = await n.as(n.coordinator);
    const res = await cora.api('POST', api(n.community, '/households'), {
      accountId: n.paper.id,
      ...household(),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Pablo Paper',
      consentedBy: { accountId: n.coordinator.id, name: 'Cora Coordinator' },
    });
    const other = await cora.api('POST', api(n.community, '/households'), {
      accountId: n.member.id,
      ...household(),
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('evacuation.errors.only_self_or_paper');
    // A steward neither registers a paper member nor reads their needs.
    const steward = await n.as(n.steward);
    expect(
      (await steward.api('POST', api(n.community, '/households'), { accountId: n.paper.id, ...household() }))
        .statusCode,
    ).toBe(403);
    expect((await steward.api('GET', api(n.community, `/households/${res.json().id}`))).statusCode).toBe(403);
  });
});

describe('who sees what, on every route', () => {
  it('the role matrix: coordinators see needs, stewards read the log, members only their own', async () => {
    const n = await network();
    const householdId = await register(await n.as(n.other), n.community);
    const driverRes = await (await n.as(n.other)).api('PUT', api(n.community, '/driver'), driver());
    const driverId = driverRes.json().id as string;
    const outsider = await t.account();
    const coordinatorOnly = [
      ['GET', api(n.community, '/households')],
      ['GET', api(n.community, `/households/${householdId}`)],
      ['GET', api(n.community, '/drivers')],
      ['GET', api(n.community, `/drivers/${driverId}`)],
      ['GET', api(n.community, '/shelters')],
      ['GET', api(n.community, '/plan')],
      ['GET', api(n.community, '/plan/cards')],
      ['GET', page(n.community, '/households')],
      ['GET', page(n.community, `/households/${householdId}`)],
      ['GET', page(n.community, '/households/new')],
      ['GET', page(n.community, '/drivers')],
      ['GET', page(n.community, `/drivers/${driverId}`)],
      ['GET', page(n.community, '/drivers/new')],
      ['GET', page(n.community, '/shelters')],
      ['GET', page(n.community, '/plan')],
      ['GET', page(n.community, '/plan/cards')],
      ['GET', page(n.community, `/plan/cards/${driverId}`)],
      ['GET', page(n.community, '/contacts')],
      ['GET', page(n.community, '/export/contacts.csv')],
      ['GET', page(n.community, '/export/contacts.vcf')],
    ] as const;
    const everyMember = [
      ['GET', page(n.community)],
      ['GET', page(n.community, '/household/edit')],
      ['GET', page(n.community, '/driver/edit')],
      ['GET', page(n.community, '/route')],
      ['GET', api(n.community, '/household')],
      ['GET', api(n.community, '/driver')],
      ['GET', api(n.community, '/route')],
      ['GET', api(n.community, '/reads')],
      ['GET', page(n.community, '/reads')],
    ] as const;
    const stewardOnly = [
      ['GET', api(n.community, '/log')],
      ['GET', page(n.community, '/log')],
    ] as const;
    const clients = {
      member: await n.as(n.member),
      coordinator: await n.as(n.coordinator),
      steward: await n.as(n.steward),
      outsider: await t.as(outsider),
      visitor: t.visitor(),
    };
    const statuses: string[] = [];
    const get = async (c: Client, url: string) => (url.startsWith('/api/') ? c.api('GET', url) : c.get(url));
    for (const [who, client] of Object.entries(clients)) {
      for (const [, url] of coordinatorOnly)
        statuses.push(`${who} ${url} ${(await get(client, url)).statusCode}`);
      for (const [, url] of everyMember)
        statuses.push(`${who} ${url} ${(await get(client, url)).statusCode}`);
      for (const [, url] of stewardOnly)
        statuses.push(`${who} ${url} ${(await get(client, url)).statusCode}`);
    }
    const expected = (who: string, url: string, group: 'coordinator' | 'member' | 'steward') => {
      const signedOut = who === 'visitor';
      if (signedOut) return url.startsWith('/api/') ? 401 : 303;
      if (who === 'outsider') return 403;
      if (group === 'member') return 200;
      return who === group ? 200 : 403;
    };
    const wanted: string[] = [];
    for (const who of Object.keys(clients)) {
      for (const [, url] of coordinatorOnly)
        wanted.push(`${who} ${url} ${expected(who, url, 'coordinator')}`);
      for (const [, url] of everyMember) wanted.push(`${who} ${url} ${expected(who, url, 'member')}`);
      for (const [, url] of stewardOnly) wanted.push(`${who} ${url} ${expected(who, url, 'steward')}`);
    }
    expect(statuses).toEqual(wanted);
  });

  it('a member never sees another household’s needs or a driver’s home; writes by others are refused', async () => {
    const n = await network();
    const householdId = await register(await n.as(n.other), n.community, { notes: 'Key under the blue pot' });
    const mia = await n.as(n.member);
    for (const url of [
      api(n.community, `/households/${householdId}`),
      api(n.community, '/households'),
      api(n.community, '/plan'),
    ]) {
      const res = await mia.api('GET', url);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('blue pot');
    }
    expect((await mia.api('DELETE', api(n.community, `/households/${householdId}`))).statusCode).toBe(403);
    expect((await mia.post(page(n.community, `/households/${householdId}/withdraw`))).statusCode).toBe(403);
    const overview = await mia.get(page(n.community));
    expect(overview.body).not.toContain('blue pot');
    expect(overview.body).not.toContain(`/households`);
  });

  it('a coordinator of one community sees nothing of another: 404 for its rows, 403 inside it', async () => {
    const a = await network();
    const b = await network();
    const householdB = await register(await b.as(b.member), b.community);
    const driverB = (await (await b.as(b.other)).api('PUT', api(b.community, '/driver'), driver())).json().id;
    const cora = await a.as(a.coordinator);
    for (const url of [
      api(a.community, `/households/${householdB}`),
      api(a.community, `/drivers/${driverB}`),
      page(a.community, `/households/${householdB}`),
      page(a.community, `/plan/cards/${driverB}`),
    ]) {
      const res = url.startsWith('/api/') ? await cora.api('GET', url) : await cora.get(url);
      expect(res.statusCode, url).toBe(404);
    }
    expect(
      (
        await cora.api('PUT', api(a.community, `/shelters/${b.shelter}`), {
          capacity: 1,
          accessible: false,
          pets: false,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await cora.api('PUT', api(a.community, `/plan/locks/${householdB}`), { driverId: '' })).statusCode,
    ).toBe(404);
    expect((await cora.api('DELETE', api(a.community, `/households/${householdB}`))).statusCode).toBe(404);
    expect((await cora.api('GET', api(b.community, '/households'))).statusCode).toBe(403);
    const listA = (await cora.api('GET', api(a.community, '/households'))).json().households;
    expect(listA.map((h: { id: string }) => h.id)).not.toContain(householdB);
  });
});

describe('the log of reads', () => {
  it('writes who read what and when; stewards read it; the household’s own reads are not logged', async () => {
    const n = await network();
    const householdId = await register(await n.as(n.member), n.community);
    await (await n.as(n.member)).api('GET', api(n.community, `/households/${householdId}`));
    const cora = await n.as(n.coordinator);
    await cora.api('GET', api(n.community, '/households'));
    await cora.get(page(n.community, `/households/${householdId}`));
    // Mia can sign in, so she changes her own registration: the coordinator's edit page and form
    // are refused as such (403, in words), and a refusal shows nothing, so it is no read.
    const edit = await cora.get(page(n.community, `/households/${householdId}/edit`));
    expect(edit.statusCode).toBe(403);
    expect(edit.body).toContain('Only the member themselves can register or change this');
    expect(edit.body).not.toContain('accountId');
    const saved = await cora.post(page(n.community, `/households/${householdId}`), { people: '2' });
    expect(saved.statusCode).toBe(403);
    const log = await (await n.as(n.steward)).api('GET', api(n.community, '/log'));
    expect(log.statusCode).toBe(200);
    expect(log.json().entries).toEqual([
      expect.objectContaining({
        reader: { accountId: n.coordinator.id, name: 'Cora Coordinator' },
        role: 'coordinator',
        what: 'household',
        subject: 'Mia Member',
      }),
      expect.objectContaining({
        reader: { accountId: n.coordinator.id, name: 'Cora Coordinator' },
        what: 'households',
        subject: null,
      }),
    ]);
    const shown = await (await n.as(n.steward)).get(page(n.community, '/log'));
    expect(shown.body).toContain('Cora Coordinator');
    expect(shown.body).toContain('the household of Mia Member');
    // Mia reads the same lines about her household; another household's page is none of hers,
    // and neither are her own visits.
    const ottoId = await register(await n.as(n.other), n.community);
    await cora.api('GET', api(n.community, `/households/${ottoId}`));
    const mia = await n.as(n.member);
    expect((await mia.api('GET', api(n.community, '/reads'))).json().reads).toEqual(log.json().entries);
    expect((await mia.get(page(n.community, '/reads'))).body).toContain('Cora Coordinator');
    const otto = (await (await n.as(n.other)).api('GET', api(n.community, '/reads'))).json().reads;
    expect(otto).toEqual([expect.objectContaining({ what: 'household', subject: 'Otto Other' })]);
    expect((await (await n.as(n.coordinator)).api('GET', api(n.community, '/reads'))).json().reads).toEqual(
      [],
    );
    // A withdrawn household's name leaves the log with its data.
    await (await n.as(n.member)).api('DELETE', api(n.community, '/household'));
    const after = (await (await n.as(n.steward)).api('GET', api(n.community, '/log'))).json().entries;
    expect(
      after
        .filter((e: { what: string }) => e.what === 'household')
        .map((e: { subject: unknown }) => e.subject),
    ).toEqual(['Otto Other', null]);
    // Reads in a row of the same list by the same person (a board fetched again at each change)
    // are one line with their count on the pages; the API keeps every line.
    for (let i = 0; i < 3; i++) await cora.api('GET', api(n.community, '/households'));
    const page3 = (await (await n.as(n.steward)).get(page(n.community, '/log'))).body;
    expect(page3).toContain('read the list of households, 3 times since');
    expect((await (await n.as(n.steward)).api('GET', api(n.community, '/log'))).json().entries[2].what).toBe(
      'households',
    );
  });
});

describe('contact lists and the phone tree', () => {
  it('coordinators print them and download CSV and vCard (RFC 6350); each export is logged; nobody else gets them', async () => {
    const n = await network();
    await register(await n.as(n.member), n.community, {
      buddyId: n.other.id,
      phone: '+1 312 555 0101',
      address: 'Flat 2; Block B, 14 Harbour Lane',
    });
    // Otto calls Mia once he has accepted to be her buddy.
    const mia = (await (await n.as(n.member)).api('GET', api(n.community, '/household'))).json().household.id;
    const otto = await n.as(n.other);
    expect(
      (await otto.api('PUT', api(n.community, `/buddy/${mia}`), { answer: 'accepted' })).statusCode,
    ).toBe(204);
    await otto.api('PUT', api(n.community, '/driver'), driver({ phone: '+1 312 555 0202' }));
    const cora = await n.as(n.coordinator);
    const shown = await cora.get(page(n.community, '/contacts'));
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Otto Other calls:');
    expect(shown.body).toContain('+1 312 555 0101');

    const csv = await cora.get(page(n.community, '/export/contacts.csv'));
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'Kind,Name,Phone,Language,Address,People,Wheelchairs,Pets,Driver,Shelter,Buddy,Backup buddy',
    );
    // A phone number (+, digits, spaces) cannot be a formula: it is kept as written, no apostrophe.
    expect(lines).toContain(
      'Household,Mia Member,+1 312 555 0101,Polish,"Flat 2; Block B, 14 Harbour Lane",2,0,0,,,Otto Other,',
    );

    const vcf = await cora.get(page(n.community, '/export/contacts.vcf'));
    expect(vcf.headers['content-type']).toContain('text/vcard');
    const cards = vcf.body.split('END:VCARD').filter((c) => c.trim());
    expect(cards).toHaveLength(2);
    expect(cards[0]).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(cards[0]).toContain('FN:Mia Member');
    expect(cards[0]).toMatch(/TEL;TYPE=cell:\+1 312 555 0101/i);
    // Each component escaped (RFC 6350 §3.4): the address stays in the street part.
    expect(cards[0]).toContain('ADR:;;Flat 2\\; Block B\\, 14 Harbour Lane;;;;\r\n');
    expect(cards[1]).toContain('FN:Otto Other');

    const log = (await (await n.as(n.steward)).api('GET', api(n.community, '/log'))).json().entries;
    expect(log.slice(0, 3).map((e: { what: string }) => e.what)).toEqual([
      'contacts_vcard',
      'contacts_csv',
      'contacts',
    ]);
    for (const who of [n.member, n.steward]) {
      const client = await n.as(who);
      for (const url of ['/contacts', '/export/contacts.csv', '/export/contacts.vcf'])
        expect((await client.get(page(n.community, url))).statusCode).toBe(403);
    }
  });
});

describe('what a browser keeps, and what goes with a membership', () => {
  it('every page and API answer of the network says no-store', async () => {
    const n = await network();
    await register(await n.as(n.member), n.community);
    const cora = await n.as(n.coordinator);
    for (const res of [
      await cora.get(page(n.community, '/households')),
      await cora.get(page(n.community, '/plan/cards')),
      await cora.api('GET', api(n.community, '/households')),
      await (await n.as(n.member)).get(page(n.community, '/household')),
      await (await n.as(n.member)).api('GET', api(n.community, '/household')),
    ])
      expect(res.headers['cache-control']).toBe('no-store');
    // Other features' pages are not touched by the network's hook.
    expect((await cora.get(`/c/${n.community.slug}`)).headers['cache-control']).not.toBe('no-store');
  });

  it('leaving or being removed deletes the household and driver registrations and every buddy link', async () => {
    const n = await network();
    await register(await n.as(n.member), n.community, { buddyId: n.other.id });
    await register(await n.as(n.other), n.community);
    const otto = await n.as(n.other);
    expect((await otto.api('PUT', api(n.community, '/driver'), driver())).statusCode).toBe(200);
    const rows = async (table: 'evacuationHousehold' | 'evacuationDriver', accountId: string) =>
      t.services.db
        .selectFrom(table)
        .selectAll()
        .where('communityId', '=', n.community.id)
        .where('accountId', '=', accountId)
        .execute();
    // Otto leaves: his household and driver rows go, and he is nobody's buddy.
    const left = await otto.api('POST', `/api/v1/communities/${n.community.slug}/leave`);
    expect(left.statusCode, left.body).toBeLessThan(300);
    expect(await rows('evacuationHousehold', n.other.id)).toEqual([]);
    expect(await rows('evacuationDriver', n.other.id)).toEqual([]);
    expect((await rows('evacuationHousehold', n.member.id))[0]).toMatchObject({ buddyId: null });
    // Mia is removed by the steward: her household goes too.
    const removed = await (await n.as(n.steward)).api(
      'DELETE',
      `/api/v1/communities/${n.community.slug}/members/${n.member.id}`,
    );
    expect(removed.statusCode, removed.body).toBeLessThan(300);
    expect(await rows('evacuationHousehold', n.member.id)).toEqual([]);
  });

  it('two first registrations of the same member at once make one household and one driver', async () => {
    const n = await network();
    const mia = await n.as(n.member);
    const households = await Promise.all(
      [1, 2, 3].map((people) => mia.api('PUT', api(n.community, '/household'), household({ people }))),
    );
    expect(households.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(households.map((r) => r.json().id)).size).toBe(1);
    const drivers = await Promise.all(
      [2, 3].map((seats) => mia.api('PUT', api(n.community, '/driver'), driver({ seats }))),
    );
    expect(drivers.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(new Set(drivers.map((r) => r.json().id)).size).toBe(1);
  });

  it('a phone is phone-like text only, with the expected form in the message', async () => {
    const n = await network();
    const mia = await n.as(n.member);
    for (const phone of ['call me maybe', '+1 312 555 \u202e0199 ext', '+1;2,3\\4'])
      expect(
        (await mia.api('PUT', api(n.community, '/household'), household({ phone }))).json().errors,
      ).toEqual([expect.objectContaining({ field: 'phone', code: 'validation.pattern_phone' })]);
    await register(mia, n.community, { phone: '+1 (312) 555-0199 ext 12' });
    const refused = await (await n.as(n.other)).api(
      'PUT',
      api(n.community, '/driver'),
      driver({ phone: 'soon' }),
    );
    expect(refused.statusCode).toBe(422);
  });
});
