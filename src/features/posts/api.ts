/** `/api/v1/communities/:community/posts`, the gratitude wall and the urgent opt-in, as JSON. */
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/module.ts';
import {
  BoardQuery,
  CommunityParams,
  FulfillIn,
  PostIn,
  PostListOut,
  PostOut,
  PostParams,
  PostPatch,
  postLimit,
  RespondIn,
  RespondOut,
  responseLimit,
  ThanksIn,
  ThankYouListOut,
  UrgentSubscriptionIn,
  UrgentSubscriptionOut,
} from './schema.ts';
import * as posts from './service.ts';

const tags = ['posts'];
const errorsNote =
  'Active members only (403 otherwise); a post of another community is 404. State conflicts answer 409 with a `code`.';

/** Registers the board's JSON API. */
export function postApiRoutes(app: App): void {
  const current = async (req: FastifyRequest, postId: string) => (await posts.getPost(req.ctx, postId)).post;

  app.get(
    '/api/v1/communities/:community/posts',
    {
      schema: {
        tags,
        summary: 'The board: live offers and requests',
        description: `Open and claimed posts that are not past due, 30 per page, newest first (urgent first), or nearest first when your profile has a location. ${errorsNote}`,
        params: CommunityParams,
        querystring: BoardQuery,
        response: { 200: PostListOut },
      },
    },
    async (req) => {
      const { posts: list, page, hasMore } = await posts.listBoard(req.ctx, req.query);
      return { posts: list, page, hasMore };
    },
  );
  app.post(
    '/api/v1/communities/:community/posts',
    {
      schema: {
        tags,
        summary: 'Post an offer or a request',
        description: `Open until defaults to 14 days and may be at most 90 days ahead; \`whenAt\` must not be past nor after \`openUntil\`. Only requests can be urgent; a member may post 2 urgent requests per 24 hours (429). With \`forAccountId\`, posts on behalf of another member. ${errorsNote}`,
        params: CommunityParams,
        body: PostIn,
        response: { 201: PostOut },
      },
      config: postLimit,
    },
    async (req, reply) => {
      const id = await posts.createPost(req.ctx, req.body);
      return reply.code(201).send(await current(req, id));
    },
  );
  app.get(
    '/api/v1/communities/:community/posts/:postId',
    {
      schema: {
        tags,
        summary: 'One post',
        description: errorsNote,
        params: PostParams,
        response: { 200: PostOut },
      },
    },
    async (req) => {
      return current(req, req.params.postId);
    },
  );
  app.patch(
    '/api/v1/communities/:community/posts/:postId',
    {
      schema: {
        tags,
        summary: 'Edit a live post',
        description: `Its author, the member who posted it for them, or a steward. Absent fields stay; \`null\` clears. ${errorsNote}`,
        params: PostParams,
        body: PostPatch,
        response: { 200: PostOut },
      },
    },
    async (req) => {
      await posts.updatePost(req.ctx, req.params.postId, req.body);
      return current(req, req.params.postId);
    },
  );

  const transitions = [
    [
      'close',
      'Close a live post',
      'Its author, the member who posted it for them, or a steward.',
      posts.closePost,
    ],
    [
      'claim',
      'Claim a request',
      'One helper at a time; others get 409 naming who is helping.',
      posts.claimPost,
    ],
    [
      'release',
      'Release a claim',
      'The helper, the post’s people, or a steward; the request is open again.',
      posts.releaseClaim,
    ],
  ] as const;
  for (const [name, summary, description, run] of transitions) {
    app.post(
      `/api/v1/communities/:community/posts/:postId/${name}`,
      {
        schema: {
          tags,
          summary,
          description: `${description} ${errorsNote}`,
          params: PostParams,
          response: { 200: PostOut },
        },
      },
      async (req) => {
        await run(req.ctx, req.params.postId);
        return current(req, req.params.postId);
      },
    );
  }
  app.post(
    '/api/v1/communities/:community/posts/:postId/respond',
    {
      schema: {
        tags,
        summary: 'Answer a post',
        description: `Opens (or reuses) the private conversation between the post’s people and you, with your first message. ${errorsNote}`,
        params: PostParams,
        body: RespondIn,
        response: { 201: RespondOut },
      },
      config: responseLimit,
    },
    async (req, reply) => {
      const conversationId = await posts.respondToPost(req.ctx, req.params.postId, req.body.message);
      return reply.code(201).send({ conversationId });
    },
  );
  app.post(
    '/api/v1/communities/:community/posts/:postId/fulfill',
    {
      schema: {
        tags,
        summary: 'Mark a post fulfilled',
        description: `Its author or the member who posted it for them, optionally with a thank-you for the gratitude wall naming the helper. ${errorsNote}`,
        params: PostParams,
        body: FulfillIn,
        response: { 200: PostOut },
      },
    },
    async (req) => {
      await posts.fulfillPost(req.ctx, req.params.postId, req.body ?? {});
      return current(req, req.params.postId);
    },
  );
  app.post(
    '/api/v1/communities/:community/posts/:postId/thanks',
    {
      schema: {
        tags,
        summary: 'Thank for a fulfilled post',
        description: `One thank-you per post. ${errorsNote}`,
        params: PostParams,
        body: ThanksIn,
        response: { 200: PostOut },
      },
    },
    async (req) => {
      await posts.thankForPost(req.ctx, req.params.postId, req.body);
      return current(req, req.params.postId);
    },
  );
  app.get(
    '/api/v1/communities/:community/thanks',
    {
      schema: {
        tags,
        summary: 'The gratitude wall',
        description: `Thank-yous of fulfilled posts, newest first, 30 per page. ${errorsNote}`,
        params: CommunityParams,
        querystring: BoardQuery,
        response: { 200: ThankYouListOut },
      },
    },
    async (req) => {
      const { entries } = await posts.listThanks(req.ctx, req.query.page ?? 1);
      return entries;
    },
  );
  app.get(
    '/api/v1/communities/:community/urgent-subscription',
    {
      schema: {
        tags,
        summary: 'Whether you hear about urgent requests',
        params: CommunityParams,
        response: { 200: UrgentSubscriptionOut },
      },
    },
    async (req) => {
      return { subscribed: await posts.isUrgentSubscribed(req.ctx) };
    },
  );
  app.put(
    '/api/v1/communities/:community/urgent-subscription',
    {
      schema: {
        tags,
        summary: 'Opt in to (or out of) urgent requests',
        description:
          'Opted-in members get an email for urgent requests, nearest first; at most 5 such emails a day.',
        params: CommunityParams,
        body: UrgentSubscriptionIn,
        response: { 200: UrgentSubscriptionOut },
      },
    },
    async (req) => {
      await posts.setUrgentSubscription(req.ctx, req.body.subscribed);
      return { subscribed: req.body.subscribed };
    },
  );
}
