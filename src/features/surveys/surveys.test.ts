import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeStreet, moveClock } from '../../../test/support/shifts.ts';

const t = useTestApp();
const setClock = (instant: string) => moveClock(t, instant);

/** A survey asking every question, with a steward's own choice and a free question. */
const needsSurvey = (more: Record<string, unknown> = {}) => ({
  title: 'What does Elm Street need?',
  closesOn: '2027-03-31',
  needs: { choices: ['tools', 'rides', 'food', 'seeds', 'skills'], other: ['Dog walking'] },
  offers: { choices: ['tools', 'rides', 'food', 'seeds', 'skills'], other: ['Dog walking'] },
  times: { choices: ['weekday_evening', 'saturday_morning', 'sunday_afternoon'] },
  languages: { choices: ['en', 'es'] },
  freeQuestion: 'What would make the street better?',
  ...more,
});

const fieldsOf = (res: { json(): any }) =>
  res.json().errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`);

describe('opening a needs survey', () => {
  it('stewards open one; members, outsiders and another community cannot; bad input is refused whole', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const made = await s.asSteward.api('POST', `${s.api}/surveys`, needsSurvey());
    expect(made.statusCode, made.body).toBe(201);
    const survey = made.json();
    expect(survey.questions.needs.map((c: { key: string }) => c.key)).toEqual([
      'tools',
      'rides',
      'food',
      'seeds',
      'skills',
      'other-1',
    ]);
    expect(survey.questions.needs[0].label).toBe('Borrow tools');
    expect(survey.questions.offers[0].label).toBe('Lend tools');
    expect(survey.questions.needs[5].label).toBe('Dog walking');
    // The last day ends at midnight in the community's zone (Madrid, UTC+2 in summer, +1 now).
    expect(survey.closesAt).toBe('2027-03-31T22:00:00.000Z');
    expect(survey.link).toBe(`http://porch.test/c/${s.slug}/surveys/${survey.id}/answer`);

    const member = await s.asBeto.api('POST', `${s.api}/surveys`, needsSurvey());
    expect(member.statusCode).toBe(403);
    expect(member.json().code).toBe('surveys.only_stewards');
    expect((await t.visitor().api('POST', `${s.api}/surveys`, needsSurvey())).statusCode).toBe(401);
    const outsider = await t.as(await t.account());
    expect((await outsider.api('POST', `${s.api}/surveys`, needsSurvey())).statusCode).toBe(403);
    const other = await makeStreet(t);
    expect((await other.asSteward.api('GET', `${s.api}/surveys/${survey.id}`)).statusCode).toBe(403);
    expect((await other.asSteward.api('GET', `${other.api}/surveys/${survey.id}`)).statusCode).toBe(404);
    expect((await other.asSteward.api('GET', `${other.api}/surveys/${survey.id}/summary`)).statusCode).toBe(
      404,
    );

    const refused = async (body: Record<string, unknown>) => {
      const res = await s.asSteward.api('POST', `${s.api}/surveys`, body);
      expect(res.statusCode, res.body).toBe(422);
      return fieldsOf(res);
    };
    expect(await refused({ title: 'Nothing asked', closesOn: '2027-03-31' })).toEqual([
      'questions surveys.no_question',
    ]);
    expect(await refused(needsSurvey({ closesOn: '2027-02-28' }))).toEqual([
      'closesOn surveys.closes_in_past',
    ]);
    // A far last day is refused by name (its closing instant, the day after, would be past year 9999).
    expect(await refused(needsSurvey({ closesOn: '9999-12-31' }))).toEqual([
      'closesOn surveys.closes_too_far',
    ]);
    const far = await s.asSteward.api('POST', `${s.api}/surveys`, needsSurvey({ closesOn: '2099-01-01' }));
    expect(far.json().errors?.[0]?.message ?? far.body).toContain('days from today');
    expect(await refused(needsSurvey({ times: { choices: [] } }))).toEqual(['times surveys.no_choice']);
    expect(await refused(needsSurvey({ colour: 'red' }))).toEqual(['colour validation.additionalProperties']);
    expect(await refused(needsSurvey({ needs: { choices: ['unicorns'] } }))).toEqual([
      'needs validation.choice',
    ]);
    // Nothing of a refused survey was kept.
    expect((await s.asSteward.api('GET', `${s.api}/surveys`)).json().surveys).toHaveLength(1);
    // A message in the reader's language.
    const es = await t.as(await t.member(s.community, 'steward', { locale: 'es' }));
    const res = await es.api('POST', `${s.api}/surveys`, { title: 'Nada', closesOn: '2027-03-31' });
    expect(res.json().errors[0].message).toMatch(/^Haz al menos una pregunta/);
  });

  it('the form opens one with the questions ticked and the choices added one a line', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const form = await s.asSteward.get(`/c/${s.slug}/surveys/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="askNeeds"');
    expect((await s.asBeto.get(`/c/${s.slug}/surveys/new`)).statusCode).toBe(403);
    const none = await s.asSteward.post(`/c/${s.slug}/surveys`, { title: 'Empty', closesOn: '2027-03-10' });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Please ask at least one question');
    const long = await s.asSteward.post(`/c/${s.slug}/surveys`, {
      title: 'Long',
      closesOn: '2027-03-10',
      askNeeds: '1',
      needs: 'tools',
      needsOther: 'x'.repeat(61),
    });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Please keep each choice to 60 characters.');
    const done = await s.asSteward.post(`/c/${s.slug}/surveys`, {
      title: 'Our street',
      closesOn: '2027-03-10',
      askNeeds: '1',
      needs: ['tools', 'rides'],
      needsOther: 'Dog walking\n\nSnow shovelling',
      askTimes: '1',
      times: 'saturday_morning',
      offers: ['tools'],
    });
    expect(done.statusCode, done.body).toBe(303);
    const id = String(done.headers.location).split('/').pop();
    const survey = (await s.asSteward.api('GET', `${s.api}/surveys/${id}`)).json();
    expect(survey.questions.needs.map((c: { label: string }) => c.label)).toEqual([
      'Borrow tools',
      'Rides to appointments',
      'Dog walking',
      'Snow shovelling',
    ]);
    // The offers question was not ticked to be asked: its choices do not make it asked.
    expect(survey.questions.offers).toBeUndefined();
    expect(survey.questions.times).toHaveLength(1);
  });
});

describe('answering a needs survey', () => {
  it('a member answers once (again replaces it), anyone by the link, a steward types paper in; closed refuses', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const survey = (await s.asSteward.api('POST', `${s.api}/surveys`, needsSurvey())).json();
    const at = `${s.api}/surveys/${survey.id}`;
    const first = await s.asBeto.api('PUT', `${at}/answer`, {
      needs: ['tools', 'other-1'],
      times: ['saturday_morning'],
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().replaced).toBe(false);
    const again = await s.asBeto.api('PUT', `${at}/answer`, { needs: ['rides'], free: 'More trees' });
    expect(again.json().replaced).toBe(true);
    // Answers sent at once: each replaces the one before, and one answer stays.
    const both = await Promise.all(
      Array.from({ length: 8 }, () => s.asBeto.api('PUT', `${at}/answer`, { needs: ['food'] })),
    );
    expect(both.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    await s.asBeto.api('PUT', `${at}/answer`, { needs: ['rides'], free: 'More trees' });
    const mine = (await s.asBeto.api('GET', at)).json();
    expect(mine.answers).toBe(1);
    expect(mine.mine).toMatchObject({ needs: ['rides'], offers: [], times: [], free: 'More trees' });

    const refused = async (body: Record<string, unknown>) => {
      const res = await s.asAna.api('PUT', `${at}/answer`, body);
      expect(res.statusCode, res.body).toBe(422);
      return fieldsOf(res);
    };
    expect(await refused({})).toEqual(['needs surveys.empty_answer']);
    expect(await refused({ needs: ['unicorns'] })).toEqual(['needs surveys.unknown_choice']);
    expect(await refused({ needs: ['tools'], mood: 'good' })).toEqual([
      'mood validation.additionalProperties',
    ]);
    expect((await s.asAna.api('GET', at)).json().mine).toBeNull();

    // By the link, without an account: the page, and the API.
    const visitor = t.visitor();
    const page = await visitor.get(`/c/${s.slug}/surveys/${survey.id}/answer`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Dog walking');
    const byLink = await visitor.post(`/c/${s.slug}/surveys/${survey.id}/answer`, {
      needs: ['tools', 'food'],
      languages: 'es',
      name: 'Rosa',
    });
    expect(byLink.statusCode, byLink.body).toBe(303);
    const emptyByLink = await visitor.post(`/c/${s.slug}/surveys/${survey.id}/answer`, {});
    expect(emptyByLink.statusCode).toBe(422);
    expect(emptyByLink.body).toContain('Please tick at least one choice');
    expect((await visitor.api('POST', `${at}/link-answers`, { offers: ['tools'] })).statusCode).toBe(201);
    // Another community's survey is not found by its link there.
    const other = await makeStreet(t);
    expect((await visitor.get(`/c/${other.slug}/surveys/${survey.id}/answer`)).statusCode).toBe(404);
    // Visitors see no member page, no summary.
    expect((await visitor.api('GET', at)).statusCode).toBe(401);
    expect((await visitor.api('GET', `${at}/summary`)).statusCode).toBe(401);

    // Paper: stewards only, recorded as typed by them.
    expect((await s.asBeto.api('POST', `${at}/paper-answers`, { needs: ['seeds'] })).statusCode).toBe(403);
    const paper = await s.asSteward.post(`/c/${s.slug}/surveys/${survey.id}/paper-answers`, {
      needs: 'seeds',
      offers: ['seeds', 'tools'],
      name: 'Don Julio',
    });
    expect(paper.statusCode, paper.body).toBe(303);
    const typed = await t.services.db
      .selectFrom('surveyAnswer')
      .select(['source', 'typedBy', 'name', 'accountId'])
      .where('communityId', '=', s.community.id)
      .where('source', '=', 'paper')
      .execute();
    expect(typed).toEqual([{ source: 'paper', typedBy: s.steward.id, name: 'Don Julio', accountId: null }]);

    const summary = (await s.asSteward.api('GET', `${at}/summary`)).json();
    expect(summary.answers).toBe(4);
    expect(summary.bySource).toEqual({ member: 1, link: 2, paper: 1 });
    expect((await s.asBeto.api('GET', `${at}/summary`)).statusCode).toBe(403);

    // After the last day, in the community's zone: refused, and nothing written.
    setClock('2027-03-31T21:59:00Z');
    expect((await s.asAna.api('PUT', `${at}/answer`, { needs: ['tools'] })).statusCode).toBe(200);
    setClock('2027-03-31T22:00:00Z');
    const late = await s.asBeto.api('PUT', `${at}/answer`, { needs: ['tools'] });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('surveys.closed');
    expect((await s.asBeto.api('GET', at)).json().mine.needs).toEqual(['rides']);
    expect((await visitor.api('POST', `${at}/link-answers`, { needs: ['tools'] })).statusCode).toBe(409);
    const closedPage = await visitor.get(`/c/${s.slug}/surveys/${survey.id}/answer`);
    expect(closedPage.body).toContain('This survey is closed');
  });

  it('the link’s budget is per survey and address: one venue’s Wi-Fi answers 60 an hour, then 429', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const [one, two] = [
      (await s.asSteward.api('POST', `${s.api}/surveys`, needsSurvey())).json(),
      (await s.asSteward.api('POST', `${s.api}/surveys`, needsSurvey())).json(),
    ];
    const byLink = (id: string) =>
      t.app.inject({
        method: 'POST',
        url: `${s.api}/surveys/${id}/link-answers`,
        payload: { needs: ['tools'] },
        remoteAddress: '10.9.9.9',
      });
    for (let i = 0; i < 60; i++) expect((await byLink(one.id)).statusCode).toBe(201);
    expect((await byLink(one.id)).statusCode).toBe(429);
    expect((await byLink(two.id)).statusCode).toBe(201);
  });
});

describe('a survey’s summary', () => {
  it('counts a generated street’s answers exactly, matches needs with offers, finds the best time and suggests pilots', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const survey = (await s.asSteward.api('POST', `${s.api}/surveys`, needsSurvey())).json();
    const at = `${s.api}/surveys/${survey.id}`;
    // 60 neighbors: the i-th answers by a rule, so each count is known without reading the answers.
    const expected = new Map<string, number>();
    const count = (k: string) => expected.set(k, (expected.get(k) ?? 0) + 1);
    for (let i = 0; i < 60; i++) {
      const answer = {
        needs: [
          ...(i % 3 === 0 ? ['tools'] : []),
          ...(i % 5 === 0 ? ['rides'] : []),
          ...(i % 7 === 0 ? ['food'] : []),
          ...(i % 11 === 0 ? ['seeds'] : []),
        ],
        offers: [
          ...(i % 4 === 0 ? ['tools'] : []),
          ...(i % 9 === 0 ? ['rides'] : []),
          ...(i % 13 === 0 ? ['skills'] : []),
        ],
        times: [
          i % 2 === 0 ? 'saturday_morning' : 'weekday_evening',
          ...(i % 6 === 0 ? ['sunday_afternoon'] : []),
        ],
        languages: i % 4 === 1 ? ['es'] : ['en'],
      };
      for (const [q, keys] of Object.entries(answer)) for (const k of keys) count(`${q} ${k}`);
      if (i < 20) {
        const member = await t.as(await t.member(s.community));
        expect((await member.api('PUT', `${at}/answer`, answer)).statusCode).toBe(200);
      } else if (i < 50) {
        // By the link, each from its own address (the link's budget is per address).
        const res = await t.app.inject({
          method: 'POST',
          url: `${at}/link-answers`,
          payload: answer,
          remoteAddress: `10.0.${i}.1`,
        });
        expect(res.statusCode, res.body).toBe(201);
      } else {
        expect((await s.asSteward.api('POST', `${at}/paper-answers`, answer)).statusCode).toBe(201);
      }
    }
    const summary = (await s.asSteward.api('GET', `${at}/summary`)).json();
    expect(summary.answers).toBe(60);
    expect(summary.bySource).toEqual({ member: 20, link: 30, paper: 10 });
    // needs: tools 20 (i%3), rides 12 (i%5), food 9 (i%7), seeds 6 (i%11).
    expect(summary.needs.map((c: { key: string; count: number }) => `${c.key} ${c.count}`)).toEqual([
      'tools 20',
      'rides 12',
      'food 9',
      'seeds 6',
      'skills 0',
      'other-1 0',
    ]);
    for (const c of summary.needs) expect(c.count).toBe(expected.get(`needs ${c.key}`) ?? 0);
    // offers: tools 15 (i%4), rides 7 (i%9), skills 5 (i%13).
    expect(
      summary.offers.slice(0, 3).map((c: { key: string; count: number }) => `${c.key} ${c.count}`),
    ).toEqual(['tools 15', 'rides 7', 'skills 5']);
    expect(summary.matches).toEqual([
      { key: 'tools', label: 'Borrow tools', needs: 20, offers: 15 },
      { key: 'rides', label: 'Rides to appointments', needs: 12, offers: 7 },
    ]);
    // 30 even i on Saturday morning, 30 odd on weekday evenings, 10 also on Sunday: a tie, both best.
    expect(summary.times.map((c: { key: string; count: number }) => `${c.key} ${c.count}`)).toEqual([
      'weekday_evening 30',
      'saturday_morning 30',
      'sunday_afternoon 10',
    ]);
    expect(summary.bestTimes).toEqual(['weekday_evening', 'saturday_morning']);
    expect(summary.languages.map((c: { key: string; count: number }) => `${c.key} ${c.count}`)).toEqual([
      'en 45',
      'es 15',
    ]);
    // Tools (20 need, 15 lend) opens the shed; rides (12, 7) a ride pool; food and seeds are
    // needed but no one offers them; skills are offered but no one needs them.
    expect(summary.suggestions).toEqual([
      { project: 'tool_shed', topic: 'tools', needs: 20, offers: 15, path: '/library' },
      { project: 'ride_pool', topic: 'rides', needs: 12, offers: 7, path: '/board' },
    ]);
    const page = await s.asSteward.get(`/c/${s.slug}/surveys/${survey.id}/summary`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('20 want to borrow tools and 15 can lend: open the tool shed?');
  });

  it('the survey page shares its link as a QR code, and prints a paper form in the community’s languages', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const survey = (await s.asSteward.api('POST', `${s.api}/surveys`, needsSurvey())).json();
    const page = await s.asSteward.get(`/c/${s.slug}/surveys/${survey.id}`);
    expect(page.statusCode).toBe(200);
    const qr = await QRCode.toString(survey.link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    expect(page.body).toContain(qr);
    expect((await s.asBeto.get(`/c/${s.slug}/surveys/${survey.id}`)).body).not.toContain(qr);
    const paper = await s.asSteward.get(`/c/${s.slug}/surveys/${survey.id}/paper?paper=letter`);
    expect(paper.statusCode).toBe(200);
    expect(paper.body).toContain('paper-letter');
    expect(paper.body).toContain('Borrow tools');
    expect(paper.body).toContain('Pedir herramientas prestadas');
    expect(paper.body).toContain('¿Qué necesitas?');
    expect((await s.asBeto.get(`/c/${s.slug}/surveys/${survey.id}/paper`)).statusCode).toBe(403);
    const list = await s.asBeto.get(`/c/${s.slug}/surveys`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('What does Elm Street need?');
  });
});
