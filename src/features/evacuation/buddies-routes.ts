/**
 * The buddy page and API: the households that ask the member to be their buddy or that they look
 * after, and their answer. Pages under `/c/:community/evacuation/buddy`, the API under
 * `/api/v1/communities/:community/evacuation/buddy` (tag `evacuation`).
 */
import { h } from 'preact';
import { Type } from 'typebox';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { viewOf } from '../../web/view.ts';
import { answerBuddy, myBuddying } from './buddies.ts';
import { BuddiesPage } from './pages/buddies.tsx';
import { buddyStatuses, CommunityParams, HouseholdParams } from './schema.ts';

const tags = ['evacuation'];

/** A buddy's answer: yes, or no (which also stops an accepted buddy). */
export const BuddyAnswerIn = Type.Object({
  answer: Type.Enum(['accepted', 'declined'] as const, {
    description: 'accepted, or declined (also how an accepted buddy stops).',
  }),
});

/** A household that asks the caller to be its buddy, or that they look after. */
export const BuddyOfOut = Type.Object({
  householdId: Type.String(),
  name: Type.String(),
  role: Type.Enum(['buddy', 'backup'] as const, { description: 'buddy, or backup buddy.' }),
  status: Type.Enum(buddyStatuses),
  answeredAt: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()], {
    description: 'The household’s phone, only once the caller has accepted.',
  }),
});

/** Registers the buddy page and API, in the community scope. */
export function buddyRoutes(app: App): void {
  const hide = true;
  app.get(
    '/c/:community/evacuation/buddy',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) =>
      sendPage(reply, h(BuddiesPage, { view: viewOf(req, reply), households: await myBuddying(req.ctx) })),
  );

  app.post(
    '/c/:community/evacuation/buddy/:householdId',
    { schema: { hide, params: HouseholdParams, body: BuddyAnswerIn } },
    async (req, reply) => {
      await answerBuddy(req.ctx, req.params.householdId, req.body.answer);
      flash(reply, `evacuation.flash.buddy_${req.body.answer}`);
      return reply.redirect(`/c/${req.params.community}/evacuation/buddy`, 303);
    },
  );

  const root = '/api/v1/communities/:community/evacuation/buddy';
  app.get(
    root,
    {
      schema: {
        tags,
        summary: 'Households I am asked to look after',
        description:
          'The households that name the caller as buddy or backup buddy, with their answer; the phone only once accepted. Members (403 `errors.members_only`).',
        params: CommunityParams,
        response: { 200: Type.Object({ households: Type.Array(BuddyOfOut) }) },
      },
    },
    async (req) => ({ households: await myBuddying(req.ctx) }),
  );

  app.put(
    `${root}/:householdId`,
    {
      schema: {
        tags,
        summary: 'Answer a household’s ask to be its buddy',
        description:
          'Only the member the household names as buddy or backup buddy; anyone else, or another community’s household, is 404 (`evacuation.errors.buddy_ask_not_found`). The answer already given is 409 (`evacuation.errors.buddy_already_accepted`, `buddy_already_declined`). The household is told; when an accepted buddy declines (stops), the coordinators too.',
        params: HouseholdParams,
        body: BuddyAnswerIn,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await answerBuddy(req.ctx, req.params.householdId, req.body.answer);
      return reply.code(204).send(null);
    },
  );
}
