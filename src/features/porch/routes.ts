/**
 * The front porch's own page, "My things" (the porch itself is the community's page), and the
 * porch in the API.
 */
import { h } from 'preact';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { happening, mine, needsMe, type PorchEntry } from '../../platform/porch.ts';
import { viewOf } from '../../web/view.ts';
import { MinePage } from './pages/porch.tsx';

const CommunityParams = Type.Object({ community: Type.String({ maxLength: 100 }) });

const EntryOut = Type.Object({
  kind: Type.String({
    description: 'Which feature’s which kind, e.g. `library.answer`, `conversations.unread`.',
  }),
  subjectType: Type.String({ description: 'What it is about, e.g. `loan`, `post`, `conversation`.' }),
  subjectId: Type.String(),
  path: Type.String({ description: 'Where to act on it, a path on this site.' }),
  title: Type.String({ description: 'The thing’s own name (an item, a post, a person).' }),
  text: Type.String({ description: 'What to say about it, in the caller’s language.' }),
  at: Type.String({ format: 'date-time', description: 'When it arose.' }),
  count: Type.Integer({ description: 'How many it stands for (unread messages).' }),
  notificationId: Type.Optional(
    Type.String({
      description:
        'In `needsMe`: the notification that asks it; `POST …/notifications/{id}/done` says it is done.',
    }),
  ),
});
const PorchOut = Type.Object({
  needsMe: Type.Array(EntryOut, { description: 'What needs you now, newest first.' }),
  happening: Type.Array(EntryOut, { description: 'What happened lately in the community (at most 10).' }),
});

/** An entry as the API gives it: its line said in the caller's language. */
const entryOut = (ctx: Ctx) => (e: PorchEntry) => ({
  kind: e.kind,
  subjectType: e.subjectType,
  subjectId: e.subjectId,
  path: e.path,
  title: e.title,
  text: ctx.t(e.line.key, e.line.values),
  at: e.at,
  count: e.count ?? 1,
  notificationId: e.notificationId,
});

/** Registers `/c/:community/mine` and `GET /api/v1/communities/:community/porch`, members only. */
export function porchRoutes(app: App): void {
  app.get(
    '/c/:community/mine',
    { config: { pageCache: true }, schema: { hide: true, params: CommunityParams } },
    async (req, reply) =>
      sendPage(reply, h(MinePage, { view: viewOf(req, reply), parts: await mine(req.ctx) })),
  );
  app.get(
    '/api/v1/communities/:community/porch',
    {
      schema: {
        tags: ['porch'],
        summary: 'The front porch',
        description:
          'What needs you now (loan requests to answer, things to hand over, collect or bring back, unread messages, claims on your requests, join requests for stewards, seed promised back) and what is happening in the community.',
        params: CommunityParams,
        response: { 200: PorchOut },
      },
    },
    async (req) => {
      const out = entryOut(req.ctx);
      const [needs, lately] = await Promise.all([needsMe(req.ctx), happening(req.ctx, 10)]);
      return { needsMe: needs.map(out), happening: lately.map(out) };
    },
  );
}
