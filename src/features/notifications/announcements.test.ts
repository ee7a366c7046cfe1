import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { announcementsPerWeek } from './service.ts';

const t = useTestApp();

describe('announcements', () => {
  it('a steward tells every member (inbox now, mail in the daily summary), with the chat link, and sees whom it reached', async () => {
    const { community, steward } = await t.community();
    await t.services.db
      .updateTable('community')
      .set({ chatUrl: 'https://chat.example/maple' })
      .where('id', '=', community.id)
      .execute();
    const members = [await t.member(community), await t.member(community, 'member', { locale: 'es' })];
    const paper = await t.member(community, 'member', { email: null });
    const client = await t.as(steward);
    const res = await client.post(`/c/${community.slug}/announcements`, {
      subject: 'Tool swap on Saturday',
      body: 'Bring what you can spare.\nCoffee at 10.',
    });
    expect(res.statusCode).toBe(303);
    const page = (await client.get(`/c/${community.slug}/announcements`)).body;
    expect(page).toContain('Sent: it reached 3 members.');
    expect(page).toContain('Reached 3 members.');
    expect(page).toContain('2 emails wait for a summary or quiet hours.');

    for (const m of [...members, paper]) {
      const inbox = (
        await (await t.as(m)).api('GET', `/api/v1/communities/${community.slug}/notifications`)
      ).json();
      expect(inbox.unread).toBe(1);
      expect(inbox.notifications[0].path).toMatch(new RegExp(`^/c/${community.slug}/announcements#a-`));
    }
    await t.runJobs();
    expect(t.mailbox.to(members[0].email as string)).toHaveLength(0);
    // The next morning's summary, at 08:00 in the community's zone (the members chose none).
    t.clock.advance(86400 + 600);
    await t.runJobs();
    const [mail] = t.mailbox.to(members[0].email as string);
    expect(mail.subject).toBe(`1 new notification from ${community.name}`);
    expect(mail.text).toContain(`${community.name}: Tool swap on Saturday`);
    const [es] = t.mailbox.to(members[1].email as string);
    expect(es.subject).toBe(`1 aviso nuevo de ${community.name}`);

    // Someone who wants them at once gets the whole message, with the chat link.
    const eager = await t.member(community);
    await (await t.as(eager)).api('PUT', '/api/v1/me/notification-preferences', {
      choices: [{ kind: 'notifications.announcements', channel: 'mail', cadence: 'immediate' }],
    });
    const api = await client.api('POST', `/api/v1/communities/${community.slug}/announcements`, {
      subject: 'Plant sale',
      body: 'Seedlings at the school.',
    });
    expect(api.statusCode).toBe(201);
    expect(api.json().reached).toBe(4);
    await t.runJobs();
    const [now] = t.mailbox.to(eager.email as string);
    expect(now.text).toContain('Seedlings at the school.');
    expect(now.text).toContain('https://chat.example/maple');
    const listed = (await client.api('GET', `/api/v1/communities/${community.slug}/announcements`)).json();
    expect(listed[0]).toMatchObject({
      subject: 'Plant sale',
      stats: { reached: 4, mailed: 1, waiting: 2, failed: 0 },
    });
    const seen = (
      await (await t.as(eager)).api('GET', `/api/v1/communities/${community.slug}/announcements`)
    ).json();
    expect(seen[0].stats).toBeNull();
  });

  it('only stewards announce; others are refused and nothing is sent', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const { community: elsewhere } = await t.community();
    const outsider = await t.member(elsewhere);
    const body = { subject: 'Hello', body: 'Everyone' };
    const url = `/api/v1/communities/${community.slug}/announcements`;
    expect((await (await t.as(member)).api('POST', url, body)).json().code).toBe(
      'notify.announcements.only_stewards',
    );
    expect((await (await t.as(outsider)).api('POST', url, body)).statusCode).toBe(403);
    expect((await t.visitor().api('POST', url, body)).statusCode).toBe(401);
    const page = await (await t.as(member)).get(`/c/${community.slug}/announcements`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Send to everyone');
    expect(
      (await (await t.as(member)).api('GET', `/api/v1/communities/${community.slug}/notifications`)).json()
        .unread,
    ).toBe(0);
  });

  it(`are limited to ${announcementsPerWeek} a week per community, with a clear refusal`, async () => {
    const { community, steward } = await t.community();
    const client = await t.as(steward);
    for (let i = 0; i < announcementsPerWeek; i++) {
      expect(
        (await client.post(`/c/${community.slug}/announcements`, { subject: `News ${i}`, body: 'x' }))
          .statusCode,
      ).toBe(303);
    }
    const refused = await client.post(`/c/${community.slug}/announcements`, {
      subject: 'One more',
      body: 'x',
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain(`already sent ${announcementsPerWeek} announcements this week`);
    const empty = await client.post(`/c/${community.slug}/announcements`, { subject: '', body: '' });
    expect(empty.statusCode).toBe(422);
    // The subject is a title like every other (mail subjects and push titles carry it).
    const forged = await client.api('POST', `/api/v1/communities/${community.slug}/announcements`, {
      subject: 'Line1\nBcc: someone@example.org\n\u202eevil',
      body: 'x',
    });
    expect(forged.statusCode).toBe(422);
    expect(forged.json().errors[0]).toMatchObject({ field: 'subject', code: 'validation.name' });
    t.clock.advance(7 * 86400 + 60);
    expect(
      (await client.post(`/c/${community.slug}/announcements`, { subject: 'Next week', body: 'x' }))
        .statusCode,
    ).toBe(303);
  });

  it('the limit holds when stewards announce at the same moment (one after the other on PostgreSQL too)', async () => {
    const { community, steward } = await t.community();
    const second = await t.member(community, 'steward');
    const clients = [await t.as(steward), await t.as(second)];
    const answers = await Promise.all(
      Array.from({ length: announcementsPerWeek + 3 }, (_, i) =>
        clients[i % 2].api('POST', `/api/v1/communities/${community.slug}/announcements`, {
          subject: `At once ${i}`,
          body: 'x',
        }),
      ),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([...Array(announcementsPerWeek).fill(201), ...Array(3).fill(429)]);
    const made = await t.services.db
      .selectFrom('announcement')
      .select('id')
      .where('communityId', '=', community.id)
      .execute();
    expect(made).toHaveLength(announcementsPerWeek);
  });
});
