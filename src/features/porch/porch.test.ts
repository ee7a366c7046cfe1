/**
 * The front porch: one-time notices after forms, first steps, what needs a member (requests to
 * answer, things to hand over, collect or bring back, messages, claims, join requests), what is
 * happening, "My things", the menu counts, and the live events that update open pages. Each
 * member sees only what concerns them; stored pages never show an old count.
 */
import { type IncomingMessage, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeItem, makeLoan, today } from '../../../test/support/library.ts';
import { createPost } from '../../../test/support/posts.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import type { Account, Community } from '../../platform/db/database.ts';
import { addDays, addMonths } from '../../platform/db/time.ts';

const t = useTestApp();

/** The "needs you" section of a page, as text without tags. */
function needsYou(html: string): string {
  const section = html.match(/<section[^>]*id="needs-me"[\s\S]*?<\/section>/)?.[0] ?? '';
  return section.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

/** A request by `author` answered by `responder`; returns the conversation id. */
async function converse(
  community: Community,
  author: Account,
  responder: Account,
  message: string,
  { tell = true } = {},
) {
  const post = await createPost(t, community, author);
  const res = await (await t.as(responder)).api(
    'POST',
    `/api/v1/communities/${community.slug}/posts/${post.id}/respond`,
    { message },
  );
  expect(res.statusCode).toBe(201);
  // The message is told by a job after commit, as a running server does at once.
  if (tell) await t.runJobs();
  return { post, conversationId: res.json().conversationId as string };
}

describe('one-time notices after a form', () => {
  it('starting a community says it is ready and asks to invite neighbors, once', async () => {
    const rosa = await t.account();
    const browser = await t.as(rosa);
    const res = await browser.post('/communities', {
      name: 'Calle Olmo',
      languages: ['en'],
      timeZone: 'UTC',
      rhythm: 'monthly',
      joinPolicy: 'open',
    });
    expect(res.statusCode).toBe(303);
    const porch = await browser.get(res.headers.location as string);
    expect(porch.body).toContain('Calle Olmo is ready. Next: invite your neighbors.');
    expect(porch.body).toMatch(/<div role="status" class="flash"><p class="notice success">/);
    // The steward's first steps start with inviting.
    expect(porch.body).toContain('href="/c/calle-olmo/invites">Invite your neighbors');
    const again = await browser.get(res.headers.location as string);
    expect(again.body).not.toContain('is ready');
  });

  it('approving a join request names who is in; joining welcomes the newcomer', async () => {
    const { community, steward } = await t.community({ joinPolicy: 'approval' });
    const lin = await t.account({ displayName: 'Lin' });
    const asLin = await t.as(lin);
    const asked = await asLin.post(`/c/${community.slug}/join`, { message: 'I live at 12' });
    expect(asked.statusCode).toBe(303);
    expect((await asLin.get(`/c/${community.slug}`)).body).toContain('Your request went to the stewards');

    const asSteward = await t.as(steward);
    const porch = await asSteward.get(`/c/${community.slug}`);
    expect(needsYou(porch.body)).toContain('Lin asks to join: “I live at 12”');
    const request = await t.services.db
      .selectFrom('membership')
      .select('id')
      .where('communityId', '=', community.id)
      .where('accountId', '=', lin.id)
      .executeTakeFirstOrThrow();
    const decided = await asSteward.post(`/c/${community.slug}/requests/${request.id}/approve`);
    expect(decided.statusCode).toBe(303);
    expect((await asSteward.get(decided.headers.location as string)).body).toContain('Lin is a member now.');
    expect(needsYou((await asSteward.get(`/c/${community.slug}`)).body)).not.toContain('Lin');
    // Lin's porch now welcomes her with first steps.
    const hers = await asLin.get(`/c/${community.slug}`);
    expect(hers.body).toContain(`Welcome to ${community.name}`);
    expect(hers.body).toContain('See what neighbors lend');
  });

  it('a post put up says so on the post page', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const browser = await t.as(member);
    const res = await browser.post(`/c/${community.slug}/board/new`, {
      kind: 'offer',
      title: 'Lemons from our tree',
      category: 'food',
    });
    expect(res.statusCode, res.body).toBe(303);
    expect((await browser.get(res.headers.location as string)).body).toContain('Your post is on the board.');
  });

  it('a notice cookie not signed by the server shows nothing', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const browser = await t.as(member);
    browser.cookies.set('porch_notice', encodeURIComponent('{"key":"posts.flash.posted","values":{}}'));
    const page = await browser.get(`/c/${community.slug}/board`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Your post is on the board.');
  });
});

describe('what needs a member', () => {
  it('a new message shows on the porch and in the menu until read, for that participant only', async () => {
    const { community } = await t.community();
    const [author, responder, third] = [
      await t.member(community, 'member', { displayName: 'Ana' }),
      await t.member(community, 'member', { displayName: 'Marta' }),
      await t.member(community),
    ];
    const asAuthor = await t.as(author);
    // Stored first, so the next visit could be served from the page cache.
    await asAuthor.get(`/c/${community.slug}`);
    const { conversationId } = await converse(community, author, responder, 'I can drive you at 5');
    const porch = await asAuthor.get(`/c/${community.slug}`);
    expect(porch.headers['x-cache']).toBeUndefined();
    expect(needsYou(porch.body)).toContain('Marta wrote: “I can drive you at 5”');
    expect(porch.body).toContain('(1 unread message)');
    expect(porch.body).toContain('(1 thing needs you)');
    expect(needsYou((await (await t.as(responder)).get(`/c/${community.slug}`)).body)).not.toContain('wrote');
    expect(needsYou((await (await t.as(third)).get(`/c/${community.slug}`)).body)).not.toContain('wrote');

    const api = await asAuthor.api('GET', `/api/v1/communities/${community.slug}/porch`);
    expect(api.statusCode).toBe(200);
    expect(api.json().needsMe).toEqual([
      expect.objectContaining({
        kind: 'conversations.unread',
        subjectId: conversationId,
        title: 'Marta',
        text: 'wrote: “I can drive you at 5”',
        count: 1,
      }),
    ]);
    const inbox = await asAuthor.api('GET', `/api/v1/communities/${community.slug}/conversations`);
    expect(inbox.json()[0]).toMatchObject({ id: conversationId, unread: 1 });
    // Reading it is what clears it, here and on the cached pages.
    await asAuthor.get(`/c/${community.slug}/conversations/${conversationId}`);
    const after = await asAuthor.get(`/c/${community.slug}`);
    expect(needsYou(after.body)).not.toContain('wrote');
    expect(after.body).not.toContain('unread message');
    expect((await asAuthor.get(`/c/${community.slug}`)).headers['x-cache']).toBe('hit');
    // Their own answer is not news to them; to the other it is.
    await asAuthor.post(`/c/${community.slug}/conversations/${conversationId}`, { body: 'See you then' });
    await t.runJobs();
    expect(needsYou((await asAuthor.get(`/c/${community.slug}`)).body)).not.toContain('wrote');
    expect(needsYou((await (await t.as(responder)).get(`/c/${community.slug}`)).body)).toContain(
      'Ana wrote: “See you then”',
    );
  });

  it('loans ask the lender to answer and hand over, and the borrower to collect and bring back', async () => {
    const { community } = await t.community();
    const [owner, borrower] = [
      await t.member(community, 'member', { displayName: 'Olga' }),
      await t.member(community, 'member', { displayName: 'Bruno' }),
    ];
    const drill = await makeItem(t, community, {
      owner,
      name: 'Hedge trimmer',
      pickupPlace: 'Blue gate, 14 Elm',
    });
    const ladder = await makeItem(t, community, { owner, name: 'Ladder' });
    const saw = await makeItem(t, community, { owner, name: 'Saw' });
    const day = today(t, community);
    // Each loan goes through its steps as members take them: what needs whom comes from those.
    const asOwner = await t.as(owner);
    const loans = `/api/v1/communities/${community.slug}`;
    const request = async (item: { id: string }, startsOn: string, dueOn: string) => {
      const res = await (await t.as(borrower)).api('POST', `${loans}/items/${item.id}/loans`, {
        startsOn,
        dueOn,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const step = async (who: typeof asOwner, loanId: string, action: string) => {
      const res = await who.api('POST', `${loans}/loans/${loanId}/${action}`, {});
      expect(res.statusCode, res.body).toBe(200);
    };
    await request(drill, day, addDays(day, 2));
    await step(asOwner, await request(ladder, addDays(day, 5), addDays(day, 7)), 'approve');
    const sawLoan = await request(saw, day, addDays(day, 2));
    await step(asOwner, sawLoan, 'approve');
    await step(asOwner, sawLoan, 'pick-up');
    // Four days on, the saw is late: the reminders say so to both.
    t.clock.advance(4 * 86400);
    await t.runJobs();

    const lender = needsYou((await (await t.as(owner)).get(`/c/${community.slug}`)).body);
    expect(lender).toContain('Hedge trimmer Bruno asks to borrow it');
    expect(lender).toContain('Ladder Bruno collects it on');
    expect(lender).toContain('Saw Bruno should have brought it back on');
    const asBorrower = await t.as(borrower);
    const theirs = needsYou((await asBorrower.get(`/c/${community.slug}`)).body);
    expect(theirs).toContain('Ladder Collect it from Olga at Front porch');
    expect(theirs).toContain('Saw It was due back to Olga');
    expect(theirs).not.toContain('Hedge trimmer');
    // "My things" says where and from whom to collect, for every open loan.
    const mine = await asBorrower.get(`/c/${community.slug}/mine`);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('My loans');
    expect(mine.body).toContain('From Olga · pick up at Blue gate, 14 Elm');
    // Another member of the community sees none of it.
    const other = needsYou((await (await t.as(await t.member(community))).get(`/c/${community.slug}`)).body);
    expect(other).toContain('Nothing needs you right now.');
  });

  it('a claim on my request needs me; promised seed shows when due; my things list them', async () => {
    const { community } = await t.community();
    const [author, helper] = [
      await t.member(community, 'member', { displayName: 'Ines' }),
      await t.member(community, 'member', { displayName: 'Marta' }),
    ];
    const post = await createPost(t, community, author, { title: 'Carry a sofa' });
    await (await t.as(helper)).api(
      'POST',
      `/api/v1/communities/${community.slug}/posts/${post.id}/claim`,
      {},
    );
    await t.runJobs();
    expect(needsYou((await (await t.as(author)).get(`/c/${community.slug}`)).body)).toContain(
      'Carry a sofa Marta will help.',
    );
    expect(needsYou((await (await t.as(helper)).get(`/c/${community.slug}`)).body)).toContain(
      'Carry a sofa You said you would help Ines.',
    );

    const variety = await (await t.as(author)).api(
      'POST',
      `/api/v1/communities/${community.slug}/varieties`,
      {
        crop: 'Bean',
        name: 'Black Oaxaca',
        seasons: ['spring'],
        savingDifficulty: 'easy',
      },
    );
    expect(variety.statusCode, variety.body).toBe(201);
    const base = `/api/v1/communities/${community.slug}/varieties/${variety.json().id}`;
    const lot = await (await t.as(author)).api('POST', `${base}/lots`, { packets: 4, harvestYear: 2025 });
    expect(lot.statusCode, lot.body).toBe(201);
    const month = today(t, community).slice(0, 7);
    const took = await (await t.as(helper)).api('POST', `${base}/lots/${lot.json().id}/take`, {
      packets: 2,
      pledge: true,
      expectedMonth: addMonths(month, 1),
    });
    expect(took.statusCode, took.body).toBe(200);
    const asHelper = await t.as(helper);
    expect(needsYou((await asHelper.get(`/c/${community.slug}`)).body)).not.toContain('Black Oaxaca');
    const mine = await asHelper.get(`/c/${community.slug}/mine`);
    expect(mine.body).toContain('My seed promises');
    expect(mine.body).toContain('Black Oaxaca (Bean)');
    expect(mine.body).toContain('My conversations');
    // A month on, the promise is due.
    t.clock.advance(40 * 86400);
    await t.runJobs();
    expect(needsYou((await asHelper.get(`/c/${community.slug}`)).body)).toContain(
      'Black Oaxaca (Bean) You promised 2 packets back',
    );
  });

  it('the porch says what is happening: new offers, items and neighbors', async () => {
    const { community } = await t.community();
    const member = await t.member(community, 'member', { displayName: 'Rui' });
    await createPost(t, community, member, { kind: 'offer', title: 'Spare jam jars', category: 'food' });
    await makeItem(t, community, { owner: member, name: 'Wheelbarrow' });
    const page = await (await t.as(member)).get(`/c/${community.slug}`);
    const happening = page.body.match(/id="happening-heading"[\s\S]*?<\/section>/)?.[0] ?? '';
    expect(happening).toContain('Spare jam jars');
    expect(happening).toContain('Rui offers');
    expect(happening).toContain('Wheelbarrow');
    expect(happening).toContain('joined the community');
  });

  it('a thank-you on a loan shows in what is happening, as on the gratitude wall', async () => {
    const { community } = await t.community();
    const [owner, borrower] = [
      await t.member(community, 'member', { displayName: 'Olga' }),
      await t.member(community, 'member', { displayName: 'Bruno' }),
    ];
    const ladder = await makeItem(t, community, { owner, name: 'Tall ladder' });
    const loan = await makeLoan(t, community, ladder, borrower, 'returned');
    const asBorrower = await t.as(borrower);
    const thanked = await asBorrower.post(`/c/${community.slug}/library/loans/${loan.id}/thank`, {
      thanks: 'Reached the gutter at last',
    });
    expect(thanked.statusCode).toBe(303);
    expect((await asBorrower.get(`/c/${community.slug}/thanks`)).body).toContain(
      'Reached the gutter at last',
    );
    const page = await (await t.as(owner)).get(`/c/${community.slug}`);
    const happening = page.body.match(/id="happening-heading"[\s\S]*?<\/section>/)?.[0] ?? '';
    expect(happening).toContain('Tall ladder');
    expect(happening.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain('Bruno thanked Olga');
  });

  it('a visitor sees the community page without the porch', async () => {
    const { community } = await t.community();
    const page = await t.visitor().get(`/c/${community.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('id="needs-me"');
  });
});

describe('live events', () => {
  let base: string;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  });
  afterAll(() => t.app.server.closeAllConnections());

  /** Opens `account`'s stream; resolves with a reader of what arrived. */
  function open(community: Community, account: Account): Promise<{ text(): string; close(): void }> {
    return createSession(t.services.db, t.clock, account.id).then(
      (token) =>
        new Promise((resolve, reject) => {
          const req = request(`${base}/c/${community.slug}/live`, {
            headers: { cookie: `porch_session=${token}` },
          });
          req.on('error', () => undefined);
          req.on('response', (res: IncomingMessage) => {
            if (res.statusCode !== 200) return reject(new Error(`live answered ${res.statusCode}`));
            let received = '';
            res.setEncoding('utf8');
            res.on('data', (chunk) => {
              received += chunk;
              if (received.includes('retry:')) resolve({ text: () => received, close: () => req.destroy() });
            });
          });
          req.end();
        }),
    );
  }
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  };

  it('a message tells the other participant’s open pages, after commit, and no one else', async () => {
    const { community } = await t.community();
    const [author, responder, third] = [
      await t.member(community),
      await t.member(community),
      await t.member(community),
    ];
    const [theirs, mine, others] = [
      await open(community, author),
      await open(community, responder),
      await open(community, third),
    ];
    await converse(community, author, responder, 'On my way', { tell: false });
    // Nothing before the job that runs after commit.
    expect(theirs.text()).not.toContain('event: changed');
    await t.runJobs();
    await until(() => theirs.text().includes('event: changed'));
    expect(theirs.text()).toContain('event: changed\ndata: {}');
    await new Promise((r) => setTimeout(r, 50));
    expect(mine.text()).not.toContain('event: changed');
    expect(others.text()).not.toContain('event: changed');
    for (const s of [theirs, mine, others]) s.close();
  });

  it('a loan request tells the owner’s open pages', async () => {
    const { community } = await t.community();
    const [owner, borrower] = [await t.member(community), await t.member(community)];
    const item = await makeItem(t, community, { owner });
    const stream = await open(community, owner);
    const day = today(t, community);
    const res = await (await t.as(borrower)).api(
      'POST',
      `/api/v1/communities/${community.slug}/items/${item.id}/loans`,
      { startsOn: addDays(day, 1), dueOn: addDays(day, 2) },
    );
    expect(res.statusCode, res.body).toBe(201);
    await t.runJobs();
    await until(() => stream.text().includes('event: changed'));
    expect(stream.text()).toContain('event: changed');
    stream.close();
  });
});
