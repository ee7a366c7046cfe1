import { describe, expect, it } from 'vitest';
import { type Client, useTestApp } from '../../../test/support/app.ts';

const t = useTestApp();

const form = {
  name: 'Calle Arce',
  slug: undefined as string | undefined,
  description: 'Tools, seeds and rides on Maple Street.',
  languages: ['es', 'en'],
  timeZone: 'America/Chicago',
  rhythm: 'monthly',
  joinPolicy: 'invite',
  paperMembers: '1',
};

function accountWith(email: string) {
  return t.services.db.selectFrom('account').select('id').where('email', '=', email).executeTakeFirst();
}

async function membershipStatus(communityId: string, accountId: string) {
  const row = await t.services.db
    .selectFrom('membership')
    .select(['status', 'role', 'endedAt'])
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
  return row;
}

describe('the start page', () => {
  it('shows a visitor how joining works', async () => {
    const res = await t.visitor().get('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('invite link or scan the QR code');
    // No operator yet in this database: the server waits for its setup.
    expect(res.body).toContain('waiting to be set up');
  });

  it("lists a member's communities and offers to start one", async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const res = await (await t.as(member)).get('/');
    expect(res.body).toContain(community.name);
    expect(res.body).toContain('href="/communities/new"');
  });
});

describe('starting a community', () => {
  it('a signed-in neighbor starts one from the form and becomes its steward', async () => {
    const rosa = await t.account();
    const browser = await t.as(rosa);
    const blank = await browser.get('/communities/new');
    expect(blank.statusCode).toBe(200);
    // The server's time zone without JavaScript (the script puts in the browser's).
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(blank.body).toMatch(
      new RegExp(`<option value="${zone}" selected|name="timeZoneOther" value="${zone}"`),
    );
    expect(blank.body).toContain('id="new-community"');
    const res = await browser.post('/communities', { ...form, name: 'Calle Ñandú Núm 5' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/c/calle-nandu-num-5');
    const api = await browser.api('GET', '/api/v1/communities/calle-nandu-num-5');
    expect(api.json()).toMatchObject({ myRole: 'steward', languages: ['es', 'en'], memberCount: 1 });
  });

  it('a name whose slug is taken gets the next free number', async () => {
    const starts = async () =>
      (await (await t.as(await t.account())).post('/communities', { ...form, name: 'Elm Row' })).headers
        .location;
    expect(await starts()).toBe('/c/elm-row');
    expect(await starts()).toBe('/c/elm-row-2');
    expect(await starts()).toBe('/c/elm-row-3');
  });

  it('a slug that is taken is refused beside the field (page 409, API 409)', async () => {
    const { community } = await t.community();
    const browser = await t.as(await t.account());
    const res = await browser.post('/communities', { ...form, slug: community.slug });
    expect(res.statusCode).toBe(409);
    expect(res.body).toMatch(/id="e-slug"[^>]*>[^<]*already used/);
    const api = await browser.api('POST', '/api/v1/communities', {
      ...form,
      paperMembers: true,
      slug: community.slug,
    });
    expect(api.statusCode).toBe(409);
    expect(api.json().code).toBe('communities.slug_taken');
  });

  it('refuses a bad slug, time zone, chat link and no language, each beside its field', async () => {
    const browser = await t.as(await t.account());
    const res = await browser.post('/communities', {
      ...form,
      slug: 'No Spaces!',
      languages: undefined,
      chatUrl: 'http://insecure.example',
    });
    expect(res.statusCode).toBe(422);
    for (const field of ['slug', 'languages', 'chatUrl']) expect(res.body).toContain(`id="e-${field}"`);
    expect(res.body).toContain('(no spaces or accents), for example maple-street.');
    const tz = await browser.post('/communities', { ...form, timeZoneOther: 'Mars/Olympus' });
    expect(tz.statusCode).toBe(422);
    expect(tz.body).toContain('id="e-timeZone"');
  });

  it('a neighbor may start at most the per-person limit (5 by default)', async () => {
    const browser = await t.as(await t.account());
    for (let i = 0; i < 5; i++) {
      const res = await browser.api('POST', '/api/v1/communities', {
        ...form,
        paperMembers: true,
        name: `Block ${i}`,
      });
      expect(res.statusCode).toBe(201);
    }
    const sixth = await browser.api('POST', '/api/v1/communities', {
      ...form,
      paperMembers: true,
      name: 'Block 6',
    });
    expect(sixth.statusCode).toBe(403);
    expect(sixth.json().code).toBe('communities.creation_limit');
    expect((await browser.get('/')).body).not.toContain('href="/communities/new"');
  });

  it('a visitor who is not signed in is sent to sign in', async () => {
    const res = await t.visitor().get('/communities/new');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fcommunities%2Fnew');
  });
});

describe('changing settings', () => {
  it('a steward changes the settings; the slug stays', async () => {
    const { community, steward } = await t.community();
    const browser = await t.as(steward);
    expect((await browser.get(`/c/${community.slug}/settings`)).statusCode).toBe(200);
    const res = await browser.post(`/c/${community.slug}/settings`, {
      ...form,
      name: 'Renamed',
      joinPolicy: 'open',
      emailOptional: '1',
    });
    expect(res.statusCode).toBe(303);
    const api = await browser.api('PATCH', `/api/v1/communities/${community.slug}`, { rhythm: 'weekly' });
    expect(api.json()).toMatchObject({
      slug: community.slug,
      name: 'Renamed',
      rhythm: 'weekly',
      emailOptional: true,
    });
  });

  it('a member gets 403', async () => {
    const { community } = await t.community();
    const browser = await t.as(await t.member(community));
    expect((await browser.get(`/c/${community.slug}/settings`)).statusCode).toBe(403);
    expect(
      (await browser.api('PATCH', `/api/v1/communities/${community.slug}`, { name: 'X' })).statusCode,
    ).toBe(403);
  });

  it("another community's steward gets 403 (members only), as every outsider does", async () => {
    const a = await t.community();
    const b = await t.community();
    const browser = await t.as(a.steward);
    expect((await browser.get(`/c/${b.community.slug}/settings`)).statusCode).toBe(403);
    const api = await browser.api('PATCH', `/api/v1/communities/${b.community.slug}`, { name: 'X' });
    expect(api.statusCode).toBe(403);
    expect(api.json().code).toBe('errors.members_only');
  });
});

describe('the community page', () => {
  it('shows the chat link to members only', async () => {
    const { community } = await t.community({ chatUrl: 'https://chat.example/group' });
    const member = await t.as(await t.member(community));
    expect((await member.get(`/c/${community.slug}`)).body).toContain('https://chat.example/group');
    const visitor = await t.visitor().get(`/c/${community.slug}`);
    expect(visitor.statusCode).toBe(200);
    expect(visitor.body).not.toContain('chat.example');
    const api = await t.visitor().api('GET', `/api/v1/communities/${community.slug}`);
    expect(api.json()).toMatchObject({ chatUrl: null, memberCount: 2, myRole: null });
  });

  it('renders in Spanish', async () => {
    const { community } = await t.community({ joinPolicy: 'open' });
    const res = await t.visitor().get(`/c/${community.slug}`, { 'accept-language': 'es' });
    expect(res.body).toContain('<html lang="es"');
    expect(res.body).toContain('Cualquiera puede unirse a esta comunidad.');
    expect(res.body).toContain('1 miembro');
  });

  it('answers 404 for an unknown community', async () => {
    expect((await t.visitor().get('/c/nowhere-at-all')).statusCode).toBe(404);
    expect((await t.visitor().api('GET', '/api/v1/communities/nowhere-at-all')).statusCode).toBe(404);
  });

  it('lists my communities in the API', async () => {
    const { community, steward } = await t.community();
    const res = await (await t.as(steward)).api('GET', '/api/v1/communities');
    expect(res.json()).toEqual([expect.objectContaining({ slug: community.slug, myRole: 'steward' })]);
  });
});

describe('joining', () => {
  it('a signed-in neighbor joins an open community with one button', async () => {
    const { community } = await t.community({ joinPolicy: 'open' });
    const ana = await t.account();
    const browser = await t.as(ana);
    expect((await browser.get(`/c/${community.slug}/join`)).body).toContain('type="submit"');
    const res = await browser.post(`/c/${community.slug}/join`);
    expect(res.statusCode).toBe(303);
    expect((await membershipStatus(community.id, ana.id))?.status).toBe('active');
    expect((await browser.post(`/c/${community.slug}/join`)).statusCode).toBe(409);
  });

  /** Follows the last link mailed to `email` in `browser`; returns the answer (a redirect). */
  async function followLink(browser: Client, email: string) {
    await t.runJobs();
    const token = t.mailbox.lastLink(email)!.split('/login/')[1];
    return browser.post('/login/verify', { token });
  }

  it('a new neighbor who joins with an email follows the mailed link, and joins under the name given', async () => {
    const { community } = await t.community({ joinPolicy: 'open' });
    const browser = t.visitor();
    const res = await browser.post(`/c/${community.slug}/join`, { name: 'Lupe', email: 'Lupe@Example.org' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('We sent a link to lupe@example.org');
    // Nothing exists yet: no account, no session.
    expect((await browser.api('GET', '/api/v1/me')).statusCode).toBe(401);
    expect(await accountWith('lupe@example.org')).toBeUndefined();
    await t.runJobs();
    expect(t.mailbox.to('lupe@example.org').at(-1)!.subject).toBe(`Join ${community.name} on Porch`);

    const signedIn = await followLink(browser, 'lupe@example.org');
    expect(signedIn.headers.location).toBe(`/c/${community.slug}/join`);
    expect((await browser.api('GET', '/api/v1/me')).json()).toMatchObject({
      email: 'lupe@example.org',
      displayName: 'Lupe',
    });
    expect((await browser.post(`/c/${community.slug}/join`)).statusCode).toBe(303);
    expect((await browser.api('GET', '/api/v1/communities')).json()).toHaveLength(1);
  });

  it('an address with an account gets the same answer as one without, and nobody gets its account', async () => {
    const { community } = await t.community({ joinPolicy: 'open' });
    const ana = await t.account({ email: 'ana@example.org', displayName: 'Ana' });
    const answers = [];
    for (const email of ['ana@example.org', 'nobody@example.org']) {
      const browser = t.visitor();
      const page = await browser.post(`/c/${community.slug}/join`, { name: 'Not Ana', email });
      const api = await t
        .visitor()
        .api('POST', `/api/v1/communities/${community.slug}/join`, { name: 'Not Ana', email });
      answers.push({
        page: page.statusCode,
        html: page.body.replaceAll(email, 'EMAIL').replace(/name="_csrf" value="[^"]*"/g, ''),
        api: api.statusCode,
        json: api.json(),
        sessions: [page, api].filter((r) => String(r.headers['set-cookie']).includes('porch_session='))
          .length,
      });
      await t.runJobs();
      expect(t.mailbox.to(email).map((m) => m.subject)).toEqual([
        `Join ${community.name} on Porch`,
        `Join ${community.name} on Porch`,
      ]);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({
      page: 200,
      api: 202,
      json: { status: 'link_sent', membership: null },
      sessions: 0,
    });
    expect(await membershipStatus(community.id, ana.id)).toBeUndefined();

    // Ana's own link signs her in to her own account, as it was.
    const browser = t.visitor();
    await followLink(browser, 'ana@example.org');
    expect((await browser.api('GET', '/api/v1/me')).json()).toMatchObject({ id: ana.id, displayName: 'Ana' });
  });

  it('an address an older account was opened with but never proved goes to whoever follows a link to it', async () => {
    const claim = async (email: string) => {
      const account = await t.account({ email: null, displayName: 'Opened with it' });
      await t.services.db
        .insertInto('unprovenEmail')
        .values({ accountId: account.id, email, createdAt: t.clock.now().toISOString() })
        .execute();
      return account;
    };
    // Followed elsewhere: the owner of the address gets an account of their own; the older one
    // keeps its name and sessions, without the address.
    const squatter = await claim('eve@example.org');
    const squatterBrowser = await t.as(squatter);
    const owner = t.visitor();
    await owner.api('POST', '/api/v1/auth/sign-in-link', { email: 'eve@example.org' });
    await followLink(owner, 'eve@example.org');
    const me = (await owner.api('GET', '/api/v1/me')).json();
    expect(me).toMatchObject({ email: 'eve@example.org', displayName: 'eve' });
    expect(me.id).not.toBe(squatter.id);
    expect((await squatterBrowser.api('GET', '/api/v1/me')).json()).toMatchObject({
      id: squatter.id,
      email: null,
    });

    // Followed in the browser signed in to the account that was opened with it: it is theirs.
    const neighbor = await claim('ola@example.org');
    const browser = await t.as(neighbor);
    await browser.api('POST', '/api/v1/auth/sign-in-link', { email: 'ola@example.org' });
    await followLink(browser, 'ola@example.org');
    expect((await browser.api('GET', '/api/v1/me')).json()).toMatchObject({
      id: neighbor.id,
      email: 'ola@example.org',
    });
    const claims = await t.services.db.selectFrom('unprovenEmail').selectAll().execute();
    expect(claims.filter((c) => ['eve@example.org', 'ola@example.org'].includes(c.email))).toEqual([]);
  });

  it('needs an email unless the community allows a name only', async () => {
    const strict = await t.community({ joinPolicy: 'open' });
    const res = await t.visitor().post(`/c/${strict.community.slug}/join`, { name: 'Don Tomás' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="e-email"');
    const relaxed = await t.community({ joinPolicy: 'open', emailOptional: 1 });
    const browser = t.visitor();
    expect((await browser.post(`/c/${relaxed.community.slug}/join`, { name: 'Don Tomás' })).statusCode).toBe(
      303,
    );
    expect((await browser.api('GET', '/api/v1/me')).json()).toMatchObject({
      email: null,
      displayName: 'Don Tomás',
    });
  });

  describe('with an invite link', () => {
    async function inviteFor(body: Record<string, unknown> = {}) {
      const c = await t.community({ joinPolicy: 'invite' });
      const steward = await t.as(c.steward);
      const res = await steward.api('POST', `/api/v1/communities/${c.community.slug}/invites`, body);
      expect(res.statusCode).toBe(201);
      return { ...c, invite: res.json() as { id: string; code: string; url: string } };
    }

    it('a valid invite lets a neighbor in and counts the use', async () => {
      const { community, invite, steward } = await inviteFor({ maxUses: 2 });
      expect(invite.url).toBe(`http://porch.test/c/${community.slug}/join?invite=${invite.code}`);
      const browser = t.visitor();
      const page = await browser.get(`/c/${community.slug}/join?invite=${invite.code}`);
      expect(page.body).toContain(`name="invite" value="${invite.code}"`);
      const res = await browser.post(`/c/${community.slug}/join`, {
        name: 'Mei',
        email: 'mei@example.org',
        invite: invite.code,
      });
      expect(res.statusCode).toBe(200);
      // The mailed link leads back to the join page with the invite.
      const signedIn = await followLink(browser, 'mei@example.org');
      expect(signedIn.headers.location).toBe(`/c/${community.slug}/join?invite=${invite.code}`);
      expect((await browser.post(`/c/${community.slug}/join`, { invite: invite.code })).statusCode).toBe(303);
      const list = await (await t.as(steward)).api('GET', `/api/v1/communities/${community.slug}/invites`);
      expect(list.json()[0]).toMatchObject({ uses: 1, usable: true });
    });

    it('without an invite the join page explains, and joining is refused', async () => {
      const { community } = await inviteFor();
      const browser = await t.as(await t.account());
      expect((await browser.get(`/c/${community.slug}/join`)).body).toContain('invite link or QR code');
      const res = await browser.api('POST', `/api/v1/communities/${community.slug}/join`, {});
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('communities.invite_required');
    });

    it('an address with an account gets no link when the invite would not let them in', async () => {
      const { community } = await inviteFor();
      const existing = await t.account();
      const res = await t.visitor().api('POST', `/api/v1/communities/${community.slug}/join`, {
        name: 'Someone',
        email: existing.email,
      });
      expect(res.json().code).toBe('communities.invite_required');
      await t.runJobs();
      expect(t.mailbox.to(existing.email!)).toHaveLength(0);
    });

    it('an expired invite is refused', async () => {
      const { community, invite } = await inviteFor({ expiresInDays: 1 });
      t.clock.advance(2 * 86400);
      const res = await (await t.as(await t.account())).api(
        'POST',
        `/api/v1/communities/${community.slug}/join`,
        {
          invite: invite.code,
        },
      );
      expect(res.json().code).toBe('communities.invite_expired');
    });

    it('a revoked invite is refused', async () => {
      const { community, invite, steward } = await inviteFor();
      const revoke = await (await t.as(steward)).post(`/c/${community.slug}/invites/${invite.id}/revoke`);
      expect(revoke.statusCode).toBe(303);
      const res = await (await t.as(await t.account())).post(`/c/${community.slug}/join`, {
        invite: invite.code,
      });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('no longer in use');
    });

    it('a used-up invite is refused', async () => {
      const { community, invite } = await inviteFor({ maxUses: 1 });
      const first = await (await t.as(await t.account())).api(
        'POST',
        `/api/v1/communities/${community.slug}/join`,
        {
          invite: invite.code,
        },
      );
      expect(first.json()).toMatchObject({ status: 'active' });
      const second = await (await t.as(await t.account())).api(
        'POST',
        `/api/v1/communities/${community.slug}/join`,
        {
          invite: invite.code,
        },
      );
      expect(second.json().code).toBe('communities.invite_used_up');
    });
  });

  it('re-joining after leaving reuses the membership row', async () => {
    const { community } = await t.community({ joinPolicy: 'open' });
    const ana = await t.member(community);
    const browser = await t.as(ana);
    expect((await browser.post(`/c/${community.slug}/leave`)).statusCode).toBe(303);
    expect((await membershipStatus(community.id, ana.id))?.status).toBe('left');
    expect((await browser.api('POST', `/api/v1/communities/${community.slug}/join`, {})).statusCode).toBe(
      201,
    );
    const rows = await t.services.db
      .selectFrom('membership')
      .select('status')
      .where('communityId', '=', community.id)
      .where('accountId', '=', ana.id)
      .execute();
    expect(rows).toEqual([{ status: 'active' }]);
  });
});

describe('invite links', () => {
  it('a steward lists, creates, prints and revokes invites', async () => {
    const { community, steward } = await t.community();
    const browser = await t.as(steward);
    const created = await browser.post(`/c/${community.slug}/invites`, {
      label: 'Library flyer',
      expiresInDays: '30',
    });
    expect(created.statusCode).toBe(303);
    const list = await browser.get(`/c/${community.slug}/invites`);
    expect(list.body).toContain('Library flyer');
    const id = list.body.match(/invites\/([0-9a-f-]{36})\/print/)![1];
    const print = await browser.get(`/c/${community.slug}/invites/${id}/print`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('<svg');
    expect(print.body).toContain('role="img"');
    expect(print.body).toContain('data-print');
    expect(print.body).toContain('lang="es"'); // the call to join in the community's other language
    const revoked = await browser.api(
      'POST',
      `/api/v1/communities/${community.slug}/invites/${id}/revoke`,
      {},
    );
    expect(revoked.json()).toMatchObject({ usable: false });
    const stale = await browser.get(`/c/${community.slug}/invites/${id}/print`);
    expect(stale.body).not.toContain('<svg');
    expect(stale.body).toContain('no longer works');
  });

  it('offers to copy and share a link kept as text, asks before stopping it, and warns when links open only on the server', async () => {
    const { community, steward } = await t.community();
    const browser = await t.as(steward);
    await browser.post(`/c/${community.slug}/invites`, { label: 'Laundromat' });
    const list = (await browser.get(`/c/${community.slug}/invites`)).body;
    const url = list.match(/class="link-text">([^<]+)</)![1]!;
    expect(url).toMatch(/^http:\/\/porch\.test\/c\/.+\/join\?invite=/);
    // The buttons are revealed by the script where the browser can copy or share.
    expect(list).toContain(`data-copy="${url}"`);
    expect(list).toContain(`data-share="${url}"`);
    expect(list).toMatch(
      /<details class="confirm"><summary class="button secondary">Stop this link<\/summary>/,
    );
    expect(list).toContain('Yes, stop this link');
    expect(list).not.toContain('only opens on the server itself');
    const id = list.match(/invites\/([0-9a-f-]{36})\/print/)![1];
    expect((await browser.get(`/c/${community.slug}/invites/${id}/print`)).body).not.toContain(
      'only opens on the server itself',
    );

    // BASE_URL unset: the links name localhost, and both pages say so (not on paper).
    const config = t.services.config;
    const publicUrl = config.baseUrl;
    config.baseUrl = 'http://localhost:3000';
    try {
      for (const path of ['invites', `invites/${id}/print`]) {
        const page = (await browser.get(`/c/${community.slug}/${path}`)).body;
        expect(page).toMatch(
          /class="notice warning no-print" role="alert">[^<]*http:\/\/localhost:3000[^<]*only opens on the server itself/,
        );
      }
    } finally {
      config.baseUrl = publicUrl;
    }
  });

  it('refuses a bad expiry beside the field', async () => {
    const { community, steward } = await t.community();
    const res = await (await t.as(steward)).post(`/c/${community.slug}/invites`, { expiresInDays: '0' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="e-expiresInDays"');
  });

  it('a member gets 403; a steward of another community gets 403 (members only)', async () => {
    const { community } = await t.community();
    const member = await t.as(await t.member(community));
    expect((await member.get(`/c/${community.slug}/invites`)).statusCode).toBe(403);
    const refused = await member.api('POST', `/api/v1/communities/${community.slug}/invites`, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('communities.only_stewards_invite');
    const other = await t.as((await t.community()).steward);
    expect((await other.get(`/c/${community.slug}/invites`)).statusCode).toBe(403);
    const outsider = await other.api('POST', `/api/v1/communities/${community.slug}/invites`, {});
    expect(outsider.json().code).toBe('errors.members_only');
  });

  it("another community's invite is 404 under a steward's own community", async () => {
    const a = await t.community();
    const b = await t.community();
    const inviteB = (
      await (await t.as(b.steward)).api('POST', `/api/v1/communities/${b.community.slug}/invites`, {})
    ).json();
    const stewardA = await t.as(a.steward);
    expect((await stewardA.get(`/c/${a.community.slug}/invites/${inviteB.id}/print`)).statusCode).toBe(404);
    expect((await stewardA.post(`/c/${a.community.slug}/invites/${inviteB.id}/revoke`)).statusCode).toBe(404);
    const api = await stewardA.api(
      'POST',
      `/api/v1/communities/${a.community.slug}/invites/${inviteB.id}/revoke`,
      {},
    );
    expect(api.statusCode).toBe(404);
    // Nor does B's code open A.
    const join = await (await t.as(await t.account())).api(
      'POST',
      `/api/v1/communities/${a.community.slug}/join`,
      {
        invite: inviteB.code,
      },
    );
    expect(join.json().code).toBe('communities.invite_invalid');
  });
});
