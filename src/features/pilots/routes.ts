/**
 * Pilots' pages: the list, starting one (from scratch, or from a survey's suggestion in one
 * click), one pilot with its halfway note and retrospective forms, and changing it. The JSON API
 * is in `api.ts`; `pilotRoutes(app)` registers both.
 */
import { h } from 'preact';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { emptyForm, type FormState, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { pilotsApi } from './api.ts';
import { PilotFormPage } from './pages/form.tsx';
import { PilotsPage } from './pages/list.tsx';
import { PilotPage } from './pages/pilot.tsx';
import {
  CommunityParams,
  HalfwayIn,
  PilotFormIn,
  PilotParams,
  pilotLimit,
  RetrospectiveIn,
  SuggestedIn,
} from './schema.ts';
import * as pilots from './service.ts';

/** One value or several of a form's boxes, as a list. */
const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** The form's pilot as the service takes it: every list given (none ticked: empty). */
function inputOf(b: {
  title: string;
  need: string;
  hypothesis: string;
  measure: string;
  startsOn: string;
  endsOn: string;
  team?: string | string[];
  shiftSeriesIds?: string | string[];
  gatheringIds?: string | string[];
  itemIds?: string | string[];
}): pilots.PilotInput {
  return {
    ...b,
    team: list(b.team),
    shiftSeriesIds: list(b.shiftSeriesIds),
    gatheringIds: list(b.gatheringIds),
    itemIds: list(b.itemIds),
  };
}

/** Registers the pilots pages and API, in the community scope. */
export function pilotRoutes(app: App): void {
  const hide = true;
  const at = (slug: string, rest = '') => `/c/${slug}/pilots${rest}`;

  app.get('/c/:community/pilots', { schema: { hide, params: CommunityParams } }, async (req, reply) =>
    sendPage(
      reply,
      h(PilotsPage, {
        view: viewOf(req, reply),
        list: await pilots.listPilots(req.ctx),
        mayStart: pilots.mayStart(req.ctx),
      }),
    ),
  );

  const newForm = async (req: any, reply: any, state: FormState) => {
    pilots.checkMayStart(req.ctx);
    return h(PilotFormPage, { view: viewOf(req, reply), state, choices: await pilots.formChoices(req.ctx) });
  };

  app.get('/c/:community/pilots/new', { schema: { hide, params: CommunityParams } }, async (req, reply) =>
    sendPage(reply, await newForm(req, reply, emptyForm({ team: [req.ctx.actor.accountId] }))),
  );

  app.post(
    '/c/:community/pilots',
    {
      schema: { hide, params: CommunityParams, body: PilotFormIn },
      config: {
        ...pilotLimit,
        form: (req, reply, errors) => newForm(req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      const p = await pilots.startPilot(req.ctx, inputOf(req.body));
      flash(reply, 'pilots.flash.started', { title: p.title });
      return reply.redirect(at(req.params.community, `/${p.id}`), 303);
    },
  );

  app.post(
    '/c/:community/pilots/suggested',
    { schema: { hide, params: CommunityParams, body: SuggestedIn }, config: pilotLimit },
    async (req, reply) => {
      const p = await pilots.startSuggestedPilot(req.ctx, req.body.surveyId, req.body.project);
      flash(reply, 'pilots.flash.suggested', { title: p.title });
      return reply.redirect(at(req.params.community, `/${p.id}/edit`), 303);
    },
  );

  const pilotPage = async (req: any, reply: any, forms: { halfway?: FormState; retro?: FormState } = {}) => {
    const { pilot, mayRun } = await pilots.getPilot(req.ctx, req.params.pilotId);
    return h(PilotPage, {
      view: viewOf(req, reply),
      pilot,
      mayRun,
      mayStart: pilots.mayStart(req.ctx),
      halfwayState: forms.halfway ?? emptyForm({ note: pilot.halfway?.note ?? '' }),
      retroState: forms.retro ?? emptyForm({ decision: 'continue' }),
    });
  };

  app.get('/c/:community/pilots/:pilotId', { schema: { hide, params: PilotParams } }, async (req, reply) =>
    sendPage(reply, await pilotPage(req, reply)),
  );

  const editForm = async (req: any, reply: any, state?: FormState) => {
    const { pilot } = await pilots.getPilot(req.ctx, req.params.pilotId);
    const ids = (l: pilots.Named[]) => l.map((n) => n.id);
    return h(PilotFormPage, {
      view: viewOf(req, reply),
      pilotId: pilot.id,
      choices: await pilots.formChoices(req.ctx),
      state:
        state ??
        emptyForm({
          title: pilot.title,
          need: pilot.need,
          hypothesis: pilot.hypothesis,
          measure: pilot.measure,
          startsOn: pilot.startsOn,
          endsOn: pilot.endsOn,
          team: ids(pilot.team),
          shiftSeriesIds: ids(pilot.shiftSeries),
          gatheringIds: ids(pilot.gatherings),
          itemIds: ids(pilot.items),
        }),
    });
  };

  app.get(
    '/c/:community/pilots/:pilotId/edit',
    { schema: { hide, params: PilotParams } },
    async (req, reply) => sendPage(reply, await editForm(req, reply)),
  );

  app.post(
    '/c/:community/pilots/:pilotId/edit',
    {
      schema: { hide, params: PilotParams, body: PilotFormIn },
      config: {
        ...pilotLimit,
        form: (req, reply, errors) => editForm(req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      const p = await pilots.changePilot(req.ctx, req.params.pilotId, inputOf(req.body));
      flash(reply, 'pilots.flash.changed', { title: p.title });
      return reply.redirect(at(req.params.community, `/${p.id}`), 303);
    },
  );

  app.post(
    '/c/:community/pilots/:pilotId/launch',
    {
      schema: { hide, params: PilotParams },
      config: {
        ...pilotLimit,
        form: (req, reply, errors) => pilotPage(req, reply, { halfway: refusedForm({}, errors) }),
      },
    },
    async (req, reply) => {
      const p = await pilots.launchPilot(req.ctx, req.params.pilotId);
      flash(reply, 'pilots.flash.launched', { title: p.title });
      return reply.redirect(at(req.params.community, `/${p.id}`), 303);
    },
  );

  app.post(
    '/c/:community/pilots/:pilotId/halfway',
    {
      schema: { hide, params: PilotParams, body: HalfwayIn },
      config: {
        ...pilotLimit,
        form: (req, reply, errors) => pilotPage(req, reply, { halfway: refusedForm(req.body, errors) }),
      },
    },
    async (req, reply) => {
      await pilots.writeHalfway(req.ctx, req.params.pilotId, req.body);
      flash(reply, 'pilots.flash.halfway');
      return reply.redirect(at(req.params.community, `/${req.params.pilotId}#halfway`), 303);
    },
  );

  app.post(
    '/c/:community/pilots/:pilotId/retrospective',
    {
      schema: { hide, params: PilotParams, body: RetrospectiveIn },
      config: {
        ...pilotLimit,
        form: (req, reply, errors) => pilotPage(req, reply, { retro: refusedForm(req.body, errors) }),
      },
    },
    async (req, reply) => {
      await pilots.writeRetrospective(req.ctx, req.params.pilotId, req.body);
      flash(reply, 'pilots.flash.finished');
      return reply.redirect(at(req.params.community, `/${req.params.pilotId}#retrospective`), 303);
    },
  );

  pilotsApi(app);
}
