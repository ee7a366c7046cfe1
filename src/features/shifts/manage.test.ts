/**
 * The rest of issue 14's shifts: swaps, the nudge, no-shows, trained volunteers, cancelling and
 * moving occurrences; one app for the file, each test on its own community and clock.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { cleaning, makeStreet, moveClock, type Street } from '../../../test/support/shifts.ts';

const t = useTestApp();
const setClock = (instant: string) => moveClock(t, instant);
const subjects = (email: string | null) => t.mailbox.to(email as string).map((m) => m.subject);

/** A street with a weekly Saturday cleaning set up by its steward; `occ(date)` is an occurrence's API path. */
async function withSeries(more: Record<string, unknown> = {}) {
  const s = await makeStreet(t);
  const series = (await s.asSteward.api('POST', `${s.api}/shift-series`, cleaning(s.fridge, more))).json();
  const occ = (date: string, time = '08:00') =>
    `${s.api}/shift-series/${series.id}/occurrences/${date}T${time}`;
  const page = (date: string, time = '08:00') => `/c/${s.slug}/shifts/${series.id}/${date}T${time}`;
  return { ...s, series, occ, page };
}

const volunteersOf = async (s: Street, path: string) =>
  (await s.asSteward.api('GET', path)).json().volunteers.map((v: { name: string }) => v.name);

describe('swapping with another volunteer', () => {
  it('asks, is accepted, moves both sign-ups at once, tells both; refused when a side changed', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await withSeries();
    const carla = await t.member(s.community, 'member', { displayName: 'Carla' });
    const asCarla = await t.as(carla);
    await s.asAna.api('POST', `${s.occ('2027-03-20')}/sign-up`);
    await s.asBeto.api('POST', `${s.occ('2027-03-27')}/sign-up`);
    await asCarla.api('POST', `${s.occ('2027-04-03')}/sign-up`);

    // Ana's page offers Beto and Carla; she asks Beto by the form.
    const page = await s.asAna.get(s.page('2027-03-20'));
    expect(page.body).toContain('Swap with another volunteer');
    const asked = await s.asAna.post(`${s.page('2027-03-20')}/swap`, {
      with: `2027-03-27T08:00 ${s.beto.id}`,
    });
    expect(asked.statusCode, asked.body).toBe(303);
    await t.runJobs();
    expect(subjects(s.beto.email)).toEqual(['Ana asks to swap Clean the fridge with you']);
    const again = await s.asAna.api('POST', `${s.occ('2027-03-20')}/swaps`, {
      occurrence: '2027-03-27T08:00',
      accountId: s.beto.id,
    });
    expect(again.json().code).toBe('shifts.swap_already_asked');
    const swapId = (
      await t.services.db
        .selectFrom('shiftSwap')
        .select('id')
        .where('communityId', '=', s.community.id)
        .where('accountId', '=', s.ana.id)
        .executeTakeFirstOrThrow()
    ).id;
    // Only the two of them know of it; only Beto answers it.
    expect((await asCarla.get(`/c/${s.slug}/shifts/swaps/${swapId}`)).statusCode).toBe(404);
    expect((await s.asAna.api('POST', `${s.api}/shift-swaps/${swapId}/accept`)).statusCode).toBe(403);
    expect((await s.asBeto.get(`/c/${s.slug}/shifts/swaps/${swapId}`)).body).toContain('Accept the swap');
    const accepted = await s.asBeto.post(`/c/${s.slug}/shifts/swaps/${swapId}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(303);
    expect(await volunteersOf(s, s.occ('2027-03-20'))).toEqual(['Beto']);
    expect(await volunteersOf(s, s.occ('2027-03-27'))).toEqual(['Ana']);
    await t.runJobs();
    expect(subjects(s.ana.email).at(-1)).toBe('Swap accepted: Clean the fridge');
    expect(subjects(s.beto.email).at(-1)).toBe('Swap accepted: Clean the fridge');
    expect((await s.asBeto.api('POST', `${s.api}/shift-swaps/${swapId}/decline`)).json().code).toBe(
      'shifts.swap_answered',
    );

    // Ana asks Carla; Carla drops out meanwhile and signs up again: the swap is refused and closed.
    const toCarla = await s.asAna.api('POST', `${s.occ('2027-03-27')}/swaps`, {
      occurrence: '2027-04-03T08:00',
      accountId: carla.id,
    });
    expect(toCarla.statusCode, toCarla.body).toBe(201);
    await asCarla.api('POST', `${s.occ('2027-04-03')}/drop-out`);
    t.clock.advance(60);
    await asCarla.api('POST', `${s.occ('2027-04-03')}/sign-up`);
    const changed = await asCarla.api('POST', `${s.api}/shift-swaps/${toCarla.json().id}/accept`);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('shifts.swap_changed');
    expect((await asCarla.api('GET', `${s.api}/shift-swaps/${toCarla.json().id}`)).json().status).toBe(
      'declined',
    );
    expect(await volunteersOf(s, s.occ('2027-04-03'))).toEqual(['Carla']);

    // Not a volunteer of that date: refused, translated.
    const asEs = await t.as(await t.member(s.community, 'member', { locale: 'es' }));
    await asEs.api('POST', `${s.occ('2027-04-10')}/sign-up`);
    const wrong = await asEs.post(`/c/${s.slug}/shifts/${s.series.id}/2027-04-10T08:00/swap`, {
      with: `2027-04-03T08:00 ${s.beto.id}`,
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('No puedes cambiar con esta persona');
  });
});

describe('the nudge', () => {
  it('once per occurrence close to its date, to active members free then, not signed up, not opted out', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await withSeries();
    const free = async (name: string, slots: string[]) => {
      const account = await t.member(s.community, 'member', { displayName: name });
      const as = await t.as(account);
      const res = await as.api('PATCH', '/api/v1/me/profile', { availableAt: slots });
      expect(res.statusCode, res.body).toBe(200);
      return { account, as };
    };
    const carla = await free('Carla', ['sat-morning', 'mon-evening']);
    const dora = await free('Dora', ['sat-morning']);
    const eva = await free('Eva', ['sat-evening']);
    const finn = await free('Finn', ['sat-morning']);
    const gil = await free('Gil', ['sat-morning']);
    await gil.as.api('POST', `${s.occ('2027-03-20')}/sign-up`);
    await dora.as.api('PUT', '/api/v1/me/notification-preferences', {
      choices: [
        { kind: 'shifts.nudges', channel: 'mail', cadence: 'off' },
        { kind: 'shifts.nudges', channel: 'push', cadence: 'off' },
      ],
    });
    await t.services.db
      .updateTable('membership')
      .set({ status: 'left' })
      .where('communityId', '=', s.community.id)
      .where('accountId', '=', finn.account.id)
      .execute();
    const nudges = (a: { email: string | null }) =>
      subjects(a.email).filter((x) => x.startsWith('Could you help'));

    await t.runJobs();
    expect(nudges(carla.account)).toEqual([]);
    setClock('2027-03-18T07:10:00Z'); // 47 h 50 min before 08:00 CET on Saturday
    await t.runJobs();
    expect(nudges(carla.account)).toEqual([
      'Could you help? Clean the fridge on Saturday, March 20, 2027 at 08:00',
    ]);
    for (const other of [dora, eva, finn, gil])
      expect(nudges(other.account), other.account.displayName).toEqual([]);
    setClock('2027-03-19T07:10:00Z');
    await t.runJobs();
    expect(nudges(carla.account)).toHaveLength(1);
    // The profile shows the grid back, in the reader's words.
    const profile = (await carla.as.get('/account')).body;
    expect(profile).toContain('value="sat-morning" checked');
    expect(profile).not.toContain('value="sat-evening" checked');
  });
});

describe('no-shows', () => {
  it('are recorded after a shift by who keeps it, seen by the member and stewards only, for six months', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await withSeries();
    const carla = await t.as(await t.member(s.community, 'member', { displayName: 'Carla' }));
    await s.asBeto.api('POST', `${s.occ('2027-03-20')}/sign-up`);
    await carla.api('POST', `${s.occ('2027-03-20')}/sign-up`);
    expect(
      (await s.asAna.api('PUT', `${s.occ('2027-03-20')}/no-shows`, { accountIds: [] })).json().code,
    ).toBe('shifts.not_started');
    setClock('2027-03-20T10:00:00Z');
    expect((await s.asAna.get(s.page('2027-03-20'))).body).toContain('Who did not come');
    expect(
      (await carla.api('PUT', `${s.occ('2027-03-20')}/no-shows`, { accountIds: [s.beto.id] })).statusCode,
    ).toBe(403);
    const notOn = await s.asAna.api('PUT', `${s.occ('2027-03-20')}/no-shows`, { accountIds: [s.ana.id] });
    expect(notOn.json().errors[0]).toMatchObject({ field: 'accountIds', code: 'shifts.not_on_shift' });
    const marked = await s.asAna.post(`${s.page('2027-03-20')}/no-shows`, { noShow: s.beto.id });
    expect(marked.statusCode, marked.body).toBe(303);

    expect((await s.asBeto.get(`/c/${s.slug}/shifts/no-shows`)).body).toContain(
      'You missed 1 shift in the last 6 months.',
    );
    expect((await s.asSteward.get(`/c/${s.slug}/shifts/no-shows`)).body).toContain('Beto: 1 shift');
    expect((await carla.api('GET', `${s.api}/shift-no-shows`)).json().members).toEqual([]);
    expect((await s.asAna.get(`/c/${s.slug}/shifts/no-shows`)).body).not.toContain('Beto');
    setClock('2027-09-21T10:00:00Z');
    const later = await (await t.as(s.steward)).api('GET', `${s.api}/shift-no-shows`);
    expect(later.json(), later.body).toEqual({ months: 6, members: [] });
  });
});

describe('no-shows, as who keeps the shift sees them', () => {
  it('say who sees the marks; a keeper on the shift cannot mark or unmark themself', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await withSeries();
    await s.asAna.api('POST', `${s.occ('2027-03-20')}/sign-up`);
    await s.asBeto.api('POST', `${s.occ('2027-03-20')}/sign-up`);
    setClock('2027-03-20T10:00:00Z');
    const page = (await s.asAna.get(s.page('2027-03-20'))).body;
    expect(page).toContain('and the stewards) sees and can change these marks');
    expect(page).toContain(`value="${s.beto.id}"`);
    expect(page).not.toContain(`value="${s.ana.id}"`);
    const self = await s.asAna.api('PUT', `${s.occ('2027-03-20')}/no-shows`, { accountIds: [s.ana.id] });
    expect(self.json().errors).toEqual([
      expect.objectContaining({ field: 'accountIds', code: 'shifts.no_show_self' }),
    ]);
    // The steward marks Ana; Ana's save of the form (without her box) leaves her mark alone.
    const bySteward = await s.asSteward.api('PUT', `${s.occ('2027-03-20')}/no-shows`, {
      accountIds: [s.ana.id],
    });
    expect(bySteward.statusCode, bySteward.body).toBe(200);
    expect((await s.asAna.post(`${s.page('2027-03-20')}/no-shows`, { noShow: s.beto.id })).statusCode).toBe(
      303,
    );
    const members = (await s.asSteward.api('GET', `${s.api}/shift-no-shows`)).json().members;
    expect(members.map((m: { name: string; count: number }) => `${m.name} ${m.count}`).sort()).toEqual([
      'Ana 1',
      'Beto 1',
    ]);
  });
});

describe('trained volunteers', () => {
  it('who keeps a trained-only series marks and unmarks members; trial places stay for newcomers', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await withSeries({ trainedOnly: true, trialSlots: 1 });
    const carla = await t.as(await t.member(s.community, 'member', { displayName: 'Carla' }));
    await carla.api('POST', `${s.occ('2027-03-20')}/sign-up`); // the trial place
    expect((await s.asBeto.api('POST', `${s.occ('2027-03-20')}/sign-up`)).json().code).toBe(
      'shifts.trained_only',
    );
    const trained = `/c/${s.slug}/shifts/series/${s.series.id}/trained`;
    expect((await s.asBeto.get(trained)).statusCode).toBe(403);
    expect(
      (await s.asBeto.api('PUT', `${s.api}/shift-series/${s.series.id}/trained/${s.beto.id}`)).statusCode,
    ).toBe(403);
    expect((await s.asAna.get(trained)).body).toContain('Mark as trained');
    expect((await s.asAna.post(trained, { accountId: s.beto.id })).statusCode).toBe(303);
    const on = await s.asBeto.api('POST', `${s.occ('2027-03-20')}/sign-up`);
    expect(on.json().volunteers).toEqual([
      expect.objectContaining({ name: 'Carla', trial: true }),
      expect.objectContaining({ name: 'Beto', trial: false }),
    ]);
    const outsider = await t.account();
    const refused = await s.asAna.post(trained, { accountId: outsider.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Choose an active member of this community.');
    expect((await s.asAna.post(`${trained}/${s.beto.id}/remove`)).statusCode).toBe(303);
    expect((await s.asAna.api('GET', `${s.api}/shift-series/${s.series.id}/trained`)).json().trained).toEqual(
      [],
    );
    const open = (
      await s.asSteward.api('POST', `${s.api}/shift-series`, cleaning(s.fridge, { title: 'Open' }))
    ).json();
    expect((await s.asSteward.get(`/c/${s.slug}/shifts/series/${open.id}/trained`)).statusCode).toBe(409);
  });
});

describe('cancelling and moving an occurrence', () => {
  it('cancels one, moves one, changes the time of this and the following; who signed up is told', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await withSeries();
    await s.asBeto.api('POST', `${s.occ('2027-03-27')}/sign-up`);
    await s.asBeto.api('POST', `${s.occ('2027-03-20')}/sign-up`);
    await s.asBeto.api('POST', `${s.occ('2027-04-10')}/sign-up`);
    expect((await s.asBeto.api('POST', `${s.occ('2027-03-27')}/cancel`)).statusCode).toBe(403);
    expect((await s.asAna.post(`${s.page('2027-03-27')}/cancel`)).statusCode).toBe(303);
    expect((await s.asSteward.api('POST', `${s.occ('2027-03-27')}/sign-up`)).json().code).toBe(
      'shifts.cancelled',
    );
    await t.runJobs();
    expect(subjects(s.beto.email), subjects(s.beto.email).join('|')).toContain(
      'Cancelled: Clean the fridge on Saturday, March 27, 2027',
    );

    // This one only: Saturday's moves to Sunday 10:00, keeping its identity and Beto.
    const refused = await s.asAna.post(`${s.page('2027-03-20')}/time`, {
      date: '2027-03-21',
      startTime: '10:00',
      endTime: '09:00',
      which: 'this',
    });
    expect(refused.statusCode).toBe(422);
    // The summary at the top names the field by its label.
    expect(refused.body).toMatch(/<a href="#f-endTime">Ends at: The shift must end after it starts/);
    const moved = await s.asAna.post(`${s.page('2027-03-20')}/time`, {
      date: '2027-03-21',
      startTime: '10:00',
      endTime: '11:00',
      which: 'this',
    });
    expect(moved.statusCode, moved.body).toBe(303);
    const it = (await s.asBeto.api('GET', s.occ('2027-03-20'))).json();
    expect(it).toMatchObject({ local: '2027-03-21T10:00', startsAt: '2027-03-21T09:00:00.000Z' });
    expect(it.volunteers.map((v: { name: string }) => v.name)).toEqual(['Beto']);
    await t.runJobs();
    expect(subjects(s.beto.email)).toContain('New time: Clean the fridge on Sunday, March 21, 2027 at 10:00');
    // Reminded the day before the new time, not the old.
    setClock('2027-03-19T07:30:00Z');
    await t.runJobs();
    expect(subjects(s.beto.email).filter((x) => x.startsWith('Tomorrow'))).toEqual([]);
    setClock('2027-03-20T09:01:00Z');
    await t.runJobs();
    expect(subjects(s.beto.email).filter((x) => x.startsWith('Tomorrow'))).toEqual([
      'Tomorrow: Clean the fridge at 10:00',
    ]);

    // This and the following: from 3 April, 09:00; Beto's 10 April comes along.
    const other = await s.asAna.api('POST', `${s.occ('2027-04-03')}/time`, {
      date: '2027-04-04',
      startTime: '09:00',
      endTime: '10:30',
      which: 'following',
    });
    expect(other.json().errors[0]).toMatchObject({ field: 'date', code: 'shifts.following_same_day' });
    const retimed = await s.asAna.api('POST', `${s.occ('2027-04-03')}/time`, {
      date: '2027-04-03',
      startTime: '09:00',
      endTime: '10:30',
      which: 'following',
    });
    expect(retimed.statusCode, retimed.body).toBe(200);
    const list = (await s.asBeto.api('GET', `${s.api}/shifts?from=2027-03-21&weeks=4`)).json().shifts;
    expect(list.map((x: { local: string; mine: boolean }) => `${x.local}${x.mine ? ' mine' : ''}`)).toEqual([
      '2027-03-21T10:00 mine',
      '2027-03-27T08:00 mine', // cancelled: still listed, with who had signed up
      '2027-04-03T09:00',
      '2027-04-10T09:00 mine',
      '2027-04-17T09:00',
    ]);
    await t.runJobs();
    expect(subjects(s.beto.email)).toContain(
      'New time: Clean the fridge from Saturday, April 3, 2027 at 09:00',
    );
  });
});

describe('the reminder before a shift', () => {
  it('names the day as it is there, and is never sent for a shift that has started', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await withSeries();
    const dora = await t.member(s.community, 'member', { displayName: 'Dora', locale: 'es' });
    const asDora = await t.as(dora);
    const reminders = (email: string | null) =>
      subjects(email).filter((x) => /^(Today|Tomorrow|Hoy|Mañana|Clean the fridge on)\b/.test(x));
    await s.asBeto.api('POST', `${s.occ('2027-03-20')}/sign-up`);
    await s.asBeto.api('POST', `${s.occ('2027-03-27')}/sign-up`);
    await asDora.api('POST', `${s.occ('2027-03-27')}/sign-up`);
    await s.asBeto.api('POST', `${s.occ('2027-04-03')}/sign-up`);
    // The queue ran late (the server was down): the 20th's shift started at 07:00 UTC.
    setClock('2027-03-20T07:00:00Z');
    await t.runJobs();
    expect(reminders(s.beto.email)).toEqual([]);
    // The 27th's moves to tonight, 22:00: reminded at once, as today, in each one's language.
    setClock('2027-03-20T09:00:00Z');
    const moved = await s.asAna.api('POST', `${s.occ('2027-03-27')}/time`, {
      date: '2027-03-20',
      startTime: '22:00',
      endTime: '23:00',
      which: 'this',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await t.runJobs();
    expect(reminders(s.beto.email)).toEqual(['Today: Clean the fridge at 22:00']);
    expect(reminders(dora.email)).toEqual(['Hoy: Clean the fridge a las 22:00']);
    // The 3 April's moves to 00:10 on the Monday after the change to summer time (a 23-hour
    // Sunday): within 24 hours of 23:30 on Saturday, yet not tomorrow, so the date is named.
    await s.asAna.api('POST', `${s.occ('2027-04-03')}/time`, {
      date: '2027-03-29',
      startTime: '00:10',
      endTime: '01:00',
      which: 'this',
    });
    setClock('2027-03-27T22:30:00Z');
    await t.runJobs();
    expect(reminders(s.beto.email)).toEqual([
      'Today: Clean the fridge at 22:00',
      'Clean the fridge on Monday, March 29, 2027 at 00:10',
    ]);
  });
});

describe('a swap that could never be accepted', () => {
  it('is refused when asked: an untrained volunteer into a shift whose trial places are taken', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await withSeries({ trainedOnly: true, trialSlots: 1, peopleNeeded: 3 });
    const carla = await t.member(s.community, 'member', { displayName: 'Carla' });
    const dora = await t.member(s.community, 'member', { displayName: 'Dora' });
    const trained = await s.asSteward.api('PUT', `${s.api}/shift-series/${s.series.id}/trained/${dora.id}`);
    expect(trained.statusCode, trained.body).toBe(204);
    await s.asBeto.api('POST', `${s.occ('2027-03-20')}/sign-up`); // the 20th's trial place
    await (await t.as(carla)).api('POST', `${s.occ('2027-03-27')}/sign-up`); // the 27th's
    await (await t.as(dora)).api('POST', `${s.occ('2027-03-27')}/sign-up`);
    const ask = (accountId: string) =>
      s.asBeto.api('POST', `${s.occ('2027-03-20')}/swaps`, { occurrence: '2027-03-27T08:00', accountId });
    const never = await ask(dora.id);
    expect(never.statusCode, never.body).toBe(409);
    expect(never.json().code).toBe('shifts.trained_only');
    expect(subjects(dora.email)).toEqual([]);
    // Two newcomers trade their trial places.
    expect((await ask(carla.id)).statusCode).toBe(201);
  });
});

describe('an occurrence moved', () => {
  it('to a time the clocks skip is read as a series reads it, and a swap shows when it now happens', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await withSeries();
    await s.asAna.api('POST', `${s.occ('2027-03-20')}/sign-up`);
    await s.asBeto.api('POST', `${s.occ('2027-04-03')}/sign-up`);
    // 02:30 on 28 March does not exist in Madrid (02:00 becomes 03:00): it is 03:30 everywhere.
    const moved = await s.asSteward.api('POST', `${s.occ('2027-04-03')}/time`, {
      date: '2027-03-28',
      startTime: '02:30',
      endTime: '03:30',
      which: 'this',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await s.asBeto.api('GET', s.occ('2027-04-03'))).json()).toMatchObject({
      local: '2027-03-28T03:30',
      startsAt: '2027-03-28T01:30:00.000Z',
    });
    await t.runJobs();
    expect(subjects(s.beto.email)).toContain('New time: Clean the fridge on Sunday, March 28, 2027 at 03:30');
    const asked = await s.asAna.api('POST', `${s.occ('2027-03-20')}/swaps`, {
      occurrence: '2027-04-03T08:00',
      accountId: s.beto.id,
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({
      occurrence: '2027-03-20T08:00',
      startsAt: '2027-03-20T07:00:00.000Z',
      otherOccurrence: '2027-04-03T08:00',
      otherStartsAt: '2027-03-28T01:30:00.000Z',
    });
    await t.runJobs();
    const mail = t.mailbox.to(s.beto.email as string).find((m) => m.subject.startsWith('Ana asks to swap'));
    expect(mail?.text).toContain('Sunday, March 28, 2027');
    expect(mail?.text).toContain('03:30');
    const page = (await s.asBeto.get(`/c/${s.slug}/shifts/swaps/${asked.json().id}`)).body;
    expect(page).toMatch(/Mar 28, 2027, 3:30\sAM/);
    expect(page).toMatch(/Mar 20, 2027, 8:00\sAM/);
    expect(page).not.toContain('Apr 3, 2027');
  });

  it('refuses a time that is not HH:MM, and a shift beyond two years ahead', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await withSeries();
    const time = (occurrence: string, body: Record<string, string>) =>
      s.asSteward.api('POST', `${s.occ(occurrence)}/time`, {
        date: '2027-03-21',
        startTime: '09:00',
        endTime: '10:00',
        which: 'this',
        ...body,
      });
    expect((await time('2027-03-20', { startTime: '24:00' })).json().errors).toEqual([
      expect.objectContaining({ field: 'startTime', code: 'validation.pattern_time' }),
    ]);
    expect((await time('2027-03-20', { date: '2029-03-17' })).json().errors).toEqual([
      expect.objectContaining({ field: 'date', code: 'shifts.beyond_horizon' }),
    ]);
    for (const far of ['2029-03-17', '9999-12-25']) {
      const res = await s.asSteward.api('POST', `${s.occ(far)}/cancel`);
      expect(res.statusCode, far).toBe(422);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ field: 'occurrence', code: 'shifts.beyond_horizon' }),
      ]);
      expect((await s.asBeto.api('POST', `${s.occ(far)}/sign-up`)).statusCode, far).toBe(422);
      expect((await s.asBeto.api('GET', s.occ(far))).statusCode, far).toBe(422);
    }
    expect((await s.asSteward.api('POST', `${s.occ('2029-03-10')}/cancel`)).statusCode).toBe(200);
    const rows = await t.services.db
      .selectFrom('shift')
      .select('occurrence')
      .where('communityId', '=', s.community.id)
      .execute();
    expect(rows.map((r) => r.occurrence)).toEqual(['2029-03-10T08:00']);
  });
});

describe('who reaches the new shifts routes', () => {
  it('answers 404 for another community’s series, occurrence and swap on each', async () => {
    setClock('2027-03-15T10:00:00Z');
    const a = await withSeries({ trainedOnly: true });
    const b = await withSeries({ trainedOnly: true });
    await b.asAna.api('POST', `${b.occ('2027-03-20')}/sign-up`).catch(() => undefined);
    const occ = `${b.series.id}/2027-03-20T08:00`;
    const them = `/c/${a.slug}/shifts`;
    for (const [path, body] of [
      [`${them}/${occ}/cancel`, {}],
      [`${them}/${occ}/time`, { date: '2027-03-20', startTime: '09:00', endTime: '10:00', which: 'this' }],
      [`${them}/${occ}/no-shows`, {}],
      [`${them}/${occ}/swap`, { with: `2027-03-27T08:00 ${b.beto.id}` }],
      [`${them}/series/${b.series.id}/trained`, { accountId: a.beto.id }],
      [`${them}/series/${b.series.id}/trained/${a.beto.id}/remove`, {}],
      [`${them}/swaps/${b.series.id}/accept`, {}],
    ] as const) {
      expect((await a.asSteward.post(path, body)).statusCode, path).toBe(404);
    }
    expect((await a.asSteward.get(`${them}/series/${b.series.id}/trained`)).statusCode).toBe(404);
    expect((await a.asSteward.get(`${them}/swaps/${b.series.id}`)).statusCode).toBe(404);
    const api = `${a.api}/shift-series/${b.series.id}`;
    expect((await a.asSteward.api('PUT', `${api}/trained/${a.beto.id}`)).statusCode).toBe(404);
    expect((await a.asSteward.api('DELETE', `${api}/trained/${a.beto.id}`)).statusCode).toBe(404);
    expect((await a.asSteward.api('POST', `${api}/occurrences/2027-03-20T08:00/cancel`)).statusCode).toBe(
      404,
    );
    expect(
      (await a.asSteward.api('PUT', `${api}/occurrences/2027-03-20T08:00/no-shows`, { accountIds: [] }))
        .statusCode,
    ).toBe(404);
    expect((await a.asSteward.api('GET', `${a.api}/shift-swaps/${b.series.id}`)).statusCode).toBe(404);
  });
});

describe('what people type in the shifts forms', () => {
  it('a reading with a decimal comma or a minus sign, and one message for a wrong choice', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await withSeries();
    await s.asBeto.api('POST', `${s.occ('2027-03-20')}/sign-up`);
    setClock('2027-03-20T08:30:00Z');
    const done = await s.asBeto.post(`${s.page('2027-03-20')}/complete`, {
      appliance: 'fridge',
      temperature: '4,5',
      foodSavedKg: '2,25',
    });
    expect(done.statusCode, done.body).toBe(303);
    const [line] = (await s.asBeto.api('GET', `${s.api}/places/${s.fridge}/checks`)).json().lines;
    expect(line).toMatchObject({ temperature: 4.5, foodSavedKg: 2.25 });
    const freezer = await s.asAna.post(`${s.page('2027-03-20')}/complete`, {
      appliance: 'freezer',
      temperature: '−19,5',
    });
    expect(freezer.statusCode).toBe(409); // logged once; but the number itself was read
    expect(freezer.body).not.toContain('Please give a number');
    const refused = await s.asSteward.post(
      `/c/${s.slug}/shifts`,
      cleaning(s.fridge, { trainedOnly: '2' }) as never,
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body.match(/Please choose one of the options\./g)).toHaveLength(2); // the summary and the field, once each
    expect(refused.body).toContain('Only trained volunteers: Please choose one of the options.');
  });
});
