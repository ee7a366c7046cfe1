import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { cleaning, makeStreet, moveClock } from '../../../test/support/shifts.ts';

const t = useTestApp();
const setClock = (instant: string) => moveClock(t, instant);
const street = (timeZone?: string) => makeStreet(t, timeZone);

describe('setting up a shift series', () => {
  it('a steward sets one up anywhere; a place’s volunteer at their place; another member nowhere', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await street();
    const bySteward = await s.asSteward.api('POST', `${s.api}/shift-series`, {
      ...cleaning(s.fridge),
      placeId: undefined,
      title: 'Shovel the walks',
    });
    expect(bySteward.statusCode, bySteward.body).toBe(201);
    expect(bySteward.json()).toMatchObject({
      startLocal: '2027-03-20T08:00',
      durationMinutes: 90,
      rule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=SA',
    });
    expect((await s.asAna.api('POST', `${s.api}/shift-series`, cleaning(s.fridge))).statusCode).toBe(201);
    // The page's form, its checkbox and numbers as a browser sends them.
    const form = await s.asAna.post(`/c/${s.slug}/shifts`, {
      ...cleaning(s.fridge, { title: 'Restock', trainedOnly: '1', trialSlots: '1', peopleNeeded: '3' }),
    } as Record<string, string | number>);
    expect(form.statusCode, form.body).toBe(303);
    const restock = (await s.asAna.api('GET', `${s.api}/shifts?from=2027-03-20&weeks=1`)).json().shifts;
    expect(restock.find((x: { title: string }) => x.title === 'Restock')).toMatchObject({ peopleNeeded: 3 });
    const byBeto = await s.asBeto.api('POST', `${s.api}/shift-series`, cleaning(s.fridge));
    expect(byBeto.statusCode).toBe(403);
    expect(byBeto.json().code).toBe('shifts.only_keepers');
    expect(
      (await s.asAna.api('POST', `${s.api}/shift-series`, { ...cleaning(s.fridge), placeId: undefined }))
        .statusCode,
    ).toBe(403);
  });

  it('refuses, with the field and a translated message, what cannot be: and writes nothing', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await street();
    const refused = async (body: Record<string, unknown>) => {
      const res = await s.asSteward.api('POST', `${s.api}/shift-series`, cleaning(s.fridge, body));
      expect(res.statusCode, res.body).toBe(422);
      return res.json().errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`);
    };
    expect(await refused({ endTime: '07:30' })).toEqual(['endTime shifts.ends_before_start']);
    expect(await refused({ endTime: '08:00' })).toEqual(['endTime shifts.ends_before_start']);
    expect(
      await refused({
        repeat: 'monthly_date',
        startDate: '2027-01-31',
        seasonFrom: '02-01',
        seasonUntil: '02-28',
      }),
    ).toEqual(['repeat calendar.rule_never_occurs']);
    expect(await refused({ repeat: 'once', exceptions: '2027-03-20' })).toEqual([
      'repeat calendar.rule_never_occurs',
    ]);
    expect(await refused({ trainedOnly: true, trialSlots: 3 })).toEqual([
      'trialSlots shifts.trial_slots_above_needed',
    ]);
    expect(await refused({ seasonFrom: '12-01' })).toEqual(['seasonUntil shifts.season_both']);
    expect(await refused({ exceptions: '2027-02-30' })).toEqual(['exceptions calendar.exception_invalid']);
    expect(await refused({ startTime: '25:00' })).toEqual(['startTime validation.pattern_time']);
    const list = await s.asSteward.api('GET', `${s.api}/shifts?from=2027-03-15`);
    expect(list.json().shifts).toEqual([]);
    // The form says it in Spanish beside the field.
    const asEs = await t.as(await t.member(s.community, 'steward', { locale: 'es' }));
    const page = await asEs.post(`/c/${s.slug}/shifts`, cleaning(s.fridge, { endTime: '07:00' }));
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('El turno debe terminar después de empezar');
  });
});

describe('the coming shifts', () => {
  it('stay at 08:00 local across the change to summer time, with their open places', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await street('Europe/Madrid');
    const series = (await s.asAna.api('POST', `${s.api}/shift-series`, cleaning(s.fridge))).json();
    const list = (await s.asBeto.api('GET', `${s.api}/shifts?weeks=3`)).json().shifts;
    expect(list.map((x: { local: string; startsAt: string }) => [x.local, x.startsAt])).toEqual([
      ['2027-03-20T08:00', '2027-03-20T07:00:00.000Z'],
      ['2027-03-27T08:00', '2027-03-27T07:00:00.000Z'],
      ['2027-04-03T08:00', '2027-04-03T06:00:00.000Z'],
    ]);
    expect(list[0]).toMatchObject({
      seriesId: series.id,
      placeName: 'Elm Street fridge',
      open: 2,
      volunteers: [],
    });
    const page = await s.asBeto.get(`/c/${s.slug}/shifts`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Clean the fridge');
    expect(page.body).toContain('2 of 2 places open');
    const month = await s.asBeto.get(`/c/${s.slug}/shifts/month/2027-04`);
    expect(month.statusCode).toBe(200);
    expect(month.body.match(/Clean the fridge/g)).toHaveLength(4);
    expect(month.body).toContain(`/c/${s.slug}/shifts/month/2027-05"`);
    // Months are shown up to two years ahead: the last has no next link, and further is refused
    // (a rule without end would otherwise be expanded to the year 9999).
    const last = await s.asBeto.get(`/c/${s.slug}/shifts/month/2029-03`);
    expect(last.statusCode).toBe(200);
    expect(last.body).not.toContain('rel="next"');
    const far = await s.asBeto.get(`/c/${s.slug}/shifts/month/9999-12`);
    expect(far.statusCode).toBe(422);
    expect(far.body).toContain('within the next 2 years');
  });
});

describe('signing up, dropping out and substitutes', () => {
  it('fills a shift, refuses one more, lets a substitute take the place of who asked, tells who should know', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await street();
    const series = (await s.asAna.api('POST', `${s.api}/shift-series`, cleaning(s.fridge))).json();
    const at = `${s.api}/shift-series/${series.id}/occurrences/2027-03-20T08:00`;
    const carla = await t.member(s.community, 'member', { displayName: 'Carla' });
    const asCarla = await t.as(carla);

    expect((await s.asAna.api('POST', `${at}/sign-up`)).statusCode).toBe(200);
    expect((await s.asAna.api('POST', `${at}/sign-up`)).json().code).toBe('shifts.already_signed_up');
    const full = await s.asBeto.api('POST', `${at}/sign-up`);
    expect(full.json()).toMatchObject({ open: 0 });
    expect((await asCarla.api('POST', `${at}/sign-up`)).json().code).toBe('shifts.full');
    // Not an occurrence the rule gives.
    expect(
      (await asCarla.api('POST', `${s.api}/shift-series/${series.id}/occurrences/2027-03-21T08:00/sign-up`))
        .statusCode,
    ).toBe(404);

    // Beto asks for a substitute: Ana (on it, and a volunteer of the place) hears; Carla takes it.
    expect((await s.asBeto.api('POST', `${at}/substitute`)).statusCode).toBe(200);
    await t.runJobs();
    expect(t.mailbox.to(s.ana.email as string).map((m) => m.subject)).toEqual([
      'Beto is looking for a substitute for Clean the fridge',
    ]);
    const taken = await asCarla.api('POST', `${at}/sign-up`);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json().volunteers.map((v: { name: string }) => v.name)).toEqual(['Ana', 'Carla']);
    await t.runJobs();
    expect(t.mailbox.to(s.beto.email as string).map((m) => m.subject)).toEqual([
      'Carla takes your place on Clean the fridge',
    ]);

    // Carla drops out: Ana is told.
    expect((await asCarla.api('POST', `${at}/drop-out`)).statusCode).toBe(200);
    await t.runJobs();
    expect(t.mailbox.to(s.ana.email as string).at(-1)?.subject).toBe('Carla dropped out of Clean the fridge');
    expect((await asCarla.api('POST', `${at}/drop-out`)).json().code).toBe('shifts.not_signed_up');

    // No fewer places than people on a coming date.
    await s.asBeto.api('POST', `${at}/sign-up`);
    const fewer = await s.asSteward.api('PATCH', `${s.api}/shift-series/${series.id}`, { peopleNeeded: 1 });
    expect(fewer.statusCode).toBe(422);
    expect(fewer.json().errors[0]).toMatchObject({
      field: 'peopleNeeded',
      code: 'shifts.needed_below_signed_up',
    });
    expect(
      (await s.asBeto.api('PATCH', `${s.api}/shift-series/${series.id}`, { peopleNeeded: 3 })).statusCode,
    ).toBe(403);
    expect(
      (await s.asAna.api('PATCH', `${s.api}/shift-series/${series.id}`, { peopleNeeded: 3 })).statusCode,
    ).toBe(200);
  });

  it('reminds each volunteer the day before, by mail, in their language; not who dropped out', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await street();
    const series = (await s.asAna.api('POST', `${s.api}/shift-series`, cleaning(s.fridge))).json();
    const at = `${s.api}/shift-series/${series.id}/occurrences/2027-03-27T08:00`;
    const asDora = await t.as(await t.member(s.community, 'member', { displayName: 'Dora', locale: 'es' }));
    const dora = (await asDora.api('GET', '/api/v1/me')).json();
    await asDora.api('POST', `${at}/sign-up`);
    await s.asBeto.api('POST', `${at}/sign-up`);
    await s.asBeto.api('POST', `${at}/drop-out`);
    setClock('2027-03-26T06:59:00Z'); // 24 hours before 08:00 CET is 07:00 UTC
    const reminders = () => t.mailbox.to(dora.email).filter((m) => m.subject.startsWith('Mañana'));
    await t.runJobs();
    expect(reminders()).toHaveLength(0);
    setClock('2027-03-26T07:01:00Z');
    await t.runJobs();
    expect(reminders().map((m) => m.subject)).toEqual(['Mañana: Clean the fridge a las 08:00']);
    expect(t.mailbox.to(s.beto.email as string).filter((m) => m.subject.startsWith('Tomorrow'))).toEqual([]);
  });

  it('keeps a trained-only series to trained volunteers, with trial places for newcomers', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await street();
    const series = (
      await s.asSteward.api(
        'POST',
        `${s.api}/shift-series`,
        cleaning(s.fridge, { peopleNeeded: 3, trainedOnly: true, trialSlots: 1 }),
      )
    ).json();
    const at = `${s.api}/shift-series/${series.id}/occurrences/2027-03-20T08:00`;
    const trial = await s.asBeto.api('POST', `${at}/sign-up`);
    expect(trial.json().volunteers).toEqual([expect.objectContaining({ name: 'Beto', trial: true })]);
    expect((await s.asAna.api('POST', `${at}/sign-up`)).json().code).toBe('shifts.trained_only');
  });
});

describe('who reaches the shifts routes', () => {
  it('answers visitors, outsiders and members as the gate says, pages and API alike', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await street();
    const series = (await s.asSteward.api('POST', `${s.api}/shift-series`, cleaning(s.fridge))).json();
    const occurrence = `/shifts/${series.id}/2027-03-20T08:00`;
    const pages = ['/shifts', '/shifts/month/2027-03', occurrence, '/shifts/new'];
    const outsider = await t.as(await t.account());
    for (const page of pages) {
      expect((await t.visitor().get(`/c/${s.slug}${page}`)).statusCode, page).toBe(303);
      expect((await outsider.get(`/c/${s.slug}${page}`)).statusCode, page).toBe(403);
      expect((await s.asSteward.get(`/c/${s.slug}${page}`)).statusCode, page).toBe(200);
    }
    expect((await s.asBeto.get(`/c/${s.slug}/shifts/new`)).statusCode).toBe(403);
    expect((await s.asAna.get(`/c/${s.slug}/shifts/new`)).statusCode).toBe(200);
    expect((await s.asBeto.get(`/c/${s.slug}${occurrence}`)).body).toContain('Sign up');
    const signedUp = await s.asBeto.post(`/c/${s.slug}${occurrence}/sign-up`);
    expect(signedUp.statusCode).toBe(303);
    const again = await s.asBeto.post(`/c/${s.slug}${occurrence}/sign-up`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('You are already signed up for this shift.');
    expect((await outsider.api('GET', `${s.api}/shifts`)).statusCode).toBe(403);
    expect((await t.visitor().api('GET', `${s.api}/shifts`)).statusCode).toBe(401);
  });

  it('answers 404 for another community’s series and place, on every route', async () => {
    setClock('2027-03-15T10:00:00Z');
    const [a, b] = [await street(), await street()];
    const theirs = (await b.asSteward.api('POST', `${b.api}/shift-series`, cleaning(b.fridge))).json();
    const occ = `${theirs.id}/2027-03-20T08:00`;
    for (const page of [`/shifts/${occ}`]) {
      expect((await a.asSteward.get(`/c/${a.slug}${page}`)).statusCode).toBe(404);
    }
    for (const action of ['sign-up', 'drop-out', 'substitute']) {
      expect((await a.asSteward.post(`/c/${a.slug}/shifts/${occ}/${action}`)).statusCode, action).toBe(404);
      expect(
        (
          await a.asSteward.api(
            'POST',
            `${a.api}/shift-series/${theirs.id}/occurrences/2027-03-20T08:00/${action}`,
          )
        ).statusCode,
      ).toBe(404);
    }
    expect(
      (await a.asSteward.api('GET', `${a.api}/shift-series/${theirs.id}/occurrences/2027-03-20T08:00`))
        .statusCode,
    ).toBe(404);
    expect(
      (await a.asSteward.api('PATCH', `${a.api}/shift-series/${theirs.id}`, { peopleNeeded: 3 })).statusCode,
    ).toBe(404);
    const atTheirPlace = await a.asSteward.api('POST', `${a.api}/shift-series`, cleaning(b.fridge));
    expect(atTheirPlace.statusCode).toBe(404);
    expect(atTheirPlace.json().code).toBe('shifts.place_not_found');
    expect((await a.asSteward.api('GET', `${a.api}/shifts?place=${b.fridge}`)).json().shifts).toEqual([]);
  });
});
