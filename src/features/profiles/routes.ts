/**
 * Profiles: "My profile" (`/account`), the members directory, member pages and a steward's
 * editing of a paper member, as pages and under `/api/v1/`.
 */
import { h } from 'preact';
import { Type } from 'typebox';
import { sendPage } from '../../platform/http/render.ts';
import { accountOf } from '../../platform/http/require.ts';
import type { App } from '../../platform/module.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { DirectoryPage } from './pages/directory.tsx';
import { EditMemberPage, MemberPage } from './pages/member.tsx';
import { MyProfilePage } from './pages/my-profile.tsx';
import {
  CommunityParams,
  DirectoryPageQuery,
  DirectoryQuery,
  MatchOut,
  MemberOut,
  MemberParams,
  MemberSummaryOut,
  MyProfileOut,
  ProfileForm,
  ProfilePatch,
  SavedQuery,
} from './schema.ts';
import * as profiles from './service.ts';

const tags = ['profiles'];

/** Registers "My profile": its page `/account` and `/api/v1/me/profile`. */
export function profileRoutes(app: App): void {
  app.get('/account', { schema: { hide: true, querystring: SavedQuery } }, async (req, reply) => {
    const account = accountOf(req);
    const [values, communities] = await Promise.all([
      profiles.getMyProfileForm(req.ctx),
      profiles.listMyCommunities(req.ctx),
    ]);
    return sendPage(
      reply,
      h(MyProfilePage, {
        view: viewOf(req, reply),
        state: emptyForm(values),
        email: account.email,
        communities,
        saved: req.query.saved === '1',
      }),
    );
  });
  app.post(
    '/account',
    {
      schema: { hide: true, body: ProfileForm },
      // Before validation, so a refused form is only ever re-rendered for its owner.
      preValidation: async (req) => {
        accountOf(req);
      },
      config: {
        form: async (req, reply, errors) =>
          h(MyProfilePage, {
            view: viewOf(req, reply),
            state: refusedForm(req.body, errors),
            email: accountOf(req).email,
            communities: await profiles.listMyCommunities(req.ctx),
          }),
      },
    },
    async (req, reply) => {
      accountOf(req);
      await profiles.updateMyProfile(req.ctx, profiles.changesFromForm(req.body));
      return reply.redirect('/account?saved=1', 303);
    },
  );

  app.get(
    '/api/v1/me/profile',
    {
      schema: {
        tags,
        summary: 'My profile',
        description: 'Everything the signed-in person entered, with their communities.',
        response: { 200: MyProfileOut },
      },
    },
    async (req) => profiles.getMyProfile(req.ctx),
  );
  app.patch(
    '/api/v1/me/profile',
    {
      schema: {
        tags,
        summary: 'Change my profile',
        description:
          'Fields left out stay as they are; `null` clears a contact or the location. Skills replace the whole list of their kind. The location is rounded to 3 decimals (about 100 m).',
        body: ProfilePatch,
        response: { 200: MyProfileOut },
      },
    },
    async (req) => profiles.updateMyProfile(req.ctx, req.body),
  );
}

/**
 * Registers one community's members directory, member pages and a steward's editing of a paper
 * member, as pages and under `/api/v1/communities/:community/`, in the community scope.
 */
export function memberRoutes(app: App): void {
  app.get(
    '/c/:community/members',
    {
      config: { pageCache: true },
      schema: { hide: true, params: CommunityParams, querystring: DirectoryPageQuery },
    },
    async (req, reply) => {
      const q = req.query.q ?? '';
      const teachOnly = req.query.teach === '1';
      const directory = await profiles.listDirectoryPage(req.ctx, {
        q,
        teachOnly,
        after: req.query.after,
        before: req.query.before,
      });
      const matches = await profiles.listMatches(req.ctx);
      return sendPage(
        reply,
        h(DirectoryPage, { view: viewOf(req, reply), directory, matches, q: q.trim(), teachOnly }),
      );
    },
  );
  app.get(
    '/c/:community/members/:accountId',
    { config: { pageCache: true }, schema: { hide: true, params: MemberParams, querystring: SavedQuery } },
    async (req, reply) => {
      const member = await profiles.getMember(req.ctx, req.params.accountId);
      return sendPage(
        reply,
        h(MemberPage, { view: viewOf(req, reply), member, saved: req.query.saved === '1' }),
      );
    },
  );
  app.get(
    '/c/:community/members/:accountId/edit',
    { schema: { hide: true, params: MemberParams } },
    async (req, reply) => {
      const { displayName, values } = await profiles.getPaperMemberForm(req.ctx, req.params.accountId);
      return sendPage(
        reply,
        h(EditMemberPage, {
          view: viewOf(req, reply),
          state: emptyForm(values),
          accountId: req.params.accountId,
          displayName,
        }),
      );
    },
  );
  app.post(
    '/c/:community/members/:accountId/edit',
    {
      schema: { hide: true, params: MemberParams, body: ProfileForm },
      // Before validation, so a refused form is only ever re-rendered for a steward who may edit.
      preValidation: async (req) => {
        const params = req.params as { accountId: string };
        await profiles.getPaperMemberForm(req.ctx, params.accountId);
      },
      config: {
        form: async (req, reply, errors) => {
          const params = req.params as { accountId: string };
          const { displayName } = await profiles.getPaperMemberForm(req.ctx, params.accountId);
          return h(EditMemberPage, {
            view: viewOf(req, reply),
            state: refusedForm(req.body, errors),
            accountId: params.accountId,
            displayName,
          });
        },
      },
    },
    async (req, reply) => {
      await profiles.updatePaperMember(req.ctx, req.params.accountId, profiles.changesFromForm(req.body));
      return reply.redirect(`/c/${req.params.community}/members/${req.params.accountId}?saved=1`, 303);
    },
  );

  app.get(
    '/api/v1/communities/:community/members',
    {
      schema: {
        tags,
        summary: 'The members directory',
        description:
          'Active members by name, optionally searched by name or skill (`q`, any case); with `teach=1`, only members who list a matching skill to share. Members only.',
        params: CommunityParams,
        querystring: DirectoryQuery,
        response: { 200: Type.Array(MemberSummaryOut) },
      },
    },
    async (req) =>
      profiles.listDirectory(req.ctx, {
        q: req.query.q,
        teachOnly: req.query.teach === '1',
      }),
  );
  app.get(
    '/api/v1/communities/:community/matches',
    {
      schema: {
        tags,
        summary: 'Who could teach me',
        description:
          'For each of my skills to learn, members of this community who share the same skill, then similar ones.',
        params: CommunityParams,
        response: { 200: Type.Array(MatchOut) },
      },
    },
    async (req) => profiles.listMatches(req.ctx),
  );
  app.get(
    '/api/v1/communities/:community/members/:accountId',
    {
      schema: {
        tags,
        summary: 'A member profile',
        description:
          'Contact details appear only where their visibility allows the caller. 404 for anyone who is not an active member of this community.',
        params: MemberParams,
        response: { 200: MemberOut },
      },
    },
    async (req) => profiles.getMember(req.ctx, req.params.accountId),
  );
  app.patch(
    '/api/v1/communities/:community/members/:accountId/profile',
    {
      schema: {
        tags,
        summary: "Change a paper member's profile",
        description:
          'Stewards only, for a member added without an email address. Same fields as `PATCH /api/v1/me/profile`.',
        params: MemberParams,
        body: ProfilePatch,
        response: { 200: MemberOut },
      },
    },
    async (req) => profiles.updatePaperMember(req.ctx, req.params.accountId, req.body),
  );
}
