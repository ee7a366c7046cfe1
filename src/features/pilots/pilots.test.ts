import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeItem } from '../../../test/support/library.ts';
import { cleaning, makeStreet, moveClock } from '../../../test/support/shifts.ts';
import { pilotsOfMonth } from './service.ts';

const t = useTestApp();
const setClock = (instant: string) => moveClock(t, instant);

/** A six-week tool-shed pilot from 2027-04-05. */
const shed = (more: Record<string, unknown> = {}) => ({
  title: 'Open the tool shed',
  need: 'Neighbors want to borrow tools',
  hypothesis: 'If we open the shed on Saturdays, neighbors will borrow tools instead of buying them.',
  measure: '20 loans in six weeks',
  startsOn: '2027-04-05',
  endsOn: '2027-05-16',
  ...more,
});

const fieldsOf = (res: { json(): any }) =>
  res.json().errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`);

describe('starting and running a pilot', () => {
  it('by role: stewards start, its team and stewards run it, members read; another community’s is 404', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const made = await s.asSteward.api('POST', `${s.api}/pilots`, shed({ team: [s.ana.id] }));
    expect(made.statusCode, made.body).toBe(201);
    const pilot = made.json();
    expect(pilot).toMatchObject({
      status: 'draft',
      halfwayOn: '2027-04-25',
      team: [{ id: s.ana.id, name: 'Ana' }],
    });
    const at = `${s.api}/pilots/${pilot.id}`;

    const byMember = await s.asBeto.api('POST', `${s.api}/pilots`, shed());
    expect(byMember.statusCode).toBe(403);
    expect(byMember.json().code).toBe('pilots.only_stewards');
    expect((await t.visitor().api('GET', `${s.api}/pilots`)).statusCode).toBe(401);
    expect((await (await t.as(await t.account())).api('GET', at)).statusCode).toBe(403);
    expect((await s.asBeto.api('GET', at)).statusCode).toBe(200);
    // Beto is not on the team; Ana is.
    const notTeam = await s.asBeto.api('PATCH', at, { measure: 'Anything' });
    expect(notTeam.statusCode).toBe(403);
    expect(notTeam.json().code).toBe('pilots.only_team');
    expect((await s.asAna.api('PATCH', at, { measure: '25 loans in six weeks' })).json().measure).toBe(
      '25 loans in six weeks',
    );
    expect((await s.asBeto.api('POST', `${at}/launch`)).statusCode).toBe(403);
    // Launched on 2027-03-01 for 2027-04-05: what worked cannot be said before its first day.
    expect((await s.asAna.api('POST', `${at}/launch`)).statusCode).toBe(200);
    const early = await s.asAna.api('PUT', `${at}/retrospective`, {
      worked: 'x',
      didNotWork: 'y',
      decision: 'stop',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('pilots.not_started');

    const other = await makeStreet(t);
    for (const [method, url, body] of [
      ['GET', '', undefined],
      ['PATCH', '', { title: 'Mine now' }],
      ['POST', '/launch', undefined],
      ['PUT', '/halfway', { note: 'x' }],
      ['PUT', '/retrospective', { worked: 'x', didNotWork: 'y', decision: 'stop' }],
    ] as const) {
      const res = await other.asSteward.api(method, `${other.api}/pilots/${pilot.id}${url}`, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await s.asSteward.api('GET', at)).json().title).toBe('Open the tool shed');
    // Ana is removed from the community: she is off the team.
    expect((await s.asSteward.api('DELETE', `${s.api}/members/${s.ana.id}`)).statusCode).toBe(200);
    expect((await s.asSteward.api('GET', at)).json().team).toEqual([]);
  });

  it('refuses bad input whole, naming each field; links only the community’s own shifts, gatherings and items', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const other = await makeStreet(t);
    const series = (await s.asAna.api('POST', `${s.api}/shift-series`, cleaning(s.fridge))).json();
    const theirs = (
      await other.asAna.api('POST', `${other.api}/shift-series`, cleaning(other.fridge))
    ).json();
    const gathering = (
      await s.asBeto.api('POST', `${s.api}/gatherings`, {
        title: 'Shed opening',
        address: '12 Elm Street',
        startDate: '2027-04-10',
        startTime: '10:00',
        endTime: '12:00',
        repeat: 'once',
      })
    ).json();
    const item = await makeItem(t, s.community, { name: 'Ladder' });
    const theirItem = await makeItem(t, other.community, { name: 'Their ladder' });
    const before = (await s.asSteward.api('GET', `${s.api}/pilots`)).json().pilots.length;

    const refused = async (body: Record<string, unknown>) => {
      const res = await s.asSteward.api('POST', `${s.api}/pilots`, shed(body));
      expect(res.statusCode, res.body).toBe(422);
      return fieldsOf(res);
    };
    expect(await refused({ endsOn: '2027-04-04' })).toEqual(['endsOn pilots.ends_before_start']);
    // Dates are bounded: at most a year long, starting at most a year ahead; a far day is a 422, not a 500.
    expect(await refused({ endsOn: '9999-12-31' })).toEqual(['endsOn pilots.too_long']);
    expect(await refused({ startsOn: '9999-12-01', endsOn: '9999-12-31' })).toEqual([
      'startsOn pilots.starts_too_far',
    ]);
    expect(await refused({ endsOn: '2028-04-05' })).toEqual(['endsOn pilots.too_long']);
    expect(await refused({ budget: 100 })).toEqual(['budget validation.additionalProperties']);
    expect(await refused({ team: [other.ana.id] })).toEqual(['team pilots.not_a_member']);
    expect(await refused({ shiftSeriesIds: [theirs.id] })).toEqual(['shiftSeriesIds pilots.link_not_found']);
    expect(await refused({ itemIds: [theirItem.id] })).toEqual(['itemIds pilots.link_not_found']);
    expect(await refused({ endsOn: '2027-04-01', team: [other.ana.id] })).toEqual([
      'endsOn pilots.ends_before_start',
      'team pilots.not_a_member',
    ]);
    expect((await s.asSteward.api('GET', `${s.api}/pilots`)).json().pilots).toHaveLength(before);

    const made = await s.asSteward.api(
      'POST',
      `${s.api}/pilots`,
      shed({
        team: [s.steward.id],
        shiftSeriesIds: [series.id],
        gatheringIds: [gathering.id],
        itemIds: [item.id],
      }),
    );
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      shiftSeries: [{ id: series.id, name: 'Clean the fridge' }],
      gatherings: [{ id: gathering.id, name: 'Shed opening' }],
      items: [{ id: item.id, name: 'Ladder' }],
    });
    // A change of dates that would end before the start is refused, and changes nothing.
    const at = `${s.api}/pilots/${made.json().id}`;
    const bad = await s.asSteward.api('PATCH', at, { startsOn: '2027-06-01', title: 'Moved' });
    expect(fieldsOf(bad)).toEqual(['endsOn pilots.ends_before_start']);
    expect((await s.asSteward.api('GET', at)).json()).toMatchObject({
      title: 'Open the tool shed',
      startsOn: '2027-04-05',
    });
    // Only the links given change: the gathering goes, the rest stay.
    const changed = (await s.asSteward.api('PATCH', at, { gatheringIds: [] })).json();
    expect(changed.gatherings).toEqual([]);
    expect(changed.items).toHaveLength(1);
    // The form page offers the community's own things only.
    const form = await s.asSteward.get(`/c/${s.slug}/pilots/${made.json().id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Ladder');
    expect(form.body).not.toContain('Their ladder');
    expect((await s.asBeto.get(`/c/${s.slug}/pilots/new`)).statusCode).toBe(403);
  });
});

describe('from a survey to a finished pilot', () => {
  it('the summary suggests a tool shed; one click starts it prefilled; halfway the team is reminded; the retrospective finishes it', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const survey = (
      await s.asSteward.api('POST', `${s.api}/surveys`, {
        title: 'What does Elm Street need?',
        closesOn: '2027-03-20',
        needs: { choices: ['tools', 'rides'] },
        offers: { choices: ['tools', 'rides'] },
      })
    ).json();
    const answer = async (body: Record<string, unknown>) =>
      expect(
        (await s.asSteward.api('POST', `${s.api}/surveys/${survey.id}/paper-answers`, body)).statusCode,
      ).toBe(201);
    await answer({ needs: ['tools'] });
    await answer({ needs: ['tools', 'rides'] });
    await answer({ needs: ['tools'], offers: ['rides'] });
    await answer({ offers: ['tools'] });
    const summaryPage = await s.asSteward.get(`/c/${s.slug}/surveys/${survey.id}/summary`);
    expect(summaryPage.body).toContain('3 want to borrow tools and 1 can lend: open the tool shed?');
    expect(summaryPage.body).toContain(`action="/c/${s.slug}/pilots/suggested"`);
    // Rides: one needs, one drives: not enough for a suggestion.
    const notSuggested = await s.asSteward.api('POST', `${s.api}/pilots/suggested`, {
      surveyId: survey.id,
      project: 'ride_pool',
    });
    expect(notSuggested.statusCode).toBe(409);
    expect(notSuggested.json().code).toBe('pilots.not_suggested');
    expect(
      (await s.asBeto.api('POST', `${s.api}/pilots/suggested`, { surveyId: survey.id, project: 'tool_shed' }))
        .statusCode,
    ).toBe(403);

    // The page's button: a POST, then the draft's form.
    const started = await s.asSteward.post(`/c/${s.slug}/pilots/suggested`, {
      surveyId: survey.id,
      project: 'tool_shed',
    });
    expect(started.statusCode, started.body).toBe(303);
    const id = String(started.headers.location).split('/')[4];
    const at = `${s.api}/pilots/${id}`;
    // Sent again (a double tap) while the draft exists: the same draft, no duplicate.
    const again = await s.asSteward.post(`/c/${s.slug}/pilots/suggested`, {
      surveyId: survey.id,
      project: 'tool_shed',
    });
    expect(again.headers.location).toBe(started.headers.location);
    const draft = (await s.asSteward.api('GET', at)).json();
    expect(draft).toMatchObject({
      title: 'Open the tool shed',
      need: 'Borrow tools: 3 answers of the survey need it, 1 can give it.',
      hypothesis:
        'If we open a tool shed, the 3 neighbors who want to borrow tools will borrow from the 1 who can lend them.',
      measure: 'At least 3 neighbors helped within six weeks.',
      status: 'draft',
      surveyId: survey.id,
      project: 'tool_shed',
      needCount: 3,
      offerCount: 1,
      startsOn: '2027-03-08',
      endsOn: '2027-04-18',
      halfwayOn: '2027-03-28',
      team: [{ id: s.steward.id }],
    });
    expect((await s.asSteward.get(`/c/${s.slug}/pilots/${id}/edit`)).statusCode).toBe(200);

    // A draft takes no note; launching needs a team and happens once.
    expect((await s.asSteward.api('PUT', `${at}/halfway`, { note: 'Too early' })).json().code).toBe(
      'pilots.not_launched',
    );
    await s.asSteward.api('PATCH', at, { team: [s.ana.id, s.steward.id] });
    const launched = await s.asAna.post(`/c/${s.slug}/pilots/${id}/launch`);
    expect(launched.statusCode, launched.body).toBe(303);
    expect((await s.asAna.api('POST', `${at}/launch`)).json().code).toBe('pilots.already_launched');

    // Halfway (28 March, 9:00 in Madrid, summer time: 07:00 UTC), the team is told, once.
    // (Ana also volunteers at the fridge, whose unlogged checks mail her: only the pilot's mails count.)
    const halfwayMails = (email: string | null) =>
      t.mailbox.to(email as string).filter((m) => m.subject.startsWith('Halfway'));
    setClock('2027-03-28T06:59:00Z');
    await t.runJobs();
    expect(halfwayMails(s.ana.email)).toEqual([]);
    setClock('2027-03-28T07:00:00Z');
    await t.runJobs();
    await t.runJobs();
    expect(halfwayMails(s.ana.email).map((m) => m.subject)).toEqual(['Halfway: Open the tool shed']);
    expect(halfwayMails(s.ana.email)[0].text).toContain(`/c/${s.slug}/pilots/${id}#halfway`);
    expect(halfwayMails(s.steward.email)).toHaveLength(1);
    expect(halfwayMails(s.beto.email)).toEqual([]);

    const noted = await s.asAna.post(`/c/${s.slug}/pilots/${id}/halfway`, { note: 'Eleven loans so far.' });
    expect(noted.statusCode).toBe(303);
    const empty = await s.asAna.post(`/c/${s.slug}/pilots/${id}/retrospective`, { decision: 'continue' });
    expect(empty.statusCode).toBe(422);
    setClock('2027-04-19T10:00:00Z');
    const retro = await s.asAna.api('PUT', `${at}/retrospective`, {
      worked: 'Saturday mornings: 24 loans.',
      didNotWork: 'Weekday evenings: nobody came.',
      decision: 'adapt',
    });
    expect(retro.statusCode, retro.body).toBe(200);
    expect(retro.json()).toMatchObject({
      status: 'finished',
      halfway: { note: 'Eleven loans so far.', by: 'Ana' },
      retrospective: { decision: 'adapt', worked: 'Saturday mornings: 24 loans.' },
    });
    expect((await s.asAna.api('PATCH', at, { title: 'Again' })).json().code).toBe('pilots.finished');
    expect(
      (await s.asAna.api('PUT', `${at}/retrospective`, { worked: 'a', didNotWork: 'b', decision: 'stop' }))
        .statusCode,
    ).toBe(409);
    const page = await s.asBeto.get(`/c/${s.slug}/pilots/${id}`);
    expect(page.body).toContain('Weekday evenings: nobody came.');
    expect(page.body).toContain('Adapt');

    // The newsletter's read: March holds the halfway note, April the retrospective, May nothing.
    const community = { id: s.community.id, timeZone: s.community.timeZone };
    const march = await pilotsOfMonth(t.services.db, community, '2027-03');
    expect(march).toMatchObject([{ id, halfway: { note: 'Eleven loans so far.' }, retrospective: null }]);
    const april = await pilotsOfMonth(t.services.db, community, '2027-04');
    expect(april).toMatchObject([
      { id, halfway: null, retrospective: { decision: 'adapt' }, path: `/pilots/${id}` },
    ]);
    expect(await pilotsOfMonth(t.services.db, community, '2027-05')).toEqual([]);
    expect(
      await pilotsOfMonth(
        t.services.db,
        { id: (await makeStreet(t)).community.id, timeZone: 'UTC' },
        '2027-04',
      ),
    ).toEqual([]);
  });
});
