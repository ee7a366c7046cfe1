/**
 * Community pages (forms POST, then 303). The JSON API is in `api.ts`. Routes are thin: the
 * schema validates, the service decides, the page shows.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { Type } from 'typebox';
import { reachedOnlyHere } from '../../config.ts';
import { requireCommunity } from '../../platform/access.ts';
import { setSessionCookie } from '../../platform/http/cookies.ts';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { ShownFieldError } from '../../platform/http/types.ts';
import type { App } from '../../platform/module.ts';
import { happening, needsMe } from '../../platform/porch.ts';
import { qrCodeSvg } from '../../platform/qr.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { hasGuidelines } from '../guidelines/service.ts';
import { apiRoutes, communityApi } from './api.ts';
import { CommunityFormPage, formValues, newCommunityValues } from './pages/form.tsx';
import { CommunityPage, HomePage, JoinLinkSentPage, JoinPage } from './pages/home.tsx';
import { MemberSignInLinkPage, UseSignInLinkPage } from './pages/sign-in-link.tsx';
import { InvitesPage, PaperMemberPage, PrintInvitePage, RequestsPage } from './pages/steward.tsx';
import {
  CommunityForm,
  type CommunityFormInput,
  CommunityParams,
  InviteIn,
  InviteParams,
  JoinIn,
  JoinQuery,
  joinLimit,
  MemberParams,
  MemberSignInLinkIn,
  MemberSignInLinkParams,
  MembershipParams,
  memberLinkLimit,
  PaperMemberIn,
  RoleIn,
} from './schema.ts';
import type { MemberSignInLinks } from './service.ts';
import * as communities from './service.ts';

/** Errors as a form shows them: a conflict that names a field (slug taken) beside that field. */
function explained(errors: ShownFieldError[]): ShownFieldError[] {
  return errors.map((e) => {
    if (e.field === '_' && typeof e.params?.field === 'string') return { ...e, field: e.params.field };
    return e;
  });
}

/** The page form's strings as the service's input: checkboxes to booleans, the typed zone first. */
function fromForm(body: CommunityFormInput) {
  const { timeZoneOther, paperMembers, emailOptional, ...rest } = body;
  return {
    ...rest,
    timeZone: timeZoneOther ?? rest.timeZone,
    paperMembers: paperMembers === '1',
    emailOptional: emailOptional === '1',
  };
}

async function joinPage(
  req: FastifyRequest,
  reply: FastifyReply,
  code: string | undefined,
  state = emptyForm(),
) {
  const [join, community] = await Promise.all([
    communities.joinState(req.ctx, code),
    communities.getCommunityForActor(req.ctx),
  ]);
  return h(JoinPage, { view: viewOf(req, reply), join, community, state, inviteCode: code });
}

const page = { hide: true };

/** Registers the pages outside any community (the start page, starting one) and their API. */
export function siteRoutes(app: App): void {
  const s = app.services;
  app.get('/', { schema: page }, async (req, reply) =>
    sendPage(
      reply,
      h(HomePage, { view: viewOf(req, reply), home: await communities.homeFor(s, req.ctx.actor) }),
    ),
  );

  // ---- starting a community, settings
  app.get('/communities/new', { schema: page }, async (req, reply) => {
    await communities.assertMayStart(req.ctx);
    return sendPage(
      reply,
      h(CommunityFormPage, {
        view: viewOf(req, reply),
        state: emptyForm(newCommunityValues(req.ctx.locale)),
      }),
    );
  });
  app.post(
    '/communities',
    {
      schema: { ...page, body: CommunityForm },
      config: {
        form: (req, reply, errors) =>
          h(CommunityFormPage, {
            view: viewOf(req, reply),
            state: refusedForm(req.body, explained(errors)),
          }),
      },
    },
    async (req, reply) => {
      const community = await communities.startCommunity(req.ctx, fromForm(req.body));
      flash(reply, 'communities.flash.started', { community: community.name });
      return reply.redirect(`/c/${community.slug}`, 303);
    },
  );
  apiRoutes(app);
}

/**
 * Registers one community's pages and API, in the community scope: its page and joining are
 * public; settings, leaving, invites, requests, roles and paper members are for members.
 */
export function communityRoutes(app: App): void {
  const s = app.services;
  app.get(
    '/c/:community/settings',
    {
      schema: {
        ...page,
        params: CommunityParams,
        querystring: Type.Object({ saved: Type.Optional(Type.String()) }),
      },
    },
    async (req, reply) => {
      const community = await communities.getSettings(req.ctx);
      return sendPage(
        reply,
        h(CommunityFormPage, {
          view: viewOf(req, reply),
          state: emptyForm(formValues(community)),
          community,
          saved: req.query.saved !== undefined,
        }),
      );
    },
  );
  app.post(
    '/c/:community/settings',
    {
      schema: { ...page, params: CommunityParams, body: CommunityForm },
      config: {
        form: async (req, reply, errors) =>
          h(CommunityFormPage, {
            view: viewOf(req, reply),
            state: refusedForm(req.body, explained(errors)),
            community: await communities.getSettings(req.ctx),
          }),
      },
    },
    async (req, reply) => {
      const { slug: _, ...v } = fromForm(req.body);
      // A form sends every field: an empty optional one clears it.
      await communities.updateSettings(req.ctx, {
        ...v,
        description: v.description ?? '',
        areaLat: v.areaLat ?? null,
        areaLng: v.areaLng ?? null,
        areaRadiusM: v.areaRadiusM ?? null,
        chatUrl: v.chatUrl ?? null,
      });
      return reply.redirect(`/c/${req.params.community}/settings?saved=1`, 303);
    },
  );

  // ---- the community page, joining, leaving
  app.get(
    '/c/:community',
    { config: { public: true, pageCache: true }, schema: { ...page, params: CommunityParams } },
    async (req, reply) => {
      const community = await communities.getCommunityForActor(req.ctx);
      // A member's page is the front porch: what needs them (worked out for the menu already),
      // what is happening, and first steps while they are new.
      const porch =
        community.myStatus === 'active'
          ? {
              needsMe: req.needsMe ?? (await needsMe(req.ctx)),
              happening: await happening(req.ctx, 10),
              welcome: await communities.welcomeFor(req.ctx, community.memberCount),
            }
          : undefined;
      return sendPage(reply, h(CommunityPage, { view: viewOf(req, reply), community, porch }));
    },
  );
  app.get(
    '/c/:community/join',
    { config: { public: true }, schema: { ...page, params: CommunityParams, querystring: JoinQuery } },
    async (req, reply) => sendPage(reply, await joinPage(req, reply, req.query.invite)),
  );
  app.post(
    '/c/:community/join',
    {
      schema: { ...page, params: CommunityParams, body: JoinIn },
      config: {
        public: true,
        ...joinLimit,
        form: (req, reply, errors) =>
          joinPage(
            req,
            reply,
            (req.body as { invite?: string } | undefined)?.invite,
            refusedForm(req.body, errors),
          ),
      },
    },
    async (req, reply) => {
      const result = await communities.joinCommunity(req.ctx, req.body, req.headers['user-agent']);
      if (result.status === 'link_sent')
        return sendPage(
          reply,
          h(JoinLinkSentPage, { view: viewOf(req, reply), email: result.email, minutes: result.minutes }),
        );
      if (result.sessionToken) setSessionCookie(reply, result.sessionToken, s.config.secureCookies);
      flash(reply, result.status === 'active' ? 'communities.flash.joined' : 'communities.flash.requested', {
        community: requireCommunity(req.ctx).name,
      });
      // A newcomer is shown the community's guidelines first, when it has some (they may read them later).
      const welcome =
        result.status === 'active' && (await hasGuidelines(req.ctx, requireCommunity(req.ctx).id));
      return reply.redirect(`/c/${req.params.community}${welcome ? '/guidelines/welcome' : ''}`, 303);
    },
  );
  // ---- a steward's one-time sign-in link for a member without email, and following it
  const signInLinkPage = async (req: FastifyRequest, reply: FastifyReply, links: MemberSignInLinks) => {
    const qrSvg = links.made ? await qrCodeSvg(links.made.url) : null;
    // The link signs someone in: never stored by the browser or anything between.
    reply.header('cache-control', 'no-store');
    return sendPage(reply, h(MemberSignInLinkPage, { view: viewOf(req, reply), links, qrSvg }));
  };
  app.get(
    '/c/:community/members/:accountId/sign-in-link',
    { schema: { ...page, params: MemberParams } },
    async (req, reply) =>
      signInLinkPage(req, reply, await communities.listMemberSignInLinks(req.ctx, req.params.accountId)),
  );
  app.post(
    '/c/:community/members/:accountId/sign-in-link',
    { schema: { ...page, params: MemberParams }, config: memberLinkLimit },
    async (req, reply) =>
      signInLinkPage(req, reply, await communities.makeMemberSignInLink(req.ctx, req.params.accountId)),
  );
  app.get(
    '/c/:community/back/:token',
    { config: { public: true }, schema: { ...page, params: MemberSignInLinkParams } },
    async (req, reply) =>
      sendPage(reply, h(UseSignInLinkPage, { view: viewOf(req, reply), token: req.params.token })),
  );
  app.post(
    '/c/:community/back',
    {
      config: { public: true, ...joinLimit },
      schema: { ...page, params: CommunityParams, body: MemberSignInLinkIn },
    },
    async (req, reply) => {
      const sessionToken = await communities.useMemberSignInLink(
        req.ctx,
        req.body.token,
        req.headers['user-agent'],
      );
      setSessionCookie(reply, sessionToken, s.config.secureCookies);
      return reply.redirect(`/c/${req.params.community}`, 303);
    },
  );
  app.post('/c/:community/leave', { schema: { ...page, params: CommunityParams } }, async (req, reply) => {
    await communities.leaveCommunity(req.ctx);
    flash(reply, 'communities.flash.left', { community: requireCommunity(req.ctx).name });
    return reply.redirect(`/c/${req.params.community}`, 303);
  });

  // ---- invites
  const invitesPage = async (req: FastifyRequest, reply: FastifyReply, state = emptyForm()) => {
    const invites = await communities.listInvites(req.ctx);
    return h(InvitesPage, {
      view: viewOf(req, reply),
      community: requireCommunity(req.ctx),
      invites,
      state,
      localOnly: reachedOnlyHere(req.ctx.config.baseUrl),
    });
  };
  app.get('/c/:community/invites', { schema: { ...page, params: CommunityParams } }, async (req, reply) =>
    sendPage(reply, await invitesPage(req, reply)),
  );
  app.post(
    '/c/:community/invites',
    {
      schema: { ...page, params: CommunityParams, body: InviteIn },
      config: { form: (req, reply, errors) => invitesPage(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      await communities.createInvite(req.ctx, req.body);
      flash(reply, 'communities.flash.invite_created');
      return reply.redirect(`/c/${req.params.community}/invites`, 303);
    },
  );
  app.get(
    '/c/:community/invites/:inviteId/print',
    { schema: { ...page, params: InviteParams } },
    async (req, reply) => {
      const { community, invite } = await communities.getInvite(req.ctx, req.params.inviteId);
      // A flyer for a link that no longer works would turn neighbors away: no code for those.
      const qrSvg = invite.usable ? await qrCodeSvg(invite.url) : null;
      const localOnly = reachedOnlyHere(req.ctx.config.baseUrl);
      return sendPage(
        reply,
        h(PrintInvitePage, { view: viewOf(req, reply), community, invite, qrSvg, localOnly }),
      );
    },
  );
  app.post(
    '/c/:community/invites/:inviteId/revoke',
    { schema: { ...page, params: InviteParams } },
    async (req, reply) => {
      await communities.revokeInvite(req.ctx, req.params.inviteId);
      return reply.redirect(`/c/${req.params.community}/invites`, 303);
    },
  );

  // ---- requests
  app.get('/c/:community/requests', { schema: { ...page, params: CommunityParams } }, async (req, reply) => {
    const requests = await communities.listRequests(req.ctx);
    return sendPage(
      reply,
      h(RequestsPage, { view: viewOf(req, reply), community: requireCommunity(req.ctx), requests }),
    );
  });
  for (const decision of ['approve', 'decline'] as const) {
    app.post(
      `/c/:community/requests/:membershipId/${decision}`,
      { schema: { ...page, params: MembershipParams } },
      async (req, reply) => {
        const decided = await communities.decideRequest(req.ctx, req.params.membershipId, decision);
        flash(reply, `communities.flash.${decision === 'approve' ? 'approved' : 'declined'}`, {
          name: decided.displayName,
        });
        return reply.redirect(`/c/${req.params.community}/requests`, 303);
      },
    );
  }

  // ---- roles and removal (forms on the member pages of the profiles feature)
  app.post(
    '/c/:community/members/:accountId/role',
    { schema: { ...page, params: MemberParams, body: RoleIn } },
    async (req, reply) => {
      await communities.changeRole(req.ctx, req.params.accountId, req.body.role);
      return reply.redirect(`/c/${req.params.community}/members/${req.params.accountId}`, 303);
    },
  );
  app.post(
    '/c/:community/members/:accountId/remove',
    { schema: { ...page, params: MemberParams } },
    async (req, reply) => {
      await communities.removeMember(req.ctx, req.params.accountId);
      return reply.redirect(`/c/${req.params.community}/members`, 303);
    },
  );

  // ---- paper members
  app.get(
    '/c/:community/paper-members/new',
    { schema: { ...page, params: CommunityParams } },
    async (req, reply) => {
      const community = await communities.paperMemberForm(req.ctx);
      return sendPage(reply, h(PaperMemberPage, { view: viewOf(req, reply), community, state: emptyForm() }));
    },
  );
  app.post(
    '/c/:community/paper-members/new',
    {
      schema: { ...page, params: CommunityParams, body: PaperMemberIn },
      config: {
        form: async (req, reply, errors) =>
          h(PaperMemberPage, {
            view: viewOf(req, reply),
            community: await communities.paperMemberForm(req.ctx),
            state: refusedForm(req.body, explained(errors)),
          }),
      },
    },
    async (req, reply) => {
      const accountId = await communities.addPaperMember(req.ctx, req.body);
      return reply.redirect(`/c/${req.params.community}/members/${accountId}`, 303);
    },
  );

  communityApi(app);
}
