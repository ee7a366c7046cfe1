/** The JSON API of communities under `/api/v1/communities`, described by its schemas in OpenAPI. */
import { Type } from 'typebox';
import { setSessionCookie } from '../../platform/http/cookies.ts';
import { accountOf } from '../../platform/http/require.ts';
import type { App } from '../../platform/module.ts';
import {
  CommunityIn,
  CommunityListOut,
  CommunityOut,
  CommunityParams,
  CommunityPatch,
  InviteIn,
  InviteListOut,
  InviteOut,
  InviteParams,
  JoinIn,
  JoinOut,
  joinLimit,
  MemberParams,
  MembershipListOut,
  MembershipOut,
  MembershipParams,
  PaperMemberIn,
  RoleIn,
} from './schema.ts';
import * as communities from './service.ts';
import type { MembershipWithAccount } from './store.ts';

const tags = ['communities'];
const base = '/api/v1/communities/:community';

/** A membership as the API shows it. */
function membershipOut(m: Omit<MembershipWithAccount, 'email'>) {
  return {
    id: m.id,
    accountId: m.accountId,
    displayName: m.displayName,
    role: m.role,
    status: m.status,
    message: m.message,
    requestedAt: m.requestedAt,
    joinedAt: m.joinedAt,
    endedAt: m.endedAt,
  };
}

/** Registers `/api/v1/communities`: my communities, and starting one. */
export function apiRoutes(app: App): void {
  const s = app.services;

  app.get(
    '/api/v1/communities',
    {
      schema: {
        tags,
        summary: 'My communities',
        description: 'Communities where the signed-in account is an active member or waits for approval.',
        response: { 200: CommunityListOut },
      },
    },
    async (req) => communities.listMyCommunities(s, accountOf(req).id),
  );
  app.post(
    '/api/v1/communities',
    {
      schema: {
        tags,
        summary: 'Start a community',
        description:
          'The caller becomes its steward. Without `slug`, one is made from the name. 409 `communities.slug_taken`; ' +
          '403 when the server lets only operators start communities, or past the per-person limit.',
        body: CommunityIn,
        response: { 201: CommunityOut },
      },
    },
    async (req, reply) => {
      const created = await communities.startCommunity(req.ctx, req.body);
      const view = communities.communityView(
        created,
        { ...req.ctx.actor, communityId: created.id, role: 'steward' },
        1,
        {
          role: 'steward',
          status: 'active',
        },
      );
      return reply.code(201).send(view);
    },
  );
}

/**
 * Registers one community's API, `/api/v1/communities/:community/…`, in the community scope:
 * the community itself and joining are public; the rest is for members.
 */
export function communityApi(app: App): void {
  const s = app.services;
  app.get(
    base,
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'A community',
        description: 'Public fields for anyone; `chatUrl` only for members. 404 for an unknown slug.',
        params: CommunityParams,
        response: { 200: CommunityOut },
      },
    },
    async (req) => communities.getCommunityForActor(req.ctx),
  );
  app.patch(
    base,
    {
      schema: {
        tags,
        summary: 'Change settings (stewards)',
        description: 'Changes the given fields; `null` clears an optional one. The slug cannot change.',
        params: CommunityParams,
        body: CommunityPatch,
        response: { 200: CommunityOut },
      },
    },
    async (req) => {
      const updated = await communities.updateSettings(req.ctx, req.body);
      return communities.getCommunityForActor(req.ctx, updated);
    },
  );

  app.post(
    `${base}/join`,
    {
      schema: {
        tags,
        summary: 'Join a community',
        description:
          'Signed in: no fields needed. Not signed in: `name` and `email` (email optional where the community allows). ' +
          'With an email the answer is 202 `link_sent`, whether or not the address has an account: the mailed link ' +
          'signs in (to a new account called `name` when the address has none) and leads back to the join page. ' +
          'With a name only, a new account joins at once (201, with a session cookie). ' +
          'Invite-only communities need `invite`; approval communities answer `pending`.',
        params: CommunityParams,
        body: JoinIn,
        response: { 201: JoinOut, 202: JoinOut },
      },
      config: { public: true, ...joinLimit },
    },
    async (req, reply) => {
      const result = await communities.joinCommunity(req.ctx, req.body, req.headers['user-agent']);
      if (result.status === 'link_sent')
        return reply.code(202).send({ status: 'link_sent', membership: null });
      if (result.sessionToken) setSessionCookie(reply, result.sessionToken, s.config.secureCookies);
      return reply.code(201).send({ status: result.status, membership: membershipOut(result.membership) });
    },
  );
  app.post(
    `${base}/leave`,
    {
      schema: {
        tags,
        summary: 'Leave a community',
        description: 'The membership is kept with status `left`. 409 for the last steward.',
        params: CommunityParams,
        response: { 200: MembershipOut },
      },
    },
    async (req) => membershipOut(await communities.leaveCommunity(req.ctx)),
  );

  app.get(
    `${base}/invites`,
    {
      schema: {
        tags,
        summary: 'Invite links (stewards)',
        params: CommunityParams,
        response: { 200: InviteListOut },
      },
    },
    async (req) => communities.listInvites(req.ctx),
  );
  app.post(
    `${base}/invites`,
    {
      schema: {
        tags,
        summary: 'Make an invite link (stewards)',
        description: 'Optionally expiring after `expiresInDays` and limited to `maxUses` joins.',
        params: CommunityParams,
        body: InviteIn,
        response: { 201: InviteOut },
      },
    },
    async (req, reply) => reply.code(201).send(await communities.createInvite(req.ctx, req.body)),
  );
  app.post(
    `${base}/invites/:inviteId/revoke`,
    {
      schema: {
        tags,
        summary: 'Revoke an invite link (stewards)',
        description: 'The link stops working at once; it stays listed.',
        params: InviteParams,
        response: { 200: InviteOut },
      },
    },
    async (req) => communities.revokeInvite(req.ctx, req.params.inviteId),
  );

  app.get(
    `${base}/requests`,
    {
      schema: {
        tags,
        summary: 'Pending membership requests (stewards)',
        params: CommunityParams,
        response: { 200: MembershipListOut },
      },
    },
    async (req) => (await communities.listRequests(req.ctx)).map(membershipOut),
  );
  for (const decision of ['approve', 'decline'] as const) {
    app.post(
      `${base}/requests/:membershipId/${decision}`,
      {
        schema: {
          tags,
          summary: decision === 'approve' ? 'Approve a request (stewards)' : 'Decline a request (stewards)',
          description: decision === 'approve' ? 'The new member is mailed if they have an email.' : undefined,
          params: MembershipParams,
          response: { 200: MembershipOut },
        },
      },
      async (req) =>
        membershipOut(await communities.decideRequest(req.ctx, req.params.membershipId, decision)),
    );
  }

  app.patch(
    `${base}/members/:accountId`,
    {
      schema: {
        tags,
        summary: "Change a member's role (stewards)",
        description: '409 `communities.last_steward` when it would leave no steward.',
        params: MemberParams,
        body: RoleIn,
        response: { 200: MembershipOut },
      },
    },
    async (req) => membershipOut(await communities.changeRole(req.ctx, req.params.accountId, req.body.role)),
  );
  app.delete(
    `${base}/members/:accountId`,
    {
      schema: {
        tags,
        summary: 'Remove a member (stewards)',
        description: 'The membership is kept with status `removed`, so history stays readable.',
        params: MemberParams,
        response: { 200: MembershipOut },
      },
    },
    async (req) => membershipOut(await communities.removeMember(req.ctx, req.params.accountId)),
  );
  app.post(
    `${base}/paper-members`,
    {
      schema: {
        tags,
        summary: 'Add a neighbor without email (stewards)',
        description: 'Where the community allows paper members. Returns the new account id.',
        params: CommunityParams,
        body: PaperMemberIn,
        response: { 201: Type.Object({ accountId: Type.String() }) },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ accountId: await communities.addPaperMember(req.ctx, req.body) }),
  );
}
