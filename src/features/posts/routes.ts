/** The board's pages: board, new post, post page and its actions, gratitude wall, urgent opt-in. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { ShownFieldError } from '../../platform/http/types.ts';
import type { App } from '../../platform/module.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { postApiRoutes } from './api.ts';
import { editValues, newPostValues, postChangesFromForm, postInputFromForm } from './forms.ts';
import { BoardPage } from './pages/board.tsx';
import { PostPage } from './pages/post.tsx';
import { EditPostPage, NewPostPage } from './pages/post-form.tsx';
import { ThanksPage } from './pages/thanks.tsx';
import {
  BoardPageQuery,
  BoardQuery,
  CommunityParams,
  FulfillIn,
  PostEditForm,
  PostForm,
  PostParams,
  postLimit,
  RespondIn,
  responseLimit,
  ThanksIn,
  UrgentToggleForm,
} from './schema.ts';
import * as posts from './service.ts';
import { factsOf } from './view.ts';

/** Re-renders the post page with a refused action's input and message. */
async function postPageWithErrors(req: FastifyRequest, reply: FastifyReply, errors: ShownFieldError[]) {
  const { postId } = req.params as { postId: string };
  const details = await posts.getPost(req.ctx, postId);
  return h(PostPage, { view: viewOf(req, reply), details, state: refusedForm(req.body, errors) });
}

/** Registers the board's pages and its API, in the community scope. */
export function postRoutes(app: App): void {
  postApiRoutes(app);
  const back = (req: FastifyRequest, reply: FastifyReply) => {
    const { community, postId } = req.params as { community: string; postId: string };
    return reply.redirect(`/c/${community}/posts/${postId}`, 303);
  };

  app.get(
    '/c/:community/board',
    {
      config: { pageCache: true },
      schema: { hide: true, params: CommunityParams, querystring: BoardPageQuery },
    },
    async (req, reply) => {
      const { kind, category, ...rest } = req.query;
      const filters = { ...rest, kind: kind || undefined, category: category || undefined };
      const board = await posts.listBoard(req.ctx, filters);
      const subscribed = await posts.isUrgentSubscribed(req.ctx);
      return sendPage(reply, h(BoardPage, { view: viewOf(req, reply), board, filters, subscribed }));
    },
  );
  app.post(
    '/c/:community/board/urgent',
    { schema: { hide: true, params: CommunityParams, body: UrgentToggleForm } },
    async (req, reply) => {
      await posts.setUrgentSubscription(req.ctx, req.body.subscribed === '1');
      return reply.redirect(`/c/${req.params.community}/board`, 303);
    },
  );

  const newPostPage = async (req: FastifyRequest, reply: FastifyReply, state: ReturnType<typeof emptyForm>) =>
    h(NewPostPage, { view: viewOf(req, reply), state, members: await posts.listMembers(req.ctx) });
  app.get(
    '/c/:community/board/new',
    { schema: { hide: true, params: CommunityParams } },
    async (req, reply) => {
      const state = emptyForm(newPostValues(req.ctx));
      return sendPage(reply, await newPostPage(req, reply, state));
    },
  );
  app.post(
    '/c/:community/board/new',
    {
      schema: { hide: true, params: CommunityParams, body: PostForm },
      config: {
        ...postLimit,
        form: (req, reply, errors) => newPostPage(req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      const id = await posts.createPost(req.ctx, postInputFromForm(req.body, req.ctx));
      flash(reply, 'posts.flash.posted');
      return reply.redirect(`/c/${req.params.community}/posts/${id}`, 303);
    },
  );

  app.get(
    '/c/:community/posts/:postId',
    { config: { pageCache: true }, schema: { hide: true, params: PostParams } },
    async (req, reply) => {
      const details = await posts.getPost(req.ctx, req.params.postId);
      return sendPage(reply, h(PostPage, { view: viewOf(req, reply), details, state: emptyForm() }));
    },
  );
  app.get(
    '/c/:community/posts/:postId/edit',
    { schema: { hide: true, params: PostParams } },
    async (req, reply) => {
      const { post } = await posts.getPost(req.ctx, req.params.postId);
      const view = viewOf(req, reply);
      if (!posts.can.editPost(req.ctx.actor, factsOf(post))) {
        return reply.redirect(`/c/${req.params.community}/posts/${post.id}`, 303);
      }
      const state = emptyForm(editValues(post, req.ctx));
      return sendPage(reply, h(EditPostPage, { view, state, postId: post.id }));
    },
  );
  app.post(
    '/c/:community/posts/:postId/edit',
    {
      schema: { hide: true, params: PostParams, body: PostEditForm },
      config: {
        form: (req, reply, errors) =>
          h(EditPostPage, {
            view: viewOf(req, reply),
            state: refusedForm(req.body, errors),
            postId: (req.params as { postId: string }).postId,
          }),
      },
    },
    async (req, reply) => {
      await posts.updatePost(req.ctx, req.params.postId, postChangesFromForm(req.body, req.ctx));
      flash(reply, 'posts.flash.updated');
      return back(req, reply);
    },
  );

  const action = { schema: { hide: true, params: PostParams }, config: { form: postPageWithErrors } };
  app.post('/c/:community/posts/:postId/claim', action, async (req, reply) => {
    await posts.claimPost(req.ctx, req.params.postId);
    flash(reply, 'posts.flash.claimed');
    return back(req, reply);
  });
  app.post('/c/:community/posts/:postId/release', action, async (req, reply) => {
    await posts.releaseClaim(req.ctx, req.params.postId);
    return back(req, reply);
  });
  app.post('/c/:community/posts/:postId/close', action, async (req, reply) => {
    await posts.closePost(req.ctx, req.params.postId);
    flash(reply, 'posts.flash.closed');
    return back(req, reply);
  });
  app.post(
    '/c/:community/posts/:postId/respond',
    { schema: { ...action.schema, body: RespondIn }, config: { ...action.config, ...responseLimit } },
    async (req, reply) => {
      const conversationId = await posts.respondToPost(req.ctx, req.params.postId, req.body.message);
      return reply.redirect(`/c/${req.params.community}/conversations/${conversationId}`, 303);
    },
  );
  app.post(
    '/c/:community/posts/:postId/fulfill',
    { ...action, schema: { ...action.schema, body: FulfillIn } },
    async (req, reply) => {
      await posts.fulfillPost(req.ctx, req.params.postId, req.body ?? {});
      return back(req, reply);
    },
  );
  app.post(
    '/c/:community/posts/:postId/thanks',
    { ...action, schema: { ...action.schema, body: ThanksIn } },
    async (req, reply) => {
      await posts.thankForPost(req.ctx, req.params.postId, req.body);
      return back(req, reply);
    },
  );

  app.get(
    '/c/:community/thanks',
    { config: { pageCache: true }, schema: { hide: true, params: CommunityParams, querystring: BoardQuery } },
    async (req, reply) => {
      const page = req.query.page ?? 1;
      const { entries, hasMore } = await posts.listThanks(req.ctx, page);
      return sendPage(reply, h(ThanksPage, { view: viewOf(req, reply), entries, page, hasMore }));
    },
  );
}
