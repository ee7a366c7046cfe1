import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { createPost } from '../../../test/support/posts.ts';
import { type PushService, startPushService } from '../../../test/support/push-service.ts';
import { iso } from '../../platform/db/time.ts';
import { catalog, locales } from '../../platform/i18n/index.ts';
import { createJobs, maxAttempts } from '../../platform/jobs/queue.ts';
import { addKind, personal } from '../../platform/notify/kinds.ts';
import { pushKeys } from '../../platform/notify/render.ts';
import {
  failedDeliveries,
  notify,
  registerNotifyJobs,
  retryFailedDeliveries,
  tidyNotifications,
} from '../../platform/notify/service.ts';

// The push service of these tests runs on this computer: a private network's host.
const t = useTestApp({ PUSH_ALLOW_PRIVATE_ENDPOINTS: 'true' });

/** Claims `postId` as `helper` through the post page's form. */
async function claim(slug: string, postId: string, helper: Awaited<ReturnType<typeof t.member>>) {
  const res = await (await t.as(helper)).post(`/c/${slug}/posts/${postId}/claim`);
  expect(res.statusCode).toBe(303);
}

describe('the inbox', () => {
  it('holds what a member is told, counts it in the menu, and opening one marks it read and leads to it', async () => {
    const { community } = await t.community();
    const author = await t.member(community);
    const helper = await t.member(community, 'member', { displayName: 'Rosa' });
    const post = await createPost(t, community, author, { title: 'Ride to the clinic' });
    const client = await t.as(author);
    expect((await client.get(`/c/${community.slug}/inbox`)).body).toContain('No notifications yet');

    await claim(community.slug, post.id, helper);
    await t.runJobs();
    const page = (await client.get(`/c/${community.slug}/inbox`)).body;
    expect(page).toContain('Rosa will help: Ride to the clinic');
    expect(page).toMatch(
      /id="count-inbox"[^>]*>.*?1<\/span><span class="visually-hidden"> \(1 unread notification\)/s,
    );
    const id = /href="\/c\/[^/]+\/inbox\/([0-9a-f-]{36})"/.exec(page)?.[1];
    expect(id).toBeDefined();
    // The helper is not told of their own claim: their word is on their list ("needs me"), read.
    const theirs = (
      await (await t.as(helper)).api('GET', `/api/v1/communities/${community.slug}/notifications`)
    ).json();
    expect(theirs.unread).toBe(0);
    expect(theirs.notifications).toEqual([
      expect.objectContaining({ text: expect.stringMatching(/^You will help .*: Ride to the clinic$/) }),
    ]);
    expect(theirs.notifications[0].readAt).not.toBeNull();

    const api = (await client.api('GET', `/api/v1/communities/${community.slug}/notifications`)).json();
    expect(api.unread).toBe(1);
    expect(api.notifications[0]).toMatchObject({
      id,
      kind: 'posts.claimed',
      subjectType: 'post',
      subjectId: post.id,
      path: `/c/${community.slug}/posts/${post.id}`,
      text: 'Rosa will help: Ride to the clinic',
      readAt: null,
    });

    const open = await client.get(`/c/${community.slug}/inbox/${id}`);
    expect(open.statusCode).toBe(303);
    expect(open.headers.location).toBe(`/c/${community.slug}/posts/${post.id}`);
    const after = (await client.get(`/c/${community.slug}/inbox`)).body;
    expect(after).not.toContain('>New<');
    expect(after).not.toMatch(/id="count-inbox"[^>]*><span class="count"/);
  });

  it('in Spanish for a member who reads Spanish, and marks all read by form and by API', async () => {
    const { community } = await t.community();
    const author = await t.member(community, 'member', { locale: 'es' });
    const first = await createPost(t, community, author, { title: 'Sillas' });
    const second = await createPost(t, community, author, { title: 'Mesa' });
    await claim(community.slug, first.id, await t.member(community, 'member', { displayName: 'Ana' }));
    await claim(community.slug, second.id, await t.member(community, 'member', { displayName: 'Luis' }));
    await t.runJobs();
    const client = await t.as(author);
    const page = (await client.get(`/c/${community.slug}/inbox`)).body;
    expect(page).toContain('Ana');
    expect(page).toContain('2 avisos sin leer');
    expect(page).toContain('Marcar todo como leído');
    // The form marks what the page showed: a claim that arrives meanwhile stays unread.
    const action = page.match(/action="([^"]*\/inbox\/read[^"]*)"/)![1].replaceAll('&amp;', '&');
    expect(action).toContain('upTo=');
    const third = await createPost(t, community, author, { title: 'Lámpara' });
    t.clock.advance(1);
    await claim(community.slug, third.id, await t.member(community, 'member', { displayName: 'Eva' }));
    await t.runJobs();
    const res = await client.post(action);
    expect(res.statusCode).toBe(303);
    const inbox = (await client.api('GET', `/api/v1/communities/${community.slug}/notifications`)).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.notifications.find((n: { readAt: string | null }) => !n.readAt).text).toContain('Eva');
    const mark = await client.api('POST', `/api/v1/communities/${community.slug}/notifications/read`);
    expect(mark.json()).toEqual({ marked: 1 });
    const refused = await client.api(
      'POST',
      `/api/v1/communities/${community.slug}/notifications/read?upTo=soon`,
    );
    expect(refused.statusCode).toBe(422);
  });

  it('is each member’s own: another member, a steward, an outsider and a visitor cannot read or mark it', async () => {
    const { community, steward } = await t.community();
    const author = await t.member(community);
    const post = await createPost(t, community, author);
    await claim(community.slug, post.id, await t.member(community));
    await t.runJobs();
    const client = await t.as(author);
    const [{ id }] = (await client.api('GET', `/api/v1/communities/${community.slug}/notifications`)).json()
      .notifications;
    const other = await t.member(community);
    const { community: elsewhere } = await t.community();
    const outsider = await t.member(elsewhere);
    // A visitor's page is the sign-in page (303); the API says 401.
    for (const [who, status, page] of [
      [await t.as(other), 404, 404],
      [await t.as(steward), 404, 404],
      [await t.as(outsider), 403, 403],
      [t.visitor(), 401, 303],
    ] as const) {
      expect(
        (await who.api('POST', `/api/v1/communities/${community.slug}/notifications/${id}/read`)).statusCode,
      ).toBe(status);
      expect((await who.get(`/c/${community.slug}/inbox/${id}`)).statusCode).toBe(page);
    }
    expect(
      (await client.api('GET', `/api/v1/communities/${community.slug}/notifications`)).json().unread,
    ).toBe(1);
    const read = await client.api('POST', `/api/v1/communities/${community.slug}/notifications/${id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toEqual(expect.any(String));
  });

  it('pages 50 lines at a time by a cursor (API and the page’s “older” link), every one once', async () => {
    addKind({ name: 'test.paging', defaults: personal });
    const { community } = await t.community();
    const member = await t.member(community);
    const s = t.services;
    // All at one instant: the pages part by id as well.
    await s.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 55; i++)
        await notify(s, tx, {
          kind: 'test.paging',
          community,
          to: [member.id],
          // 55 things: the inbox shows a line per thing.
          about: { type: 'test', id: `thing-${i}` },
          path: '',
          text: { subject: 'communities.mail.approved_subject', body: 'communities.mail.approved_body' },
          params: { name: `n${i}` },
        });
    });
    const client = await t.as(member);
    const url = `/api/v1/communities/${community.slug}/notifications`;
    const first = (await client.api('GET', url)).json();
    expect(first.notifications).toHaveLength(50);
    expect(first.unread).toBe(55);
    expect(first.next).toEqual(expect.any(String));
    const second = (await client.api('GET', `${url}?before=${encodeURIComponent(first.next)}`)).json();
    expect(second.notifications).toHaveLength(5);
    expect(second.next).toBeNull();
    const ids = [...first.notifications, ...second.notifications].map((n: { id: string }) => n.id);
    expect(new Set(ids).size).toBe(55);

    const page = (await client.get(`/c/${community.slug}/inbox`)).body;
    const older = /<a href="(\/c\/[^"]+\/inbox\?before=[^"]+)" rel="next">Older notifications<\/a>/.exec(
      page,
    )?.[1];
    expect(older).toBeDefined();
    expect(page).not.toContain('Newest notifications');
    const last = (await client.get(older!.replaceAll('&amp;', '&'))).body;
    expect(last.match(/<li id="n-/g)).toHaveLength(5);
    expect(last).toContain('Newest notifications');
    expect(last).not.toContain('Older notifications');
    expect(last).toContain('Read notifications are kept for 90 days.');
    // A cursor that is not one is refused by the API, saying so; a page link cut short (by a mail
    // program, by hand) shows the newest page rather than an error naming a parameter.
    expect((await client.api('GET', `${url}?before=yesterday`)).statusCode).toBe(422);
    const cut = await client.get(`/c/${community.slug}/inbox?before=1%20OR%201`);
    expect(cut.statusCode).toBe(200);
    expect(cut.body.match(/<li id="n-/g)).toHaveLength(50);
    expect(cut.body).not.toContain('Newest notifications');
  });

  it('read notifications and their deliveries are removed after 90 days; unread and recent ones stay', async () => {
    const { community } = await t.community();
    const author = await t.member(community);
    const client = await t.as(author);
    for (const title of ['Old', 'Unread']) {
      const post = await createPost(t, community, author, { title });
      await claim(community.slug, post.id, await t.member(community));
    }
    await t.runJobs();
    const inbox = () => client.api('GET', `/api/v1/communities/${community.slug}/notifications`);
    const old = (await inbox()).json().notifications.find((n: { text: string }) => n.text.endsWith('Old'));
    await client.api('POST', `/api/v1/communities/${community.slug}/notifications/${old.id}/read`);
    t.clock.advance(80 * 86400);
    const post = await createPost(t, community, author, { title: 'Recent' });
    await claim(community.slug, post.id, await t.member(community));
    await t.runJobs();
    const recent = (await inbox())
      .json()
      .notifications.find((n: { text: string }) => n.text.endsWith('Recent'));
    await client.api('POST', `/api/v1/communities/${community.slug}/notifications/${recent.id}/read`);
    t.clock.advance(11 * 86400);
    await tidyNotifications(t.services, 5000);
    const left = (await inbox()).json().notifications.map((n: { text: string }) => n.text.split(': ')[1]);
    expect(left.sort()).toEqual(['Recent', 'Unread']);
    const deliveries = await t.services.db
      .selectFrom('notificationDelivery')
      .select('notificationId')
      .where('communityId', '=', community.id)
      .where('notificationId', '=', old.id)
      .execute();
    expect(deliveries).toEqual([]);
  });

  it('reading a conversation marks what told of its messages read', async () => {
    const { community } = await t.community();
    const a = await t.member(community);
    const b = await t.member(community);
    const res = await (await t.as(a)).api(
      'POST',
      `/api/v1/communities/${community.slug}/members/${b.id}/messages`,
      {
        body: 'Hello neighbor',
      },
    );
    expect(res.statusCode).toBe(201);
    await t.runJobs();
    const client = await t.as(b);
    const inbox = (await client.api('GET', `/api/v1/communities/${community.slug}/notifications`)).json();
    expect(inbox.unread).toBe(1);
    expect((await client.get(inbox.notifications[0].path)).statusCode).toBe(200);
    expect(
      (await client.api('GET', `/api/v1/communities/${community.slug}/notifications`)).json().unread,
    ).toBe(0);
  });

  it('shows several notifications about one thing as one line with how many, newest first; opening it reads them all; no JavaScript needed', async () => {
    const { community } = await t.community();
    const [a, b] = [await t.member(community, 'member', { displayName: 'Ana' }), await t.member(community)];
    const url = `/api/v1/communities/${community.slug}`;
    const first = await (await t.as(a)).api('POST', `${url}/members/${b.id}/messages`, { body: 'One' });
    expect(first.statusCode).toBe(201);
    const conversation = first.json().conversationId as string;
    for (const body of ['Two', 'Three'])
      await (await t.as(a)).post(`/c/${community.slug}/conversations/${conversation}`, { body });
    const post = await createPost(t, community, b, { title: 'Sofa' });
    await claim(community.slug, post.id, a);
    await t.runJobs();
    const client = await t.as(b);
    const inbox = (await client.api('GET', `${url}/notifications`)).json();
    expect(inbox.unread).toBe(4);
    expect(
      inbox.notifications.map((n: { subjectType: string; count: number; unreadAbout: number }) => [
        n.subjectType,
        n.count,
        n.unreadAbout,
      ]),
    ).toEqual([
      ['post', 1, 1],
      ['conversation', 3, 3],
    ]);
    expect(inbox.notifications[1].text).toBe(`Ana wrote to you on ${community.name}`);
    const page = (await client.get(`/c/${community.slug}/inbox`)).body;
    expect(page.match(/<li id="n-/g)).toHaveLength(2);
    expect(page).toContain('(3 about this)');
    // Opening the line (through the inbox) reads all three.
    const opened = await client.get(`/c/${community.slug}/inbox/${inbox.notifications[1].id}`);
    expect(opened.statusCode).toBe(303);
    const after = (await client.api('GET', `${url}/notifications`)).json();
    expect(after.unread).toBe(1);
    expect(after.notifications[1]).toMatchObject({ count: 3, unreadAbout: 0 });
  });

  it('links the community’s chat group where it helps (a welcome), and nowhere else', async () => {
    const { community, steward } = await t.community({ joinPolicy: 'approval' });
    await t.services.db
      .updateTable('community')
      .set({ chatUrl: 'https://chat.example/olmo' })
      .where('id', '=', community.id)
      .execute();
    const lin = await t.account({ displayName: 'Lin' });
    expect((await (await t.as(lin)).post(`/c/${community.slug}/join`, { message: '' })).statusCode).toBe(303);
    const request = await t.services.db
      .selectFrom('membership')
      .select('id')
      .where('communityId', '=', community.id)
      .where('accountId', '=', lin.id)
      .executeTakeFirstOrThrow();
    // The stewards' line about the request does not need the chat group.
    const stewards = (await (await t.as(steward)).get(`/c/${community.slug}/inbox`)).body;
    expect(stewards).toContain('Lin asks to join');
    expect(stewards).not.toContain('https://chat.example/olmo');
    await (await t.as(steward)).post(`/c/${community.slug}/requests/${request.id}/approve`);
    const hers = await t.as(lin);
    const page = (await hers.get(`/c/${community.slug}/inbox`)).body;
    expect(page).toContain(
      '<a href="https://chat.example/olmo" rel="noopener noreferrer">Talk about it in the community’s chat group</a>',
    );
    expect(
      (await hers.api('GET', `/api/v1/communities/${community.slug}/notifications`)).json().notifications[0]
        .chat,
    ).toBe('https://chat.example/olmo');
  });
});

describe('mail', () => {
  it('is plain text and HTML in the reader’s language, with a one-click unsubscribe for its kind', async () => {
    const { community } = await t.community();
    const author = await t.member(community, 'member', { locale: 'es' });
    const post = await createPost(t, community, author, { title: 'Sillas <b>' });
    await claim(community.slug, post.id, await t.member(community, 'member', { displayName: 'Ana' }));
    await t.runJobs();
    const [mail] = t.mailbox.to(author.email as string);
    expect(mail.subject).toBe('Ana va a ayudar: Sillas <b>');
    expect(mail.text).toContain(`http://porch.test/c/${community.slug}/posts/${post.id}`);
    expect(mail.html).toContain('<html lang="es">');
    expect(mail.html).toContain('Sillas &lt;b&gt;');
    expect(mail.html).toContain(`<a href="http://porch.test/c/${community.slug}/posts/${post.id}">`);
    const unsubscribe = String(mail.headers.get('list-unsubscribe'));
    expect(unsubscribe).toMatch(/^<http:\/\/porch\.test\/unsubscribe\/[^>]+>$/);
    expect(mail.text).toContain(unsubscribe.slice(1, -1));
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });

  it('a welcome and an urgent request end with the community’s chat group, where the community has one', async () => {
    const { community } = await t.community();
    await t.services.db
      .updateTable('community')
      .set({ chatUrl: 'https://chat.example/elm' })
      .where('id', '=', community.id)
      .execute();
    const [welcomed, helped] = [await t.member(community), await t.member(community)];
    const s = t.services;
    const tell = (kind: string, to: string) =>
      s.db.transaction().execute((tx) =>
        notify(s, tx, {
          kind,
          community,
          to: [to],
          about: { type: 'community', id: community.id },
          path: '',
          text: { subject: 'communities.mail.approved_subject', body: 'communities.mail.approved_body' },
          params: { name: 'x' },
        }),
      );
    await tell('communities.welcome', welcomed.id);
    await tell('posts.claimed', helped.id);
    await t.runJobs();
    const chatLine = `Neighbors also talk in the chat group of ${community.name}: https://chat.example/elm`;
    expect(t.mailbox.to(welcomed.email as string)[0].text).toContain(chatLine);
    // Where it does not help (someone already said they will), the mail does not carry it.
    expect(t.mailbox.to(helped.email as string)[0].text).not.toContain('chat.example');
  });

  it('survives an SMTP server that fails then recovers: retried with back-off, sent once', async () => {
    const { community } = await t.community();
    const author = await t.member(community);
    const post = await createPost(t, community, author);
    await claim(community.slug, post.id, await t.member(community));
    t.mailbox.failNext(2);
    await t.runJobs();
    expect(t.mailbox.to(author.email as string)).toHaveLength(0);
    const [row] = await t.services.db
      .selectFrom('notificationDelivery')
      .select(['status', 'attempts', 'lastError'])
      .where('communityId', '=', community.id)
      .where('accountId', '=', author.id)
      .execute();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toContain('try again later');
    await t.runJobs(); // not due yet: the back-off holds it
    expect(t.mailbox.to(author.email as string)).toHaveLength(0);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(3600);
      await t.runJobs();
    }
    expect(t.mailbox.to(author.email as string)).toHaveLength(1);
    t.clock.advance(86400);
    await t.runJobs();
    expect(t.mailbox.to(author.email as string)).toHaveLength(1);
  });

  it('a delivery failing every attempt is listed for the operator, and a retry sends it', async () => {
    const { community } = await t.community();
    const author = await t.member(community);
    const post = await createPost(t, community, author);
    await claim(community.slug, post.id, await t.member(community));
    t.mailbox.failNext(maxAttempts);
    for (let i = 0; i <= maxAttempts; i++) {
      await t.runJobs();
      t.clock.advance(86400);
    }
    expect(t.mailbox.to(author.email as string)).toHaveLength(0);
    const failed = (await failedDeliveries(t.services)).filter((f) => f.accountId === author.id);
    expect(failed).toMatchObject([
      { slug: community.slug, channel: 'mail', kind: 'posts.claimed', attempts: maxAttempts },
    ]);
    expect(await retryFailedDeliveries(t.services)).toBeGreaterThanOrEqual(1);
    await t.runJobs();
    expect(t.mailbox.to(author.email as string)).toHaveLength(1);
    expect((await failedDeliveries(t.services)).filter((f) => f.accountId === author.id)).toEqual([]);
  });

  it('the operator sees failed deliveries on a page and retries one or all; nobody else may', async () => {
    const { community, steward } = await t.community();
    const people = [await t.member(community), await t.member(community)];
    for (const p of people) {
      const post = await createPost(t, community, p, { title: 'Ladder' });
      await claim(community.slug, post.id, await t.member(community));
    }
    t.mailbox.failNext(2 * maxAttempts);
    for (let i = 0; i <= maxAttempts; i++) {
      await t.runJobs();
      t.clock.advance(86400);
    }
    const operator = await t.account({ operator: 1 });
    const client = await t.as(operator);
    const page = await client.get('/operator/notifications');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Someone will help with my post');
    expect(page.body).toContain(`Email, in ${community.name}`);
    expect(page.body).toContain(`${maxAttempts} attempts; was due`);
    expect(page.body).toContain('Last error:');
    expect(page.body).toContain('try again later');
    const mine = async () =>
      (
        await t.services.db
          .selectFrom('notificationDelivery')
          .select(['id', 'status'])
          .where('communityId', '=', community.id)
          .execute()
      ).filter((d) => d.status === 'failed');
    const failed = await mine();
    expect(failed).toHaveLength(2);
    for (const d of failed) expect(page.body).toContain(`id="d-${d.id}"`);

    // Nobody but the operator: not a steward, a member, a visitor (the sign-in page).
    for (const [who, status] of [
      [await t.as(steward), 403],
      [await t.as(people[0]), 403],
      [t.visitor(), 303],
    ] as const) {
      expect((await who.get('/operator/notifications')).statusCode).toBe(status);
      expect((await who.post(`/operator/notifications/${failed[0].id}/retry`)).statusCode, 'one').toBe(
        status,
      );
      expect((await who.post('/operator/notifications/retry')).statusCode, 'all').toBe(status);
    }
    expect(await mine()).toHaveLength(2);
    const refused = await (await t.as(steward)).get('/operator/notifications');
    expect(refused.body).toContain('Only the operator of this server can see failed deliveries.');

    // One, then all: each sent once.
    const one = await client.post(`/operator/notifications/${failed[0].id}/retry`);
    expect(one.statusCode).toBe(303);
    expect((await client.get('/operator/notifications')).body).toContain('1 delivery will be sent again.');
    // The same one again (no longer failed), or one that never was: 404, nothing queued.
    expect((await client.post(`/operator/notifications/${failed[0].id}/retry`)).statusCode).toBe(404);
    expect(
      (await client.post('/operator/notifications/00000000-0000-4000-8000-000000000000/retry')).statusCode,
    ).toBe(404);
    await t.runJobs();
    expect(await mine()).toHaveLength(1);
    await client.post('/operator/notifications/retry');
    await t.runJobs();
    expect(await mine()).toEqual([]);
    for (const p of people) expect(t.mailbox.to(p.email as string)).toHaveLength(1);
    // In Spanish, and the preferences page leads the operator there (and nobody else).
    await t.services.db.updateTable('account').set({ locale: 'es' }).where('id', '=', operator.id).execute();
    expect((await client.get('/operator/notifications')).body).toContain('Envíos que fallaron');
    expect((await client.get('/account/notifications')).body).toContain('href="/operator/notifications"');
    expect((await (await t.as(steward)).get('/account/notifications')).body).not.toContain(
      'href="/operator/notifications"',
    );
  });

  it('one job sends a batch: each member’s delivery keeps its own status, and the retry sends only what failed', async () => {
    addKind({ name: 'test.batch', defaults: personal });
    const { community } = await t.community();
    const people = await Promise.all(Array.from({ length: 8 }, () => t.member(community)));
    const s = t.services;
    await s.db.transaction().execute((tx) =>
      notify(s, tx, {
        kind: 'test.batch',
        community,
        to: people.map((p) => p.id),
        about: { type: 'community', id: community.id },
        path: '',
        text: { subject: 'communities.mail.approved_subject', body: 'communities.mail.approved_body' },
        params: { name: 'x' },
      }),
    );
    const jobs = await s.db
      .selectFrom('job')
      .select('payload')
      .where('kind', '=', 'notify.deliver')
      .execute();
    expect(jobs.filter((j) => j.payload.includes(community.id))).toHaveLength(1);
    t.mailbox.failNext(1);
    await t.runJobs();
    const rows = await s.db
      .selectFrom('notificationDelivery')
      .select(['accountId', 'status', 'attempts'])
      .where('communityId', '=', community.id)
      .execute();
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(7);
    const [failed] = rows.filter((r) => r.status !== 'sent');
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    t.clock.advance(3600);
    await t.runJobs();
    for (const p of people) expect(t.mailbox.to(p.email as string), p.id).toHaveLength(1);
  });

  it('sending a mail leaves the community’s stored pages in place; a new notification still shows in the menu', async () => {
    addKind({ name: 'test.version', defaults: personal });
    const { community } = await t.community();
    const author = await t.member(community);
    const s = t.services;
    const tell = () =>
      s.db.transaction().execute((tx) =>
        notify(s, tx, {
          kind: 'test.version',
          community,
          to: [author.id],
          about: { type: 'community', id: community.id },
          path: '',
          text: { subject: 'communities.mail.approved_subject', body: 'communities.mail.approved_body' },
          params: { name: 'x' },
        }),
      );
    const version = async () =>
      Number(
        (
          await s.db
            .selectFrom('communityVersion')
            .select('version')
            .where('communityId', '=', community.id)
            .executeTakeFirstOrThrow()
        ).version,
      );
    const client = await t.as(author);
    const board = async () => (await client.get(`/c/${community.slug}/board`)).body;
    const count = (page: string) =>
      /id="count-inbox"[^>]*>.*?(\d+)<\/span><span class="visually-hidden">/s.exec(page)?.[1];
    await tell();
    const told = await version();
    expect(count(await board())).toBe('1');
    await t.runJobs();
    expect(t.mailbox.to(author.email as string)).toHaveLength(1);
    expect(await version()).toBe(told);
    // The board is a stored page; a new notification moves the version, so its count is new.
    await tell();
    expect(await version()).toBeGreaterThan(told);
    expect(count(await board())).toBe('2');
    await client.post(`/c/${community.slug}/inbox/read`);
    expect(count(await board())).toBeUndefined();
  });

  it('two workers on one database send each delivery once', async () => {
    addKind({ name: 'test.once', defaults: personal });
    const { community } = await t.community();
    // More than one batch, so the two workers each claim some of the jobs.
    const people = await Promise.all(Array.from({ length: 60 }, () => t.member(community)));
    const s = t.services;
    await s.db.transaction().execute((tx) =>
      notify(s, tx, {
        kind: 'test.once',
        community,
        to: [...people.map((p) => p.id), people[0].id],
        about: { type: 'community', id: community.id },
        path: '',
        text: { subject: 'communities.mail.approved_subject', body: 'communities.mail.approved_body' },
        params: { name: 'x' },
      }),
    );
    // A second worker, as a second process has: its own queue on the same database.
    const other = createJobs(s.db, s.dialect, s.clock, s.log);
    registerNotifyJobs({ ...s, jobs: other });
    await Promise.all([t.runJobs(), other.runDue(), t.runJobs(), other.runDue()]);
    for (const p of people) expect(t.mailbox.to(p.email as string), p.id).toHaveLength(1);
  });
});

describe('preferences', () => {
  it('start from the defaults, are saved from the page, and refuse what no channel offers', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const client = await t.as(member);
    const api = (await client.api('GET', '/api/v1/me/notification-preferences')).json();
    expect(api.choices['posts.urgent']).toEqual({ mail: 'immediate', push: 'immediate' });
    expect(api.choices['notifications.announcements']).toEqual({ mail: 'daily', push: 'off' });
    expect(api).toMatchObject({ timeZone: null, quietStart: null, quietEnd: null });
    const page = await client.get('/account/notifications');
    expect(page.body).toContain('Urgent requests for help nearby');

    const saved = await client.post('/account/notifications', {
      'posts.claimed:mail': 'weekly',
      quietStart: '21:00',
      quietEnd: '07:30',
      timeZone: 'America/Chicago',
    });
    expect(saved.statusCode, saved.body.match(/error-summary.*?<\/ul>/s)?.[0]).toBe(303);
    expect((await client.api('GET', '/api/v1/me/notification-preferences')).json()).toMatchObject({
      choices: { 'posts.claimed': { mail: 'weekly', push: 'immediate' } },
      timeZone: 'America/Chicago',
      quietStart: '21:00',
      quietEnd: '07:30',
    });

    const refused = await client.post('/account/notifications', {
      'posts.claimed:push': 'weekly',
      quietStart: '25:00',
      timeZone: 'Mars/Olympus',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Please choose one of: immediate, off.');
    expect(refused.body).toContain('Please give a time as hours:minutes');
    expect(refused.body).toContain('Please choose a time zone from the list');
    const bad = await client.api('PUT', '/api/v1/me/notification-preferences', {
      choices: [{ kind: 'nothing.such', channel: 'mail', cadence: 'off' }],
      quietStart: '21:00',
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { code: string }) => e.code)
        .sort(),
    ).toEqual(['notify.errors.quiet_both', 'notify.errors.unknown_kind']);
    // Nothing of a refused change was kept.
    expect((await client.api('GET', '/api/v1/me/notification-preferences')).json().quietEnd).toBe('07:30');
    expect((await t.visitor().api('GET', '/api/v1/me/notification-preferences')).statusCode).toBe(401);
  });

  it('off by mail: the inbox still holds it, no mail goes', async () => {
    const { community } = await t.community();
    const author = await t.member(community);
    const client = await t.as(author);
    await client.api('PUT', '/api/v1/me/notification-preferences', {
      choices: [{ kind: 'posts.claimed', channel: 'mail', cadence: 'off' }],
    });
    const post = await createPost(t, community, author);
    await claim(community.slug, post.id, await t.member(community));
    await t.runJobs();
    expect(t.mailbox.to(author.email as string)).toHaveLength(0);
    expect(
      (await client.api('GET', `/api/v1/communities/${community.slug}/notifications`)).json().unread,
    ).toBe(1);
  });

  it('quiet hours hold a mail until they end in the member’s own time zone', async () => {
    const { community } = await t.community();
    const author = await t.member(community);
    const client = await t.as(author);
    // Quiet from now (their wall clock) for two hours.
    const zone = 'Asia/Kolkata';
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const hhmm = (d: Date) => local.format(d);
    const now = t.clock.now();
    await client.api('PUT', '/api/v1/me/notification-preferences', {
      timeZone: zone,
      quietStart: hhmm(new Date(now.getTime() - 60_000)),
      quietEnd: hhmm(new Date(now.getTime() + 2 * 3600_000)),
    });
    const post = await createPost(t, community, author);
    await claim(community.slug, post.id, await t.member(community));
    await t.runJobs();
    expect(t.mailbox.to(author.email as string)).toHaveLength(0);
    t.clock.advance(3600);
    await t.runJobs();
    expect(t.mailbox.to(author.email as string)).toHaveLength(0);
    t.clock.advance(3600 + 60);
    await t.runJobs();
    expect(t.mailbox.to(author.email as string)).toHaveLength(1);
  });

  it('an emergency kind goes at once through quiet hours and a daily digest, which it does not offer', async () => {
    addKind({ name: 'test.emergency', defaults: personal, emergency: true });
    const { community } = await t.community();
    const member = await t.member(community);
    const client = await t.as(member);
    await t.services.db
      .insertInto('notificationSetting')
      .values({ accountId: member.id, timeZone: 'UTC', quietStart: '00:00', quietEnd: '23:59' })
      .execute();
    const digest = await client.api('PUT', '/api/v1/me/notification-preferences', {
      choices: [{ kind: 'test.emergency', channel: 'mail', cadence: 'daily' }],
    });
    expect(digest.statusCode).toBe(422);
    expect(digest.json().errors[0].message).toBe(
      'Emergency alerts come at once or not at all, never in a summary: please choose one of: immediate, off.',
    );
    const page = (await client.get('/account/notifications')).body;
    const select = page.match(/<select[^>]*name="test\.emergency:mail".*?<\/select>/s)?.[0] ?? '';
    expect(select).toContain('value="immediate"');
    expect(select).not.toContain('value="daily"');
    // A digest stored before it was refused: the mail still goes at once, and the page says so.
    await t.services.db
      .insertInto('notificationPreference')
      .values({ accountId: member.id, kind: 'test.emergency', channel: 'mail', cadence: 'daily' })
      .execute();
    expect(
      (await client.api('GET', '/api/v1/me/notification-preferences')).json().choices['test.emergency'].mail,
    ).toBe('immediate');
    await t.services.db.transaction().execute((tx) =>
      notify(t.services, tx, {
        kind: 'test.emergency',
        community,
        to: [member.id],
        about: { type: 'community', id: community.id },
        path: '',
        text: { subject: 'communities.mail.approved_subject', body: 'communities.mail.approved_body' },
        params: { name: 'x' },
      }),
    );
    await t.runJobs();
    const mails = t.mailbox.to(member.email as string);
    expect(mails).toHaveLength(1);
    // Its unsubscribe link opens the page that asks; a mail program cannot turn it off in one click.
    expect(String(mails[0].headers.get('list-unsubscribe'))).toMatch(/^<http:\/\/porch\.test\/unsubscribe\//);
    expect(mails[0].headers.get('list-unsubscribe-post')).toBeUndefined();
  });

  it('digests gather a member’s notifications into one mail at 08:00 in their own time zone', async () => {
    const { community } = await t.community();
    const author = await t.member(community);
    const client = await t.as(author);
    await client.api('PUT', '/api/v1/me/notification-preferences', {
      choices: [{ kind: 'posts.claimed', channel: 'mail', cadence: 'daily' }],
      timeZone: 'Pacific/Auckland',
    });
    for (const title of ['Chairs', 'Table']) {
      const post = await createPost(t, community, author, { title });
      await claim(
        community.slug,
        post.id,
        await t.member(community, 'member', { displayName: `Helper of ${title}` }),
      );
    }
    await t.runJobs();
    expect(t.mailbox.to(author.email as string)).toHaveLength(0);
    const [{ dueAt }] = await t.services.db
      .selectFrom('notificationDelivery')
      .select('dueAt')
      .where('communityId', '=', community.id)
      .where('accountId', '=', author.id)
      .execute();
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Pacific/Auckland', timeStyle: 'short' }).format(
        new Date(dueAt),
      ),
    ).toBe('08:00');
    t.clock.advance((new Date(dueAt).getTime() - t.clock.now().getTime()) / 1000 + 301);
    await t.runJobs();
    const mails = t.mailbox.to(author.email as string);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`2 new notifications from ${community.name}`);
    expect(mails[0].text).toContain('Helper of Chairs will help: Chairs');
    expect(mails[0].text).toContain('Helper of Table will help: Table');
    t.clock.advance(86400);
    await t.runJobs();
    expect(t.mailbox.to(author.email as string)).toHaveLength(1);
  });

  it('a member of two communities gets each community’s digest, each with its own news and link', async () => {
    const { community: elm } = await t.community();
    const { community: oak } = await t.community();
    const author = await t.member(elm);
    await t.membership(oak, author);
    await (await t.as(author)).api('PUT', '/api/v1/me/notification-preferences', {
      choices: [{ kind: 'posts.claimed', channel: 'mail', cadence: 'weekly' }],
      timeZone: 'Europe/Madrid',
    });
    for (const community of [elm, oak]) {
      const post = await createPost(t, community, author, { title: `Chairs of ${community.name}` });
      await claim(community.slug, post.id, await t.member(community));
    }
    await t.runJobs();
    t.clock.advance(8 * 86400);
    await t.runJobs();
    const mails = t.mailbox.to(author.email as string);
    expect(mails.map((m) => m.subject).sort()).toEqual(
      [`1 new notification from ${elm.name}`, `1 new notification from ${oak.name}`].sort(),
    );
    for (const community of [elm, oak]) {
      const mail = mails.find((m) => m.subject.endsWith(community.name))!;
      expect(mail.text).toContain(`Chairs of ${community.name}`);
      expect(mail.text).toContain(`/c/${community.slug}/posts/`);
      expect(mail.text).not.toContain(`Chairs of ${(community === elm ? oak : elm).name}`);
    }
  });
});

describe('one-click unsubscribe', () => {
  it('works without a session, stops only that kind by mail, and only for the account it names', async () => {
    const { community } = await t.community();
    const author = await t.member(community);
    const post = await createPost(t, community, author);
    await claim(community.slug, post.id, await t.member(community));
    await t.runJobs();
    const [mail] = t.mailbox.to(author.email as string);
    const link = String(mail.headers.get('list-unsubscribe')).slice(1, -1);
    const path = new URL(link).pathname;
    const visitor = t.visitor();
    // Opening the link (a mail scanner does) changes nothing; the page asks.
    const page = await visitor.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Someone will help with my post');
    const before = (await (await t.as(author)).api('GET', '/api/v1/me/notification-preferences')).json();
    expect(before.choices['posts.claimed'].mail).toBe('immediate');

    // Someone else's account in the same link, or another kind: refused, nothing changes.
    const other = await t.member(community);
    const [, , , kinds, token] = path.split('/');
    for (const forged of [
      `/unsubscribe/${other.id}/${kinds}/${token}`,
      `/unsubscribe/${author.id}/posts.urgent/${token}`,
    ]) {
      const res = await visitor.post(forged, { 'List-Unsubscribe': 'One-Click' }, { csrf: false });
      expect(res.statusCode).toBe(404);
    }
    expect(
      (await (await t.as(other)).api('GET', '/api/v1/me/notification-preferences')).json().choices[
        'posts.claimed'
      ].mail,
    ).toBe('immediate');

    // The mail program's one-click POST (RFC 8058): no cookie, no CSRF token.
    const res = await visitor.post(path, { 'List-Unsubscribe': 'One-Click' }, { csrf: false });
    expect(res.statusCode).toBe(200);
    const after = (await (await t.as(author)).api('GET', '/api/v1/me/notification-preferences')).json();
    expect(after.choices['posts.claimed']).toEqual({ mail: 'off', push: 'immediate' });
    expect(after.choices['posts.urgent'].mail).toBe('immediate');
    // The page's button works too, and says it is done.
    const again = await visitor.post(path, {}, { csrf: false });
    expect(again.body).toContain('Porch will not email you about these any more');
  });

  it('speaks the language of the account its mails speak, though nobody is signed in', async () => {
    const { community } = await t.community();
    const author = await t.member(community, 'member', { locale: 'es' });
    const post = await createPost(t, community, author);
    await claim(community.slug, post.id, await t.member(community));
    await t.runJobs();
    const [mail] = t.mailbox.to(author.email as string);
    const path = new URL(String(mail.headers.get('list-unsubscribe')).slice(1, -1)).pathname;
    const page = await t.visitor().get(path, { 'accept-language': 'en' });
    expect(page.body).toContain('<html lang="es"');
  });
});

describe('push', () => {
  let service: PushService;
  beforeAll(async () => {
    service = await startPushService();
  });
  afterAll(async () => {
    await service?.close();
  });

  it('goes to the member’s devices as a channel beside mail, retried while the push service fails, and off by choice', async () => {
    const { community } = await t.community();
    const author = await t.member(community);
    const client = await t.as(author);
    const device = service.device();
    expect((await client.api('POST', '/api/v1/me/push-subscriptions', device.subscription)).statusCode).toBe(
      201,
    );
    const post = await createPost(t, community, author, { title: 'Ladder' });
    service.answer(device, 500);
    await claim(community.slug, post.id, await t.member(community, 'member', { displayName: 'Rosa' }));
    await t.runJobs();
    // Mail went; push waits for its retry.
    expect(t.mailbox.to(author.email as string)).toHaveLength(1);
    const mine = () =>
      service.received.filter((r) => r.device === device.id && (r.payload as { title: string }).title);
    const before = mine().length;
    service.answer(device, 201);
    t.clock.advance(3600);
    await t.runJobs();
    const pushes = mine().slice(before);
    expect(pushes).toHaveLength(1);
    // A short title and one line, not the mail; tapping it opens the post.
    expect(pushes[0].payload).toMatchObject({
      title: 'Someone will help',
      body: 'Rosa will help: Ladder',
      url: `/c/${community.slug}/posts/${post.id}`,
    });

    await client.api('PUT', '/api/v1/me/notification-preferences', {
      choices: [{ kind: 'posts.claimed', channel: 'push', cadence: 'off' }],
    });
    const second = await createPost(t, community, author, { title: 'Saw' });
    await claim(community.slug, second.id, await t.member(community));
    await t.runJobs();
    expect(mine().slice(before)).toHaveLength(1);
    expect(t.mailbox.to(author.email as string)).toHaveLength(2);
  });

  it('says a message in the reader’s language: who wrote as the title, their words as the line, opening the conversation', async () => {
    const { community } = await t.community();
    const [a, b] = [
      await t.member(community, 'member', { displayName: 'Ana' }),
      await t.member(community, 'member', { locale: 'es' }),
    ];
    const device = service.device();
    expect(
      (await (await t.as(b)).api('POST', '/api/v1/me/push-subscriptions', device.subscription)).statusCode,
    ).toBe(201);
    const res = await (await t.as(a)).api(
      'POST',
      `/api/v1/communities/${community.slug}/members/${b.id}/messages`,
      {
        body: '¿Me prestas\nla escalera?',
      },
    );
    expect(res.statusCode).toBe(201);
    await t.runJobs();
    const [push] = service.received.filter((r) => r.device === device.id);
    expect(push.payload).toMatchObject({
      title: 'Mensaje nuevo de Ana',
      body: '¿Me prestas la escalera?',
      // At the message itself.
      url: expect.stringMatching(
        new RegExp(`^/c/${community.slug}/conversations/[0-9a-f-]{36}#m-[0-9a-f-]{36}$`),
      ),
    });
  });

  it('every notification text has a push title in every language', () => {
    // The subjects every feature tells with (`text: { subject: … }`), read from the sources; a
    // subject made from a value (`library.mail.${key}.subject`) stands for each catalog key it fits.
    const dir = new URL('../', import.meta.url);
    const said = new Set<string>();
    for (const file of readdirSync(dir, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      for (const m of readFileSync(new URL(file, dir), 'utf8').matchAll(
        /text: \{\s*subject: ['`]([^'`]+)['`]/g,
      ))
        said.add(m[1]);
    }
    expect(said.size).toBeGreaterThan(8);
    const flat = (o: object, prefix = ''): [string, unknown][] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' ? flat(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
      );
    for (const locale of locales) {
      const keys = new Map(flat(catalog(locale)));
      const subjects = [...said].flatMap((key) => {
        const pattern = new RegExp(`^${key.replace(/\./g, '\\.').replace(/\$\{\w+\}/g, '[^.]+')}$`);
        return [...keys.keys()].filter((k) => pattern.test(k));
      });
      expect(subjects.length).toBeGreaterThan(20);
      const missing = subjects.filter((k) => typeof keys.get(pushKeys(k).title) !== 'string');
      expect(missing, locale).toEqual([]);
      for (const k of subjects) expect(String(keys.get(pushKeys(k).title)).length, k).toBeLessThanOrEqual(40);
    }
  });

  it('an erased account’s inbox, choices, quiet hours and devices are removed by the tidying; others’ stay', async () => {
    const { community } = await t.community();
    const [gone, stays] = [await t.member(community), await t.member(community)];
    for (const who of [gone, stays]) {
      const client = await t.as(who);
      expect(
        (await client.api('POST', '/api/v1/me/push-subscriptions', service.device().subscription)).statusCode,
      ).toBe(201);
      await client.api('PUT', '/api/v1/me/notification-preferences', {
        choices: [{ kind: 'posts.claimed', channel: 'mail', cadence: 'daily' }],
        quietStart: '22:00',
        quietEnd: '07:00',
      });
      const post = await createPost(t, community, who);
      await claim(community.slug, post.id, await t.member(community));
    }
    await t.runJobs();
    const { db } = t.services;
    // Erasure clears the account's details and stamps it (no erasing feature yet: as it will).
    await db
      .updateTable('account')
      .set({ erasedAt: iso(t.clock.now()), email: null })
      .where('id', '=', gone.id)
      .execute();
    await tidyNotifications(t.services, 5000);
    const left = async (accountId: string) => ({
      notifications: (
        await db
          .selectFrom('notification')
          .select('id')
          .where('communityId', '=', community.id)
          .where('accountId', '=', accountId)
          .execute()
      ).length,
      choices: (
        await db
          .selectFrom('notificationPreference')
          .select('kind')
          .where('accountId', '=', accountId)
          .execute()
      ).length,
      setting: (
        await db
          .selectFrom('notificationSetting')
          .select('accountId')
          .where('accountId', '=', accountId)
          .execute()
      ).length,
      devices: (
        await db.selectFrom('pushSubscription').select('id').where('accountId', '=', accountId).execute()
      ).length,
    });
    expect(await left(gone.id)).toEqual({ notifications: 0, choices: 0, setting: 0, devices: 0 });
    expect(await left(stays.id)).toEqual({ notifications: 1, choices: 1, setting: 1, devices: 1 });
  });
});
