/**
 * Shifts' pages: the coming weeks, a month, one occurrence with signing up and out, and setting
 * a series up. The JSON API is in `api.ts`; `shiftRoutes(app)` registers both.
 */
import type { FastifyReply } from 'fastify';
import { h } from 'preact';
import { localDateTime } from '../../platform/db/time.ts';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { promptForShift } from '../feedback/service.ts';
import { shiftsApi } from './api.ts';
import * as checks from './checks.ts';
import * as feeds from './feeds.ts';
import * as occurrences from './occurrences.ts';
import { CalendarPage } from './pages/calendar.tsx';
import { MonthPage, ShiftsPage } from './pages/list.tsx';
import { LogPage } from './pages/log.tsx';
import { NoShowsPage, SwapPage, TrainedPage } from './pages/manage.tsx';
import { SeriesFormPage } from './pages/series-form.tsx';
import { ShiftPage } from './pages/shift.tsx';
import {
  CommunityParams,
  CompleteIn,
  FeedParams,
  MonthParams,
  NoShowsFormIn,
  OccurrenceParams,
  PlaceParams,
  SeriesFormIn,
  SeriesParams,
  ShiftsQuery,
  SwapFormIn,
  SwapParams,
  TimeIn,
  TrainedIn,
  TrainedParams,
  UnitIn,
} from './schema.ts';
import * as shifts from './service.ts';
import * as signups from './signups.ts';

/** The local time HH:mm of an instant in the community's zone. */
function localTime(req: any, instant: string): string {
  return localDateTime(new Date(instant), req.ctx.community.timeZone).slice(11);
}

/** Registers the shifts pages and API, in the community scope. */
export function shiftRoutes(app: App): void {
  const hide = true;
  const at = (slug: string, rest = '') => `/c/${slug}/shifts${rest}`;

  app.get(
    '/c/:community/shifts',
    { schema: { hide, params: CommunityParams, querystring: ShiftsQuery } },
    async (req, reply) => {
      const { shifts: list } = await shifts.listShifts(req.ctx, req.query);
      const mayAdd = await shifts.mayAddSeries(req.ctx);
      return sendPage(
        reply,
        h(ShiftsPage, {
          view: viewOf(req, reply),
          shifts: list,
          weeks: req.query.weeks ?? shifts.defaultWeeks,
          mayAdd,
          unit: await checks.unitOf(req.ctx),
        }),
      );
    },
  );

  app.get(
    '/c/:community/shifts/month/:month',
    { schema: { hide, params: MonthParams } },
    async (req, reply) => {
      const { shifts: list, next } = await shifts.monthShifts(req.ctx, req.params.month);
      return sendPage(
        reply,
        h(MonthPage, { view: viewOf(req, reply), month: req.params.month, next, shifts: list }),
      );
    },
  );

  const newForm = async (req: any, reply: any, state: ReturnType<typeof emptyForm>) =>
    h(SeriesFormPage, {
      view: viewOf(req, reply),
      state,
      places: await shifts.placesToSetUpAt(req.ctx),
    });

  app.get('/c/:community/shifts/new', { schema: { hide, params: CommunityParams } }, async (req, reply) => {
    shifts.assertMayAddSomewhere(await shifts.placesToSetUpAt(req.ctx), await shifts.mayAddSeries(req.ctx));
    return sendPage(
      reply,
      await newForm(
        req,
        reply,
        emptyForm({ repeat: 'weekly', peopleNeeded: 2, startTime: '08:00', endTime: '09:00' }),
      ),
    );
  });

  app.post(
    '/c/:community/shifts',
    {
      schema: { hide, params: CommunityParams, body: SeriesFormIn },
      config: { form: (req, reply, errors) => newForm(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      const series = await shifts.addSeries(req.ctx, {
        ...req.body,
        trainedOnly: req.body.trainedOnly !== undefined,
      });
      flash(reply, 'shifts.flash.added', { title: series.title });
      return reply.redirect(at(req.params.community), 303);
    },
  );

  const shiftPage = async (req: any, reply: any, state?: ReturnType<typeof emptyForm>) => {
    const found = await shifts.getShift(req.ctx, req.params.seriesId, req.params.occurrence);
    const open = found.mayComplete && found.started && !found.shift.completed && !found.shift.cancelled;
    const mine = found.shift.mine && !found.started && !found.shift.cancelled;
    const { shift } = found;
    return h(ShiftPage, {
      feedback: await promptForShift(req.ctx, req.params.seriesId, req.params.occurrence),
      completion: open
        ? { unit: await checks.unitOf(req.ctx), atPlace: found.series.placeId !== null }
        : null,
      manage: found.mayManage
        ? {
            before: !found.started,
            noShows: found.started ? found.noShows : null,
            trainedOnly: found.series.trainedOnly === 1,
          }
        : null,
      swapChoices: mine ? await signups.swapChoices(req.ctx, shift.seriesId, shift.occurrence) : [],
      view: viewOf(req, reply),
      shift,
      description: found.series.description,
      checklist: found.checklist,
      started: found.started,
      // The time form starts from the occurrence's own.
      state:
        state ??
        emptyForm({
          date: shift.local.slice(0, 10),
          startTime: shift.local.slice(11),
          endTime: localTime(req, shift.endsAt),
          which: 'this',
        }),
    });
  };

  app.get(
    '/c/:community/shifts/:seriesId/:occurrence',
    { schema: { hide, params: OccurrenceParams } },
    async (req, reply) => sendPage(reply, await shiftPage(req, reply)),
  );

  const actions = {
    'sign-up': [shifts.signUp, 'shifts.flash.signed_up'],
    'drop-out': [shifts.dropOut, 'shifts.flash.dropped_out'],
    substitute: [shifts.askSubstitute, 'shifts.flash.substitute_asked'],
    cancel: [occurrences.cancelOccurrence, 'shifts.flash.cancelled'],
  } as const;
  for (const [action, [act, done]] of Object.entries(actions)) {
    app.post(
      `/c/:community/shifts/:seriesId/:occurrence/${action}`,
      {
        schema: { hide, params: OccurrenceParams },
        config: { form: (req, reply, errors) => shiftPage(req, reply, refusedForm({}, errors)) },
      },
      async (req, reply) => {
        await act(req.ctx, req.params.seriesId, req.params.occurrence);
        flash(reply, done);
        return reply.redirect(
          at(req.params.community, `/${req.params.seriesId}/${req.params.occurrence}`),
          303,
        );
      },
    );
  }

  const back = (req: { params: { community: string; seriesId: string; occurrence: string } }) =>
    at(req.params.community, `/${req.params.seriesId}/${req.params.occurrence}`);

  app.post(
    '/c/:community/shifts/:seriesId/:occurrence/no-shows',
    {
      schema: { hide, params: OccurrenceParams, body: NoShowsFormIn },
      config: { form: (req, reply, errors) => shiftPage(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      const chosen = req.body?.noShow;
      const ids = chosen === undefined ? [] : Array.isArray(chosen) ? chosen : [chosen];
      await signups.recordNoShows(req.ctx, req.params.seriesId, req.params.occurrence, ids);
      flash(reply, 'shifts.flash.no_shows');
      return reply.redirect(back(req), 303);
    },
  );

  app.post(
    '/c/:community/shifts/:seriesId/:occurrence/time',
    {
      schema: { hide, params: OccurrenceParams, body: TimeIn },
      config: { form: (req, reply, errors) => shiftPage(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      const moved = await occurrences.changeTime(
        req.ctx,
        req.params.seriesId,
        req.params.occurrence,
        req.body,
      );
      flash(reply, 'shifts.flash.time_changed');
      return reply.redirect(at(req.params.community, `/${moved.seriesId}/${moved.occurrence}`), 303);
    },
  );

  app.post(
    '/c/:community/shifts/:seriesId/:occurrence/swap',
    {
      schema: { hide, params: OccurrenceParams, body: SwapFormIn },
      config: { form: (req, reply, errors) => shiftPage(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      const [occurrence, accountId] = req.body.with.split(' ');
      await signups.askSwap(req.ctx, req.params.seriesId, req.params.occurrence, { occurrence, accountId });
      flash(reply, 'shifts.flash.swap_asked');
      return reply.redirect(back(req), 303);
    },
  );

  const swapPage = async (req: any, reply: any, state = emptyForm()) =>
    h(SwapPage, { view: viewOf(req, reply), swap: await signups.getSwap(req.ctx, req.params.swapId), state });

  app.get(
    '/c/:community/shifts/swaps/:swapId',
    { schema: { hide, params: SwapParams } },
    async (req, reply) => sendPage(reply, await swapPage(req, reply)),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/c/:community/shifts/swaps/:swapId/${answer}`,
      {
        schema: { hide, params: SwapParams },
        config: { form: (req, reply, errors) => swapPage(req, reply, refusedForm({}, errors)) },
      },
      async (req, reply) => {
        await signups.answerSwap(req.ctx, req.params.swapId, answer === 'accept');
        flash(reply, answer === 'accept' ? 'shifts.flash.swap_accepted' : 'shifts.flash.swap_declined');
        return reply.redirect(at(req.params.community, `/swaps/${req.params.swapId}`), 303);
      },
    );
  }

  const trainedPage = async (req: any, reply: any, state = emptyForm()) => {
    const found = await signups.listTrained(req.ctx, req.params.seriesId);
    return h(TrainedPage, {
      view: viewOf(req, reply),
      title: found.series.title,
      seriesId: found.series.id,
      trained: found.trained,
      others: found.others,
      state,
    });
  };

  app.get(
    '/c/:community/shifts/series/:seriesId/trained',
    { schema: { hide, params: SeriesParams } },
    async (req, reply) => sendPage(reply, await trainedPage(req, reply)),
  );

  app.post(
    '/c/:community/shifts/series/:seriesId/trained',
    {
      schema: { hide, params: SeriesParams, body: TrainedIn },
      config: { form: (req, reply, errors) => trainedPage(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      await signups.setTrained(req.ctx, req.params.seriesId, req.body.accountId, true);
      flash(reply, 'shifts.flash.trained');
      return reply.redirect(at(req.params.community, `/series/${req.params.seriesId}/trained`), 303);
    },
  );

  app.post(
    '/c/:community/shifts/series/:seriesId/trained/:accountId/remove',
    {
      schema: { hide, params: TrainedParams },
      config: { form: (req, reply, errors) => trainedPage(req, reply, refusedForm({}, errors)) },
    },
    async (req, reply) => {
      await signups.setTrained(req.ctx, req.params.seriesId, req.params.accountId, false);
      flash(reply, 'shifts.flash.untrained');
      return reply.redirect(at(req.params.community, `/series/${req.params.seriesId}/trained`), 303);
    },
  );

  app.get(
    '/c/:community/shifts/no-shows',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) =>
      sendPage(
        reply,
        h(NoShowsPage, {
          view: viewOf(req, reply),
          members: await signups.noShows(req.ctx),
          months: signups.noShowMonths,
          steward: req.ctx.actor.role === 'steward',
        }),
      ),
  );

  app.post(
    '/c/:community/shifts/:seriesId/:occurrence/complete',
    {
      schema: { hide, params: OccurrenceParams, body: CompleteIn },
      config: { form: (req, reply, errors) => shiftPage(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      const { unsafe } = await checks.completeShift(
        req.ctx,
        req.params.seriesId,
        req.params.occurrence,
        req.body ?? {},
      );
      flash(reply, unsafe ? 'shifts.flash.completed_unsafe' : 'shifts.flash.completed');
      return reply.redirect(
        at(req.params.community, `/${req.params.seriesId}/${req.params.occurrence}`),
        303,
      );
    },
  );

  app.get(
    '/c/:community/shifts/places/:placeId/log',
    { schema: { hide, params: PlaceParams } },
    async (req, reply) => {
      const log = await checks.placeLog(req.ctx, req.params.placeId);
      return sendPage(
        reply,
        h(LogPage, { view: viewOf(req, reply), place: log.place, unit: log.unit, lines: log.lines }),
      );
    },
  );

  app.get(
    '/c/:community/shifts/places/:placeId/log.csv',
    { schema: { hide, params: PlaceParams } },
    async (req, reply) => {
      const csv = await checks.placeLogCsv(req.ctx, req.params.placeId);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csv.name}"`)
        .header('cache-control', 'no-store')
        .send(csv.text);
    },
  );

  app.post(
    '/c/:community/shifts/unit',
    {
      schema: { hide, params: CommunityParams, body: UnitIn },
    },
    async (req, reply) => {
      await checks.setUnit(req.ctx, req.body.unit);
      flash(reply, 'shifts.flash.unit');
      return reply.redirect(at(req.params.community), 303);
    },
  );

  app.get(
    '/c/:community/shifts/places/:placeId/shifts.ics',
    { schema: { hide, params: PlaceParams }, config: { public: true } },
    async (req, reply) => sendCalendar(reply, await feeds.placeFeed(req.ctx, req.params.placeId)),
  );

  shiftsApi(app);
}

/** A feed as `text/calendar`; apps fetch it again by its refresh interval, caches keep none. */
function sendCalendar(reply: FastifyReply, text: string) {
  return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, no-store').send(text);
}

/** Routes outside any community: a member's feed, and its settings under My profile. */
export function calendarRoutes(app: App): void {
  const hide = true;
  app.get('/calendar/:file', { schema: { hide, params: FeedParams } }, async (req, reply) =>
    sendCalendar(
      reply,
      await feeds.memberFeed(req.server.services, req.params.file.slice(0, -'.ics'.length)),
    ),
  );
  app.get('/account/calendar', { schema: { hide } }, async (req, reply) =>
    sendPage(reply, h(CalendarPage, { view: viewOf(req, reply), exists: await feeds.hasFeed(req.ctx) })),
  );
  // Shown once, in the answer to the POST: the link is never stored or sent anywhere else.
  app.post('/account/calendar', { schema: { hide } }, async (req, reply) => {
    const url = await feeds.rotateFeed(req.ctx);
    return sendPage(
      reply.header('cache-control', 'no-store'),
      h(CalendarPage, { view: viewOf(req, reply), exists: true, url }),
    );
  });
}
