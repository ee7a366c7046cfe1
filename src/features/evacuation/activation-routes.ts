/**
 * The pages and API of an alert's day: raising and ending it, the live board, a driver's taps, a
 * household's marks, the review and the feedback. Pages under `/c/:community/evacuation/…`, the API
 * under `/api/v1/communities/:community/evacuation/…` (tag `evacuation`). Like every answer of the
 * network, none is kept by a browser (`Cache-Control: no-store`, set for the feature).
 */
import { h } from 'preact';
import { Type } from 'typebox';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { emptyForm, type FormState, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { endAlert, markHousehold, raiseAlert, tapRoute } from './activation.ts';
import { askReplan } from './activation-replan.ts';
import {
  AlertFormIn,
  AlertIn,
  AlertParams,
  BoardOut,
  EndIn,
  FeedbackIn,
  MarkIn,
  MarkLinkIn,
  MyDayOut,
  ReviewOut,
  TapIn,
} from './activation-schema.ts';
import { linkDay, markByLink, tapByLink } from './alert-links.ts';
import { giveFeedback, myFeedback, pastAlerts, review } from './alert-review.ts';
import { type Board, board, myDay } from './board.ts';
import { LinkParams, linkRouteConfig, openLinkRef } from './links.ts';
import { AlertPage } from './pages/alert.tsx';
import { AlertLinkPage } from './pages/alert-link.tsx';
import { FeedbackPage, RouteDayPage } from './pages/alert-member.tsx';
import { ReviewPage } from './pages/alert-review.tsx';
import { can } from './policy.ts';
import { CommunityParams, HouseholdParams } from './schema.ts';
import { myRoute, shelterChoices } from './service.ts';

const tags = ['evacuation'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** Registers the day's pages and API, in the community scope. */
export function activationRoutes(app: App): void {
  pages(app);
  linkPages(app);
  api(app);
}

/** The driver's own route page: on the day, their steps above the card (null: no route on the day). */
export async function routeDayPage(req: any, reply: any, state: FormState = emptyForm()) {
  const day = await myDay(req.ctx);
  return h(RouteDayPage, {
    view: viewOf(req, reply),
    route: await myRoute(req.ctx),
    day: day?.route ?? null,
    alert: day?.alert ?? null,
    state,
  });
}

function pages(app: App): void {
  const hide = true;
  const path = (slug: string, rest = '') => `/c/${slug}/evacuation${rest}`;

  const alertPage = async (req: any, reply: any, state = emptyForm(), endState = emptyForm()) => {
    const on = await board(req.ctx);
    return h(AlertPage, {
      view: viewOf(req, reply),
      board: on,
      shelters: on ? [] : await shelterChoices(req.ctx),
      past: on ? [] : await pastAlerts(req.ctx),
      state,
      endState,
    });
  };

  app.get(
    '/c/:community/evacuation/alert',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => sendPage(reply, await alertPage(req, reply)),
  );

  app.post(
    '/c/:community/evacuation/alert',
    {
      schema: { hide, params: CommunityParams, body: AlertFormIn },
      config: { form: (req, reply, errors) => alertPage(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      await raiseAlert(req.ctx, { ...req.body, shelters: req.body.shelters ?? [] });
      flash(reply, 'evacuation.flash.alert_raised');
      return reply.redirect(path(req.params.community, '/alert'), 303);
    },
  );

  app.post(
    '/c/:community/evacuation/alert/end',
    {
      schema: { hide, params: CommunityParams, body: EndIn },
      config: {
        form: (req, reply, errors) => alertPage(req, reply, emptyForm(), refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      const id = await endAlert(req.ctx, req.body);
      flash(reply, 'evacuation.flash.alert_ended');
      return reply.redirect(path(req.params.community, `/alerts/${id}`), 303);
    },
  );

  app.post(
    '/c/:community/evacuation/alert/replan',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      await askReplan(req.ctx);
      flash(reply, 'evacuation.flash.replan_asked');
      return reply.redirect(path(req.params.community, '/alert'), 303);
    },
  );

  app.post(
    '/c/:community/evacuation/alert/households/:householdId',
    { schema: { hide, params: HouseholdParams, body: MarkIn } },
    async (req, reply) => {
      await markHousehold(req.ctx, req.params.householdId, req.body);
      flash(reply, `evacuation.flash.marked_${req.body.status}`);
      // A coordinator goes back to the board; a household or its buddy to their page.
      return reply.redirect(
        can.activate(req.ctx.actor)
          ? path(req.params.community, `/alert#h-${req.params.householdId}`)
          : path(req.params.community, '#day'),
        303,
      );
    },
  );

  app.post(
    '/c/:community/evacuation/route/status',
    {
      schema: { hide, params: CommunityParams, body: TapIn },
      config: { form: (req, reply, errors) => routeDayPage(req, reply, refusedForm({}, errors)) },
    },
    async (req, reply) => {
      await tapRoute(req.ctx, req.body);
      flash(reply, `evacuation.flash.tap_${req.body.status}`);
      return reply.redirect(path(req.params.community, '/route'), 303);
    },
  );

  app.get(
    '/c/:community/evacuation/alerts/:alertId',
    { schema: { hide, params: AlertParams } },
    async (req, reply) =>
      sendPage(
        reply,
        h(ReviewPage, { view: viewOf(req, reply), review: await review(req.ctx, req.params.alertId) }),
      ),
  );

  const feedbackPage = async (req: any, reply: any, state?: FormState) => {
    const { alert, given } = await myFeedback(req.ctx, req.params.alertId);
    return h(FeedbackPage, {
      view: viewOf(req, reply),
      alert,
      state: state ?? emptyForm(given ?? {}),
      given: given !== null,
    });
  };

  app.get(
    '/c/:community/evacuation/alerts/:alertId/feedback',
    { schema: { hide, params: AlertParams } },
    async (req, reply) => sendPage(reply, await feedbackPage(req, reply)),
  );

  app.post(
    '/c/:community/evacuation/alerts/:alertId/feedback',
    {
      schema: { hide, params: AlertParams, body: FeedbackIn },
      config: { form: (req, reply, errors) => feedbackPage(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      await giveFeedback(req.ctx, req.params.alertId, req.body);
      flash(reply, 'evacuation.flash.feedback_given');
      return reply.redirect(path(req.params.community, `/alerts/${req.params.alertId}/feedback`), 303);
    },
  );
}

/**
 * The alert's personal links: `/c/:community/evacuation/safe/:token`, public, rate-limited, never
 * kept or indexed (`linkRouteConfig`); a household's marks and a driver's taps are its forms.
 */
function linkPages(app: App): void {
  const hide = true;
  const at = (req: { params: { community: string; token: string } }, rest = '') =>
    `/c/${req.params.community}/evacuation/safe/${req.params.token}${rest}`;
  const linkPage = async (req: any, reply: any, state = emptyForm()) =>
    h(AlertLinkPage, {
      view: viewOf(req, reply),
      token: req.params.token,
      day: await linkDay(req.ctx, req.params.token),
      state,
    });

  app.get(
    '/c/:community/evacuation/safe/:token',
    { schema: { hide, params: LinkParams }, config: linkRouteConfig },
    async (req, reply) => sendPage(reply, await linkPage(req, reply)),
  );

  app.post(
    '/c/:community/evacuation/safe/:token',
    {
      schema: { hide, params: LinkParams, body: MarkLinkIn },
      config: {
        ...linkRouteConfig,
        form: (req, reply, errors) => linkPage(req, reply, refusedForm({}, errors)),
      },
    },
    async (req, reply) => {
      await markByLink(req.ctx, req.params.token, req.body);
      flash(reply, `evacuation.flash.marked_${req.body.status}`);
      return reply.redirect(at(req), 303);
    },
  );

  // A notification's reference to a personal link (never the token, `links.ts`): its own member,
  // signed in (from the inbox), is sent on to the link; anyone else is 404.
  app.get(
    '/c/:community/evacuation/link/:kind/:id',
    {
      schema: {
        hide,
        params: Type.Object({
          community: Type.String({ maxLength: 100 }),
          kind: Type.Enum(['safe', 'check-in'] as const),
          id: Type.String({ format: 'uuid' }),
        }),
      },
    },
    async (req, reply) => {
      const to = await openLinkRef(req.ctx, req.params.kind === 'safe' ? 'alert' : 'drill', req.params.id);
      reply.header('referrer-policy', 'no-referrer');
      return reply.redirect(`/c/${req.params.community}${to}`, 303);
    },
  );

  app.post(
    '/c/:community/evacuation/safe/:token/route',
    {
      schema: { hide, params: LinkParams, body: TapIn },
      config: {
        ...linkRouteConfig,
        form: (req, reply, errors) => linkPage(req, reply, refusedForm({}, errors)),
      },
    },
    async (req, reply) => {
      await tapByLink(req.ctx, req.params.token, req.body);
      flash(reply, `evacuation.flash.tap_${req.body.status}`);
      return reply.redirect(at(req), 303);
    },
  );
}

function api(app: App): void {
  const root = '/api/v1/communities/:community/evacuation';
  const coordinators = 'Coordinators (403 `evacuation.errors.only_coordinators`).';

  app.post(
    `${root}/alert`,
    {
      schema: {
        tags,
        summary: 'Raise an alert',
        description: `${coordinators} On the newest plan, or a new one made first (none yet, or a route to a shelter not open). Everyone in the plan is notified at once through every channel, past quiet hours, in their language. 422 for a blank reason (\`evacuation.errors.reason_required\`), a shelter not set up (\`evacuation.errors.shelter_not_open\`), no household registered (\`evacuation.errors.nothing_to_plan\`); 409 \`evacuation.errors.alert_on\` when one is on.`,
        params: CommunityParams,
        body: AlertIn,
        response: { 201: BoardOut },
      },
    },
    async (req, reply) => {
      await raiseAlert(req.ctx, req.body);
      return reply.code(201).send((await board(req.ctx)) as Board);
    },
  );

  app.get(
    `${root}/alert`,
    {
      schema: {
        tags,
        summary: 'The live board',
        description: `${coordinators} Each route and household of the alert on now, the unaccounted for first, whom to phone; null when none is on. Each read is logged.`,
        params: CommunityParams,
        response: { 200: Type.Object({ board: Nullable(BoardOut) }) },
      },
    },
    async (req) => ({ board: await board(req.ctx) }),
  );

  app.post(
    `${root}/alert/end`,
    {
      schema: {
        tags,
        summary: 'End the alert',
        description: `${coordinators} Everyone in the plan gets the message and the feedback form. 409 \`evacuation.errors.no_alert\` when none is on.`,
        params: CommunityParams,
        body: EndIn,
        response: { 200: Type.Object({ id: Type.String() }) },
      },
    },
    async (req) => ({ id: await endAlert(req.ctx, req.body) }),
  );

  app.post(
    `${root}/alert/replan`,
    {
      schema: {
        tags,
        summary: 'Plan the remaining stops again',
        description: `${coordinators} For a driver who joined on the day or a household that registered during the alert: a job plans the remaining stops again, as after a drop-out (nobody already in a car is moved), and tells whom it changes. 202; 409 \`evacuation.errors.no_alert\` when none is on.`,
        params: CommunityParams,
        response: { 202: Type.Null() },
      },
    },
    async (req, reply) => {
      await askReplan(req.ctx);
      return reply.code(202).send(null);
    },
  );

  app.get(
    `${root}/alert/me`,
    {
      schema: {
        tags,
        summary: 'My part of the alert',
        description:
          'The alert on now, the caller’s pickup, the households they check on, their route; null when none is on.',
        params: CommunityParams,
        response: { 200: Type.Object({ day: Nullable(MyDayOut) }) },
      },
    },
    async (req) => ({ day: await myDay(req.ctx) }),
  );

  app.post(
    `${root}/alert/route`,
    {
      schema: {
        tags,
        summary: 'A driver’s step',
        description:
          'The caller’s own route on the day: started, picked_up or not_found (a household of the route), arrived, dropped_out (re-plans the remaining stops). 422 out of order (`evacuation.errors.route_not_started`, `route_already_started`, `route_over`, `not_on_route`, `already_picked_up`, `riders_aboard`, `stops_left`: a stop neither picked up nor marked not found), nothing stored; 404 without a route; 409 with no alert on.',
        params: CommunityParams,
        body: TapIn,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await tapRoute(req.ctx, req.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${root}/alert/households/:householdId`,
    {
      schema: {
        tags,
        summary: 'Mark a household safe or needing help',
        description:
          'The member it is, its buddy or backup buddy, or a coordinator (403 `evacuation.errors.only_household_buddy_coordinator`); 404 for another community’s; 409 with no alert on.',
        params: HouseholdParams,
        body: MarkIn,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await markHousehold(req.ctx, req.params.householdId, req.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${root}/alerts/:alertId`,
    {
      schema: {
        tags,
        summary: 'The review of an alert',
        description: `${coordinators} Every change of the day with when and who made it, and the feedback. Logged.`,
        params: AlertParams,
        response: { 200: ReviewOut },
      },
    },
    async (req) => review(req.ctx, req.params.alertId),
  );

  app.put(
    `${root}/alerts/:alertId/feedback`,
    {
      schema: {
        tags,
        summary: 'Give feedback on an alert',
        description:
          'A driver, household or buddy who was in it (403 `evacuation.errors.not_in_alert`), once it has ended (409 `evacuation.errors.alert_still_on`); given again, it replaces the first.',
        params: AlertParams,
        body: FeedbackIn,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await giveFeedback(req.ctx, req.params.alertId, req.body);
      return reply.code(204).send(null);
    },
  );
}
