/**
 * Shifts' pages: the coming weeks, a month, one occurrence with signing up and out, and setting
 * a series up. The JSON API is in `api.ts`; `shiftRoutes(app)` registers both.
 */
import type { FastifyReply } from 'fastify';
import { h } from 'preact';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { shiftsApi } from './api.ts';
import * as checks from './checks.ts';
import * as feeds from './feeds.ts';
import { CalendarPage } from './pages/calendar.tsx';
import { MonthPage, ShiftsPage } from './pages/list.tsx';
import { LogPage } from './pages/log.tsx';
import { SeriesFormPage } from './pages/series-form.tsx';
import { ShiftPage } from './pages/shift.tsx';
import {
  CommunityParams,
  CompleteIn,
  FeedParams,
  MonthParams,
  OccurrenceParams,
  PlaceParams,
  SeriesFormIn,
  ShiftsQuery,
  UnitIn,
} from './schema.ts';
import * as shifts from './service.ts';

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
      const list = await shifts.monthShifts(req.ctx, req.params.month);
      return sendPage(
        reply,
        h(MonthPage, { view: viewOf(req, reply), month: req.params.month, shifts: list }),
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

  const shiftPage = async (req: any, reply: any, state: ReturnType<typeof emptyForm>) => {
    const found = await shifts.getShift(req.ctx, req.params.seriesId, req.params.occurrence);
    const open = found.mayComplete && found.started && !found.shift.completed && !found.shift.cancelled;
    return h(ShiftPage, {
      completion: open
        ? { unit: await checks.unitOf(req.ctx), atPlace: found.series.placeId !== null }
        : null,
      view: viewOf(req, reply),
      shift: found.shift,
      description: found.series.description,
      checklist: found.checklist,
      started: found.started,
      state,
    });
  };

  app.get(
    '/c/:community/shifts/:seriesId/:occurrence',
    { schema: { hide, params: OccurrenceParams } },
    async (req, reply) => sendPage(reply, await shiftPage(req, reply, emptyForm())),
  );

  const actions = {
    'sign-up': [shifts.signUp, 'shifts.flash.signed_up'],
    'drop-out': [shifts.dropOut, 'shifts.flash.dropped_out'],
    substitute: [shifts.askSubstitute, 'shifts.flash.substitute_asked'],
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
