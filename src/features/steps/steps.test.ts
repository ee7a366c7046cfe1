/**
 * The six steps guide: stewards only; each step's state read from the community's data as it
 * moves on with the clock (not started, under way, done) and its next action; the front porch
 * links to it while the group is young.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeStreet, moveClock } from '../../../test/support/shifts.ts';
import { newId } from '../../platform/db/ids.ts';
import { iso } from '../../platform/db/time.ts';

const t = useTestApp();

type Guide = {
  steps: { key: string; state: string; action: { key: string; path: string } }[];
  next: string | null;
};
const states = (g: Guide) => Object.fromEntries(g.steps.map((s) => [s.key, s.state]));

describe('the six steps guide', () => {
  it('is for stewards, and linked from a young group’s porch', async () => {
    moveClock(t, '2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const member = await s.asAna.api('GET', `${s.api}/steps`);
    expect(member.statusCode).toBe(403);
    expect(member.json().code).toBe('steps.errors.only_stewards');
    expect((await s.asAna.get(`/c/${s.slug}/steps`)).statusCode).toBe(403);
    const other = await makeStreet(t);
    expect((await other.asSteward.api('GET', `${s.api}/steps`)).statusCode).toBe(403);
    expect((await s.asSteward.get(`/c/${s.slug}`)).body).toContain(`href="/c/${s.slug}/steps"`);
    expect((await s.asAna.get(`/c/${s.slug}`)).body).not.toContain(`href="/c/${s.slug}/steps"`);
  });

  it('reads each step’s state from the data as the community moves on', async () => {
    moveClock(t, '2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const db = t.services.db;
    const c = s.community.id;
    const guide = async (): Promise<Guide> => (await s.asSteward.api('GET', `${s.api}/steps`)).json();

    const fresh = await guide();
    expect(fresh.next).toBe('need');
    expect(fresh.steps.map((x) => [x.key, x.state, x.action.path])).toEqual([
      ['need', 'not_started', '/surveys/new'],
      ['gathering', 'not_started', '/gatherings/new'],
      ['guidelines', 'not_started', '/proposals/new'],
      ['pilot', 'not_started', '/pilots/new'],
      ['feedback', 'not_started', '/feedback'],
      ['celebrate', 'not_started', '/milestones'],
    ]);
    const page = await s.asSteward.get(`/c/${s.slug}/steps`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Open a needs survey');
    expect(page.body).toContain('aria-current="step"');

    // A survey open, answered, then closed.
    const now = iso(t.clock.now());
    const survey = newId();
    await db
      .insertInto('survey')
      .values({
        id: survey,
        communityId: c,
        title: 'What do we need?',
        intro: '',
        questions: '[]',
        closesOn: '2027-03-10',
        closesAt: '2027-03-10T22:59:00.000Z',
        createdBy: s.steward.id,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db
      .insertInto('surveyAnswer')
      .values({
        id: newId(),
        communityId: c,
        surveyId: survey,
        accountId: s.ana.id,
        source: 'member',
        name: '',
        freeText: '',
        typedBy: null,
        answeredAt: now,
        createdAt: now,
      })
      .execute();
    expect((await guide()).steps[0]).toEqual({
      key: 'need',
      state: 'under_way',
      action: { key: 'see_survey', path: `/surveys/${survey}` },
    });

    // A members-only gathering has no flyer (it would answer 403): the guide leads to its page.
    const supper = (
      await s.asSteward.api('POST', `${s.api}/gatherings`, {
        title: 'Supper',
        address: 'The hall',
        startDate: '2027-03-10',
        startTime: '18:00',
        endTime: '20:00',
        repeat: 'once',
      })
    ).json();
    expect((await guide()).steps[1].action.path).toBe(`/gatherings/${supper.id}/2027-03-10T18:00`);

    // An open gathering on the calendar, later but public: print its flyer.
    const g = (
      await s.asSteward.api('POST', `${s.api}/gatherings`, {
        title: 'Meet the neighbors',
        address: 'The square',
        startDate: '2027-03-20',
        startTime: '17:00',
        endTime: '19:00',
        repeat: 'once',
        isPublic: true,
      })
    ).json();
    expect((await guide()).steps[1].action.path).toBe(`/gatherings/${g.id}/2027-03-20T17:00/flyer`);

    // Guidelines, a finished pilot, feedback on three things, a published newsletter.
    await db
      .insertInto('guidelineVersion')
      .values({
        id: newId(),
        communityId: c,
        number: 1,
        body: 'Be kind.',
        proposalId: null,
        madeBy: s.steward.id,
        madeAt: now,
        reviewOn: null,
        reviewRemindedAt: null,
      })
      .execute();
    await db
      .insertInto('pilot')
      .values({
        id: newId(),
        communityId: c,
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
        decision: 'continue',
        finishedAt: now,
        finishedBy: s.steward.id,
      })
      .execute();
    for (let i = 0; i < 3; i++)
      await db
        .insertInto('feedback')
        .values({
          id: newId(),
          communityId: c,
          subjectKind: 'loan',
          subjectId: newId(),
          accountId: s.ana.id,
          placeId: null,
          occurredOn: '2027-03-01',
          rating: 'went_well',
          createdAt: now,
          updatedAt: now,
        })
        .execute();
    await db
      .insertInto('newsletter')
      .values({
        id: newId(),
        communityId: c,
        month: '2027-03',
        coversFrom: now,
        coversUntil: now,
        compiledAt: now,
        publishedAt: null,
        publishedBy: null,
        sentAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    expect(states(await guide())).toEqual({
      need: 'under_way',
      gathering: 'under_way',
      guidelines: 'done',
      pilot: 'done',
      feedback: 'done',
      celebrate: 'under_way',
    });

    // After the survey closed and the gathering began; then the newsletter is published.
    moveClock(t, '2027-03-21T10:00:00Z');
    await db
      .updateTable('newsletter')
      .set({ publishedAt: iso(t.clock.now()) })
      .where('communityId', '=', c)
      .execute();
    const done = await guide();
    expect(done.next).toBeNull();
    expect(Object.values(states(done))).toEqual(Array(6).fill('done'));
    expect((await s.asSteward.get(`/c/${s.slug}/steps`)).body).toContain('All six steps are done');
  });
});
