/**
 * "Needs me" reads from the notifications: a notification that asks something stays there until
 * the change that settles its subject — whoever makes it, in its own transaction — or until the
 * member marks it done. One test per settling change, the "done" routes per role, preferences
 * that hide nothing, and the migration's backfill of what was open before.
 */
import { describe, expect, it } from 'vitest';
import { backfill } from '../../../migrations/0031_needs_me.ts';
import { useTestApp } from '../../../test/support/app.ts';
import { makeItem, makeLoan, today } from '../../../test/support/library.ts';
import { createPost } from '../../../test/support/posts.ts';
import type { Account, Community } from '../../platform/db/database.ts';
import { addDays, addMonths } from '../../platform/db/time.ts';

const t = useTestApp();

const api = (c: Community, rest = '') => `/api/v1/communities/${c.slug}${rest}`;

interface Line {
  kind: string;
  title: string;
  text: string;
  count: number;
  notificationId: string;
}

/** What needs `who` in `community`, as the porch's API lists it. */
async function needs(who: Account, community: Community): Promise<Line[]> {
  const res = await (await t.as(who)).api('GET', api(community, '/porch'));
  expect(res.statusCode, res.body).toBe(200);
  return res.json().needsMe;
}

/** The same, as `task title` lines. */
async function lines(who: Account, community: Community): Promise<string[]> {
  return (await needs(who, community)).map((l) => `${l.kind} ${l.title}`);
}

/** POSTs an action as `who` and expects `status`. */
async function act(who: Account, path: string, body: Record<string, unknown> = {}, status = 200) {
  const res = await (await t.as(who)).api('POST', path, body);
  expect(res.statusCode, res.body).toBe(status);
  return res;
}

describe('a loan', () => {
  it('of the shed asks every steward to answer until one does; then the borrower to collect and the stewards to hand over, until it is picked up; then to bring it back, until it is', async () => {
    const { community, steward } = await t.community();
    const other = await t.member(community, 'steward');
    const borrower = await t.member(community, 'member', { displayName: 'Bruno' });
    const shed = await makeItem(t, community, { owner: null, name: 'Wheelbarrow' });
    const day = today(t, community);
    const loan = (
      await act(
        borrower,
        api(community, `/items/${shed.id}/loans`),
        { startsOn: day, dueOn: addDays(day, 2) },
        201,
      )
    ).json().id as string;
    for (const s of [steward, other])
      expect(await lines(s, community)).toEqual(['library.answer Wheelbarrow']);
    expect(await lines(borrower, community)).toEqual([]);

    // The other steward answers: the first steward's request is settled with it.
    await act(other, api(community, `/loans/${loan}/approve`));
    expect(await lines(borrower, community)).toEqual(['library.collect Wheelbarrow']);
    for (const s of [steward, other])
      expect(await lines(s, community)).toEqual(['library.hand_over Wheelbarrow']);
    const [line] = await needs(borrower, community);
    expect(line.text).toBe(`Collect it from the shed at Front porch on ${line.text.split(' on ')[1]}`);
    await t.runJobs();
    // Who approved knows: no mail for them to hand it over; the other steward is told.
    expect(t.mailbox.to(steward.email as string).map((m) => m.subject)).toContain(
      'Hand over Wheelbarrow to Bruno',
    );
    expect(t.mailbox.to(other.email as string).map((m) => m.subject)).not.toContain(
      'Hand over Wheelbarrow to Bruno',
    );

    await act(steward, api(community, `/loans/${loan}/pick-up`));
    for (const who of [steward, other, borrower]) expect(await lines(who, community)).toEqual([]);
    // The day before it is due, the reminder asks the borrower to bring it back.
    t.clock.advance(86400);
    await t.runJobs();
    expect(await lines(borrower, community)).toEqual(['library.bring_back Wheelbarrow']);
    await act(steward, api(community, `/loans/${loan}/return`), { condition: 'good' });
    expect(await lines(borrower, community)).toEqual([]);
  });

  it('declined, or cancelled by its borrower, asks the owner nothing more', async () => {
    const { community } = await t.community();
    const owner = await t.member(community);
    const borrower = await t.member(community);
    const drill = await makeItem(t, community, { owner, name: 'Drill' });
    const day = today(t, community);
    const request = async () =>
      (
        await act(borrower, api(community, `/items/${drill.id}/loans`), { startsOn: day, dueOn: day }, 201)
      ).json().id as string;
    const first = await request();
    expect(await lines(owner, community)).toEqual(['library.answer Drill']);
    await act(owner, api(community, `/loans/${first}/decline`));
    expect(await lines(owner, community)).toEqual([]);
    const second = await request();
    expect(await lines(owner, community)).toEqual(['library.answer Drill']);
    await act(borrower, api(community, `/loans/${second}/cancel`));
    expect(await lines(owner, community)).toEqual([]);
  });
});

describe('a join request', () => {
  it('asks every steward until one decides; a member is not asked', async () => {
    const { community, steward } = await t.community({ joinPolicy: 'approval' });
    const other = await t.member(community, 'steward');
    const member = await t.member(community);
    const lin = await t.account({ displayName: 'Lin' });
    expect(
      (await (await t.as(lin)).post(`/c/${community.slug}/join`, { message: 'I live at 12' })).statusCode,
    ).toBe(303);
    for (const s of [steward, other]) {
      const [line] = await needs(s, community);
      expect(line).toMatchObject({
        kind: 'communities.join_request',
        title: 'Lin',
        text: 'asks to join: “I live at 12”',
      });
    }
    expect(await lines(member, community)).toEqual([]);
    const request = await t.services.db
      .selectFrom('membership')
      .select('id')
      .where('communityId', '=', community.id)
      .where('accountId', '=', lin.id)
      .executeTakeFirstOrThrow();
    await act(other, api(community, `/requests/${request.id}/decline`));
    for (const s of [steward, other]) expect(await lines(s, community)).toEqual([]);

    // A steward who is a member again is asked no more.
    const kim = await t.account({ displayName: 'Kim' });
    await (await t.as(kim)).post(`/c/${community.slug}/join`, { message: '' });
    expect(await lines(other, community)).toEqual(['communities.join_request Kim']);
    const changed = await (await t.as(steward)).api('PATCH', api(community, `/members/${other.id}`), {
      role: 'member',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await lines(other, community)).toEqual([]);
    expect(await lines(steward, community)).toEqual(['communities.join_request Kim']);
  });
});

describe('a claim on a post', () => {
  it('asks its author and its helper until the claim ends, the post is closed or it expires; the helper is not mailed about their own word', async () => {
    const { community } = await t.community();
    const author = await t.member(community, 'member', { displayName: 'Ines' });
    const helper = await t.member(community, 'member', { displayName: 'Marta' });
    const post = await createPost(t, community, author, { title: 'Carry a sofa' });
    const claim = () => act(helper, api(community, `/posts/${post.id}/claim`));
    await claim();
    await t.runJobs();
    expect(await lines(author, community)).toEqual(['posts.claimed Carry a sofa']);
    expect((await needs(helper, community))[0]).toMatchObject({
      kind: 'posts.helping',
      text: 'You said you would help Ines.',
    });
    expect(t.mailbox.to(helper.email as string).map((m) => m.subject)).not.toContain(
      'You will help Ines: Carry a sofa',
    );
    // Their own word is already read in their inbox.
    expect((await (await t.as(helper)).api('GET', api(community, '/notifications'))).json().unread).toBe(0);

    await act(author, api(community, `/posts/${post.id}/release`));
    for (const who of [author, helper]) expect(await lines(who, community)).toEqual([]);
    await claim();
    await t.runJobs();
    await act(author, api(community, `/posts/${post.id}/close`));
    for (const who of [author, helper]) expect(await lines(who, community)).toEqual([]);

    const soon = await createPost(t, community, author, {
      title: 'Lift a table',
      openUntil: `${addDays(today(t, community), 1)}T12:00:00Z`,
    });
    await act(helper, api(community, `/posts/${soon.id}/claim`));
    await t.runJobs();
    expect(await lines(author, community)).toEqual(['posts.claimed Lift a table']);
    t.clock.advance(3 * 86400);
    await t.runJobs();
    for (const who of [author, helper]) expect(await lines(who, community)).toEqual([]);
  });
});

describe('a message', () => {
  it('asks each reader until they read the conversation: one line per conversation, counted', async () => {
    const { community } = await t.community();
    const author = await t.member(community, 'member', { displayName: 'Ana' });
    const responder = await t.member(community, 'member', { displayName: 'Marta' });
    const post = await createPost(t, community, author);
    const { conversationId } = (
      await act(responder, api(community, `/posts/${post.id}/respond`), { message: 'I can drive you' }, 201)
    ).json();
    await (await t.as(responder)).post(`/c/${community.slug}/conversations/${conversationId}`, {
      body: 'At 5?',
    });
    await t.runJobs();
    const [line] = await needs(author, community);
    expect(line).toMatchObject({
      kind: 'conversations.unread',
      title: 'Marta',
      count: 2,
      text: 'wrote 2 new messages, the last: “At 5?”',
    });
    await (await t.as(author)).post(`/c/${community.slug}/conversations/${conversationId}`, { body: 'Yes' });
    await t.runJobs();
    expect(await lines(responder, community)).toEqual(['conversations.unread Ana']);
    // Reading settles the reader's own, not the other's.
    await (await t.as(author)).get(`/c/${community.slug}/conversations/${conversationId}`);
    expect(await lines(author, community)).toEqual([]);
    expect(await lines(responder, community)).toEqual(['conversations.unread Ana']);
  });
});

describe('seed promised back', () => {
  it('asks once its month comes, until the seed is brought back', async () => {
    const { community } = await t.community();
    const grower = await t.member(community);
    const taker = await t.member(community);
    const variety = await act(
      grower,
      api(community, '/varieties'),
      { crop: 'Bean', name: 'Black Oaxaca', seasons: ['spring'], savingDifficulty: 'easy' },
      201,
    );
    const base = api(community, `/varieties/${variety.json().id}`);
    const lot = await act(grower, `${base}/lots`, { packets: 4, harvestYear: 2025 }, 201);
    const took = await act(taker, `${base}/lots/${lot.json().id}/take`, {
      packets: 2,
      pledge: true,
      expectedMonth: addMonths(today(t, community).slice(0, 7), 1),
    });
    const pledgeId = took.json().pledge.id as string;
    expect(await lines(taker, community)).toEqual([]);
    t.clock.advance(40 * 86400);
    await t.runJobs();
    const [line] = await needs(taker, community);
    expect(line).toMatchObject({ kind: 'seeds.pledge_due', title: 'Black Oaxaca (Bean)' });
    expect(line.text).toMatch(/^You promised 2 packets back for /);
    await act(taker, `${base}/pledges/${pledgeId}/return`, { packets: 3, harvestYear: 2026 }, 201);
    expect(await lines(taker, community)).toEqual([]);
  });
});

describe('done by the member', () => {
  it('the member may say it is done, by the porch’s form or the API; nobody else may, and a notice that asks nothing is not a task', async () => {
    const { community, steward } = await t.community();
    const owner = await t.member(community);
    const borrower = await t.member(community);
    const drill = await makeItem(t, community, { owner, name: 'Drill' });
    const day = today(t, community);
    const ask = async () => {
      await act(borrower, api(community, `/items/${drill.id}/loans`), { startsOn: day, dueOn: day }, 201);
      return (await needs(owner, community))[0].notificationId;
    };
    const id = await ask();
    const page = await (await t.as(owner)).get(`/c/${community.slug}`);
    expect(page.body).toContain(`action="/c/${community.slug}/inbox/${id}/done"`);
    // Nobody else: another member, a steward (404: not theirs), an outsider (403), a visitor.
    for (const who of [borrower, steward])
      expect(
        (await (await t.as(who)).api('POST', api(community, `/notifications/${id}/done`))).statusCode,
      ).toBe(404);
    expect(
      (await (await t.as(await t.account())).api('POST', api(community, `/notifications/${id}/done`)))
        .statusCode,
    ).toBe(403);
    expect((await t.visitor().api('POST', api(community, `/notifications/${id}/done`))).statusCode).toBe(401);
    expect(await lines(owner, community)).toEqual(['library.answer Drill']);

    const done = await (await t.as(owner)).post(`/c/${community.slug}/inbox/${id}/done`);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/c/${community.slug}#needs-me`);
    expect(await lines(owner, community)).toEqual([]);
    // Done again: no change, no error.
    expect(
      (await (await t.as(owner)).api('POST', api(community, `/notifications/${id}/done`))).statusCode,
    ).toBe(204);

    // By the API, a second request; the answer the borrower gets asks nothing.
    const loan = (
      await act(
        borrower,
        api(community, `/items/${drill.id}/loans`),
        { startsOn: addDays(day, 1), dueOn: addDays(day, 1) },
        201,
      )
    ).json().id;
    await act(owner, api(community, `/loans/${loan}/decline`));
    const told = (await (await t.as(borrower)).api('GET', api(community, '/notifications'))).json()
      .notifications;
    expect(
      (await (await t.as(borrower)).api('POST', api(community, `/notifications/${told[0].id}/done`)))
        .statusCode,
    ).toBe(404);
  });

  it('mail and push turned off hide nothing from "needs me" or the inbox', async () => {
    const { community } = await t.community();
    const owner = await t.member(community);
    const borrower = await t.member(community);
    const saved = await (await t.as(owner)).api('PUT', '/api/v1/me/notification-preferences', {
      choices: [
        { kind: 'library.loans', channel: 'mail', cadence: 'off' },
        { kind: 'library.loans', channel: 'push', cadence: 'off' },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const rake = await makeItem(t, community, { owner, name: 'Rake' });
    const day = today(t, community);
    await act(borrower, api(community, `/items/${rake.id}/loans`), { startsOn: day, dueOn: day }, 201);
    await t.runJobs();
    expect(t.mailbox.to(owner.email as string)).toEqual([]);
    expect(await lines(owner, community)).toEqual(['library.answer Rake']);
    const inbox = (await (await t.as(owner)).api('GET', api(community, '/notifications'))).json();
    expect(inbox.unread).toBe(1);
  });
});

describe('the migration', () => {
  it('writes a task for each thing open before it, read, and sends nothing', async () => {
    const { community, steward } = await t.community({ joinPolicy: 'approval' });
    const owner = await t.member(community, 'member', { displayName: 'Olga' });
    const borrower = await t.member(community, 'member', { displayName: 'Bruno' });
    const day = today(t, community);
    const [drill, ladder, saw] = [
      await makeItem(t, community, { owner, name: 'Drill' }),
      await makeItem(t, community, { owner, name: 'Ladder' }),
      await makeItem(t, community, { owner, name: 'Saw' }),
    ];
    await makeLoan(t, community, drill, borrower, 'requested');
    await makeLoan(t, community, ladder, borrower, 'approved', { startsOn: addDays(day, 1) });
    await makeLoan(t, community, saw, borrower, 'out', { startsOn: addDays(day, -5), days: 3 });
    await t.membership(community, await t.account({ displayName: 'Lin' }), 'member', 'pending');
    await t.services.db.deleteFrom('notification').where('communityId', '=', community.id).execute();

    // Through the app's own connection, as the migration runs.
    await backfill(t.services.db, t.clock.now());
    expect((await lines(owner, community)).sort()).toEqual([
      'library.answer Drill',
      'library.hand_over Ladder',
      'library.late Saw',
    ]);
    expect((await lines(borrower, community)).sort()).toEqual([
      'library.collect Ladder',
      'library.overdue Saw',
    ]);
    expect(await lines(steward, community)).toEqual(['communities.join_request Lin']);
    const [late] = (await needs(owner, community)).filter((l) => l.kind === 'library.late');
    expect(late.text).toMatch(/^Bruno should have brought it back on /);
    expect((await (await t.as(owner)).api('GET', api(community, '/notifications'))).json().unread).toBe(0);
    await t.runJobs();
    expect(t.mailbox.to(owner.email as string)).toEqual([]);
  });
});
