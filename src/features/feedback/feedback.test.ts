/**
 * Feedback after a loan, a shift and a gathering's date: only who took part, once it is over, once
 * per thing (again replaces it); the one-tap form without JavaScript; the asking job; the
 * stewards' summaries (rides included) and the newsletter's read; bad input; another community's
 * thing is 404.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeItem, makeLoan } from '../../../test/support/library.ts';
import { cleaning, makeStreet, moveClock } from '../../../test/support/shifts.ts';
import { iso } from '../../platform/db/time.ts';
import { askHowItWent, monthFeedback } from './service.ts';

const t = useTestApp();

/** A loan of Beto's drill to Ana, returned now. */
async function returnedLoan(s: Awaited<ReturnType<typeof makeStreet>>) {
  const item = await makeItem(t, s.community, { owner: s.beto, name: 'Ladder' });
  const loan = await makeLoan(t, s.community, item, s.ana, 'returned');
  await t.services.db
    .updateTable('loan')
    .set({ returnedAt: iso(t.clock.now()) })
    .where('communityId', '=', s.community.id)
    .where('id', '=', loan.id)
    .execute();
  return loan;
}

/** A shift of the fridge cleaning on 2027-03-20, Ana and Beto signed up; its id. */
async function cleaningShift(s: Awaited<ReturnType<typeof makeStreet>>) {
  const series = (await s.asAna.api('POST', `${s.api}/shift-series`, cleaning(s.fridge))).json();
  const at = `${s.api}/shift-series/${series.id}/occurrences/2027-03-20T08:00`;
  expect((await s.asAna.api('POST', `${at}/sign-up`)).statusCode).toBe(200);
  expect((await s.asBeto.api('POST', `${at}/sign-up`)).statusCode).toBe(200);
  const row = await t.services.db
    .selectFrom('shift')
    .select('id')
    .where('communityId', '=', s.community.id)
    .where('seriesId', '=', series.id)
    .executeTakeFirstOrThrow();
  return { id: row.id, seriesId: series.id as string };
}

describe('feedback about a loan', () => {
  it('comes from who borrowed and who lent, once it is back, once each (again replaces it)', async () => {
    moveClock(t, '2027-03-10T10:00:00Z');
    const s = await makeStreet(t);
    const item = await makeItem(t, s.community, { owner: s.beto, name: 'Ladder' });
    const out = await makeLoan(t, s.community, item, s.ana, 'out');
    const at = (id: string) => `${s.api}/feedback/loan/${id}`;

    const early = await s.asAna.api('PUT', at(out.id), { rating: 'went_well' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'feedback.errors.not_over' });
    expect((await s.asAna.api('GET', at(out.id))).json()).toMatchObject({ mayGive: false, given: null });

    expect((await s.asAna.get(`/c/${s.slug}/library/loans/${out.id}`)).body).not.toContain('How did it go?');
    const loan = await returnedLoan(s);
    // The loan's page asks who borrowed, and posts to the one-tap form.
    const loanPage = (await s.asAna.get(`/c/${s.slug}/library/loans/${loan.id}`)).body;
    expect(loanPage).toContain('How did it go?');
    expect(loanPage).toContain(`action="/c/${s.slug}/feedback/loan/${loan.id}"`);
    expect((await s.asSteward.get(`/c/${s.slug}/library/loans/${loan.id}`)).body).not.toContain(
      'How did it go?',
    );
    const first = await s.asAna.api('PUT', at(loan.id), {
      rating: 'could_improve',
      comment: 'The ladder wobbles',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      rating: 'could_improve',
      comment: 'The ladder wobbles',
      quotable: false,
    });
    const again = await s.asAna.api('PUT', at(loan.id), {
      rating: 'went_well',
      comment: '  ',
      quotable: true,
    });
    expect(again.json()).toMatchObject({ rating: 'went_well', comment: '', quotable: false });
    expect((await s.asBeto.api('PUT', at(loan.id), { rating: 'went_well' })).statusCode).toBe(200);

    const rows = await t.services.db
      .selectFrom('feedback')
      .select(['accountId', 'rating'])
      .where('communityId', '=', s.community.id)
      .where('subjectId', '=', loan.id)
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.accountId === s.ana.id)?.rating).toBe('went_well');

    // Neither a steward nor another member took part.
    const steward = await s.asSteward.api('PUT', at(loan.id), { rating: 'went_well' });
    expect(steward.statusCode).toBe(403);
    expect(steward.json().code).toBe('feedback.errors.only_participants');
    const carla = await t.as(await t.member(s.community, 'member', { displayName: 'Carla' }));
    expect((await carla.api('GET', at(loan.id))).statusCode).toBe(403);
    // A loan that is not there.
    expect((await s.asAna.api('PUT', at(crypto.randomUUID()), { rating: 'went_well' })).statusCode).toBe(404);
  });

  it('refuses bad input, saying what is expected, and writes nothing', async () => {
    moveClock(t, '2027-03-10T10:00:00Z');
    const s = await makeStreet(t);
    const loan = await returnedLoan(s);
    const at = `${s.api}/feedback/loan/${loan.id}`;
    for (const body of [
      { rating: 'great' },
      {},
      { rating: 'went_well', comment: 'x'.repeat(2001) },
      { rating: 'went_well', stars: 5 },
      { rating: 'went_well', quotable: 'yes' },
    ]) {
      const res = await s.asAna.api('PUT', at, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().errors[0].message).toBeTruthy();
    }
    expect(
      (await s.asAna.api('PUT', `${s.api}/feedback/post/${loan.id}`, { rating: 'went_well' })).statusCode,
    ).toBe(404);
    const none = await t.services.db
      .selectFrom('feedback')
      .select('id')
      .where('communityId', '=', s.community.id)
      .execute();
    expect(none).toEqual([]);
  });

  it('is 404 for a loan of another community, also to someone who took part there', async () => {
    moveClock(t, '2027-03-10T10:00:00Z');
    const s = await makeStreet(t);
    const other = await makeStreet(t);
    const loan = await returnedLoan(other);
    // Ana of the first street is not Ana of the other; the other's Ana asks through the wrong community.
    expect(
      (await s.asAna.api('PUT', `${s.api}/feedback/loan/${loan.id}`, { rating: 'went_well' })).statusCode,
    ).toBe(404);
    const wrong = await other.asAna.api('PUT', `${s.api}/feedback/loan/${loan.id}`, { rating: 'went_well' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('errors.members_only');
    expect((await other.asAna.get(`/c/${s.slug}/feedback/loan/${loan.id}`)).statusCode).toBe(403);
  });
});

describe('feedback about a shift, with the page’s one-tap form', () => {
  it('is given by a volunteer without JavaScript after the shift; a refused form says why', async () => {
    moveClock(t, '2027-03-15T10:00:00Z');
    const s = await makeStreet(t);
    const shift = await cleaningShift(s);
    const page = `/c/${s.slug}/feedback/shift/${shift.id}`;
    const before = await s.asAna.get(page);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('once the shift is over');

    const shiftPage = `/c/${s.slug}/shifts/${shift.seriesId}/2027-03-20T08:00`;
    expect((await s.asAna.get(shiftPage)).body).not.toContain('How did it go?');
    moveClock(t, '2027-03-20T10:00:00Z');
    expect((await s.asAna.get(shiftPage)).body).toContain('How did it go?');
    const form = await s.asAna.get(page);
    expect(form.body).toContain('How did it go?');
    expect(form.body).toContain('name="rating" value="went_well"');
    const sent = await s.asAna.post(page, { rating: 'went_well', comment: 'Spotless fridge', quotable: '1' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/c/${s.slug}/shifts/${shift.seriesId}/2027-03-20T08:00`);
    expect((await s.asAna.get(page)).body).toContain('You said it went well');

    const refused = await s.asAna.post(page, { rating: 'meh' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('error-summary');
  });
});

describe('asking how it went', () => {
  it('asks who came to a gathering’s date once, after it; giving feedback settles the question', async () => {
    moveClock(t, '2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const g = (
      await s.asSteward.api('POST', `${s.api}/gatherings`, {
        title: 'Seed swap',
        address: 'The library',
        startDate: '2027-03-20',
        startTime: '18:00',
        endTime: '20:00',
        repeat: 'once',
      })
    ).json();
    const at = `${s.api}/gatherings/${g.id}/occurrences/2027-03-20T18:00`;
    expect((await s.asAna.api('PUT', `${at}/rsvp`, { answer: 'yes' })).statusCode).toBe(200);
    expect((await s.asBeto.api('PUT', `${at}/rsvp`, { answer: 'no' })).statusCode).toBe(200);
    const occurrence = await t.services.db
      .selectFrom('gatheringOccurrence')
      .select('id')
      .where('communityId', '=', s.community.id)
      .where('gatheringId', '=', g.id)
      .executeTakeFirstOrThrow();

    // Other tests' communities are in the same database: count this one's questions.
    const asked = async () => {
      await askHowItWent(t.services);
      return t.services.db
        .selectFrom('notification')
        .select(['accountId', 'subjectId'])
        .where('communityId', '=', s.community.id)
        .where('kind', '=', 'feedback.ask')
        .execute();
    };
    expect(await asked()).toEqual([]);
    moveClock(t, '2027-03-20T21:00:00Z');
    expect(await asked()).toEqual([{ accountId: s.ana.id, subjectId: occurrence.id }]);
    const datePage = `/c/${s.slug}/gatherings/${g.id}/2027-03-20T18:00`;
    expect((await s.asAna.get(datePage)).body).toContain('How did it go?');
    expect((await s.asBeto.get(datePage)).body).not.toContain('How did it go?');
    expect(await asked()).toHaveLength(1);
    const porch = (await s.asAna.api('GET', `${s.api}/porch`)).json();
    const ask = porch.needsMe.find((e: { kind: string }) => e.kind === 'feedback.give');
    expect(ask).toMatchObject({
      title: 'Seed swap',
      path: `/c/${s.slug}/feedback/gathering/${occurrence.id}`,
    });

    // Beto said no: he did not come, and may not say how it went.
    expect(
      (await s.asBeto.api('PUT', `${s.api}/feedback/gathering/${occurrence.id}`, { rating: 'went_well' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await s.asAna.api('PUT', `${s.api}/feedback/gathering/${occurrence.id}`, { rating: 'went_well' }))
        .statusCode,
    ).toBe(200);
    const after = (await s.asAna.api('GET', `${s.api}/porch`)).json();
    expect(after.needsMe.find((e: { kind: string }) => e.kind === 'feedback.give')).toBeUndefined();

    // Ten days later nothing old is asked again.
    moveClock(t, '2027-03-30T21:00:00Z');
    expect(await asked()).toHaveLength(1);
  });
});

describe('the stewards’ summaries and the newsletter’s read', () => {
  it('counts per kind, place and month with rides, shows “could improve” comments without names, to stewards only', async () => {
    moveClock(t, '2027-03-15T10:00:00Z');
    const s = await makeStreet(t);
    const shift = await cleaningShift(s);
    moveClock(t, '2027-03-20T10:00:00Z');
    const loan = await returnedLoan(s);
    await s.asAna.api('PUT', `${s.api}/feedback/shift/${shift.id}`, {
      rating: 'went_well',
      comment: 'Lovely morning',
      quotable: true,
    });
    await s.asBeto.api('PUT', `${s.api}/feedback/shift/${shift.id}`, {
      rating: 'could_improve',
      comment: 'Bring more cloths',
    });
    await s.asAna.api('PUT', `${s.api}/feedback/loan/${loan.id}`, {
      rating: 'went_well',
      comment: 'Private thanks',
    });

    const member = await s.asAna.api('GET', `${s.api}/feedback`);
    expect(member.statusCode).toBe(403);
    expect(member.json().code).toBe('feedback.errors.only_stewards');
    expect((await s.asAna.get(`/c/${s.slug}/feedback`)).statusCode).toBe(403);

    const sum = (await s.asSteward.api('GET', `${s.api}/feedback`)).json();
    expect(sum.total).toEqual({ answers: 3, wentWell: 2, share: 67 });
    expect(sum.byKind).toEqual([
      { kind: 'loan', answers: 1, wentWell: 1, share: 100 },
      { kind: 'shift', answers: 2, wentWell: 1, share: 50 },
    ]);
    expect(sum.byPlace).toEqual([
      { placeId: s.fridge, place: 'Elm Street fridge', answers: 2, wentWell: 1, share: 50 },
      { placeId: null, place: null, answers: 1, wentWell: 1, share: 100 },
    ]);
    expect(sum.byMonth).toEqual([{ month: '2027-03', answers: 3, wentWell: 2, share: 67 }]);
    expect(sum.improve).toEqual([
      { kind: 'shift', place: 'Elm Street fridge', on: '2027-03-20', comment: 'Bring more cloths' },
    ]);
    const page = await s.asSteward.get(`/c/${s.slug}/feedback`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bring more cloths');
    expect(page.body).not.toContain('Beto');

    // A past alert's feedback counts as rides.
    const plan = crypto.randomUUID();
    const alert = crypto.randomUUID();
    const now = iso(t.clock.now());
    const db = t.services.db;
    await db
      .insertInto('evacuationPlan')
      .values({
        id: plan,
        communityId: s.community.id,
        slot: 'day',
        maxMinutes: 60,
        households: 0,
        served: 0,
        drivers: 0,
        solveMs: 1,
        createdBy: s.steward.id,
        createdAt: now,
      })
      .execute();
    await db
      .insertInto('evacuationAlert')
      .values({
        id: alert,
        communityId: s.community.id,
        planId: plan,
        reason: 'Flood',
        shelters: '[]',
        raisedAt: now,
        endedAt: now,
      })
      .execute();
    await db
      .insertInto('evacuationFeedback')
      .values({
        communityId: s.community.id,
        alertId: alert,
        accountId: s.ana.id,
        feedback: 'could_improve',
        comment: 'Late pickup',
        createdAt: now,
      })
      .execute();
    const withRides = (await s.asSteward.api('GET', `${s.api}/feedback`)).json();
    expect(withRides.byKind).toContainEqual({ kind: 'ride', answers: 1, wentWell: 0, share: 0 });
    expect(withRides.improve).toContainEqual({
      kind: 'ride',
      place: null,
      on: '2027-03-20',
      comment: 'Late pickup',
    });

    // The newsletter quotes only what was let be quoted, without names.
    expect(await monthFeedback(t.services, s.community.id, '2027-03')).toEqual({
      month: '2027-03',
      answers: 3,
      wentWell: 2,
      quotes: [{ kind: 'shift', comment: 'Lovely morning' }],
    });
    expect((await monthFeedback(t.services, s.community.id, '2027-04')).answers).toBe(0);
  });
});

describe('feedback about a pilot', () => {
  it('comes from its team once its retrospective is written', async () => {
    moveClock(t, '2027-04-01T10:00:00Z');
    const s = await makeStreet(t);
    const now = iso(t.clock.now());
    const id = crypto.randomUUID();
    const db = t.services.db;
    await db
      .insertInto('pilot')
      .values({
        id,
        communityId: s.community.id,
        title: 'Tool shed',
        need: 'Tools',
        hypothesis: 'Neighbors borrow',
        measure: '20 loans',
        startsOn: '2027-03-01',
        endsOn: '2027-03-31',
        surveyId: null,
        project: null,
        needCount: null,
        offerCount: null,
        createdBy: s.steward.id,
        createdAt: now,
        updatedAt: now,
        launchedAt: now,
        halfwayRemindedAt: null,
        halfwayAt: null,
        halfwayBy: null,
        decision: null,
        finishedAt: null,
        finishedBy: null,
      })
      .execute();
    await db
      .insertInto('pilotMember')
      .values({ communityId: s.community.id, pilotId: id, accountId: s.ana.id })
      .execute();
    const at = `${s.api}/feedback/pilot/${id}`;
    expect((await s.asAna.api('PUT', at, { rating: 'went_well' })).statusCode).toBe(409);
    await db
      .updateTable('pilot')
      .set({ finishedAt: now, decision: 'continue' })
      .where('communityId', '=', s.community.id)
      .where('id', '=', id)
      .execute();
    expect((await s.asAna.api('PUT', at, { rating: 'went_well', comment: 'Keep it' })).statusCode).toBe(200);
    expect((await s.asBeto.api('PUT', at, { rating: 'went_well' })).statusCode).toBe(403);
    const sum = (await s.asSteward.api('GET', `${s.api}/feedback`)).json();
    expect(sum.byKind).toEqual([{ kind: 'pilot', answers: 1, wentWell: 1, share: 100 }]);
  });
});
