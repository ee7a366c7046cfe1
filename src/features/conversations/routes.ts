/** Conversation pages and `/api/v1/communities/:community/conversations`. */
import { h } from 'preact';
import { Type } from 'typebox';
import { flash } from '../../platform/http/flash.ts';
import { limit } from '../../platform/http/rate-limit.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { ConversationPage, InboxPage, WriteToMemberPage } from './pages/conversations.tsx';
import {
  CommunityParams,
  ConversationOut,
  ConversationParams,
  InboxOut,
  MemberParams,
  MessageIn,
  MessageOut,
} from './schema.ts';
import * as conversations from './service.ts';

const tags = ['conversations'];
// Enough for a lively exchange, too few for a script flooding a neighbor's inbox; one budget for
// the page form and the API, per account.
const messageLimit = limit('message', 30, '10 minutes', 'account');
// Writing to a neighbor from their profile opens a conversation: fewer of those, so nobody can
// write to a whole street at once.
const memberMessageLimit = limit('member-message', 10, '1 hour', 'account');

/** Registers conversation pages and the API, in the community scope. */
export function conversationRoutes(app: App): void {
  app.get(
    '/c/:community/conversations',
    { schema: { hide: true, params: CommunityParams } },
    async (req, reply) => {
      const entries = await conversations.listMyConversations(req.ctx);
      return sendPage(reply, h(InboxPage, { view: viewOf(req, reply), entries }));
    },
  );
  app.get(
    '/api/v1/communities/:community/conversations',
    {
      schema: {
        tags,
        summary: 'My conversations',
        description: 'The conversations you take part in, the most recently active first (at most 100).',
        params: CommunityParams,
        response: { 200: InboxOut },
      },
    },
    async (req) => {
      return conversations.listMyConversations(req.ctx);
    },
  );
  app.get(
    '/c/:community/conversations/:conversationId',
    { schema: { hide: true, params: ConversationParams } },
    async (req, reply) => {
      const conversation = await conversations.listMessages(req.ctx, req.params.conversationId);
      return sendPage(
        reply,
        h(ConversationPage, { view: viewOf(req, reply), conversation, state: emptyForm() }),
      );
    },
  );
  app.post(
    '/c/:community/conversations/:conversationId',
    {
      schema: { hide: true, params: ConversationParams, body: MessageIn },
      config: {
        ...messageLimit,
        form: async (req, reply, errors) => {
          const { conversationId } = req.params as { conversationId: string };
          const conversation = await conversations.listMessages(req.ctx, conversationId);
          return h(ConversationPage, {
            view: viewOf(req, reply),
            conversation,
            state: refusedForm(req.body, errors),
          });
        },
      },
    },
    async (req, reply) => {
      const message = await conversations.postMessage(req.ctx, req.params.conversationId, req.body);
      return reply.redirect(
        `/c/${req.params.community}/conversations/${req.params.conversationId}#m-${message.id}`,
        303,
      );
    },
  );
  app.post(
    '/c/:community/members/:accountId/message',
    {
      schema: { hide: true, params: MemberParams, body: MessageIn },
      config: {
        ...memberMessageLimit,
        form: (req, reply, errors) => {
          const { accountId } = req.params as { accountId: string };
          return h(WriteToMemberPage, {
            view: viewOf(req, reply),
            accountId,
            state: refusedForm(req.body, errors),
          });
        },
      },
    },
    async (req, reply) => {
      const id = await conversations.messageMember(req.ctx, req.params.accountId, req.body);
      flash(reply, 'conversations.flash.sent');
      return reply.redirect(`/c/${req.params.community}/conversations/${id}`, 303);
    },
  );
  app.post(
    '/api/v1/communities/:community/members/:accountId/messages',
    {
      schema: {
        tags,
        summary: 'Write to a member',
        description:
          'Sends a message to another active member, in the one conversation the two of you have (opened by the first message). They are told by mail. 404 for someone not an active member here; 409 `conversations.not_to_self`.',
        params: MemberParams,
        body: MessageIn,
        response: { 201: Type.Object({ conversationId: Type.String() }) },
      },
      config: memberMessageLimit,
    },
    async (req, reply) => {
      const conversationId = await conversations.messageMember(req.ctx, req.params.accountId, req.body);
      return reply.code(201).send({ conversationId });
    },
  );
  app.post(
    '/c/:community/conversations/:conversationId/ask-steward',
    { schema: { hide: true, params: ConversationParams } },
    async (req, reply) => {
      await conversations.askSteward(req.ctx, req.params.conversationId);
      return reply.redirect(`/c/${req.params.community}/conversations/${req.params.conversationId}`, 303);
    },
  );

  app.get(
    '/api/v1/communities/:community/conversations/:conversationId',
    {
      schema: {
        tags,
        summary: 'A conversation with its messages',
        description:
          'Participants only; a steward once a participant asked one to look. Another community’s conversation is 404.',
        params: ConversationParams,
        response: { 200: ConversationOut },
      },
    },
    async (req) => conversations.listMessages(req.ctx, req.params.conversationId),
  );
  app.post(
    '/api/v1/communities/:community/conversations/:conversationId/messages',
    {
      schema: {
        tags,
        summary: 'Write a message',
        description: 'The other participants are told by mail.',
        params: ConversationParams,
        body: MessageIn,
        response: { 201: MessageOut },
      },
      config: messageLimit,
    },
    async (req, reply) => {
      const message = await conversations.postMessage(req.ctx, req.params.conversationId, req.body);
      return reply.code(201).send(message);
    },
  );
  app.post(
    '/api/v1/communities/:community/conversations/:conversationId/ask-steward',
    {
      schema: {
        tags,
        summary: 'Ask a steward to look',
        description:
          'A participant lets the stewards read and answer this conversation; they are told by mail.',
        params: ConversationParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await conversations.askSteward(req.ctx, req.params.conversationId);
      return reply.code(204).send(null);
    },
  );
}
