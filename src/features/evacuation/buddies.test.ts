import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import type { Account, Community } from '../../platform/db/database.ts';
import { escalateDrills } from './escalation.ts';

const t = useTestApp();

const api = (c: Community, rest = '') => `/api/v1/communities/${c.slug}/evacuation${rest}`;
const page = (c: Community, rest = '') => `/c/${c.slug}/evacuation${rest}`;

const home = (extra: Record<string, unknown> = {}) => ({
  address: '14 Harbour Lane',
  latitude: 41.854,
  longitude: -87.665,
  people: 2,
  phone: '+1 312 555 0101',
  consent: true,
  ...extra,
});

let n = 0;
/** Ana's household names Tom (in Spanish) as buddy and Lee as backup; Cora coordinates. */
async function street() {
  n += 1;
  const { community, steward } = await t.community();
  const cora = await t.member(community, 'coordinator', {
    displayName: 'Cora Coordinator',
    email: `cora${n}@example.org`,
  });
  const ana = await t.member(community, 'member', {
    displayName: 'Ana Household',
    email: `ana${n}@example.org`,
  });
  const tom = await t.member(community, 'member', {
    displayName: 'Tom Buddy',
    email: `tom${n}@example.org`,
    locale: 'es',
  });
  const lee = await t.member(community, 'member', {
    displayName: 'Lee Backup',
    email: `lee${n}@example.org`,
  });
  const sam = await t.member(community, 'member', { displayName: 'Sam Other', email: `sam${n}@example.org` });
  const res = await (await t.as(ana)).api(
    'PUT',
    api(community, '/household'),
    home({ buddyId: tom.id, backupBuddyId: lee.id }),
  );
  expect(res.statusCode, res.body).toBe(200);
  await t.runJobs();
  return { community, steward, cora, ana, tom, lee, sam, household: res.json().id as string };
}

const answer = async (who: Account, c: Community, householdId: string, value: string) =>
  (await t.as(who)).api('PUT', api(c, `/buddy/${householdId}`), { answer: value });
const subjects = (a: Account) => t.mailbox.to(a.email as string).map((m) => m.subject);

describe('asking a buddy', () => {
  it('asks each named buddy in their language, says what they will see, and waits in their "needs me"', async () => {
    const s = await street();
    const [toTom] = t.mailbox.to(s.tom.email as string);
    expect(toTom.subject).toBe('Ana Household te pide que seas su vecino de apoyo en una emergencia');
    expect(toTom.text).toContain(`/c/${s.community.slug}/evacuation/buddy`);
    expect(toTom.text).not.toContain('555'); // nothing of hers until he accepts
    expect(subjects(s.lee)).toEqual(['Ana Household asks you to be their buddy in an emergency']);
    expect(t.mailbox.to(s.lee.email as string)[0].text).toContain('to be their backup buddy');
    const lee = await t.as(s.lee);
    expect((await lee.get(`/c/${s.community.slug}`)).body).toContain(
      'asks you to be their buddy in an emergency.',
    );
    const shown = (await lee.get(page(s.community, '/buddy'))).body;
    expect(shown).toContain('asks you to be their backup buddy in an emergency');
    expect(shown).toContain(
      'What you will see: their name and phone number; during an alert, their address too, until it ends; never their needs',
    );
    expect(shown).toContain('You can stop at any time');
    expect(shown).not.toContain('555 0101');
    // The household and the coordinators see that nobody has answered yet.
    const own = (await (await t.as(s.ana)).get(page(s.community, '/household'))).body;
    expect(own).toContain('has not answered yet.');
    const list = (await (await t.as(s.cora)).get(page(s.community, '/households'))).body;
    expect(list).toContain('has not answered yet.');
    const view = (await (await t.as(s.ana)).api('GET', api(s.community, '/household'))).json().household;
    expect(view.buddy).toEqual({ accountId: s.tom.id, name: 'Tom Buddy', status: 'asked' });
  });

  it('a buddy named before buddies were asked (still at asked, never sent the ask) is asked when the next drill starts, once', async () => {
    const s = await street();
    // As migration 0043 left them: Sam named by Ana, at asked, with no ask ever sent.
    await t.services.db
      .updateTable('evacuationHousehold')
      .set({ backupBuddyId: s.sam.id, backupBuddyStatus: 'asked', backupBuddyAnsweredAt: null })
      .where('communityId', '=', s.community.id)
      .where('id', '=', s.household)
      .execute();
    const asks = (a: Account) => subjects(a).filter((x) => x.includes('asks you to be their'));
    const tomBefore = asks(s.tom).length;
    const cora = await t.as(s.cora);
    const first = await cora.api('POST', api(s.community, '/drills'), {
      deadline: new Date(t.clock.now().getTime() + 48 * 3600_000).toISOString(),
    });
    expect(first.statusCode, first.body).toBe(201);
    await t.runJobs();
    expect(asks(s.sam)).toEqual(['Ana Household asks you to be their buddy in an emergency']);
    // Tom was asked when Ana named him: not again.
    expect(asks(s.tom)).toHaveLength(tomBefore);
    expect((await cora.api('POST', api(s.community, `/drills/${first.json().id}/close`))).statusCode).toBe(
      200,
    );
    const second = await cora.api('POST', api(s.community, '/drills'), {
      deadline: new Date(t.clock.now().getTime() + 48 * 3600_000).toISOString(),
    });
    expect(second.statusCode).toBe(201);
    await t.runJobs();
    expect(asks(s.sam)).toHaveLength(1);
  });

  it('an accepted buddy sees the phone, the household is told; a buddy who stops tells the household and the coordinators', async () => {
    const s = await street();
    expect((await answer(s.tom, s.community, s.household, 'accepted')).statusCode).toBe(204);
    expect((await answer(s.tom, s.community, s.household, 'accepted')).statusCode).toBe(409);
    await t.runJobs();
    expect(subjects(s.ana)).toContain('Tom Buddy will check on you in an emergency');
    const tom = await t.as(s.tom);
    expect((await tom.get(`/c/${s.community.slug}`)).body).not.toContain('te pide que seas su vecino');
    const mine = (await tom.api('GET', api(s.community, '/buddy'))).json().households;
    expect(mine).toEqual([
      {
        householdId: s.household,
        name: 'Ana Household',
        role: 'buddy',
        status: 'accepted',
        answeredAt: expect.any(String),
        phone: '+1 312 555 0101',
      },
    ]);
    expect((await tom.get(page(s.community, '/buddy'))).body).toContain(
      'Ya no puedo ser el vecino de apoyo de',
    );

    // Lee declines by the page's form; then Tom stops.
    const lee = await t.as(s.lee);
    const declined = await lee.post(page(s.community, `/buddy/${s.household}`), { answer: 'declined' });
    expect(declined.statusCode).toBe(303);
    const stopped = await tom.post(page(s.community, `/buddy/${s.household}`), { answer: 'declined' });
    expect(stopped.statusCode).toBe(303);
    await t.runJobs();
    expect(subjects(s.ana)).toEqual(
      expect.arrayContaining(['Lee Backup cannot be your buddy', 'Tom Buddy can no longer be your buddy']),
    );
    expect(subjects(s.cora)).toEqual(['Ana Household has lost a buddy']);
    const own = (await (await t.as(s.ana)).get(page(s.community, '/household'))).body;
    expect(own).toContain('declined — please name someone else.');
    expect((await tom.api('GET', api(s.community, '/buddy'))).json().households[0]).toMatchObject({
      status: 'declined',
      phone: null,
    });
  });

  it('a changed buddy is asked anew and the one no longer named leaves it; a paper household’s buddy is asked too', async () => {
    const s = await street();
    expect((await answer(s.lee, s.community, s.household, 'accepted')).statusCode).toBe(204);
    const ana = await t.as(s.ana);
    // Lee stays (moved to buddy, still accepted); Sam is new; Tom is no longer named.
    const res = await ana.api(
      'PUT',
      api(s.community, '/household'),
      home({ buddyId: s.lee.id, backupBuddyId: s.sam.id }),
    );
    expect(res.statusCode).toBe(200);
    await t.runJobs();
    const view = (await ana.api('GET', api(s.community, '/household'))).json().household;
    expect([view.buddy.status, view.backupBuddy.status]).toEqual(['accepted', 'asked']);
    expect(subjects(s.sam)).toEqual(['Ana Household asks you to be their buddy in an emergency']);
    expect((await (await t.as(s.tom)).get(`/c/${s.community.slug}`)).body).not.toContain('te pide que seas');
    expect((await answer(s.tom, s.community, s.household, 'accepted')).statusCode).toBe(404);

    const pablo = await t.member(s.community, 'member', { displayName: 'Pablo Paper', email: null });
    const paper = await (await t.as(s.cora)).api('POST', api(s.community, '/households'), {
      ...home({ buddyId: s.sam.id }),
      accountId: pablo.id,
    });
    expect(paper.statusCode, paper.body).toBe(201);
    await t.runJobs();
    expect(subjects(s.sam)).toContain('Pablo Paper asks you to be their buddy in an emergency');
  });

  it('only the named buddy answers: anyone else is 404, another community’s too; bad answers are 422 with nothing stored', async () => {
    const s = await street();
    const other = await street();
    for (const who of [s.ana, s.sam, s.cora, s.steward])
      expect((await answer(who, s.community, s.household, 'accepted')).statusCode).toBe(404);
    // Tom of another community, for this household: from his community 404, in this one he is no member.
    expect((await answer(other.tom, other.community, s.household, 'accepted')).statusCode).toBe(404);
    expect((await answer(other.tom, s.community, s.household, 'accepted')).statusCode).toBe(403);
    expect(
      (await t.visitor().api('PUT', api(s.community, `/buddy/${s.household}`), { answer: 'accepted' }))
        .statusCode,
    ).toBe(401);
    const bad = await answer(s.tom, s.community, s.household, 'maybe');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('answer');
    const extra = await (await t.as(s.tom)).api('PUT', api(s.community, `/buddy/${s.household}`), {
      answer: 'accepted',
      phone: '1',
    });
    expect(extra.statusCode).toBe(422);
    const view = (await (await t.as(s.ana)).api('GET', api(s.community, '/household'))).json().household;
    expect(view.buddy.status).toBe('asked');
  });
});

describe('a drill with a buddy who has not accepted', () => {
  it('never sends them the phone: the accepted backup is asked instead, and with none the coordinators at once', async () => {
    const s = await street();
    expect((await answer(s.lee, s.community, s.household, 'accepted')).statusCode).toBe(204);
    const cora = await t.as(s.cora);
    const deadline = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    const started = await cora.api('POST', api(s.community, '/drills'), {
      deadline,
      coordinatorsAfterHours: 24,
    });
    expect(started.statusCode, started.body).toBe(201);
    await t.runJobs();
    const checks = (a: Account) =>
      t.mailbox.to(a.email as string).filter((m) => /check on|Llama a/.test(m.subject));
    t.clock.advance(3600 + 1); // the buddy's time: Tom has not accepted, Lee has
    await escalateDrills(t.services);
    await t.runJobs();
    expect(checks(s.tom)).toEqual([]);
    expect(checks(s.lee).map((m) => m.subject)).toEqual([
      'Please check on Ana Household: ride network drill',
    ]);
    expect(checks(s.lee)[0].text).toContain('+1 312 555 0101');
    const report = (await cora.api('GET', api(s.community, `/drills/${started.json().id}`))).json();
    expect(report.answers[0]).toMatchObject({
      buddyAsked: { person: { name: 'Lee Backup' } },
      noBuddy: false,
    });
    expect((await cora.api('POST', api(s.community, `/drills/${started.json().id}/close`))).statusCode).toBe(
      200,
    );

    // Lee stops: the next drill goes straight to the coordinators when the buddy's time comes.
    expect((await answer(s.lee, s.community, s.household, 'declined')).statusCode).toBe(204);
    const next = await cora.api('POST', api(s.community, '/drills'), {
      deadline: new Date(t.clock.now().getTime() + 3600_000).toISOString(),
      coordinatorsAfterHours: 24,
    });
    expect(next.statusCode, next.body).toBe(201);
    t.clock.advance(3600 + 1);
    await escalateDrills(t.services);
    await t.runJobs();
    expect([checks(s.tom).length, checks(s.lee).length]).toEqual([0, 1]);
    expect(subjects(s.cora)).toContain(
      '1 household has not answered the drill and has no buddy to check on them',
    );
    const again = (await cora.api('GET', api(s.community, `/drills/${next.json().id}`))).json();
    expect(again.answers[0]).toMatchObject({
      buddyAsked: null,
      noBuddy: true,
      coordinatorsToldAt: expect.any(String),
    });
  });
});

describe('a buddy whose membership ends', () => {
  const erase = (a: Account) =>
    t.services.db
      .updateTable('account')
      .set({ erasedAt: t.clock.now().toISOString() })
      .where('id', '=', a.id)
      .execute();

  it('erased (no app code runs): is named nowhere at once, and the household and the coordinators are told once', async () => {
    const s = await street();
    for (const who of [s.tom, s.lee])
      expect((await answer(who, s.community, s.household, 'accepted')).statusCode).toBe(204);
    await t.runJobs();
    const cora = await t.as(s.cora);
    const everywhere = async () =>
      [
        (await cora.get(page(s.community, '/households'))).body,
        (await cora.get(page(s.community, `/households/${s.household}`))).body,
        (await cora.get(page(s.community, '/contacts'))).body,
        (await cora.get(page(s.community, '/export/contacts.csv'))).body,
        (await cora.get(page(s.community, '/export/contacts.vcf'))).body,
        (await (await t.as(s.ana)).get(page(s.community, '/household'))).body,
      ].join('\n');
    expect(await everywhere()).toContain('Tom Buddy');
    await erase(s.tom);
    // The database took him off with the membership: nothing names him, before any job runs.
    const shown = await everywhere();
    expect(shown).not.toContain('Tom Buddy');
    expect(shown).toContain('Lee Backup');
    const view = (await (await t.as(s.ana)).api('GET', api(s.community, '/household'))).json().household;
    expect(view.buddy).toBeNull();
    expect(view.backupBuddy).toMatchObject({ accountId: s.lee.id, status: 'accepted' });

    const before = { ana: subjects(s.ana).length, cora: subjects(s.cora).length };
    t.clock.advance(61);
    await t.runJobs();
    expect(subjects(s.ana).slice(before.ana)).toEqual(['A buddy of yours is no longer in the community']);
    expect(t.mailbox.to(s.ana.email as string).at(-1)?.text).toContain('Lee Backup still will');
    expect(subjects(s.cora).slice(before.cora)).toEqual(['Ana Household has lost a buddy']);
    t.clock.advance(61);
    await t.runJobs();
    expect(subjects(s.ana)).toHaveLength(before.ana + 1);
    expect(subjects(s.cora)).toHaveLength(before.cora + 1);

    // The backup goes too (removed through the app): told at once that nobody checks on them now.
    const steward = await t.as(s.steward);
    expect(
      (await steward.api('DELETE', `/api/v1/communities/${s.community.slug}/members/${s.lee.id}`)).statusCode,
    ).toBe(200);
    // Not the minute's job (not due yet): the removal told them in its own transaction.
    await t.runJobs();
    expect(subjects(s.cora).slice(before.cora + 1)).toEqual(['Ana Household has lost a buddy']);
    expect(t.mailbox.to(s.cora.email as string).at(-1)?.text).toContain(
      'Ana Household now has no buddy who accepted',
    );
    const after = (await (await t.as(s.ana)).api('GET', api(s.community, '/household'))).json().household;
    expect(after).toMatchObject({ buddy: null, backupBuddy: null });
    expect(await everywhere()).not.toContain('Lee Backup');
  });
});
