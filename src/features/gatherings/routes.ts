/**
 * Gatherings' pages: the coming ones, organizing and changing one, one occurrence with answering,
 * moving and cancelling it, and its `.ics` file. The JSON API is in `api.ts`; `gatheringRoutes(app)`
 * registers both.
 */
import { h } from 'preact';
import { addMonths, localDateTime } from '../../platform/db/time.ts';
import { flash } from '../../platform/http/flash.ts';
import { limit } from '../../platform/http/rate-limit.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { qrCodeSvg } from '../../platform/qr.ts';
import { emptyForm, type FormState, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { promptForGathering } from '../feedback/service.ts';
import { gatheringsApi } from './api.ts';
import { occurrenceFile } from './feeds.ts';
import { CalendarPage } from './pages/calendar.tsx';
import { FlyerPage } from './pages/flyer.tsx';
import { EditPage, GatheringFormPage } from './pages/form.tsx';
import { CalledOffInvitePage, InvitePage } from './pages/invite.tsx';
import { GatheringsPage } from './pages/list.tsx';
import { OccurrencePage } from './pages/occurrence.tsx';
import { DishNeedsForm, PotluckSection } from './pages/potluck.tsx';
import { WorkshopPage } from './pages/workshop.tsx';
import {
  AnswerParams,
  answerLimit,
  CalendarQuery,
  CommunityParams,
  changeLimit,
  DishFormIn,
  DishNeedsFormIn,
  DishParams,
  dishLimit,
  FlyerQuery,
  GatheringEditFormIn,
  GatheringFormIn,
  GatheringParams,
  GatheringsQuery,
  MonthParams,
  OccurrenceParams,
  organizeLimit,
  RsvpIn,
  TimeIn,
  VisitorRsvpIn,
  WorkshopFormIn,
  WorkshopQuery,
} from './schema.ts';
import * as gatherings from './service.ts';

/**
 * Visitors' answers, per address: a household answering a few gatherings fits; a script filling
 * a gathering with made-up names does not.
 */
export const visitorLimit = limit('gathering-visitor-rsvp', 10, '1 hour', 'address');

/** Registers the gatherings pages and API, in the community scope. */
export function gatheringRoutes(app: App): void {
  const hide = true;
  const at = (slug: string, rest = '') => `/c/${slug}/gatherings${rest}`;

  app.get(
    '/c/:community/gatherings',
    { schema: { hide, params: CommunityParams, querystring: GatheringsQuery } },
    async (req, reply) => {
      const { gatherings: list } = await gatherings.listGatherings(req.ctx, req.query);
      const proposals = await gatherings.myProposals(req.ctx);
      return sendPage(
        reply,
        h(GatheringsPage, { view: viewOf(req, reply), list, proposals, mayAdd: gatherings.mayAdd(req.ctx) }),
      );
    },
  );

  const newForm = async (req: any, reply: any, state: FormState) =>
    h(GatheringFormPage, { view: viewOf(req, reply), state, places: await gatherings.placeChoices(req.ctx) });

  app.get('/c/:community/gatherings/new', { schema: { hide, params: CommunityParams } }, async (req, reply) =>
    sendPage(
      reply,
      await newForm(
        req,
        reply,
        emptyForm({ kind: 'gathering', repeat: 'once', startTime: '18:00', endTime: '20:00' }),
      ),
    ),
  );

  app.post(
    '/c/:community/gatherings',
    {
      schema: { hide, params: CommunityParams, body: GatheringFormIn },
      config: {
        ...organizeLimit,
        form: (req, reply, errors) => newForm(req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      const g = await gatherings.addGathering(req.ctx, {
        ...req.body,
        isPublic: req.body.isPublic !== undefined,
      });
      flash(reply, 'gatherings.flash.added', { title: g.title });
      const [first] = (
        await gatherings.listGatherings(req.ctx, { from: g.startLocal.slice(0, 10), weeks: 26 })
      ).gatherings.filter((o) => o.gatheringId === g.id);
      return reply.redirect(
        first ? at(req.params.community, `/${g.id}/${first.occurrence}`) : at(req.params.community),
        303,
      );
    },
  );

  const workshopForm = async (req: any, reply: any, state: FormState) =>
    h(GatheringFormPage, {
      view: viewOf(req, reply),
      state,
      places: await gatherings.placeChoices(req.ctx),
      workshop: {
        hosts: state.values.skill ? await gatherings.hostsFor(req.ctx, String(state.values.skill)) : [],
      },
    });

  app.get(
    '/c/:community/gatherings/workshops/new',
    { schema: { hide, params: CommunityParams, querystring: WorkshopQuery } },
    async (req, reply) =>
      sendPage(
        reply,
        await workshopForm(
          req,
          reply,
          emptyForm({ skill: req.query.skill ?? '', repeat: 'once', startTime: '18:00', endTime: '20:00' }),
        ),
      ),
  );

  app.post(
    '/c/:community/gatherings/workshops',
    {
      schema: { hide, params: CommunityParams, body: WorkshopFormIn },
      config: {
        ...organizeLimit,
        form: (req, reply, errors) => workshopForm(req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      const g = await gatherings.proposeWorkshop(req.ctx, {
        ...req.body,
        isPublic: req.body.isPublic !== undefined,
      });
      flash(reply, g.hostStatus === 'accepted' ? 'gatherings.flash.added' : 'gatherings.flash.proposed', {
        title: g.title,
      });
      return reply.redirect(at(req.params.community, `/workshops/${g.id}`), 303);
    },
  );

  const workshopPage = async (req: any, reply: any) =>
    h(WorkshopPage, {
      view: viewOf(req, reply),
      proposal: await gatherings.getProposal(req.ctx, req.params.gatheringId),
    });

  app.get(
    '/c/:community/gatherings/workshops/:gatheringId',
    { schema: { hide, params: GatheringParams } },
    async (req, reply) => sendPage(reply, await workshopPage(req, reply)),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/c/:community/gatherings/workshops/:gatheringId/${answer}`,
      {
        schema: { hide, params: GatheringParams },
        config: { form: (req, reply) => workshopPage(req, reply) },
      },
      async (req, reply) => {
        const g = await gatherings.answerHosting(req.ctx, req.params.gatheringId, answer === 'accept');
        flash(reply, `gatherings.flash.host_${answer}`, { title: g.title });
        return reply.redirect(at(req.params.community, `/workshops/${g.id}`), 303);
      },
    );
  }

  app.post(
    '/c/:community/gatherings/workshops/:gatheringId/withdraw',
    {
      schema: { hide, params: GatheringParams },
      config: { form: (req, reply) => workshopPage(req, reply) },
    },
    async (req, reply) => {
      const g = await gatherings.withdrawProposal(req.ctx, req.params.gatheringId);
      flash(reply, 'gatherings.flash.withdrawn', { title: g.title });
      return reply.redirect(at(req.params.community, ''), 303);
    },
  );

  const editPage = async (req: any, reply: any, state?: FormState, needsState?: FormState) => {
    const g = await gatherings.getGatheringForm(req.ctx, req.params.gatheringId);
    const view = viewOf(req, reply);
    let needs = null;
    if (g.kind === 'potluck') {
      const table = await gatherings.potluckOf(req.ctx.db, g.communityId, g.id, null, null);
      needs = h(DishNeedsForm, {
        view,
        action: at(req.params.community, `/${g.id}/dishes`),
        state: needsState ?? emptyForm(Object.fromEntries(table.map((c) => [c.course, c.wanted ?? '']))),
      });
    }
    return h(EditPage, {
      view,
      more: needs,
      places: await gatherings.placeChoices(req.ctx),
      gatheringId: g.id,
      title: g.title,
      state:
        state ??
        emptyForm({
          title: g.title,
          description: g.description,
          placeId: g.placeId ?? '',
          address: g.address,
          capacity: g.capacity ?? '',
          isPublic: g.isPublic === 1,
        }),
    });
  };

  app.get(
    '/c/:community/gatherings/:gatheringId/edit',
    { schema: { hide, params: GatheringParams } },
    async (req, reply) => sendPage(reply, await editPage(req, reply)),
  );

  app.post(
    '/c/:community/gatherings/:gatheringId/edit',
    {
      schema: { hide, params: GatheringParams, body: GatheringEditFormIn },
      config: {
        ...changeLimit,
        form: (req, reply, errors) => editPage(req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      const b = req.body;
      const g = await gatherings.changeGathering(req.ctx, req.params.gatheringId, {
        title: b.title,
        description: b.description ?? '',
        placeId: b.placeId ?? null,
        address: b.address ?? '',
        capacity: b.capacity ?? null,
        // The box shows to stewards only: another organizer's form leaves it as it is.
        ...(req.ctx.actor.role === 'steward' ? { isPublic: b.isPublic !== undefined } : {}),
      });
      flash(reply, 'gatherings.flash.changed', { title: g.title });
      return reply.redirect(at(req.params.community, `/${g.id}/edit`), 303);
    },
  );

  app.post(
    '/c/:community/gatherings/:gatheringId/cancel',
    {
      schema: { hide, params: GatheringParams },
      config: { form: (req, reply, errors) => editPage(req, reply, refusedForm({}, errors)) },
    },
    async (req, reply) => {
      await gatherings.cancelGathering(req.ctx, req.params.gatheringId);
      flash(reply, 'gatherings.flash.called_off');
      return reply.redirect(at(req.params.community), 303);
    },
  );

  const occurrencePage = async (
    req: any,
    reply: any,
    forms: { rsvp?: FormState; time?: FormState; dish?: FormState } = {},
  ) => {
    const found = await gatherings.getOccurrence(req.ctx, req.params.gatheringId, req.params.occurrence);
    const o = found.view;
    const zone = req.ctx.community.timeZone;
    const view = viewOf(req, reply);
    const open = !found.started && !o.cancelled;
    const more =
      o.kind === 'potluck'
        ? h(PotluckSection, {
            view,
            path: at(req.params.community, `/${o.gatheringId}/${o.occurrence}`),
            table: found.potluck,
            mayBring: open && (o.myAnswer === 'yes' || o.myAnswer === 'maybe'),
            mayRemoveAll: found.mayManage,
            open,
            state: forms.dish ?? emptyForm({ course: 'side' }),
          })
        : undefined;
    return h(OccurrencePage, {
      view,
      more,
      feedback: await promptForGathering(req.ctx, req.params.gatheringId, req.params.occurrence),
      found,
      state: forms.rsvp ?? emptyForm({ answer: o.myAnswer ?? 'yes', guests: o.myGuests || '' }),
      timeState:
        forms.time ??
        emptyForm({
          date: o.local.slice(0, 10),
          startTime: o.local.slice(11),
          endTime: localDateTime(new Date(o.endsAt), zone).slice(11),
          which: 'this',
        }),
    });
  };

  const back = (req: { params: { community: string; gatheringId: string; occurrence: string } }) =>
    at(req.params.community, `/${req.params.gatheringId}/${req.params.occurrence}`);

  app.get(
    '/c/:community/gatherings/:gatheringId/:occurrence',
    { schema: { hide, params: OccurrenceParams } },
    async (req, reply) => sendPage(reply, await occurrencePage(req, reply)),
  );

  app.get(
    '/c/:community/gatherings/:gatheringId/:occurrence/event.ics',
    { schema: { hide, params: OccurrenceParams } },
    async (req, reply) => {
      const file = await occurrenceFile(req.ctx, req.params.gatheringId, req.params.occurrence);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .header('cache-control', 'private, no-store')
        .send(file.text);
    },
  );

  app.post(
    '/c/:community/gatherings/:gatheringId/:occurrence/rsvp',
    {
      schema: { hide, params: OccurrenceParams, body: RsvpIn },
      config: {
        ...answerLimit,
        form: (req, reply, errors) => occurrencePage(req, reply, { rsvp: refusedForm(req.body, errors) }),
      },
    },
    async (req, reply) => {
      const done = await gatherings.answer(req.ctx, req.params.gatheringId, req.params.occurrence, req.body);
      flash(reply, done.waiting ? 'gatherings.flash.waiting' : `gatherings.flash.answered_${done.answer}`);
      return reply.redirect(back(req), 303);
    },
  );

  app.post(
    '/c/:community/gatherings/:gatheringId/dishes',
    {
      schema: { hide, params: GatheringParams, body: DishNeedsFormIn },
      config: {
        form: (req, reply, errors) => editPage(req, reply, undefined, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      const b = req.body ?? {};
      await gatherings.setDishNeeds(req.ctx, req.params.gatheringId, {
        main: b.main ?? null,
        side: b.side ?? null,
        dessert: b.dessert ?? null,
        drink: b.drink ?? null,
      });
      flash(reply, 'gatherings.flash.needs');
      return reply.redirect(at(req.params.community, `/${req.params.gatheringId}/edit`), 303);
    },
  );

  app.post(
    '/c/:community/gatherings/:gatheringId/:occurrence/dishes',
    {
      schema: { hide, params: OccurrenceParams, body: DishFormIn },
      config: {
        ...dishLimit,
        form: (req, reply, errors) => occurrencePage(req, reply, { dish: refusedForm(req.body, errors) }),
      },
    },
    async (req, reply) => {
      const { labels, ...dish } = req.body;
      await gatherings.bringDish(req.ctx, req.params.gatheringId, req.params.occurrence, {
        ...dish,
        labels: labels === undefined ? [] : Array.isArray(labels) ? labels : [labels],
      });
      flash(reply, 'gatherings.flash.dish', { dish: dish.name });
      return reply.redirect(`${back(req)}#potluck`, 303);
    },
  );

  app.post(
    '/c/:community/gatherings/:gatheringId/:occurrence/dishes/:dishId/remove',
    {
      schema: { hide, params: DishParams },
      config: { form: (req, reply, errors) => occurrencePage(req, reply, { dish: refusedForm({}, errors) }) },
    },
    async (req, reply) => {
      await gatherings.removeDish(req.ctx, req.params.gatheringId, req.params.occurrence, req.params.dishId);
      flash(reply, 'gatherings.flash.dish_removed');
      return reply.redirect(`${back(req)}#potluck`, 303);
    },
  );

  app.post(
    '/c/:community/gatherings/:gatheringId/:occurrence/visitors/:answerId/remove',
    {
      schema: { hide, params: AnswerParams },
      config: {
        ...changeLimit,
        form: (req, reply, errors) => occurrencePage(req, reply, { rsvp: refusedForm({}, errors) }),
      },
    },
    async (req, reply) => {
      const p = req.params;
      await gatherings.removeVisitorAnswer(req.ctx, p.gatheringId, p.occurrence, p.answerId);
      flash(reply, 'gatherings.flash.visitor_removed');
      return reply.redirect(back(req), 303);
    },
  );

  app.post(
    '/c/:community/gatherings/:gatheringId/:occurrence/cancel',
    {
      schema: { hide, params: OccurrenceParams },
      config: { form: (req, reply, errors) => occurrencePage(req, reply, { rsvp: refusedForm({}, errors) }) },
    },
    async (req, reply) => {
      await gatherings.cancelOccurrence(req.ctx, req.params.gatheringId, req.params.occurrence);
      flash(reply, 'gatherings.flash.cancelled');
      return reply.redirect(back(req), 303);
    },
  );

  app.post(
    '/c/:community/gatherings/:gatheringId/:occurrence/time',
    {
      schema: { hide, params: OccurrenceParams, body: TimeIn },
      config: {
        ...changeLimit,
        form: (req, reply, errors) => occurrencePage(req, reply, { time: refusedForm(req.body, errors) }),
      },
    },
    async (req, reply) => {
      const moved = await gatherings.changeTime(
        req.ctx,
        req.params.gatheringId,
        req.params.occurrence,
        req.body,
      );
      flash(reply, 'gatherings.flash.time_changed');
      return reply.redirect(at(req.params.community, `/${moved.gatheringId}/${moved.occurrence}`), 303);
    },
  );

  const invitePage = async (req: any, reply: any, state?: FormState) => {
    const invite = await gatherings.getInvite(req.ctx, req.params.gatheringId, req.params.occurrence);
    if ('calledOff' in invite) {
      // Gone, not missing: the flyer that led here was real.
      reply.code(410);
      return h(CalledOffInvitePage, { view: viewOf(req, reply), date: invite.calledOff });
    }
    return h(InvitePage, {
      view: viewOf(req, reply),
      found: invite.found,
      state: state ?? emptyForm({ answer: 'yes' }),
    });
  };

  app.get(
    '/c/:community/gatherings/:gatheringId/:occurrence/invite',
    { schema: { hide, params: OccurrenceParams }, config: { public: true } },
    async (req, reply) => sendPage(reply, await invitePage(req, reply)),
  );

  app.post(
    '/c/:community/gatherings/:gatheringId/:occurrence/invite',
    {
      schema: { hide, params: OccurrenceParams, body: VisitorRsvpIn },
      config: {
        public: true,
        ...visitorLimit,
        form: (req, reply, errors) => invitePage(req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      const { website, ...input } = req.body;
      // The honeypot: a field people never see. Whatever filled it is thanked and ignored.
      const done = website
        ? { waiting: false }
        : await gatherings.answerAsVisitor(req.ctx, req.params.gatheringId, req.params.occurrence, input);
      flash(reply, done.waiting ? 'gatherings.flash.visitor_waiting' : 'gatherings.flash.visitor_thanks', {
        name: input.name,
      });
      return reply.redirect(`${back(req)}/invite`, 303);
    },
  );

  app.get(
    '/c/:community/gatherings/:gatheringId/:occurrence/flyer',
    { schema: { hide, params: OccurrenceParams, querystring: FlyerQuery } },
    async (req, reply) => {
      const { found, url } = await gatherings.getFlyer(
        req.ctx,
        req.params.gatheringId,
        req.params.occurrence,
      );
      const qrSvg = await qrCodeSvg(url);
      // Letter where it is the usual paper (the Americas' zones), A4 elsewhere, unless chosen.
      const paper = req.query.paper ?? (req.ctx.community!.timeZone.startsWith('America/') ? 'letter' : 'a4');
      return sendPage(reply, h(FlyerPage, { view: viewOf(req, reply), found, url, qrSvg, paper }));
    },
  );

  app.get(
    '/c/:community/calendar',
    { schema: { hide, params: CommunityParams, querystring: CalendarQuery } },
    async (req, reply) => {
      const mine = req.query.mine === '1';
      const { entries } = await gatherings.comingEntries(req.ctx, mine);
      return sendPage(
        reply,
        h(CalendarPage, {
          view: viewOf(req, reply),
          entries,
          month: null,
          next: null,
          mine,
          mayAdd: gatherings.mayAdd(req.ctx),
        }),
      );
    },
  );

  app.get(
    '/c/:community/calendar/:month',
    { schema: { hide, params: MonthParams, querystring: CalendarQuery } },
    async (req, reply) => {
      const mine = req.query.mine === '1';
      const { month } = req.params;
      const entries = await gatherings.monthEntries(req.ctx, month, mine);
      const next = addMonths(month, 1);
      return sendPage(
        reply,
        h(CalendarPage, {
          view: viewOf(req, reply),
          entries,
          month,
          next: gatherings.withinHorizon(req.ctx.community!, `${next}-01`) ? next : null,
          mine,
          mayAdd: gatherings.mayAdd(req.ctx),
        }),
      );
    },
  );

  gatheringsApi(app);
}
