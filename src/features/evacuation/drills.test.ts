import { beforeEach, describe, expect, it } from 'vitest';
import { type Client, useTestApp } from '../../../test/support/app.ts';
import type { Account, Community } from '../../platform/db/database.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { escalateDrills } from './escalation.ts';
import { linkAddressBudget } from './links.ts';

const t = useTestApp();

// Link routes are limited per link and per address, and every request here comes from one: a new window each test.
beforeEach(() => t.clock.advance(16 * 60));

const api = (c: Community, rest = '') => `/api/v1/communities/${c.slug}/evacuation${rest}`;
const page = (c: Community, rest = '') => `/c/${c.slug}/evacuation${rest}`;
const inHours = (hours: number) => iso(addSeconds(t.clock.now(), hours * 3600));

const householdOf = (extra: Record<string, unknown> = {}) => ({
  address: '14 Harbour Lane',
  latitude: 41.854,
  longitude: -87.665,
  people: 2,
  phone: '+1 312 555 0101',
  consent: true,
  ...extra,
});
const driverOf = (extra: Record<string, unknown> = {}) => ({
  vehicle: 'Blue minivan',
  seats: 4,
  latitude: 41.851,
  longitude: -87.661,
  availability: ['weekend'],
  phone: '+1 312 555 0202',
  consent: true,
  ...extra,
});

/**
 * A community whose registry has Mia's household (buddy Otto, backup Bea), Dan the driver and
 * Pablo, a paper member's household that the coordinator Cora registered.
 */
async function network() {
  const { community, steward } = await t.community();
  const n = t.clock.now().getTime();
  const coordinator = await t.member(community, 'coordinator', {
    displayName: 'Cora Coordinator',
    email: `cora${n}@example.org`,
  });
  const mia = await t.member(community, 'member', {
    displayName: 'Mia Member',
    email: `mia${n}@example.org`,
  });
  const dan = await t.member(community, 'member', {
    displayName: 'Dan Driver',
    email: `dan${n}@example.org`,
  });
  const otto = await t.member(community, 'member', {
    displayName: 'Otto Other',
    email: `otto${n}@example.org`,
  });
  const bea = await t.member(community, 'member', {
    displayName: 'Bea Backup',
    email: `bea${n}@example.org`,
  });
  const pablo = await t.member(community, 'member', { displayName: 'Pablo Paper', email: null });
  const cora = await t.as(coordinator);
  const put = async (who: Account, what: string, body: unknown) => {
    const res = await (await t.as(who)).api('PUT', api(community, what), body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id as string;
  };
  const household = await put(mia, '/household', householdOf({ buddyId: otto.id, backupBuddyId: bea.id }));
  // Only a buddy who accepted is asked to check on someone.
  for (const buddy of [otto, bea]) {
    const res = await (await t.as(buddy)).api('PUT', api(community, `/buddy/${household}`), {
      answer: 'accepted',
    });
    expect(res.statusCode, res.body).toBe(204);
  }
  const driver = await put(dan, '/driver', driverOf());
  const paper = await cora.api('POST', api(community, '/households'), {
    ...householdOf({ address: '2 Mill Road', people: 1, phone: '+1 312 555 0303' }),
    accountId: pablo.id,
  });
  expect(paper.statusCode, paper.body).toBe(201);
  return {
    community,
    steward,
    coordinator,
    mia,
    dan,
    otto,
    bea,
    pablo,
    cora,
    household,
    driver,
    paperHousehold: paper.json().id as string,
  };
}

type Network = Awaited<ReturnType<typeof network>>;

async function startDrill(n: Network, extra: Record<string, unknown> = {}) {
  const res = await n.cora.api('POST', api(n.community, '/drills'), { deadline: inHours(48), ...extra });
  expect(res.statusCode, res.body).toBe(201);
  await t.runJobs();
  return res.json() as {
    id: string;
    answers: { id: string; name: string; kind: string; subjectId: string }[];
  };
}

/** The path (under the host) of the check-in link mailed last to `account`. */
function mailedLink(account: Account): string {
  const link = t.mailbox.lastLink(account.email as string);
  expect(link).toBeDefined();
  return new URL(link as string).pathname;
}

describe('starting a drill and checking in', () => {
  it('asks everyone: a mail with their own link, which opens without signing in and shows only their data', async () => {
    const n = await network();
    const drill = await startDrill(n, { message: 'Storm season: please check your details.' });
    expect(drill.answers.map((a) => [a.name, a.kind]).sort()).toEqual([
      ['Dan Driver', 'driver'],
      ['Mia Member', 'household'],
      ['Pablo Paper', 'household'],
    ]);
    const mail = t.mailbox.to(n.mia.email as string).at(-1);
    // The deadline with its time, in the community's zone (a reader at noon must not think they have all day).
    expect(mail?.subject).toMatch(
      /^Please check in: ride network drill, answer by \w+, \w+ \d+, \d{4} at \d{1,2}:\d{2}\s[AP]M$/,
    );
    expect(mail?.text).toContain('Storm season');
    const link = mailedLink(n.mia);
    expect(link).toMatch(new RegExp(`^/c/${n.community.slug}/evacuation/check-in/[A-Za-z0-9_-]{43}$`));
    // The notification keeps a reference to the link, never its token.
    const paths = await t.services.db
      .selectFrom('notification')
      .select('path')
      .where('communityId', '=', n.community.id)
      .where('accountId', '=', n.mia.id)
      .where('kind', '=', 'evacuation.drills')
      .execute();
    expect(paths.map((p) => p.path)).toEqual([
      expect.stringMatching(/^\/evacuation\/link\/check-in\/[0-9a-f-]{36}$/),
    ]);
    expect(JSON.stringify(paths)).not.toContain(link?.split('/').at(-1));
    // Nobody else was told with a link (Otto and Bea are buddies, not asked); Otto only was asked to be one.
    expect(t.mailbox.to(n.otto.email as string).map((m) => m.subject)).toEqual([
      'Mia Member asks you to be their buddy in an emergency',
    ]);

    const visitor = t.visitor();
    const shown = await visitor.get(link);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(shown.headers['referrer-policy']).toBe('no-referrer');
    expect(shown.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(shown.body).toContain('<meta name="robots" content="noindex, nofollow"/>');
    // "Sign in" does not carry the token in `next=` (stored with the sign-in, logged).
    expect(shown.body).toContain('href="/login"');
    expect(shown.body).not.toContain('next=');
    expect(shown.body).toContain('14 Harbour Lane');
    expect(shown.body).toContain('Storm season');
    for (const other of ['2 Mill Road', 'Blue minivan', 'Pablo', '555 0202'])
      expect(shown.body).not.toContain(other);

    const token = link.split('/').at(-1);
    // The check-in waits in Mia's "needs me" until she answers.
    const porch = async () => (await (await t.as(n.mia)).get(`/c/${n.community.slug}`)).body;
    expect(await porch()).toContain('Please check in for the ride network');
    const viaApi = await visitor.api('GET', api(n.community, `/check-in/${token}`));
    expect(viaApi.statusCode, viaApi.body).toBe(200);
    expect(viaApi.json()).toMatchObject({
      kind: 'household',
      name: 'Mia Member',
      household: { people: 2, address: '14 Harbour Lane', hasPoint: true },
      driver: null,
      answer: { status: 'waiting' },
    });
    expect(
      (await visitor.api('POST', api(n.community, `/check-in/${token}`), { answer: 'confirm' })).statusCode,
    ).toBe(200);
    expect(await porch()).not.toContain('Please check in for the ride network');
  });

  it('a household says what changed: the registry changes, the consent stays, the report keeps before → after', async () => {
    const n = await network();
    const drill = await startDrill(n);
    const link = mailedLink(n.mia);
    const before = (await (await t.as(n.mia)).api('GET', api(n.community, '/household'))).json().household;

    const visitor = t.visitor();
    const res = await visitor.post(link, {
      answer: 'confirm',
      people: '3',
      wheelchairs: '1',
      pets: '0',
      phone: '+1 312 555 0199',
      address: '14 Harbour Lane',
      note: 'My grandson lives with us now.',
    });
    expect(res.statusCode, res.body).toBe(303);
    const after = (await (await t.as(n.mia)).api('GET', api(n.community, '/household'))).json().household;
    expect(after).toMatchObject({ people: 3, wheelchairs: 1, phone: '+1 312 555 0199', latitude: 41.854 });
    expect(after.consentedAt).toBe(before.consentedAt);
    expect(after.consentedBy).toEqual(before.consentedBy);

    // A new address clears the old pin: it would send a driver to the old home.
    expect((await visitor.post(link, { answer: 'confirm', address: '9 New Street' })).statusCode).toBe(303);
    const moved = (await (await t.as(n.mia)).api('GET', api(n.community, '/household'))).json().household;
    expect(moved).toMatchObject({ address: '9 New Street', latitude: null, longitude: null, people: 3 });
    // A field cleared by mistake is "unchanged": the address and phone are never erased.
    expect((await visitor.post(link, { answer: 'confirm', address: '  ', phone: '' })).statusCode).toBe(303);
    const kept = (await (await t.as(n.mia)).api('GET', api(n.community, '/household'))).json().household;
    expect(kept).toMatchObject({ address: '9 New Street', phone: '+1 312 555 0199' });

    const report = (await n.cora.api('GET', api(n.community, `/drills/${drill.id}`))).json();
    const mia = report.answers.find((a: { name: string }) => a.name === 'Mia Member');
    expect(mia).toMatchObject({
      status: 'changed',
      note: 'My grandson lives with us now.',
      recordedBy: null,
    });
    expect(mia.changes).toEqual([
      { field: 'people', before: '2', after: '3' },
      { field: 'wheelchairs', before: '0', after: '1' },
      { field: 'phone', before: '+1 312 555 0101', after: '+1 312 555 0199' },
      { field: 'address', before: '14 Harbour Lane', after: '9 New Street' },
    ]);
    const reportPage = await n.cora.get(page(n.community, `/drills/${drill.id}`));
    expect(reportPage.statusCode).toBe(200);
    expect(reportPage.body).toContain('People: 2 → 3');
    const csv = await n.cora.get(page(n.community, `/drills/${drill.id}/report.csv`));
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('People: 2 → 3');
    // The report holds addresses and phones: each read is logged (the start's answer, the API, the page, the CSV).
    const log = await t.services.db
      .selectFrom('evacuationAccess')
      .select(['what', 'role'])
      .where('communityId', '=', n.community.id)
      .execute();
    expect(log.filter((l) => l.what === 'drill')).toHaveLength(4);
    expect(log.filter((l) => l.what === 'check_in' && l.role === 'link').length).toBeGreaterThanOrEqual(2);
    // Mia reads who read her registration: the coordinator's report reads, not her own link's.
    const reads = (await (await t.as(n.mia)).api('GET', api(n.community, '/reads'))).json().reads;
    expect(reads.filter((r: { what: string }) => r.what === 'drill')).toHaveLength(4);
    expect(reads.filter((r: { what: string }) => r.what === 'check_in')).toEqual([]);
  });

  it('a driver confirms seats and availability, marks a test drive only with a route, or cannot this month', async () => {
    const n = await network();
    const drill = await startDrill(n);
    const token = mailedLink(n.dan).split('/').at(-1);
    const visitor = t.visitor();
    const url = api(n.community, `/check-in/${token}`);
    const noRoute = await visitor.api('POST', url, { answer: 'test_drive' });
    expect(noRoute.statusCode).toBe(422);
    expect(noRoute.json().errors[0]).toMatchObject({
      field: 'answer',
      code: 'evacuation.errors.no_route_to_test',
    });
    const ok = await visitor.api('POST', url, {
      answer: 'confirm',
      seats: 3,
      availability: ['weekend', 'night'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      driver: { seats: 3, availability: ['night', 'weekend'] },
      answer: {
        status: 'changed',
        changes: [
          { field: 'seats', before: '4', after: '3' },
          { field: 'availability', before: 'weekend', after: 'night,weekend' },
        ],
      },
    });
    // On the page, unticking every time of the week says "none" (the boxes send nothing then).
    const page = await visitor.post(mailedLink(n.dan), {
      answer: 'confirm',
      seats: '3',
      wheelchairPlaces: '0',
    });
    expect(page.statusCode).toBe(303);
    expect((await visitor.api('GET', url)).json().driver.availability).toEqual([]);
    const cannot = await visitor.api('POST', url, { answer: 'unavailable', note: 'Car in the garage.' });
    expect(cannot.json().answer).toMatchObject({ status: 'unavailable', note: 'Car in the garage.' });
    const report = (await n.cora.api('GET', api(n.community, `/drills/${drill.id}`))).json();
    expect(report.counts).toMatchObject({ asked: 3, unavailable: 1, waiting: 2 });
  });

  it('a driver with a route in the newest plan marks the test drive done', { timeout: 60_000 }, async () => {
    const n = await network();
    const place = await (await t.as(n.steward)).api(
      'POST',
      `/api/v1/communities/${n.community.slug}/places`,
      {
        kind: 'shelter',
        name: 'School gym',
        address: 'School gym, Main Street',
        latitude: 41.86,
        longitude: -87.67,
      },
    );
    expect(place.statusCode, place.body).toBe(201);
    const shelter = place.json().place.id as string;
    const settings = { capacity: 20, accessible: true, pets: false };
    expect((await n.cora.api('PUT', api(n.community, `/shelters/${shelter}`), settings)).statusCode).toBe(
      204,
    );
    const made = await n.cora.api('POST', api(n.community, '/plan'), {});
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().plan.routes.map((r: { driverId: string }) => r.driverId)).toEqual([n.driver]);

    const drill = await startDrill(n);
    const link = mailedLink(n.dan);
    const visitor = t.visitor();
    const shown = await visitor.get(link);
    expect(shown.body).toContain('I drove my route as a test');
    expect((await visitor.post(link, { answer: 'test_drive' })).statusCode).toBe(303);
    expect((await visitor.get(link)).body).toContain('Drove the route as a test on');
    const report = (await n.cora.api('GET', api(n.community, `/drills/${drill.id}`))).json();
    const dan = report.answers.find((a: { name: string }) => a.name === 'Dan Driver');
    expect(dan).toMatchObject({ status: 'confirmed', seats: 4, changes: [] });
    expect(dan.testDriveAt).not.toBeNull();
  });

  it('refuses bad input in words and keeps nothing of it', async () => {
    const n = await network();
    const past = await n.cora.api('POST', api(n.community, '/drills'), { deadline: inHours(-1) });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toEqual([
      expect.objectContaining({
        field: 'deadline',
        code: 'evacuation.errors.deadline_past',
        message: 'The deadline must be in the future.',
      }),
    ]);
    const order = await n.cora.api('POST', api(n.community, '/drills'), {
      deadline: inHours(24),
      buddyAfterHours: 12,
      coordinatorsAfterHours: 6,
    });
    expect(order.json().errors[0]).toMatchObject({
      field: 'coordinatorsAfterHours',
      code: 'evacuation.errors.escalation_order',
    });
    const unknown = await n.cora.api('POST', api(n.community, '/drills'), {
      deadline: inHours(24),
      everyone: true,
    });
    expect(unknown.statusCode).toBe(422);
    const form = await n.cora.post(page(n.community, '/drills'), { deadline: '2001-01-01T10:00' });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('The deadline must be in the future.');
    expect((await n.cora.api('GET', api(n.community, '/drills'))).json().drills).toEqual([]);

    const drill = await startDrill(n);
    const again = await n.cora.api('POST', api(n.community, '/drills'), { deadline: inHours(24) });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('evacuation.errors.drill_open');

    const token = mailedLink(n.mia).split('/').at(-1);
    const url = api(n.community, `/check-in/${token}`);
    const visitor = t.visitor();
    const rule = await visitor.api('POST', url, {
      answer: 'confirm',
      people: 1,
      wheelchairs: 2,
      phone: '+1 312 555 0100',
    });
    expect(rule.statusCode).toBe(422);
    expect(rule.json().errors[0]).toMatchObject({
      field: 'wheelchairs',
      message: 'There cannot be more people in wheelchairs than people.',
    });
    const driverField = await visitor.api('POST', url, { answer: 'confirm', seats: 4 });
    expect(driverField.json().errors[0]).toMatchObject({
      field: 'seats',
      code: 'evacuation.errors.driver_only',
    });
    expect((await visitor.api('POST', url, { answer: 'confirm', colour: 'red' })).statusCode).toBe(422);
    const page422 = await visitor.post(mailedLink(n.mia), {
      answer: 'confirm',
      people: '1',
      wheelchairs: '2',
    });
    expect(page422.statusCode).toBe(422);
    expect(page422.body).toContain('There cannot be more people in wheelchairs than people.');
    // Nothing was half-saved: neither the registry nor the answer.
    const still = (await (await t.as(n.mia)).api('GET', api(n.community, '/household'))).json().household;
    expect(still).toMatchObject({ people: 2, wheelchairs: 0, phone: '+1 312 555 0101' });
    const report = (await n.cora.api('GET', api(n.community, `/drills/${drill.id}`))).json();
    expect(report.counts.waiting).toBe(3);
  });
});

describe('links of a drill', () => {
  it('are rate-limited per link, and generously per address: one link spent leaves the others of the address working', async () => {
    const n = await network();
    await startDrill(n);
    const link = mailedLink(n.mia);
    const visitor = t.visitor();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await visitor.get(link)).statusCode);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
    // A care home's shared connection: the next household's link still opens.
    expect((await visitor.get(mailedLink(n.dan))).statusCode).toBe(200);
    // Until the address has spent its generous budget over all links.
    await t.services.db
      .updateTable('rateLimit')
      .set({ hits: linkAddressBudget })
      .where('key', 'like', 'evacuation_link %')
      .where('key', 'not like', 'evacuation_link token %')
      .execute();
    expect((await visitor.get(mailedLink(n.dan))).statusCode).toBe(429);
  });

  it('never open another community’s data, stop with a withdrawal, and stop when the drill closes', async () => {
    const a = await network();
    const b = await network();
    await startDrill(a);
    const link = mailedLink(a.mia);
    const token = link.split('/').at(-1) as string;
    const visitor = t.visitor();
    expect((await visitor.get(page(b.community, `/check-in/${token}`))).statusCode).toBe(404);
    expect((await visitor.api('GET', api(b.community, `/check-in/${token}`))).statusCode).toBe(404);

    const drill = (await a.cora.api('GET', api(a.community, '/drills'))).json().drills[0];
    const danLink = mailedLink(a.dan);
    expect((await visitor.get(danLink)).statusCode).toBe(200);
    expect((await (await t.as(a.dan)).api('DELETE', api(a.community, '/driver'))).statusCode).toBe(204);
    const gone = await visitor.get(danLink);
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain('This link does not work any more');

    expect((await a.cora.api('POST', api(a.community, `/drills/${drill.id}/close`))).statusCode).toBe(200);
    expect((await visitor.get(link)).statusCode).toBe(404);
    expect((await a.cora.api('POST', api(a.community, `/drills/${drill.id}/close`))).statusCode).toBe(409);
    // A closed drill's answers may not be written any more either (by a coordinator).
    const pablo = (await a.cora.api('GET', api(a.community, `/drills/${drill.id}`)))
      .json()
      .answers.find((x: { name: string }) => x.name === 'Pablo Paper');
    const late = await a.cora.api('PUT', api(a.community, `/drills/${drill.id}/answers/${pablo.id}`), {
      answer: 'confirm',
    });
    expect(late.statusCode).toBe(409);
  });

  it('paper members: the printed sheet makes their links (a reprint replaces them) and a coordinator records a call', async () => {
    const n = await network();
    const drill = await startDrill(n);
    const sheet = await n.cora.post(page(n.community, `/drills/${drill.id}/sheet`));
    expect(sheet.statusCode).toBe(200);
    expect(sheet.body).toContain('<svg');
    const first = sheet.body.match(/http:\/\/porch\.test(\/c\/[^<"\s]+\/check-in\/[A-Za-z0-9_-]{43})/)?.[1];
    expect(first).toBeDefined();
    expect(sheet.body).not.toContain('Mia Member'); // only paper members are on it
    const visitor = t.visitor();
    const opened = await visitor.get(first as string);
    expect(opened.body).toContain('2 Mill Road');
    const reprint = await n.cora.post(page(n.community, `/drills/${drill.id}/sheet`));
    const second = reprint.body.match(
      /http:\/\/porch\.test(\/c\/[^<"\s]+\/check-in\/[A-Za-z0-9_-]{43})/,
    )?.[1];
    expect(second).not.toBe(first);
    expect((await visitor.get(first as string)).statusCode).toBe(404);
    expect((await visitor.get(second as string)).statusCode).toBe(200);

    const calls = await n.cora.get(page(n.community, `/drills/${drill.id}/calls`));
    expect(calls.statusCode).toBe(200);
    expect(calls.body).toContain('Pablo Paper');
    expect(calls.body).not.toContain('Mia Member');
    const answers = (await n.cora.api('GET', api(n.community, `/drills/${drill.id}`))).json().answers;
    const pablo = answers.find((a: { name: string }) => a.name === 'Pablo Paper');
    const mia = answers.find((a: { name: string }) => a.name === 'Mia Member');
    const form = await n.cora.get(page(n.community, `/drills/${drill.id}/answers/${pablo.id}`));
    expect(form.statusCode).toBe(200);
    const recorded = await n.cora.post(page(n.community, `/drills/${drill.id}/answers/${pablo.id}`), {
      answer: 'confirm',
      people: '2',
    });
    expect(recorded.statusCode, recorded.body).toBe(303);
    const report = (await n.cora.api('GET', api(n.community, `/drills/${drill.id}`))).json();
    expect(report.answers.find((a: { id: string }) => a.id === pablo.id)).toMatchObject({
      status: 'changed',
      recordedBy: { name: 'Cora Coordinator' },
      changes: [{ field: 'people', before: '1', after: '2' }],
    });
    // Mia answers herself: a coordinator does not answer for a member who can.
    const forMia = await n.cora.api('PUT', api(n.community, `/drills/${drill.id}/answers/${mia.id}`), {
      answer: 'confirm',
    });
    expect(forMia.statusCode).toBe(403);
  });
});

describe('escalation, on the injected clock', () => {
  it('asks the buddy, then the backup buddy, then tells the coordinators; answered ones are left alone', async () => {
    const n = await network();
    const drill = await startDrill(n, { buddyAfterHours: 0, coordinatorsAfterHours: 24 });
    const visitor = t.visitor();
    expect((await visitor.post(mailedLink(n.dan), { answer: 'confirm' })).statusCode).toBe(303);
    // Their asks to be a buddy came before: only the drill's mails count here.
    const mails = (a: Account) =>
      t.mailbox.to(a.email as string).filter((m) => m.subject.startsWith('Please check on'));
    // Counted by the mails of this community's people: the job runs for every community.
    const run = async () => {
      await escalateDrills(t.services);
      await t.runJobs();
    };
    const toldCora = () =>
      t.mailbox.to(n.coordinator.email as string).filter((m) => m.subject.includes('not answered'));
    await run();
    expect([mails(n.otto).length, mails(n.bea).length, toldCora().length]).toEqual([0, 0, 0]);

    t.clock.advance(48 * 3600 + 1); // past the deadline: the buddy
    await run();
    const [toOtto] = mails(n.otto);
    expect(toOtto.subject).toBe('Please check on Mia Member: ride network drill');
    expect(toOtto.text).toContain('+1 312 555 0101');
    expect(toOtto.text).not.toContain('Harbour Lane'); // the phone only
    expect(mails(n.bea)).toEqual([]);
    // Pablo has no buddy who accepted: the coordinators are told at once, not a day later.
    expect(toldCora().map((m) => m.subject)).toEqual([
      '1 household has not answered the drill and has no buddy to check on them',
    ]);

    t.clock.advance(12 * 3600); // half-way: the backup buddy
    await run();
    expect([mails(n.otto).length, mails(n.bea).length, toldCora().length]).toEqual([1, 1, 1]);

    t.clock.advance(12 * 3600); // the coordinators: Mia has still not answered, Dan has, Pablo was told
    await run();
    const toCora = toldCora().at(-1);
    expect(toCora?.subject).toBe('1 household or driver has not answered the drill');
    expect(toCora?.text).toContain(`/evacuation/drills/${drill.id}`);

    // Again, and twice at once: nothing is sent twice.
    await run();
    await Promise.all([escalateDrills(t.services), escalateDrills(t.services)]);
    await t.runJobs();
    expect([mails(n.otto).length, mails(n.bea).length, toldCora().length]).toEqual([1, 1, 2]);

    const report = (await n.cora.api('GET', api(n.community, `/drills/${drill.id}`))).json();
    const mia = report.answers.find((a: { name: string }) => a.name === 'Mia Member');
    expect(mia).toMatchObject({
      status: 'waiting',
      buddyAsked: { person: { name: 'Otto Other' } },
      backupAsked: { person: { name: 'Bea Backup' } },
    });
    expect(mia.coordinatorsToldAt).not.toBeNull();
    const dan = report.answers.find((a: { name: string }) => a.name === 'Dan Driver');
    expect(dan).toMatchObject({
      status: 'confirmed',
      buddyAsked: null,
      coordinatorsToldAt: null,
      noBuddy: false,
    });
    const pablo = report.answers.find((a: { name: string }) => a.name === 'Pablo Paper');
    expect(pablo).toMatchObject({ buddyAsked: null, noBuddy: true, coordinatorsToldAt: expect.any(String) });
    expect(mia.noBuddy).toBe(false);
    const shown = await n.cora.get(page(n.community, `/drills/${drill.id}`));
    expect(shown.body).toContain('Their buddy Otto Other was asked to check on them');
    // The spreadsheet says it too, in a column of its own.
    const csv = (await n.cora.get(page(n.community, `/drills/${drill.id}/report.csv`))).body.split(/\r?\n/);
    const column = csv[0]?.split(',').indexOf('No buddy who accepted') ?? -1;
    expect(column).toBeGreaterThan(0);
    const cell = (name: string) => csv.find((l) => l.includes(name))?.split(',')[column];
    expect([cell('Pablo Paper'), cell('Mia Member'), cell('Dan Driver')]).toEqual(['yes', '', '']);
    expect(shown.body).toContain('No buddy of theirs had accepted: the coordinators were told on');
  });

  it('gives the buddy their own link per household: it shows the name and phone only, records reached or not on that household, and is logged', async () => {
    const n = await network();
    const paper = await n.cora.api('POST', api(n.community, '/households'), {
      ...householdOf({ address: '2 Mill Road', people: 1, phone: '+1 312 555 0303', buddyId: n.otto.id }),
      accountId: n.pablo.id,
    });
    expect(paper.statusCode, paper.body).toBeLessThan(300);
    const accepted = await (await t.as(n.otto)).api('PUT', api(n.community, `/buddy/${n.paperHousehold}`), {
      answer: 'accepted',
    });
    expect(accepted.statusCode, accepted.body).toBe(204);
    const drill = await startDrill(n, { buddyAfterHours: 0, coordinatorsAfterHours: 24 });
    t.clock.advance(48 * 3600 + 1);
    expect((await escalateDrills(t.services)).buddies).toBe(2);
    await t.runJobs();
    const toOtto = t.mailbox
      .to(n.otto.email as string)
      .filter((m) => m.subject.startsWith('Please check on'));
    expect(toOtto.map((m) => m.subject).sort()).toEqual([
      'Please check on Mia Member: ride network drill',
      'Please check on Pablo Paper: ride network drill',
    ]);
    const linkOf = (name: string) => {
      const text = toOtto.find((m) => m.subject.includes(name))?.text ?? '';
      const m = /https?:\/\/\S+\/evacuation\/check-in\/[A-Za-z0-9_-]{43}/.exec(text);
      expect(m, text).not.toBeNull();
      return new URL((m as RegExpExecArray)[0]).pathname;
    };
    const forMia = linkOf('Mia Member');
    const forPablo = linkOf('Pablo Paper');
    expect(forMia).not.toBe(forPablo);
    // No token is stored in the notification: only a reference to the link.
    const stored = await t.services.db
      .selectFrom('notification')
      .select('path')
      .where('communityId', '=', n.community.id)
      .where('accountId', '=', n.otto.id)
      .where('subjectType', '=', 'evacuation_drill_buddy')
      .execute();
    expect(
      stored.map((x) => x.path).every((x) => /^\/evacuation\/link\/check-in\/[0-9a-f-]{36}$/.test(x ?? '')),
    ).toBe(true);

    const visitor = t.visitor();
    const shown = await visitor.get(forMia);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Checking on Mia Member');
    expect(shown.body).toContain('+1 312 555 0101');
    // What a call needs, nothing else: no address, no people or needs, no check-in form.
    expect(shown.body).not.toContain('Harbour Lane');
    expect(shown.body).not.toContain('name="people"');
    // The buddy's link never answers for the household, through the page or the API.
    expect((await visitor.post(forMia, { answer: 'confirm' })).statusCode).toBe(404);
    expect((await visitor.post(`${forMia}/buddy`, { found: 'maybe' })).statusCode).toBe(422);
    expect((await visitor.post(`${forMia}/buddy`, { found: 'reached', extra: 1 })).statusCode).toBe(422);
    expect((await visitor.post(`${forMia}/buddy`, { found: 'reached' })).statusCode).toBe(303);
    expect((await visitor.post(`${forPablo}/buddy`, { found: 'not_reached' })).statusCode).toBe(303);
    expect((await visitor.get(forMia)).body).toContain('You said you reached Mia Member');

    const report = (await n.cora.api('GET', api(n.community, `/drills/${drill.id}`))).json();
    const answerOf = (name: string) => report.answers.find((a: { name: string }) => a.name === name);
    // Recorded on that household's answer only, which stays unanswered: the household did not answer.
    expect(answerOf('Mia Member')).toMatchObject({
      status: 'waiting',
      buddyFound: { found: 'reached', person: { name: 'Otto Other' } },
    });
    expect(answerOf('Pablo Paper')).toMatchObject({ buddyFound: { found: 'not_reached' } });
    expect(answerOf('Dan Driver').buddyFound).toBeNull();
    const page1 = (await n.cora.get(page(n.community, `/drills/${drill.id}`))).body;
    expect(page1).toContain('Their buddy Otto Other could not reach them');
    const csv = (await n.cora.get(page(n.community, `/drills/${drill.id}/report.csv`))).body;
    expect(csv).toContain('Buddy found');
    expect(csv).toMatch(/Mia Member,[^\n]*reached Otto Other/);
    // Each opening is a read of the household's data by the buddy, which the household sees.
    const reads = await t.services.db
      .selectFrom('evacuationAccess')
      .select(['what', 'accountId'])
      .where('communityId', '=', n.community.id)
      .where('what', '=', 'buddy_check')
      .execute();
    expect(reads.length).toBeGreaterThanOrEqual(4);
    expect(reads.every((r) => r.accountId === n.otto.id)).toBe(true);

    // Closed: the link stops working.
    expect((await n.cora.api('POST', api(n.community, `/drills/${drill.id}/close`))).statusCode).toBe(200);
    expect((await visitor.post(`${forMia}/buddy`, { found: 'reached' })).statusCode).toBe(404);
  });

  it('asks a household without a buddy’s backup buddy at once, and only once; a closed drill asks nobody', async () => {
    const n = await network();
    const mia = await t.as(n.mia);
    expect(
      (await mia.api('PUT', api(n.community, '/household'), householdOf({ backupBuddyId: n.bea.id })))
        .statusCode,
    ).toBe(200);
    const drill = await startDrill(n, { buddyAfterHours: 1, coordinatorsAfterHours: 3 });
    t.clock.advance(50 * 3600);
    await escalateDrills(t.services);
    await escalateDrills(t.services);
    await t.runJobs();
    const checks = () =>
      t.mailbox.to(n.bea.email as string).filter((m) => m.subject.startsWith('Please check on'));
    expect(checks()).toHaveLength(1);
    const report = (await n.cora.api('GET', api(n.community, `/drills/${drill.id}`))).json();
    expect(report.answers.find((a: { name: string }) => a.name === 'Mia Member')).toMatchObject({
      buddyAsked: { person: { name: 'Bea Backup' } },
      backupAsked: null,
    });

    // A drill closed before its deadline asks nobody.
    expect((await n.cora.api('POST', api(n.community, `/drills/${drill.id}/close`))).statusCode).toBe(200);
    const closed = await startDrill(n, { buddyAfterHours: 1, coordinatorsAfterHours: 3 });
    expect((await n.cora.api('POST', api(n.community, `/drills/${closed.id}/close`))).statusCode).toBe(200);
    t.clock.advance(50 * 3600);
    await escalateDrills(t.services);
    await t.runJobs();
    expect(checks()).toHaveLength(1);
  });
});

describe('a drill nobody closes', () => {
  it('closes by itself at its end time (the links’ last day): its links stop, its tasks settle, its report stays', async () => {
    const n = await network();
    const drill = await startDrill(n, { buddyAfterHours: 1, coordinatorsAfterHours: 3 });
    const link = mailedLink(n.mia);
    const visitor = t.visitor();
    // Past the coordinators' time, but before its end: still open, the link still works.
    // (Other tests' drills share the database and clock: this one is looked at by its id.)
    const status = async () =>
      (await n.cora.api('GET', api(n.community, `/drills/${drill.id}`))).json().status;
    t.clock.advance(48 * 3600);
    await escalateDrills(t.services);
    expect(await status()).toBe('open');
    expect((await visitor.get(link)).statusCode).toBe(200);
    t.clock.advance(15 * 86400);
    expect((await escalateDrills(t.services)).closed).toBeGreaterThanOrEqual(1);
    expect((await escalateDrills(t.services)).closed).toBe(0);
    const report = (await n.cora.api('GET', api(n.community, `/drills/${drill.id}`))).json();
    expect(report).toMatchObject({ status: 'closed', endedBy: null });
    expect(report.answers.length).toBeGreaterThan(0);
    expect((await visitor.get(link)).statusCode).toBe(404);
    // Mia's check-in is no longer in her "needs me".
    const open = await t.services.db
      .selectFrom('notification')
      .select('id')
      .where('communityId', '=', n.community.id)
      .where('accountId', '=', n.mia.id)
      .where('kind', '=', 'evacuation.drills')
      .where('task', 'is not', null)
      .where('doneAt', 'is', null)
      .execute();
    expect(open).toEqual([]);
  });
});

describe('drills as history', () => {
  it('shows a household not confirmed in three drills in a row, on the report and the registry', async () => {
    const n = await network();
    let last = '';
    for (let i = 0; i < 3; i++) {
      const drill = await startDrill(n);
      // Mia answers only "not this month"; Pablo never answers; Dan confirms.
      const visitor = t.visitor();
      expect((await visitor.post(mailedLink(n.mia), { answer: 'unavailable' })).statusCode).toBe(303);
      expect((await visitor.post(mailedLink(n.dan), { answer: 'confirm' })).statusCode).toBe(303);
      if (i < 2) {
        const early = (await n.cora.api('GET', api(n.community, `/drills/${drill.id}`))).json();
        expect(early.answers.some((a: { unconfirmedThreeTimes: boolean }) => a.unconfirmedThreeTimes)).toBe(
          false,
        );
      }
      expect((await n.cora.api('POST', api(n.community, `/drills/${drill.id}/close`))).statusCode).toBe(200);
      last = drill.id;
    }
    const report = (await n.cora.api('GET', api(n.community, `/drills/${last}`))).json();
    const flagged = report.answers.filter((a: { unconfirmedThreeTimes: boolean }) => a.unconfirmedThreeTimes);
    expect(flagged.map((a: { name: string }) => a.name).sort()).toEqual(['Mia Member', 'Pablo Paper']);
    const history = (await n.cora.api('GET', api(n.community, '/drills'))).json().drills;
    expect(history.map((d: { status: string }) => d.status)).toEqual(['closed', 'closed', 'closed']);
    const registry = await n.cora.get(page(n.community, '/households'));
    expect(registry.body.match(/Not confirmed in the last three drills/g)).toHaveLength(2);
    expect((await n.cora.get(page(n.community, `/drills/${last}`))).body).toContain(
      'Not confirmed in the last three drills',
    );
  });
});

describe('who may run drills', () => {
  it('coordinators only; another community’s drill is 404', async () => {
    const n = await network();
    const other = await network();
    const drill = await startDrill(n);
    const outsider = await t.account({ displayName: 'Olga Outsider' });
    const answerId = drill.answers[0].id;
    const routes: [string, 'GET' | 'POST' | 'PUT', string, unknown?][] = [
      ['page', 'GET', page(n.community, '/drills')],
      ['page', 'GET', page(n.community, `/drills/${drill.id}`)],
      ['page', 'GET', page(n.community, `/drills/${drill.id}/report.csv`)],
      ['page', 'GET', page(n.community, `/drills/${drill.id}/calls`)],
      ['page', 'GET', page(n.community, `/drills/${drill.id}/answers/${answerId}`)],
      ['page', 'POST', page(n.community, `/drills/${drill.id}/sheet`)],
      ['api', 'GET', api(n.community, '/drills')],
      ['api', 'POST', api(n.community, '/drills'), { deadline: inHours(24) }],
      ['api', 'GET', api(n.community, `/drills/${drill.id}`)],
      ['api', 'PUT', api(n.community, `/drills/${drill.id}/answers/${answerId}`), { answer: 'confirm' }],
      ['api', 'POST', api(n.community, `/drills/${drill.id}/cancel`)],
      ['api', 'POST', api(n.community, `/drills/${drill.id}/close`)],
    ];
    const call = (c: Client, [kind, method, url, body]: (typeof routes)[number]) =>
      kind === 'api' ? c.api(method, url, body) : method === 'GET' ? c.get(url) : c.post(url, {});
    for (const [who, expected] of [
      [n.mia, 403],
      [n.steward, 403],
      [outsider, 403],
    ] as const) {
      const client = await t.as(who);
      for (const r of routes) expect([r[2], (await call(client, r)).statusCode]).toEqual([r[2], expected]);
    }
    // Another community's coordinator: that drill is not theirs.
    const elsewhere = other.cora;
    for (const r of routes.filter(([, , url]) => url.includes(drill.id))) {
      const url = r[2].replace(n.community.slug, other.community.slug);
      expect([url, (await call(elsewhere, [r[0], r[1], url, r[3]])).statusCode]).toEqual([url, 404]);
    }
    const visitor = t.visitor();
    expect((await visitor.api('GET', api(n.community, '/drills'))).statusCode).toBe(401);
  });
});
