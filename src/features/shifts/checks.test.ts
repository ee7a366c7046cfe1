import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import type { Community } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

const t = useTestApp();
const setClock = (instant: string) => t.clock.advance((Date.parse(instant) - t.clock.now().getTime()) / 1000);

/** A community with a fridge Ana volunteers at, and a weekly cleaning Beto signs up for. */
async function fridgeStreet(timeZone = 'America/New_York') {
  const { community, steward } = await t.community({ timeZone });
  const ana = await t.member(community, 'member', { displayName: 'Ana' });
  const beto = await t.member(community, 'member', { displayName: 'Beto' });
  const fridge = await addPlace(community, 'Elm Street fridge', 48, [ana.id]);
  const api = `/api/v1/communities/${community.slug}`;
  const asSteward = await t.as(steward);
  const asAna = await t.as(ana);
  const asBeto = await t.as(beto);
  const series = (
    await asSteward.api('POST', `${api}/shift-series`, {
      title: 'Clean the fridge',
      placeId: fridge,
      startDate: '2027-06-05',
      startTime: '08:00',
      endTime: '09:00',
      repeat: 'weekly',
      peopleNeeded: 2,
      checklist: 'Wipe the shelves\nThrow out spoiled food',
    })
  ).json();
  const occurrence = (day: string) => `${api}/shift-series/${series.id}/occurrences/${day}T08:00`;
  return { community, steward, ana, beto, fridge, api, asSteward, asAna, asBeto, series, occurrence };
}

async function addPlace(community: Community, name: string, checkHours: number, volunteers: string[]) {
  const id = newId();
  const now = t.clock.now().toISOString();
  await t.services.db
    .insertInto('place')
    .values({
      id,
      communityId: community.id,
      kind: 'fridge',
      name,
      checkHours,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  for (const accountId of volunteers) {
    await t.services.db
      .insertInto('placeVolunteer')
      .values({ communityId: community.id, placeId: id, accountId, createdAt: now })
      .execute();
  }
  return id;
}

const subjects = (email: string | null) => t.mailbox.to(email as string).map((m) => m.subject);

describe('completing a shift with a temperature reading', () => {
  it('an unsafe fridge reading alerts the place’s volunteers at once, by mail', async () => {
    setClock('2027-06-01T12:00:00Z');
    const s = await fridgeStreet();
    await s.asBeto.api('POST', `${s.occurrence('2027-06-05')}/sign-up`);
    const early = await s.asBeto.api('POST', `${s.occurrence('2027-06-05')}/complete`, {});
    expect(early.json().code).toBe('shifts.not_started');
    setClock('2027-06-05T12:30:00Z'); // 08:30 in New York
    const byAna = await s.asAna.api('POST', `${s.occurrence('2027-06-12')}/complete`, {});
    expect(byAna.statusCode).toBe(409); // not started: Ana keeps the place, but it is a week away
    const outsider = await t.as(await t.member(s.community, 'member'));
    expect((await outsider.api('POST', `${s.occurrence('2027-06-05')}/complete`, {})).statusCode).toBe(403);

    const done = await s.asBeto.api('POST', `${s.occurrence('2027-06-05')}/complete`, {
      done: ['Wipe the shelves'],
      appliance: 'fridge',
      temperature: 7,
      feedback: 'could_improve',
      feedbackNote: 'The door does not close well',
      foodSavedKg: 3.5,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ unsafe: true });
    expect((await s.asBeto.api('POST', `${s.occurrence('2027-06-05')}/complete`, {})).json().code).toBe(
      'shifts.already_completed',
    );
    await t.runJobs();
    expect(subjects(s.ana.email)).toEqual(['Unsafe temperature at Elm Street fridge: 7 °C']);
    expect(t.mailbox.to(s.ana.email as string)[0].text).toContain('above the safe 5 °C');

    // The place's page shows the last check and the reading, marked.
    const placePage = (await s.asBeto.get(`/c/${s.community.slug}/places/${s.fridge}`)).body;
    expect(placePage).toContain('Last check: ');
    expect(placePage).toMatch(/Fridge: 7 °C, [^<]+ <strong>above the safe limit<\/strong>/);
    const log = (await s.asBeto.api('GET', `${s.api}/places/${s.fridge}/checks`)).json();
    expect(log.unit).toBe('C');
    expect(log.lines).toEqual([
      expect.objectContaining({
        local: '2027-06-05T08:30',
        shift: 'Clean the fridge',
        by: 'Beto',
        appliance: 'fridge',
        temperature: 7,
        unsafe: true,
        checklist: [
          { item: 'Wipe the shelves', done: true },
          { item: 'Throw out spoiled food', done: false },
        ],
        foodSavedKg: 3.5,
      }),
    ]);
    const csv = await s.asBeto.get(`/c/${s.community.slug}/shifts/places/${s.fridge}/log.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('Date,Time,Shift,Appliance,Reading (°C)');
    expect(csv.body).toContain(
      '2027-06-05,08:30,Clean the fridge,Fridge,7,yes,Beto,✓ Wipe the shelves; ✗ Throw out spoiled food',
    );
    const page = await s.asBeto.get(`/c/${s.community.slug}/shifts/places/${s.fridge}/log`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('7 °C');

    // It needs Ana until a safe reading is logged there, by whoever logs it.
    const needsAna = async () =>
      (await s.asAna.api('GET', `${s.api}/porch`))
        .json()
        .needsMe.map((e: { kind: string; title: string; text: string }) => [e.kind, e.title, e.text]);
    expect(await needsAna()).toEqual([
      [
        'shifts.unsafe',
        'Elm Street fridge',
        'Beto read 7 °C, above the safe 5 °C: check it, then log a new reading.',
      ],
    ]);
    await s.asBeto.api('POST', `${s.occurrence('2027-06-12')}/sign-up`);
    setClock('2027-06-12T12:30:00Z');
    const safe = await s.asBeto.api('POST', `${s.occurrence('2027-06-12')}/complete`, {
      appliance: 'fridge',
      temperature: 4,
    });
    expect(safe.json()).toEqual({ unsafe: false });
    expect(await needsAna()).toEqual([]);
  });

  it('reads and alerts in °F when the community chooses it, stores °C, refuses what no fridge reads', async () => {
    setClock('2027-06-01T12:00:00Z');
    const s = await fridgeStreet();
    expect((await s.asBeto.api('PUT', `${s.api}/shift-settings/unit`, { unit: 'F' })).statusCode).toBe(403);
    expect((await s.asSteward.api('PUT', `${s.api}/shift-settings/unit`, { unit: 'F' })).statusCode).toBe(
      200,
    );
    await s.asBeto.api('POST', `${s.occurrence('2027-06-05')}/sign-up`);
    await s.asBeto.api('POST', `${s.occurrence('2027-06-12')}/sign-up`);
    setClock('2027-06-05T12:30:00Z');
    const refused = async (body: Record<string, unknown>) =>
      (await s.asBeto.api('POST', `${s.occurrence('2027-06-05')}/complete`, body)).json().errors;
    expect(await refused({ appliance: 'fridge', temperature: 200 })).toEqual([
      expect.objectContaining({ field: 'temperature', code: 'shifts.temperature_range' }),
    ]);
    expect((await refused({ appliance: 'freezer', temperature: -50 }))[0].message).toBe(
      'A fridge or freezer reads between -40 and 104 °F. Please check the number.',
    );
    expect(await refused({ appliance: 'fridge' })).toEqual([
      expect.objectContaining({ field: 'temperature', code: 'shifts.reading_whole' }),
    ]);
    expect((await s.asBeto.api('GET', `${s.api}/places/${s.fridge}/checks`)).json().lines).toEqual([]);

    // 40 °F (4.44 °C) in a fridge is safe; a freezer at 5 °F (−15 °C) is not.
    expect(
      (
        await s.asBeto.api('POST', `${s.occurrence('2027-06-05')}/complete`, {
          appliance: 'fridge',
          temperature: 40,
        })
      ).json(),
    ).toEqual({ unsafe: false });
    setClock('2027-06-12T12:30:00Z');
    expect(
      (
        await s.asBeto.api('POST', `${s.occurrence('2027-06-12')}/complete`, {
          appliance: 'freezer',
          temperature: 5,
        })
      ).json(),
    ).toEqual({ unsafe: true });
    const stored = await t.services.db
      .selectFrom('shiftCheck')
      .select(['temperatureC'])
      .where('communityId', '=', s.community.id)
      .orderBy('checkedAt')
      .execute();
    expect(stored.map((r) => r.temperatureC)).toEqual([4.44, -15]);
    expect(
      (await s.asBeto.api('GET', `${s.api}/places/${s.fridge}/checks`))
        .json()
        .lines.map((l: { temperature: number }) => l.temperature),
    ).toEqual([5, 40]);
    await t.runJobs();
    expect(subjects(s.ana.email)).toEqual(['Unsafe temperature at Elm Street fridge: 5 °F']);
  });
});

describe('a place with no check for longer than it allows', () => {
  it('alerts its volunteers once per lapse, by the injected clock', async () => {
    setClock('2027-07-01T12:00:00Z');
    const s = await fridgeStreet();
    await t.runJobs(); // the stale-check job looks now: the place was just made
    setClock('2027-07-03T11:59:00Z');
    await t.runJobs();
    expect(subjects(s.ana.email)).toEqual([]);
    setClock('2027-07-03T12:16:00Z'); // 48 hours and a run later
    await t.runJobs();
    expect(subjects(s.ana.email)).toEqual(['No check at Elm Street fridge for over 48 hours']);
    setClock('2027-07-04T12:00:00Z');
    await t.runJobs();
    expect(subjects(s.ana.email)).toHaveLength(1);

    // A check starts a new lapse.
    await s.asBeto.api('POST', `${s.occurrence('2027-07-10')}/sign-up`);
    setClock('2027-07-10T12:30:00Z');
    // By the page's form, as a browser sends it (one checkbox ticked, no reading).
    const page = `/c/${s.community.slug}/shifts/${s.series.id}/2027-07-10T08:00`;
    expect((await s.asBeto.get(page)).body).toContain('Log it as done');
    const form = await s.asBeto.post(`${page}/complete`, {
      done: 'Wipe the shelves',
      appliance: '',
      temperature: '',
    });
    expect(form.statusCode, form.body).toBe(303);
    setClock('2027-07-12T12:00:00Z');
    await t.runJobs();
    expect(subjects(s.ana.email)).toHaveLength(1);
    setClock('2027-07-12T12:46:00Z');
    await t.runJobs();
    expect(subjects(s.ana.email)).toHaveLength(2);
  });
});

describe('who reaches a place’s log and the unit', () => {
  it('answers 404 for another community’s place, series and occurrence', async () => {
    setClock('2027-06-01T12:00:00Z');
    const [a, b] = [await fridgeStreet(), await fridgeStreet()];
    expect((await a.asSteward.api('GET', `${a.api}/places/${b.fridge}/checks`)).statusCode).toBe(404);
    expect((await a.asSteward.get(`/c/${a.community.slug}/shifts/places/${b.fridge}/log`)).statusCode).toBe(
      404,
    );
    expect(
      (await a.asSteward.get(`/c/${a.community.slug}/shifts/places/${b.fridge}/log.csv`)).statusCode,
    ).toBe(404);
    const theirs = `${a.api}/shift-series/${b.series.id}/occurrences/2027-06-05T08:00/complete`;
    setClock('2027-06-05T12:30:00Z');
    expect((await a.asSteward.api('POST', theirs, {})).statusCode).toBe(404);
    const outsider = await t.as(await t.account());
    expect((await outsider.api('GET', `${a.api}/places/${a.fridge}/checks`)).statusCode).toBe(403);
    expect((await t.visitor().get(`/c/${a.community.slug}/shifts/places/${a.fridge}/log`)).statusCode).toBe(
      303,
    );
  });
});
