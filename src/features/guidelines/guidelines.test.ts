import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeStreet, moveClock } from '../../../test/support/shifts.ts';
import { findCommunityContext } from '../../platform/context.ts';
import { decidedInMonth } from './service.ts';

const t = useTestApp();
const setClock = (instant: string) => moveClock(t, instant);

/** A proposal that gives the street its shed guidelines, deciding on 2027-03-08 at 20:00 (Madrid). */
const shedRules = (more: Record<string, unknown> = {}) => ({
  title: 'Shed guidelines',
  body: 'Tools go back clean, within a week.',
  rationale: 'Three spades came back muddy last month.',
  change: 'replace',
  guidelineText: 'Be kind.\nReturn tools clean within a week.',
  deadline: '2027-03-08T20:00',
  ...more,
});

/** The open tasks ("needs me") of `accountId` about `subjectId`. */
async function openTasks(communityId: string, accountId: string, subjectId: string) {
  return t.services.db
    .selectFrom('notification')
    .select(['task', 'subjectKey'])
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .where('subjectId', '=', subjectId)
    .where('task', 'is not', null)
    .where('doneAt', 'is', null)
    .execute();
}

describe('who may do what, on both databases', () => {
  it('members propose and take part; stewards start the guidelines and extend; another community’s is 404', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const coordinator = await t.as(await t.member(s.community, 'coordinator'));
    const outsider = await t.as(await t.account());
    const other = await makeStreet(t);

    // Only a steward sets version 1; once set, only proposals change the guidelines.
    const refusedStart = await s.asAna.api('POST', `${s.api}/guidelines`, { body: 'Be kind.' });
    expect(refusedStart.statusCode).toBe(403);
    expect(refusedStart.json().code).toBe('guidelines.only_stewards');
    expect((await coordinator.api('POST', `${s.api}/guidelines`, { body: 'Be kind.' })).statusCode).toBe(403);
    const v1 = await s.asSteward.api('POST', `${s.api}/guidelines`, { body: 'Be kind.' });
    expect(v1.statusCode, v1.body).toBe(201);
    expect(v1.json()).toMatchObject({ number: 1, body: 'Be kind.', proposalId: null });
    const again = await s.asSteward.api('POST', `${s.api}/guidelines`, { body: 'Be nice.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('guidelines.already_started');

    // Any member (a coordinator too) proposes and takes part.
    const made = await coordinator.api('POST', `${s.api}/proposals`, shedRules());
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    expect(made.json()).toMatchObject({ status: 'open', standing: 'no_votes', takingPositions: true });
    for (const who of [s.asAna, s.asBeto, s.asSteward, coordinator]) {
      expect(
        (await who.api('PUT', `${s.api}/proposals/${id}/position`, { stance: 'agree' })).statusCode,
      ).toBe(200);
    }
    expect(
      (await s.asAna.api('POST', `${s.api}/proposals/${id}/comments`, { body: 'Yes!' })).statusCode,
    ).toBe(201);

    // Extending: stewards only. Revising: the proposer or a steward.
    const extendBy = (c: typeof s.asAna) =>
      c.api('PUT', `${s.api}/proposals/${id}/deadline`, { deadline: '2027-03-09T20:00' });
    expect((await extendBy(s.asAna)).json().code).toBe('guidelines.only_stewards_extend');
    expect((await extendBy(coordinator)).statusCode).toBe(403);
    expect((await extendBy(s.asSteward)).statusCode).toBe(200);
    const reviseBy = (c: typeof s.asAna) =>
      c.api('PATCH', `${s.api}/proposals/${id}`, { rationale: 'Muddy spades.' });
    expect((await reviseBy(s.asBeto)).json().code).toBe('guidelines.only_proposer_revises');
    expect((await reviseBy(coordinator)).statusCode).toBe(200);
    expect((await reviseBy(s.asSteward)).statusCode).toBe(200);

    // Someone who is not a member: 403; another community's proposal and versions: 404.
    expect((await outsider.api('GET', `${s.api}/proposals/${id}`)).statusCode).toBe(403);
    expect((await outsider.api('GET', `${s.api}/guidelines`)).json().code).toBe('errors.members_only');
    const elsewhere = await other.asSteward.api('GET', `${other.api}/proposals/${id}`);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().code).toBe('guidelines.proposal_not_found');
    for (const [method, path, body] of [
      ['PUT', `/proposals/${id}/position`, { stance: 'block', reason: 'No.' }],
      ['POST', `/proposals/${id}/comments`, { body: 'Hi' }],
      ['PUT', `/proposals/${id}/deadline`, { deadline: '2027-03-10T20:00' }],
      ['PATCH', `/proposals/${id}`, { title: 'Taken over' }],
    ] as const) {
      const res = await other.asSteward.api(method, `${other.api}${path}`, body);
      expect(res.statusCode, `${method} ${path}`).toBe(404);
    }
    expect((await other.asSteward.api('GET', `${other.api}/guidelines/versions/1`)).statusCode).toBe(404);
    expect((await s.asAna.api('GET', `${s.api}/proposals/${id}`)).json().positions).toEqual([]);
  });
});

describe('the consent rules, as the close job applies them', () => {
  it('one position per member, a block needs its reason, no positions after the deadline; passing makes version 2', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    await s.asSteward.api('POST', `${s.api}/guidelines`, { body: 'Be kind.' });
    const p = (await s.asBeto.api('POST', `${s.api}/proposals`, shedRules())).json();
    const position = (c: typeof s.asAna, body: Record<string, unknown>) =>
      c.api('PUT', `${s.api}/proposals/${p.id}/position`, body);

    // Everyone else is asked; the proposal shows the difference it would make.
    expect(await openTasks(s.community.id, s.ana.id, p.id)).toEqual([
      { task: 'guidelines.respond', subjectKey: 'guidelines.mail.opened.subject' },
    ]);
    expect(await openTasks(s.community.id, s.beto.id, p.id)).toEqual([]);

    const noReason = await position(s.asAna, { stance: 'block' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors).toEqual([
      expect.objectContaining({ field: 'reason', code: 'guidelines.block_needs_reason' }),
    ]);
    const blocked = await position(s.asAna, {
      stance: 'block',
      reason: 'A week is too short for the ladder.',
    });
    expect(blocked.json()).toMatchObject({ standing: 'blocked', tally: { block: 1, total: 1 } });
    // Her task is settled once she took a position.
    expect(await openTasks(s.community.id, s.ana.id, p.id)).toEqual([]);
    // A second position replaces the first: the block is withdrawn.
    const changed = await position(s.asAna, { stance: 'agree', reason: 'Fine, with the ladder rule.' });
    expect(changed.json().tally).toEqual({ agree: 1, abstain: 0, disagree: 0, block: 0, total: 1 });
    expect(changed.json().positions).toEqual([
      expect.objectContaining({ name: 'Ana', stance: 'agree', reason: 'Fine, with the ladder rule.' }),
    ]);
    expect(changed.json().mine).toEqual({ stance: 'agree', reason: 'Fine, with the ladder rule.' });
    await position(s.asSteward, { stance: 'abstain' });
    await position(s.asBeto, { stance: 'disagree' });
    expect((await s.asBeto.api('GET', `${s.api}/proposals/${p.id}`)).json().standing).toBe('passed');

    // The deadline passes: positions refused, whether or not the job has run yet.
    setClock('2027-03-08T19:00:01Z');
    const late = await position(s.asAna, { stance: 'block', reason: 'Too late?' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('guidelines.voting_closed');
    expect(late.json().detail).toBe('The deadline has passed: positions can no longer be given or changed.');
    await t.runJobs();
    const closed = (await s.asAna.api('GET', `${s.api}/proposals/${p.id}`)).json();
    expect(closed).toMatchObject({
      status: 'closed',
      outcome: 'passed',
      versionMade: 2,
      takingPositions: false,
    });

    // Version 2: made by the proposal, its proposer counted as having read it; the others asked.
    const g = (await s.asAna.api('GET', `${s.api}/guidelines`)).json();
    expect(g.current).toMatchObject({
      number: 2,
      body: 'Be kind.\nReturn tools clean within a week.',
      proposalId: p.id,
    });
    expect(g.needsReading).toBe(true);
    expect(g.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect(g.versions[0]).toMatchObject({ proposalTitle: 'Shed guidelines', madeByName: 'Beto' });
    expect((await s.asBeto.api('GET', `${s.api}/guidelines`)).json()).toMatchObject({
      needsReading: false,
      acknowledged: { number: 2 },
    });
    // Those who took part are told the outcome by mail (daily digest: after the digest runs).
    const told = await t.services.db
      .selectFrom('notification')
      .select(['accountId', 'subjectKey'])
      .where('communityId', '=', s.community.id)
      .where('subjectId', '=', p.id)
      .where('subjectKey', '=', 'guidelines.mail.closed_passed.subject')
      .execute();
    expect(told.map((n) => n.accountId).sort()).toEqual([s.ana.id, s.beto.id, s.steward.id].sort());

    // The outcome statement: the proposer or a steward, once closed.
    const statement = { statement: 'Agreed: tools back clean within a week; the ladder within three days.' };
    expect((await s.asAna.api('PUT', `${s.api}/proposals/${p.id}/outcome`, statement)).statusCode).toBe(403);
    const written = await s.asBeto.api('PUT', `${s.api}/proposals/${p.id}/outcome`, statement);
    expect(written.json().outcomeStatement).toBe(statement.statement);
    // A passed proposal no longer changes.
    expect((await s.asBeto.api('PATCH', `${s.api}/proposals/${p.id}`, { title: 'x' })).json().code).toBe(
      'guidelines.proposal_closed',
    );

    // The difference between versions, word by word.
    const diff = (await s.asAna.api('GET', `${s.api}/guidelines/compare?from=1&to=2`)).json();
    expect(
      diff.parts
        .filter((x: { kind: string }) => x.kind === 'added')
        .map((x: { text: string }) => x.text)
        .join(''),
    ).toContain('Return tools clean within a week.');
    expect((await s.asAna.api('GET', `${s.api}/guidelines/compare?from=1&to=3`)).statusCode).toBe(404);

    // Acknowledging: the current version only; it settles the task; again is no change.
    const old = await s.asAna.api('POST', `${s.api}/guidelines/acknowledgements`, { number: 1 });
    expect(old.statusCode).toBe(409);
    expect(old.json().code).toBe('guidelines.not_current');
    const version = g.current;
    const versionId = (
      await t.services.db
        .selectFrom('guidelineVersion')
        .select('id')
        .where('communityId', '=', s.community.id)
        .where('number', '=', version.number)
        .executeTakeFirstOrThrow()
    ).id;
    expect(await openTasks(s.community.id, s.ana.id, versionId)).toHaveLength(1);
    const read = (await s.asAna.api('POST', `${s.api}/guidelines/acknowledgements`, { number: 2 })).json();
    expect(read).toEqual({ number: 2, at: expect.stringMatching(/^2027-03-08T19:00/) });
    setClock('2027-03-09T10:00:00Z');
    expect((await s.asAna.api('POST', `${s.api}/guidelines/acknowledgements`, { number: 2 })).json().at).toBe(
      read.at,
    );
    expect(await openTasks(s.community.id, s.ana.id, versionId)).toEqual([]);
    expect((await s.asAna.api('GET', `${s.api}/guidelines`)).json().needsReading).toBe(false);

    // For the newsletter: proposals decided in March, with the version each made.
    const community = await findCommunityContext(t.services, s.community.id);
    expect(await decidedInMonth(t.services, community!, '2027-03')).toEqual([
      {
        id: p.id,
        title: 'Shed guidelines',
        outcome: 'passed',
        outcomeStatement: statement.statement,
        closedAt: expect.stringMatching(/^2027-03-08T19:00/),
        versionNumber: 2,
      },
    ]);
    expect(await decidedInMonth(t.services, community!, '2027-02')).toEqual([]);
  });

  it('a block at the deadline stops it until the proposer revises it; no positions decide nothing; abstaining alone does not pass', async () => {
    setClock('2027-04-01T09:00:00Z');
    const s = await makeStreet(t);
    const put = (body: Record<string, unknown>) =>
      s.asBeto.api('POST', `${s.api}/proposals`, shedRules(body));
    const blockedOne = (await put({ deadline: '2027-04-03T12:00' })).json();
    const silent = (await put({ title: 'Nobody looks', deadline: '2027-04-03T12:00' })).json();
    const shrug = (
      await put({ title: 'Shrugs', change: 'none', guidelineText: undefined, deadline: '2027-04-03T12:00' })
    ).json();
    const position = (c: typeof s.asAna, id: string, body: Record<string, unknown>) =>
      c.api('PUT', `${s.api}/proposals/${id}/position`, body);
    await position(s.asAna, blockedOne.id, { stance: 'block', reason: 'The shed has no key yet.' });
    await position(s.asSteward, blockedOne.id, { stance: 'agree' });
    await position(s.asBeto, blockedOne.id, { stance: 'agree' });
    await position(s.asAna, shrug.id, { stance: 'abstain' });
    await position(s.asSteward, shrug.id, { stance: 'disagree' });

    setClock('2027-04-03T10:00:00Z');
    expect(await t.runJobs()).toBeGreaterThan(0);
    const get = async (id: string) => (await s.asAna.api('GET', `${s.api}/proposals/${id}`)).json();
    expect((await get(blockedOne.id)).outcome).toBe('blocked');
    expect((await get(silent.id)).outcome).toBe('no_votes');
    expect((await get(shrug.id)).outcome).toBe('not_passed');
    expect((await s.asAna.api('GET', `${s.api}/guidelines`)).json().current).toBeNull();

    // Revising a blocked proposal needs a new deadline, reopens it, and asks everyone again.
    const noDeadline = await s.asBeto.api('PATCH', `${s.api}/proposals/${blockedOne.id}`, {
      body: 'With a key box.',
    });
    expect(noDeadline.statusCode).toBe(422);
    expect(noDeadline.json().errors[0]).toMatchObject({
      field: 'deadline',
      code: 'guidelines.deadline_required',
    });
    const reopened = await s.asBeto.api('PATCH', `${s.api}/proposals/${blockedOne.id}`, {
      body: 'With a key box.',
      deadline: '2027-04-06T12:00',
    });
    expect(reopened.json()).toMatchObject({ status: 'open', outcome: null, revision: 1, positions: [] });
    expect(await openTasks(s.community.id, s.ana.id, blockedOne.id)).toEqual([
      { task: 'guidelines.respond', subjectKey: 'guidelines.mail.revised.subject' },
    ]);
    await position(s.asAna, blockedOne.id, { stance: 'agree' });
    setClock('2027-04-06T10:00:01Z');
    await t.runJobs();
    expect((await get(blockedOne.id)).outcome).toBe('passed');
    // Passing with no guidelines yet makes version 1.
    expect((await s.asAna.api('GET', `${s.api}/guidelines`)).json().current).toMatchObject({ number: 1 });
  });
});

describe('bad input and concurrent positions', () => {
  it('refuses what cannot be, in the reader’s language, and writes nothing', async () => {
    setClock('2027-05-01T09:00:00Z');
    const s = await makeStreet(t);
    const count = async () =>
      (
        await t.services.db
          .selectFrom('proposal')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('communityId', '=', s.community.id)
          .executeTakeFirstOrThrow()
      ).n;
    const refused = async (body: Record<string, unknown>) => {
      const res = await s.asAna.api(
        'POST',
        `${s.api}/proposals`,
        shedRules({ deadline: '2027-05-08T20:00', ...body }),
      );
      expect(res.statusCode, res.body).toBe(422);
      return res.json().errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`);
    };
    expect(await refused({ deadline: '2027-04-30T12:00' })).toEqual(['deadline guidelines.deadline_past']);
    expect(await refused({ deadline: '2027-09-30T12:00' })).toEqual(['deadline guidelines.deadline_too_far']);
    // One member's agree cannot pass it before the others could hear of it: 48 hours at least (47½ here).
    expect(await refused({ deadline: '2027-05-03T10:30' })).toEqual([
      'deadline guidelines.deadline_too_soon',
    ]);
    expect(await refused({ guidelineText: undefined })).toEqual(['guidelineText guidelines.text_required']);
    expect(await refused({ change: 'amend' })).toEqual(['change guidelines.amend_needs_version']);
    expect(await refused({ change: 'none' })).toEqual(['change guidelines.choose_change']);
    expect(await refused({ deadline: '2027-05-40T12:00' })).toEqual(['deadline guidelines.deadline_format']);
    expect(await refused({ deadline: '8 May, 8 pm' })).toEqual(['deadline guidelines.deadline_format']);
    expect(await refused({ secret: 1 })).toEqual(['secret validation.additionalProperties']);
    expect(await count()).toBe(0);

    // In Spanish, beside the field.
    const asEs = await t.as(await t.member(s.community, 'member', { locale: 'es' }));
    const es = await asEs.api('POST', `${s.api}/proposals`, shedRules({ deadline: '2027-04-30T12:00' }));
    expect(es.json().errors[0].message).toBe('Elige un plazo posterior a ahora.');
    const far = await asEs.api('POST', `${s.api}/proposals`, shedRules({ deadline: '2027-09-30T12:00' }));
    expect(far.json().errors[0].message).toBe('Elige un plazo como mucho a 90 días.');

    // A steward's extension must be later, and in the future.
    const p = (
      await s.asAna.api('POST', `${s.api}/proposals`, shedRules({ deadline: '2027-05-03T12:00' }))
    ).json();
    const earlier = await s.asSteward.api('PUT', `${s.api}/proposals/${p.id}/deadline`, {
      deadline: '2027-05-02T12:00',
    });
    expect(earlier.json().errors[0].code).toBe('guidelines.deadline_not_later');

    // Many positions from one member at once: one row, the last one written.
    const at = `${s.api}/proposals/${p.id}/position`;
    const answers = await Promise.all(
      (['agree', 'abstain', 'disagree', 'agree', 'abstain', 'agree'] as const).map((stance) =>
        s.asBeto.api('PUT', at, { stance }),
      ),
    );
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    const rows = await t.services.db
      .selectFrom('proposalPosition')
      .selectAll()
      .where('communityId', '=', s.community.id)
      .where('proposalId', '=', p.id)
      .execute();
    expect(rows).toHaveLength(1);
    // The database refuses a second row and a block without a reason, whatever the code does.
    await expect(
      t.services.db
        .insertInto('proposalPosition')
        .values({ ...rows[0], id: crypto.randomUUID() })
        .execute(),
    ).rejects.toThrow();
    await expect(
      t.services.db
        .updateTable('proposalPosition')
        .set({ stance: 'block', reason: '' })
        .where('communityId', '=', s.community.id)
        .where('id', '=', rows[0].id)
        .execute(),
    ).rejects.toThrow();
  });
});

describe('the review date', () => {
  it('reminds the stewards that morning, once, while the version is current', async () => {
    setClock('2027-06-01T10:00:00Z');
    const s = await makeStreet(t);
    const past = await s.asSteward.api('POST', `${s.api}/guidelines`, {
      body: 'Be kind.',
      reviewOn: '2027-06-01',
    });
    expect(past.json().errors[0].code).toBe('guidelines.review_not_future');
    await s.asSteward.api('POST', `${s.api}/guidelines`, { body: 'Be kind.' });
    expect(
      (await s.asAna.api('PUT', `${s.api}/guidelines/review`, { reviewOn: '2027-06-10' })).statusCode,
    ).toBe(403);
    const set = await s.asSteward.api('PUT', `${s.api}/guidelines/review`, { reviewOn: '2027-06-10' });
    expect(set.json().reviewOn).toBe('2027-06-10');
    const reminders = () =>
      t.services.db
        .selectFrom('notification')
        .select('accountId')
        .where('communityId', '=', s.community.id)
        .where('subjectKey', '=', 'guidelines.mail.review.subject')
        .execute();
    setClock('2027-06-10T06:59:00Z');
    await t.runJobs();
    expect(await reminders()).toEqual([]);
    // 09:00 in Madrid (summer time) is 07:00 UTC.
    setClock('2027-06-10T07:00:01Z');
    await t.runJobs();
    expect(await reminders()).toEqual([{ accountId: s.steward.id }]);
    await t.runJobs();
    expect(await reminders()).toHaveLength(1);
  });
});

describe('when a membership ends, and reading the current version', () => {
  it('a removed or erased member’s position no longer counts nor is listed; their tasks are settled', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const cata = await t.member(s.community, 'member', { displayName: 'Cata' });
    const asCata = await t.as(cata);
    await s.asSteward.api('POST', `${s.api}/guidelines`, { body: 'Be kind.' });
    const p = (await s.asBeto.api('POST', `${s.api}/proposals`, shedRules())).json();
    const position = (c: typeof s.asAna, body: Record<string, unknown>) =>
      c.api('PUT', `${s.api}/proposals/${p.id}/position`, body);
    await position(s.asBeto, { stance: 'agree' });
    await position(s.asAna, { stance: 'block', reason: 'The shed is mine.' });
    await position(asCata, { stance: 'block', reason: 'Not this week.' });
    expect((await s.asBeto.api('GET', `${s.api}/proposals/${p.id}`)).json().tally.block).toBe(2);

    // Ana is removed: her block is withdrawn, her name gone, her tasks settled.
    expect((await s.asSteward.api('DELETE', `${s.api}/members/${s.ana.id}`)).statusCode).toBe(200);
    const after = (await s.asBeto.api('GET', `${s.api}/proposals/${p.id}`)).json();
    expect(after.tally).toMatchObject({ block: 1, agree: 1, total: 2 });
    expect(after.positions.map((x: { name: string }) => x.name)).toEqual(['Beto', 'Cata']);
    const anaTasks = await t.services.db
      .selectFrom('notification')
      .select('task')
      .where('communityId', '=', s.community.id)
      .where('accountId', '=', s.ana.id)
      .where('task', 'in', ['guidelines.respond', 'guidelines.read'])
      .where('doneAt', 'is', null)
      .execute();
    expect(anaTasks).toEqual([]);

    // Cata's account is erased (the database ends the membership, no app code runs): her block no
    // longer stands either, and the proposal passes at its deadline.
    await t.services.db
      .updateTable('account')
      .set({ erasedAt: '2027-03-02T10:00:00.000Z' })
      .where('id', '=', cata.id)
      .execute();
    const erased = (await s.asBeto.api('GET', `${s.api}/proposals/${p.id}`)).json();
    expect(erased).toMatchObject({ standing: 'passed', tally: { block: 0, agree: 1, total: 1 } });
    expect(erased.positions.map((x: { name: string }) => x.name)).toEqual(['Beto']);
    setClock('2027-03-08T19:00:01Z');
    await t.runJobs();
    expect((await s.asBeto.api('GET', `${s.api}/proposals/${p.id}`)).json()).toMatchObject({
      status: 'closed',
      outcome: 'passed',
    });
  });

  it('acknowledging the current version settles every earlier version’s request to read', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    await s.asSteward.api('POST', `${s.api}/guidelines`, { body: 'Be kind.' });
    const p = (await s.asBeto.api('POST', `${s.api}/proposals`, shedRules({ change: 'amend' }))).json();
    await s.asBeto.api('PUT', `${s.api}/proposals/${p.id}/position`, { stance: 'agree' });
    setClock('2027-03-08T19:00:01Z');
    await t.runJobs();
    const reads = () =>
      t.services.db
        .selectFrom('notification')
        .select('subjectId')
        .where('communityId', '=', s.community.id)
        .where('accountId', '=', s.ana.id)
        .where('task', '=', 'guidelines.read')
        .where('doneAt', 'is', null)
        .execute();
    expect(await reads()).toHaveLength(2);
    const read = await s.asAna.api('POST', `${s.api}/guidelines/acknowledgements`, { number: 2 });
    expect(read.statusCode, read.body).toBe(200);
    expect(await reads()).toEqual([]);
  });
});

describe('a change passed after the guidelines moved', () => {
  it('is not applied: it ends needing a revision, its proposer and the stewards are told, and a revision puts it again', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    await s.asSteward.api('POST', `${s.api}/guidelines`, { body: 'Be kind.' });
    const amend = (
      await s.asAna.api(
        'POST',
        `${s.api}/proposals`,
        shedRules({ change: 'amend', guidelineText: 'Rule 0.' }),
      )
    ).json();
    const replace = (
      await s.asBeto.api(
        'POST',
        `${s.api}/proposals`,
        shedRules({ guidelineText: 'Rule 2.', deadline: '2027-03-09T20:00' }),
      )
    ).json();
    expect(replace.baseVersion).toBe(1);
    await s.asAna.api('PUT', `${s.api}/proposals/${amend.id}/position`, { stance: 'agree' });
    await s.asBeto.api('PUT', `${s.api}/proposals/${replace.id}/position`, { stance: 'agree' });
    setClock('2027-03-09T19:00:01Z');
    await t.runJobs();

    // The amendment made version 2; the replacement, written against version 1, did not undo it.
    const g = (await s.asAna.api('GET', `${s.api}/guidelines`)).json();
    expect(g.current).toMatchObject({ number: 2, body: 'Be kind.\n\nRule 0.' });
    const stale = (await s.asBeto.api('GET', `${s.api}/proposals/${replace.id}`)).json();
    expect(stale).toMatchObject({
      status: 'closed',
      outcome: 'passed',
      versionMade: null,
      needsRevision: true,
    });
    const told = await t.services.db
      .selectFrom('notification')
      .select('accountId')
      .where('communityId', '=', s.community.id)
      .where('subjectId', '=', replace.id)
      .where('subjectKey', '=', 'guidelines.mail.closed_needs_revision.subject')
      .execute();
    expect(told.map((n) => n.accountId).sort()).toEqual([s.beto.id, s.steward.id].sort());
    const page = await s.asBeto.get(`/c/${s.slug}/proposals/${replace.id}`, { 'accept-language': 'es' });
    expect(page.body).toContain('las normas cambiaron después de escribirla (sobre la versión 1)');

    // Someone else may not revise it; its proposer revises it against version 2, with a new deadline.
    expect((await s.asAna.api('PATCH', `${s.api}/proposals/${replace.id}`, { title: 'x' })).statusCode).toBe(
      403,
    );
    const revised = await s.asBeto.api('PATCH', `${s.api}/proposals/${replace.id}`, {
      guidelineText: 'Be kind.\n\nRule 0.\n\nRule 2.',
      deadline: '2027-03-20T20:00',
    });
    expect(revised.statusCode, revised.body).toBe(200);
    expect(revised.json()).toMatchObject({ status: 'open', outcome: null, baseVersion: 2 });
    expect((await s.asBeto.api('GET', `${s.api}/proposals/${replace.id}`)).json().needsRevision).toBe(false);
  });
});

describe('the hourly budget for proposing', () => {
  it('counts what was created, not what was refused for its input', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    for (let i = 0; i < 22; i++) {
      const refused = await s.asAna.api(
        'POST',
        `${s.api}/proposals`,
        shedRules({ deadline: '2027-03-01T12:00' }),
      );
      expect(refused.statusCode).toBe(422);
    }
    const made = await s.asAna.api('POST', `${s.api}/proposals`, shedRules());
    expect(made.statusCode, made.body).toBe(201);
  });
});
