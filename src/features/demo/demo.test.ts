import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { insertSignInToken } from '../accounts/service.ts';
import { demoNeighbors } from './data.ts';
import { loadDemo } from './service.ts';

// One app and one demo for the file: loading Maple Street is most of what these tests cost.
describe('the demo community', () => {
  const t = useTestApp();
  let link: string | undefined;
  beforeAll(async () => {
    // Loaded at 22:30 on 15 July in Chicago (CDT), when it is already 16 July in UTC.
    t.clock.advance((Date.parse('2030-07-16T03:30:00Z') - t.clock.now().getTime()) / 1000);
    link = await loadDemo(t.services);
  });

  it('loads Maple Street through the services once, and its steward can sign in and see it', async () => {
    expect(link).toMatch(/^http:\/\/porch\.test\/login\//);
    // The month of cleanings behind it reminds nobody of a shift that is over.
    await t.runJobs();
    expect(
      t.mailbox.messages.map((m) => m.subject).filter((x) => /^(Tomorrow|Mañana|Today|Hoy)\b/.test(x)),
    ).toEqual([]);
    expect(await loadDemo(t.services)).toBeUndefined();

    const browser = t.visitor();
    const token = link!.split('/login/')[1];
    const signedIn = await browser.post('/login/verify', { token });
    expect(signedIn.headers.location).toBe('/c/maple-street');
    for (const path of [
      '/c/maple-street',
      '/c/maple-street/members',
      '/c/maple-street/board',
      '/c/maple-street/library',
      '/c/maple-street/seeds',
      '/c/maple-street/places',
      '/c/maple-street/newsletters',
    ]) {
      const res = await browser.get(path);
      expect(res.statusCode, path).toBe(200);
    }
    // A demo is a set-up server: Rosa runs it, and nobody's home waits for an operator.
    const home = (await browser.get('/')).body;
    expect(home).not.toContain('waiting to be set up');
    expect(
      (
        await t.services.db
          .selectFrom('account')
          .select('operator')
          .where('email', '=', 'rosa@maple-street.example')
          .executeTakeFirstOrThrow()
      ).operator,
    ).toBeTruthy();
    // Last month's newsletter, published; this month's draft compiled by the monthly job.
    const issues = (await browser.api('GET', '/api/v1/communities/maple-street/newsletters')).json()
      .newsletters;
    const lastMonth = issues.find((n: { status: string }) => n.status === 'published');
    expect(lastMonth?.editions.map((e: { locale: string }) => e.locale)).toEqual(['en', 'es']);
    expect(lastMonth?.editions[0].sections.length).toBeGreaterThan(2);
    expect((await browser.get(`/c/maple-street/newsletters/${lastMonth.id}/sheet`)).statusCode).toBe(200);
    const members = await browser.api('GET', '/api/v1/communities/maple-street/members');
    expect(members.json().length).toBeGreaterThanOrEqual(9);
    const places = (await browser.api('GET', '/api/v1/communities/maple-street/places')).json().places;
    expect(places.map((p: { kind: string }) => p.kind).sort()).toEqual([
      'fridge',
      'fridge',
      'garden',
      'shelter',
      'shelter',
      'tool_shed',
    ]);
    // The laundromat fridge's latest report (a day ago) left it running low.
    expect(places.find((p: { name: string }) => p.name === 'Laundromat fridge')).toMatchObject({
      stockLevel: 'low',
      cleanedAt: expect.any(String),
    });
    // A month of the laundromat fridge's weekly cleaning in its log, one reading too warm.
    const fridge = places.find((p: { name: string }) => p.name === 'Laundromat fridge');
    const log = (
      await browser.api('GET', `/api/v1/communities/maple-street/places/${fridge.id}/checks`)
    ).json();
    expect(log.lines.map((l: { temperature: number }) => l.temperature)).toEqual([3.8, 6.5, 4, 3.5]);
    expect(log.lines.filter((l: { unsafe: boolean }) => l.unsafe)).toHaveLength(1);
    const coming = (await browser.api('GET', '/api/v1/communities/maple-street/shifts?weeks=2')).json()
      .shifts;
    expect(coming.filter((c: { open: number }) => c.open === 1)).toEqual([
      expect.objectContaining({
        title: 'Clean the laundromat fridge',
        volunteers: [expect.objectContaining({ name: 'Amara Okafor' })],
      }),
    ]);
    expect((await browser.get(`/c/maple-street/shifts/places/${fridge.id}/log`)).statusCode).toBe(200);
    const shedItems = (await browser.api('GET', '/api/v1/communities/maple-street/items'))
      .json()
      .items.filter((i: { shed: boolean }) => i.shed);
    expect(shedItems.length).toBeGreaterThan(0);
    for (const item of shedItems) expect(item.place).toMatchObject({ name: 'The shed at 417' });
    // Its gatherings: the first-Saturday potluck (public, its dishes promised), Walter's bike-repair
    // workshop (he lists the skill, Amara asked), Rosa's weekly conversation table.
    const gatherings = (
      await browser.api('GET', '/api/v1/communities/maple-street/gatherings?weeks=6')
    ).json().gatherings;
    const firstOf = (title: string) => gatherings.find((g: { title: string }) => g.title === title);
    const potluck = firstOf('First-Saturday potluck');
    expect(potluck).toMatchObject({
      kind: 'potluck',
      isPublic: true,
      placeName: 'St. Procopius church hall',
    });
    expect(Number(potluck.local.slice(8, 10))).toBeLessThanOrEqual(7);
    const detail = (
      await browser.api(
        'GET',
        `/api/v1/communities/maple-street/gatherings/${potluck.gatheringId}/occurrences/${potluck.occurrence}`,
      )
    ).json();
    expect(detail.going).toBe(11);
    expect(detail.potluck.flatMap((c: { dishes: unknown[] }) => c.dishes)).toHaveLength(5);
    expect(firstOf('Bike repair: flats, brakes and chains')).toMatchObject({ kind: 'workshop', going: 3 });
    expect(firstOf('Spanish–English conversation table')).toMatchObject({ kind: 'language_table' });
    expect(
      (await browser.get(`/c/maple-street/gatherings/${potluck.gatheringId}/${potluck.occurrence}/flyer`))
        .statusCode,
    ).toBe(200);
    const search = await browser.api('GET', '/api/v1/communities/maple-street/search?q=frijol');
    expect(search.json().results.map((r: { kind: string }) => r.kind)).toContain('variety');

    // Its first steps: the needs survey of three months ago, closed, whose summary suggests the
    // tool shed; and the tool-shed pilot it started, finished with its retrospective.
    const api = '/api/v1/communities/maple-street';
    const [survey] = (await browser.api('GET', `${api}/surveys`)).json().surveys;
    expect(survey).toMatchObject({ title: 'What does Maple Street need?', open: false, answers: 12 });
    const summary = (await browser.api('GET', `${api}/surveys/${survey.id}/summary`)).json();
    expect(summary.bySource).toEqual({ member: 8, link: 2, paper: 2 });
    expect(summary.suggestions[0]).toMatchObject({ project: 'tool_shed', needs: 7, offers: 3 });
    expect(summary.bestTimes).toEqual(['saturday_morning']);
    const [pilot] = (await browser.api('GET', `${api}/pilots`)).json().pilots;
    expect(pilot).toMatchObject({ title: 'Open the tool shed', status: 'finished', decision: 'adapt' });
    const detail2 = (await browser.api('GET', `${api}/pilots/${pilot.id}`)).json();
    expect(detail2).toMatchObject({ surveyId: survey.id, needCount: 7, offerCount: 3 });
    expect(detail2.team).toHaveLength(3);
    expect(detail2.items.length).toBeGreaterThan(0);
    expect(detail2.halfway.note).toMatch(/^Three weeks in/);
    // Its guidelines at version 2, made by the passed tool-shed proposal; one proposal open.
    const guidelines = (await browser.api('GET', `${api}/guidelines`)).json();
    expect(guidelines.current).toMatchObject({ number: 2 });
    expect(guidelines.current.body).toContain('The tool shed');
    const proposals = (await browser.api('GET', `${api}/proposals`)).json().proposals;
    expect(proposals.map((p: { status: string; outcome: string | null }) => [p.status, p.outcome])).toEqual([
      ['open', null],
      ['closed', 'passed'],
    ]);
    const passed = (await browser.api('GET', `${api}/proposals/${proposals[1].id}`)).json();
    expect(passed).toMatchObject({ versionMade: 2, tally: { agree: 3, disagree: 1, abstain: 1 } });
    expect(passed.outcomeStatement).toMatch(/^Passed/);
    for (const path of [
      `/c/maple-street/surveys/${survey.id}/summary`,
      `/c/maple-street/pilots/${pilot.id}`,
      '/c/maple-street/guidelines',
      '/c/maple-street/guidelines/compare?from=1&to=2',
      `/c/maple-street/proposals/${proposals[0].id}`,
    ]) {
      expect((await browser.get(path)).statusCode, path).toBe(200);
    }
  });

  // Last: it moves the clock on.
  it('its loan starts today and falls due in three days by Chicago’s calendar, on an evening when UTC is a day ahead', async () => {
    const amara = await t.services.db
      .selectFrom('account')
      .selectAll()
      .where('email', '=', 'amara@maple-street.example')
      .executeTakeFirstOrThrow();
    const asAmara = await t.as(amara);
    const loans = () => asAmara.api('GET', '/api/v1/communities/maple-street/loans');
    const [loan] = (await loans()).json().borrowing;
    expect(loan).toMatchObject({
      status: 'out',
      startsOn: '2030-07-15',
      dueOn: '2030-07-18',
      overdue: false,
    });

    // 22:30 on the due day in Chicago (the 19th in UTC): due today, not overdue yet.
    t.clock.advance(3 * 86400);
    expect((await loans()).json().borrowing[0]).toMatchObject({ dueOn: '2030-07-18', overdue: false });
    // Two hours later it is the 19th in Chicago too.
    t.clock.advance(2 * 3600);
    expect((await loans()).json().borrowing[0]).toMatchObject({ overdue: true });
  });

  it('has feedback on its cleanings for the stewards, and a milestone on the porch naming who agreed', async () => {
    const community = await t.services.db
      .selectFrom('community')
      .select('id')
      .where('slug', '=', 'maple-street')
      .executeTakeFirstOrThrow();
    const feedback = await t.services.db
      .selectFrom('feedback')
      .select(['rating', 'quotable'])
      .where('communityId', '=', community.id)
      .execute();
    expect(feedback).toHaveLength(5);
    expect(feedback.filter((f) => f.rating === 'could_improve')).toHaveLength(1);
    const milestones = await t.services.db
      .selectFrom('milestone')
      .select(['kind', 'threshold'])
      .where('communityId', '=', community.id)
      .execute();
    expect(milestones).toContainEqual({ kind: 'shifts', threshold: 4 });
    const browser = t.visitor();
    const token = await t.services.db
      .transaction()
      .execute((tx) =>
        insertSignInToken(tx, t.services, demoNeighbors[0].email as string, '/c/maple-street', 3600),
      );
    await browser.post('/login/verify', { token });
    expect((await browser.get('/c/maple-street/milestones')).body).toContain('Amara Okafor');
    const summary = await browser.get('/c/maple-street/feedback');
    expect(summary.statusCode).toBe(200);
    expect(summary.body).toContain('Could someone fix the seal?');
  });
});
