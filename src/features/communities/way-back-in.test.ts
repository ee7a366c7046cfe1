import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';

const t = useTestApp();

async function setup() {
  const { community, steward } = await t.community({ emailOptional: 1, joinPolicy: 'open' });
  // Joined with a name only: no address, so no way to sign in again on their own.
  const joined = await t.visitor().post(`/c/${community.slug}/join`, { name: 'Ana Ruiz' });
  expect(joined.statusCode).toBe(303);
  const ana = await t.services.db
    .selectFrom('account')
    .innerJoin('membership', 'membership.accountId', 'account.id')
    .selectAll('account')
    .where('membership.communityId', '=', community.id)
    .where('account.displayName', '=', 'Ana Ruiz')
    .executeTakeFirstOrThrow();
  return { community, steward, ana, page: `/c/${community.slug}/members/${ana.id}/sign-in-link` };
}

const linkIn = (body: string) => body.match(/https?:\/\/[^\s<"]+\/back\/[A-Za-z0-9_-]+/)?.[0] ?? '';

describe('a steward’s one-time sign-in link for a member without email', () => {
  it('lets the member in once, on a new phone, from the steward’s screen; the log says who and when', async () => {
    const { community, steward, ana, page } = await setup();
    const asSteward = await t.as(steward);
    const profile = await asSteward.get(`/c/${community.slug}/members/${ana.id}`);
    expect(profile.body).toContain(`href="${page}"`);
    const made = await asSteward.post(page);
    expect(made.statusCode).toBe(200);
    expect(made.headers['cache-control']).toBe('no-store');
    expect(made.body).toContain('<svg');
    const url = linkIn(made.body);
    expect(url).not.toBe('');
    const path = new URL(url).pathname;
    const token = path.split('/').pop()!;

    const phone = t.visitor();
    const confirm = await phone.get(path);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Welcome back');
    const used = await phone.post(`/c/${community.slug}/back`, { token });
    expect(used.statusCode).toBe(303);
    const me = await phone.api('GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ id: ana.id });
    expect((await t.visitor().post(`/c/${community.slug}/back`, { token })).statusCode).toBe(409);

    const log = await asSteward.get(page);
    expect(log.body).toContain(`Made`);
    expect(log.body).toContain(steward.displayName);
    expect(log.body).toMatch(/used /);
    expect(log.body).not.toContain(token);
  });

  it('works for 15 minutes, and a new link ends the one before', async () => {
    const { community, steward, page } = await setup();
    const asSteward = await t.as(steward);
    const first = new URL(linkIn((await asSteward.post(page)).body)).pathname.split('/').pop()!;
    const second = new URL(linkIn((await asSteward.post(page)).body)).pathname.split('/').pop()!;
    const use = (token: string) => t.visitor().post(`/c/${community.slug}/back`, { token });
    expect((await use(first)).statusCode).toBe(409);
    t.clock.advance(15 * 60 + 1);
    expect((await use(second)).statusCode).toBe(409);
  });

  it('is for stewards, for members without email, and stops working once the member has left', async () => {
    const { community, steward, ana, page } = await setup();
    const member = await t.as(await t.member(community));
    expect((await member.post(page)).statusCode).toBe(403);
    expect((await (await t.as(await t.member(community, 'coordinator'))).post(page)).statusCode).toBe(403);
    const other = await t.community();
    expect((await (await t.as(other.steward)).post(page)).statusCode).toBe(403);
    const withEmail = await t.member(community);
    const refused = await (await t.as(steward)).post(
      `/c/${community.slug}/members/${withEmail.id}/sign-in-link`,
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('they sign in with a link mailed to it');
    const count = await t.services.db
      .selectFrom('memberSignInLink')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('communityId', '=', community.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);

    const token = new URL(linkIn((await (await t.as(steward)).post(page)).body)).pathname.split('/').pop()!;
    await t.services.db
      .updateTable('membership')
      .set({ status: 'left' })
      .where('communityId', '=', community.id)
      .where('accountId', '=', ana.id)
      .execute();
    expect((await t.visitor().post(`/c/${community.slug}/back`, { token })).statusCode).toBe(409);
  });
});

describe('joining with a name a member already has', () => {
  it('warns instead of making a second, identical member, and joins a different person who says so', async () => {
    const { community } = await t.community({ emailOptional: 1, joinPolicy: 'open' });
    const join = (body: Record<string, string>) => t.visitor().post(`/c/${community.slug}/join`, body);
    expect((await join({ name: 'Ana Ruiz' })).statusCode).toBe(303);
    for (const name of ['Ana Ruiz', 'ana  ruíz', 'ANA RUIZ']) {
      const again = await join({ name });
      expect(again.statusCode, name).toBe(422);
      expect(again.body).toContain('ask a steward');
      expect(again.body).toContain('name="differentPerson"');
    }
    const api = await t
      .visitor()
      .api('POST', `/api/v1/communities/${community.slug}/join`, { name: 'Ana Ruiz' });
    expect(api.statusCode).toBe(422);
    expect(api.json().errors[0]).toMatchObject({ field: 'name', code: 'communities.name_matches' });
    const anas = () =>
      t.services.db
        .selectFrom('membership')
        .innerJoin('account', 'account.id', 'membership.accountId')
        .select('account.id')
        .where('membership.communityId', '=', community.id)
        .where('account.displayName', 'in', ['Ana Ruiz', 'ana  ruíz', 'ANA RUIZ'])
        .execute();
    expect(await anas()).toHaveLength(1);
    expect((await join({ name: 'Ana Ruiz', differentPerson: 'true' })).statusCode).toBe(303);
    expect(await anas()).toHaveLength(2);
    // Nobody who would not be let in at once learns who is a member: under approval the request
    // is made (stewards see the name), under invite without one the invite is what is missing.
    const approval = await t.community({ emailOptional: 1, joinPolicy: 'approval' });
    const invited = await t.community({ emailOptional: 1, joinPolicy: 'invite' });
    const stranger = (slug: string) =>
      t.visitor().api('POST', `/api/v1/communities/${slug}/join`, { name: approval.steward.displayName });
    const asked = await stranger(approval.community.slug);
    expect(asked.statusCode).toBe(201);
    expect(asked.json().status).toBe('pending');
    const refused = await stranger(invited.community.slug);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('communities.invite_required');
    // Another community's Ana is no reason to warn.
    const other = await t.community({ emailOptional: 1, joinPolicy: 'open' });
    expect((await t.visitor().post(`/c/${other.community.slug}/join`, { name: 'Ana Ruiz' })).statusCode).toBe(
      303,
    );
  });
});

describe('a member who joined with a name only adds an email later', () => {
  const tokenFor = async (email: string) => {
    await t.runJobs();
    return t.mailbox.lastLink(email)!.split('/login/')[1];
  };
  const emailOf = async (id: string) =>
    (await t.services.db.selectFrom('account').select('email').where('id', '=', id).executeTakeFirstOrThrow())
      .email;

  it('proves it by a mailed link; until then it is nowhere', async () => {
    const { ana } = await setup();
    const me = await t.as(ana);
    const profile = await me.get('/account');
    expect(profile.body).toContain('action="/account/email"');
    expect(profile.body).toContain('Add an email address');
    const sent = await me.post('/account/email', { email: 'Ana@Example.org' });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('it adds the address to your account');
    expect(await emailOf(ana.id)).toBeNull();
    const token = await tokenFor('ana@example.org');
    expect(t.mailbox.to('ana@example.org').at(-1)?.text).toContain('Ana Ruiz');
    const proved = await me.post('/login/verify', { token });
    expect(proved.statusCode).toBe(303);
    expect(await emailOf(ana.id)).toBe('ana@example.org');
    expect((await me.get(proved.headers.location as string)).body).toContain(
      'Your email address is now ana@example.org.',
    );
    // Now the profile offers to change it instead.
    expect((await me.get('/account')).body).toContain('Change your email address');
  });

  it('opened in another browser, it proves the address for the account that asked and makes no account', async () => {
    const { ana } = await setup();
    const me = await t.as(ana);
    const accounts = async () =>
      Number(
        (
          await t.services.db
            .selectFrom('account')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await me.post('/account/email', { email: 'ana.elsewhere@example.org' });
    const before = await accounts();
    const elsewhere = t.visitor();
    const token = await tokenFor('ana.elsewhere@example.org');
    expect((await elsewhere.post('/login/verify', { token })).statusCode).toBe(303);
    expect(await accounts()).toBe(before);
    expect(await emailOf(ana.id)).toBe('ana.elsewhere@example.org');
    // The other browser is Ana's now: the address she proved signs her in.
    expect((await elsewhere.api('GET', '/api/v1/me')).json().id).toBe(ana.id);
    // Used once.
    expect((await t.visitor().post('/login/verify', { token })).statusCode).toBe(409);
  });

  it('for an address another account holds, changes nothing, takes over nothing and makes no account', async () => {
    const { community, ana } = await setup();
    const me = await t.as(ana);
    const holder = await t.member(community, 'member', { email: 'rosa.holder@example.org' });
    expect((await me.post('/account/email', { email: 'rosa.holder@example.org' })).statusCode).toBe(200);
    const token = await tokenFor('rosa.holder@example.org');
    const elsewhere = t.visitor();
    const refused = await elsewhere.post('/login/verify', { token });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('This email address already has an account.');
    expect(await emailOf(ana.id)).toBeNull();
    expect(await emailOf(holder.id)).toBe('rosa.holder@example.org');
    expect((await elsewhere.api('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('a member changes the address they have the same way; the old address is told', async () => {
    const { community } = await setup();
    const rui = await t.member(community, 'member', { email: 'rui@example.org', displayName: 'Rui' });
    const me = await t.as(rui);
    const sent = await me.post('/account/email', { email: 'rui.new@example.org' });
    expect(sent.statusCode).toBe(200);
    const token = await tokenFor('rui.new@example.org');
    expect(t.mailbox.to('rui.new@example.org').at(-1)?.subject).toBe(
      'Use this address for your Porch account',
    );
    // Until the link is followed, nothing changes.
    expect(await emailOf(rui.id)).toBe('rui@example.org');
    expect((await me.post('/login/verify', { token })).statusCode).toBe(303);
    expect(await emailOf(rui.id)).toBe('rui.new@example.org');
    await t.runJobs();
    const told = t.mailbox.to('rui@example.org').at(-1)!;
    expect(told.subject).toBe('Your Porch account has a new email address');
    expect(told.text).toContain('rui.new@example.org');
    // Signing in with the new address reaches the same account.
    const phone = t.visitor();
    await phone.post('/login', { email: 'rui.new@example.org' });
    await t.runJobs();
    const link = t.mailbox.lastLink('rui.new@example.org')!;
    expect((await phone.post('/login/verify', { token: link.split('/login/')[1] })).statusCode).toBe(303);
    expect((await phone.api('GET', '/api/v1/me')).json().id).toBe(rui.id);
  });
});
