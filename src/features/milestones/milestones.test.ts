/**
 * Milestones: detected from the activity with the injected clock, recorded once (the job run
 * again, or twice at once), at the community's thresholds; thanks that name only who agreed; the
 * front porch, the page, the newsletter's read; the thresholds' role rule and bad input; another
 * community's milestone is 404.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeItem, makeLoan } from '../../../test/support/library.ts';
import { cleaning, makeStreet, moveClock, type Street } from '../../../test/support/shifts.ts';
import { detectMilestones, monthMilestones } from './service.ts';

const t = useTestApp();

/** A loan of Beto's item to Ana picked up now. */
async function pickUp(s: Street, name: string) {
  const item = await makeItem(t, s.community, { owner: s.beto, name });
  return makeLoan(t, s.community, item, s.ana, 'out');
}

/** This community's milestones as stored. */
const stored = (s: Street) =>
  t.services.db
    .selectFrom('milestone')
    .select(['kind', 'threshold', 'scopeId', 'reachedAt'])
    .where('communityId', '=', s.community.id)
    .orderBy('reachedAt')
    .execute();

describe('detecting milestones', () => {
  it('records the n-th loan once, when the clock has passed it, at the community’s threshold', async () => {
    moveClock(t, '2027-05-01T10:00:00Z');
    const s = await makeStreet(t);
    const set = await s.asSteward.api('PUT', `${s.api}/milestones/thresholds`, { loans: 3 });
    expect(set.statusCode).toBe(200);
    expect(set.json().thresholds).toContainEqual({ kind: 'loans', threshold: 3, default: 100 });

    await pickUp(s, 'Drill');
    moveClock(t, '2027-05-02T10:00:00Z');
    await pickUp(s, 'Ladder');
    await detectMilestones(t.services);
    expect(await stored(s)).toEqual([]);

    moveClock(t, '2027-05-03T10:00:00Z');
    const third = (await pickUp(s, 'Saw')).pickedUpAt;
    moveClock(t, '2027-05-04T10:00:00Z');
    // Twice at once, then again: one milestone.
    await Promise.all([detectMilestones(t.services), detectMilestones(t.services)]);
    await detectMilestones(t.services);
    expect(await stored(s)).toEqual([{ kind: 'loans', threshold: 3, scopeId: '', reachedAt: third }]);

    const list = (await s.asAna.api('GET', `${s.api}/milestones`)).json().milestones;
    expect(list).toEqual([
      expect.objectContaining({
        kind: 'loans',
        threshold: 3,
        named: [],
        others: 2,
        mine: false,
        place: null,
      }),
    ]);

    // A higher threshold is a new milestone to reach; the one reached stays.
    await s.asSteward.api('PUT', `${s.api}/milestones/thresholds`, { loans: 4 });
    await detectMilestones(t.services);
    expect(await stored(s)).toHaveLength(1);
    await pickUp(s, 'Rake');
    await detectMilestones(t.services);
    expect((await stored(s)).map((m) => m.threshold)).toEqual([3, 4]);
    // Back to the default: it follows the default again.
    await s.asSteward.api('PUT', `${s.api}/milestones/thresholds`, { loans: 100 });
    const rows = await t.services.db
      .selectFrom('milestoneThreshold')
      .selectAll()
      .where('communityId', '=', s.community.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('finds a year of fridge shifts per fridge and the shifts done, thanking who came', async () => {
    moveClock(t, '2027-03-15T10:00:00Z');
    const s = await makeStreet(t);
    await s.asSteward.api('PUT', `${s.api}/milestones/thresholds`, { fridge_year: 2, shifts: 2 });
    const series = (await s.asAna.api('POST', `${s.api}/shift-series`, cleaning(s.fridge))).json();
    const at = (day: string) => `${s.api}/shift-series/${series.id}/occurrences/${day}T08:00`;
    expect((await s.asAna.api('POST', `${at('2027-03-27')}/sign-up`)).statusCode).toBe(200);
    expect((await s.asBeto.api('POST', `${at('2027-04-03')}/sign-up`)).statusCode).toBe(200);

    moveClock(t, '2027-03-30T10:00:00Z');
    await detectMilestones(t.services);
    expect(await stored(s)).toEqual([]);
    moveClock(t, '2027-04-03T12:00:00Z');
    await detectMilestones(t.services);
    // 09:30 in Madrid (summer time) is 07:30 UTC.
    expect(await stored(s)).toEqual([
      { kind: 'shifts', threshold: 2, scopeId: '', reachedAt: '2027-04-03T07:30:00.000Z' },
      { kind: 'fridge_year', threshold: 2, scopeId: s.fridge, reachedAt: '2027-04-03T07:30:00.000Z' },
    ]);
    const list = (await s.asBeto.api('GET', `${s.api}/milestones`)).json().milestones;
    const year = list.find((m: { kind: string }) => m.kind === 'fridge_year');
    expect(year).toMatchObject({ place: 'Elm Street fridge', others: 2, mine: false });
    const page = await s.asBeto.get(`/c/${s.slug}/milestones`);
    expect(page.body).toContain('2 months of shifts at');
    expect(page.body).toContain('Name me with thanks');
  });
});

describe('thanks, on the porch and the page', () => {
  it('names only who agreed; only who is thanked may choose; another community’s is 404', async () => {
    moveClock(t, '2027-06-01T10:00:00Z');
    const s = await makeStreet(t);
    await s.asSteward.api('PUT', `${s.api}/milestones/thresholds`, { loans: 1 });
    await pickUp(s, 'Wheelbarrow');
    moveClock(t, '2027-06-02T10:00:00Z');
    await detectMilestones(t.services);
    const [m] = (await s.asAna.api('GET', `${s.api}/milestones`)).json().milestones;
    expect(m).toMatchObject({ kind: 'loans', threshold: 1, named: [], others: 2, mine: false });

    // The page's form, without JavaScript.
    const named = await s.asAna.post(`/c/${s.slug}/milestones/${m.id}/named`, { named: '1' });
    expect(named.statusCode).toBe(303);
    const after = (await s.asBeto.api('GET', `${s.api}/milestones`)).json().milestones[0];
    expect(after).toMatchObject({ named: ['Ana'], others: 1, mine: false });
    const porch = (await s.asSteward.api('GET', `${s.api}/porch`)).json();
    expect(porch.happening).toContainEqual(
      expect.objectContaining({
        kind: 'milestones.reached',
        title: 'The first loan',
        text: expect.stringContaining('Thank you, Ana, and 1 more neighbor!'),
      }),
    );
    const home = await s.asSteward.get(`/c/${s.slug}`);
    expect(home.body).toContain('The first loan');

    const steward = await s.asSteward.api('PUT', `${s.api}/milestones/${m.id}/named`, { named: true });
    expect(steward.statusCode).toBe(403);
    expect(steward.json().code).toBe('milestones.errors.only_thanked');
    expect(
      (await s.asBeto.api('PUT', `${s.api}/milestones/${m.id}/named`, { named: false })).statusCode,
    ).toBe(204);
    expect((await s.asAna.api('PUT', `${s.api}/milestones/${m.id}/named`, { named: 'yes' })).statusCode).toBe(
      422,
    );

    const other = await makeStreet(t);
    expect(
      (await other.asAna.api('PUT', `${other.api}/milestones/${m.id}/named`, { named: true })).statusCode,
    ).toBe(404);

    // The newsletter names only who agreed.
    expect(await monthMilestones(t.services, s.community.id, '2027-06')).toEqual([
      expect.objectContaining({ kind: 'loans', threshold: 1, named: ['Ana'], others: 1 }),
    ]);
    expect(await monthMilestones(t.services, s.community.id, '2027-05')).toEqual([]);
  });
});

describe('the thresholds', () => {
  it('are set by stewards only, within bounds, and a refused change writes nothing', async () => {
    moveClock(t, '2027-06-01T10:00:00Z');
    const s = await makeStreet(t);
    const member = await s.asAna.api('PUT', `${s.api}/milestones/thresholds`, { loans: 5 });
    expect(member.statusCode).toBe(403);
    expect(member.json().code).toBe('milestones.errors.only_stewards');
    expect((await s.asAna.get(`/c/${s.slug}/milestones/thresholds`)).statusCode).toBe(403);
    expect((await s.asAna.api('GET', `${s.api}/milestones/thresholds`)).statusCode).toBe(200);
    for (const body of [
      { loans: 0 },
      { loans: 1_000_001 },
      { loans: 2.5 },
      { parties: 3 },
      { loans: 'ten' },
    ]) {
      const res = await s.asSteward.api('PUT', `${s.api}/milestones/thresholds`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
    }
    const form = await s.asSteward.post(`/c/${s.slug}/milestones/thresholds`, {
      loans: '0',
      fridge_year: '12',
      seed_returned: '1',
      rides: '50',
      workshops: '10',
      shifts: '100',
    });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('error-summary');
    const rows = await t.services.db
      .selectFrom('milestoneThreshold')
      .selectAll()
      .where('communityId', '=', s.community.id)
      .execute();
    expect(rows).toEqual([]);
    const saved = await s.asSteward.post(`/c/${s.slug}/milestones/thresholds`, {
      loans: '50',
      fridge_year: '12',
      seed_returned: '1',
      rides: '50',
      workshops: '10',
      shifts: '100',
    });
    expect(saved.statusCode).toBe(303);
    expect((await s.asAna.api('GET', `${s.api}/milestones/thresholds`)).json().thresholds[0]).toEqual({
      kind: 'loans',
      threshold: 50,
      default: 100,
    });
  });
});
