/**
 * The ride network's pages: the overview, a member's own household and driver registrations,
 * coordinators' lists, and the stewards' log; shelters, the plan, route cards and contact lists
 * are in `plan-routes.ts`, the JSON API in `api.ts`. `evacuationRoutes(app)` registers all of them.
 */
import { h } from 'preact';
import { type FieldError, Invalid } from '../../platform/errors.ts';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { activationRoutes, routeDayPage } from './activation-routes.ts';
import { evacuationApi } from './api.ts';
import { myDay } from './board.ts';
import { householdsToAsk } from './drill-report.ts';
import { DriverFormPage, DriverPage } from './pages/driver.tsx';
import { HouseholdFormPage, HouseholdPage } from './pages/household.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { CardsPage } from './pages/plan.tsx';
import { DriversPage, HouseholdsPage, LogPage } from './pages/registry.tsx';
import { mapOf, planRoutes } from './plan-routes.ts';
import {
  CommunityParams,
  DriverFormIn,
  type DriverInput,
  DriverParams,
  HouseholdFormIn,
  type HouseholdInput,
  HouseholdParams,
  PaperDriverFormIn,
  PaperEditFormIn,
  PaperHouseholdFormIn,
} from './schema.ts';
import * as evacuation from './service.ts';
import { findActiveAlert } from './store-activation.ts';

/** Registers the ride network's pages and API, in the community scope. */
export function evacuationRoutes(app: App): void {
  // Addresses, needs and phones: no answer of the network is kept by a browser or a shared cache
  // (Back after signing out on a library computer shows nothing).
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.url?.includes('/evacuation')) reply.header('cache-control', 'no-store');
  });
  pages(app);
  planRoutes(app);
  evacuationApi(app);
  activationRoutes(app);
}

/** The number of degrees a page form's text says (a decimal dot or comma, any minus sign). */
function degrees(text: string): number {
  return Number(text.trim().replace('−', '-').replace(',', '.'));
}

/** The page form's point, as numbers in range (`Invalid` naming the field otherwise). */
function pointOf(body: Record<string, unknown>): { latitude?: number; longitude?: number } {
  const errors: FieldError[] = [];
  const out: { latitude?: number; longitude?: number } = {};
  for (const [field, limit] of [
    ['latitude', 90],
    ['longitude', 180],
  ] as const) {
    if (typeof body[field] !== 'string') continue;
    const value = degrees(body[field]);
    if (Math.abs(value) > limit)
      errors.push({
        field,
        code: value < 0 ? 'validation.minimum' : 'validation.maximum',
        params: { limit: value < 0 ? -limit : limit },
      });
    out[field] = value;
  }
  if (errors.length) throw new Invalid(errors);
  return out;
}

/** The API's household input from the page form (flags and degrees as typed). */
function householdFromForm(body: Record<string, unknown>): HouseholdInput {
  const { accountId: _a, maySplit, consent, latitude: _la, longitude: _lo, ...rest } = body;
  return {
    ...(rest as HouseholdInput),
    ...pointOf(body),
    maySplit: Boolean(maySplit),
    consent: Boolean(consent),
  };
}

/** The API's driver input from the page form. */
function driverFromForm(body: Record<string, unknown>): DriverInput {
  const { accountId: _a, pets, consent, latitude: _la, longitude: _lo, availability, ...rest } = body;
  return {
    ...(rest as DriverInput),
    ...pointOf(body),
    availability: [availability ?? []].flat() as DriverInput['availability'],
    pets: Boolean(pets),
    consent: Boolean(consent),
  };
}

/** A stored registration as the form's values (flags as '1'). */
function formValues(r: Record<string, unknown> & { latitude: number | null; longitude: number | null }) {
  const values: Record<string, unknown> = { ...r };
  for (const [k, v] of Object.entries(values)) {
    if (v === null) delete values[k];
    else if (v === true) values[k] = '1';
    else if (v === false) delete values[k];
  }
  const person = (x: unknown) => (x as { accountId?: string } | undefined)?.accountId;
  values.buddyId = person(r.buddy);
  values.backupBuddyId = person(r.backupBuddy);
  values.shelterId = (r.shelter as { placeId?: string } | null)?.placeId;
  delete values.consent;
  return values;
}

function pages(app: App): void {
  const hide = true;
  const path = (slug: string, rest = '') => `/c/${slug}/evacuation${rest}`;

  app.get('/c/:community/evacuation', { schema: { hide, params: CommunityParams } }, async (req, reply) =>
    sendPage(
      reply,
      h(OverviewPage, {
        view: viewOf(req, reply),
        overview: await evacuation.overview(req.ctx),
        day: await myDay(req.ctx),
      }),
    ),
  );

  // ── my household ──────────────────────────────────────────────────────────────────────
  app.get(
    '/c/:community/evacuation/household',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      const household = await evacuation.myHousehold(req.ctx);
      // Not registered yet: the page is the form.
      if (!household)
        return sendPage(
          reply,
          await householdForm(
            req,
            reply,
            emptyForm({ people: 1, shelterNeed: 'none' }),
            own(req.params.community),
          ),
        );
      return sendPage(
        reply,
        h(HouseholdPage, { view: viewOf(req, reply), household, own: true, mayEdit: true }),
      );
    },
  );

  const householdForm = async (
    req: any,
    reply: any,
    state: ReturnType<typeof emptyForm>,
    options: {
      action: string;
      back: string;
      paper?: { accountId: string; displayName: string }[];
      duringAlert?: boolean;
    },
  ) =>
    h(HouseholdFormPage, {
      view: viewOf(req, reply),
      state,
      members: await evacuation.memberChoices(req.ctx),
      shelters: await evacuation.shelterChoices(req.ctx),
      map: mapOf(req),
      ...options,
    });
  const own = (slug: string) => ({ action: path(slug, '/household'), back: path(slug) });

  app.get(
    '/c/:community/evacuation/household/edit',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      const household = await evacuation.myHousehold(req.ctx);
      const state = emptyForm(household ? formValues(household) : { people: 1, shelterNeed: 'none' });
      return sendPage(reply, await householdForm(req, reply, state, own(req.params.community)));
    },
  );

  app.post(
    '/c/:community/evacuation/household',
    {
      schema: { hide, params: CommunityParams, body: HouseholdFormIn },
      config: {
        form: (req, reply, errors) =>
          householdForm(req, reply, refusedForm(req.body, errors), own((req.params as any).community)),
      },
    },
    async (req, reply) => {
      await evacuation.saveHousehold(req.ctx, householdFromForm(req.body as Record<string, unknown>));
      flash(reply, 'evacuation.flash.household_saved');
      return reply.redirect(path(req.params.community, '/household'), 303);
    },
  );

  app.post(
    '/c/:community/evacuation/household/withdraw',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      await evacuation.withdrawHousehold(req.ctx);
      flash(reply, 'evacuation.flash.household_withdrawn');
      return reply.redirect(path(req.params.community), 303);
    },
  );

  // ── my driver registration ────────────────────────────────────────────────────────────
  app.get(
    '/c/:community/evacuation/driver',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      const driver = await evacuation.myDriver(req.ctx);
      if (!driver)
        return sendPage(
          reply,
          await driverForm(req, reply, emptyForm({ seats: 3 }), ownDriver(req.params.community)),
        );
      return sendPage(reply, h(DriverPage, { view: viewOf(req, reply), driver, own: true, mayEdit: true }));
    },
  );

  const driverForm = async (
    req: any,
    reply: any,
    state: ReturnType<typeof emptyForm>,
    options: {
      action: string;
      back: string;
      paper?: { accountId: string; displayName: string }[];
      duringAlert?: boolean;
    },
  ) => h(DriverFormPage, { view: viewOf(req, reply), state, map: mapOf(req), ...options });
  const ownDriver = (slug: string) => ({ action: path(slug, '/driver'), back: path(slug) });

  app.get(
    '/c/:community/evacuation/driver/edit',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      const driver = await evacuation.myDriver(req.ctx);
      const state = emptyForm(driver ? formValues(driver) : { seats: 3 });
      return sendPage(reply, await driverForm(req, reply, state, ownDriver(req.params.community)));
    },
  );

  app.post(
    '/c/:community/evacuation/driver',
    {
      schema: { hide, params: CommunityParams, body: DriverFormIn },
      config: {
        form: (req, reply, errors) =>
          driverForm(req, reply, refusedForm(req.body, errors), ownDriver((req.params as any).community)),
      },
    },
    async (req, reply) => {
      await evacuation.saveDriver(req.ctx, driverFromForm(req.body as Record<string, unknown>));
      flash(reply, 'evacuation.flash.driver_saved');
      return reply.redirect(path(req.params.community, '/driver'), 303);
    },
  );

  app.post(
    '/c/:community/evacuation/driver/withdraw',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      await evacuation.withdrawDriver(req.ctx);
      flash(reply, 'evacuation.flash.driver_withdrawn');
      return reply.redirect(path(req.params.community), 303);
    },
  );

  app.get(
    '/c/:community/evacuation/route',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      // While an alert is on, the card comes with the driver's steps of the day.
      if (await myDay(req.ctx)) return sendPage(reply, await routeDayPage(req, reply));
      const route = await evacuation.myRoute(req.ctx);
      return sendPage(
        reply,
        h(CardsPage, { view: viewOf(req, reply), routes: route ? [route] : [], own: true }),
      );
    },
  );

  // ── coordinators: households ──────────────────────────────────────────────────────────
  app.get(
    '/c/:community/evacuation/households',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) =>
      sendPage(
        reply,
        h(HouseholdsPage, {
          view: viewOf(req, reply),
          households: await evacuation.listHouseholds(req.ctx),
          toAsk: await householdsToAsk(req.ctx),
        }),
      ),
  );

  const paperHousehold = async (req: any) => ({
    action: path(req.params.community, '/households'),
    back: path(req.params.community, '/households'),
    paper: await evacuation.paperMembers(req.ctx, 'household'),
  });

  app.get(
    '/c/:community/evacuation/households/new',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) =>
      sendPage(
        reply,
        await householdForm(
          req,
          reply,
          emptyForm({ people: 1, shelterNeed: 'none' }),
          await paperHousehold(req),
        ),
      ),
  );

  app.post(
    '/c/:community/evacuation/households',
    {
      schema: { hide, params: CommunityParams, body: PaperHouseholdFormIn },
      config: {
        form: async (req, reply, errors) =>
          householdForm(req, reply, refusedForm(req.body, errors), await paperHousehold(req)),
      },
    },
    async (req, reply) => {
      const id = await evacuation.saveHousehold(
        req.ctx,
        householdFromForm(req.body as Record<string, unknown>),
        req.body.accountId,
      );
      flash(reply, 'evacuation.flash.household_saved');
      return reply.redirect(path(req.params.community, `/households/${id}`), 303);
    },
  );

  app.get(
    '/c/:community/evacuation/households/:householdId',
    { schema: { hide, params: HouseholdParams } },
    async (req, reply) => {
      const { mayEdit, ...household } = await evacuation.getHousehold(req.ctx, req.params.householdId);
      return sendPage(reply, h(HouseholdPage, { view: viewOf(req, reply), household, own: false, mayEdit }));
    },
  );

  const paperEdit = async (req: any) => {
    const household = await evacuation.getHousehold(req.ctx, req.params.householdId, 'edit');
    const base = path(req.params.community, `/households/${household.id}`);
    return {
      household,
      options: {
        action: base,
        back: base,
        paper: [{ accountId: household.accountId, displayName: household.name }],
        // On the day, the form offers the override (the service refuses a change without it).
        duringAlert: Boolean(await findActiveAlert(req.ctx.db, req.ctx.community.id)),
      },
    };
  };

  app.get(
    '/c/:community/evacuation/households/:householdId/edit',
    { schema: { hide, params: HouseholdParams } },
    async (req, reply) => {
      const { household, options } = await paperEdit(req);
      return sendPage(reply, await householdForm(req, reply, emptyForm(formValues(household)), options));
    },
  );

  app.post(
    '/c/:community/evacuation/households/:householdId',
    {
      schema: { hide, params: HouseholdParams, body: PaperEditFormIn },
      config: {
        form: async (req, reply, errors) =>
          householdForm(req, reply, refusedForm(req.body, errors), (await paperEdit(req)).options),
      },
    },
    async (req, reply) => {
      const { household } = await paperEdit(req);
      const { correctDuringAlert, ...body } = req.body as Record<string, unknown>;
      await evacuation.saveHousehold(req.ctx, householdFromForm(body), household.accountId, {
        correctDuringAlert: Boolean(correctDuringAlert),
      });
      flash(reply, 'evacuation.flash.household_saved');
      return reply.redirect(path(req.params.community, `/households/${household.id}`), 303);
    },
  );

  app.post(
    '/c/:community/evacuation/households/:householdId/withdraw',
    { schema: { hide, params: HouseholdParams } },
    async (req, reply) => {
      await evacuation.withdrawHousehold(req.ctx, req.params.householdId);
      flash(reply, 'evacuation.flash.household_withdrawn');
      return reply.redirect(path(req.params.community, '/households'), 303);
    },
  );

  // ── coordinators: drivers ─────────────────────────────────────────────────────────────
  app.get(
    '/c/:community/evacuation/drivers',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) =>
      sendPage(
        reply,
        h(DriversPage, { view: viewOf(req, reply), drivers: await evacuation.listDrivers(req.ctx) }),
      ),
  );

  const paperDriver = async (req: any) => ({
    action: path(req.params.community, '/drivers'),
    back: path(req.params.community, '/drivers'),
    paper: await evacuation.paperMembers(req.ctx, 'driver'),
  });

  app.get(
    '/c/:community/evacuation/drivers/new',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) =>
      sendPage(reply, await driverForm(req, reply, emptyForm({ seats: 3 }), await paperDriver(req))),
  );

  app.post(
    '/c/:community/evacuation/drivers',
    {
      schema: { hide, params: CommunityParams, body: PaperDriverFormIn },
      config: {
        form: async (req, reply, errors) =>
          driverForm(req, reply, refusedForm(req.body, errors), await paperDriver(req)),
      },
    },
    async (req, reply) => {
      const id = await evacuation.saveDriver(
        req.ctx,
        driverFromForm(req.body as Record<string, unknown>),
        req.body.accountId,
      );
      flash(reply, 'evacuation.flash.driver_saved');
      return reply.redirect(path(req.params.community, `/drivers/${id}`), 303);
    },
  );

  app.get(
    '/c/:community/evacuation/drivers/:driverId',
    { schema: { hide, params: DriverParams } },
    async (req, reply) => {
      const { mayEdit, ...driver } = await evacuation.getDriver(req.ctx, req.params.driverId);
      return sendPage(reply, h(DriverPage, { view: viewOf(req, reply), driver, own: false, mayEdit }));
    },
  );

  app.post(
    '/c/:community/evacuation/drivers/:driverId/withdraw',
    { schema: { hide, params: DriverParams } },
    async (req, reply) => {
      await evacuation.withdrawDriver(req.ctx, req.params.driverId);
      flash(reply, 'evacuation.flash.driver_withdrawn');
      return reply.redirect(path(req.params.community, '/drivers'), 303);
    },
  );

  // ── a member: who has read their registrations ───────────────────────────────────────────
  app.get(
    '/c/:community/evacuation/reads',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) =>
      sendPage(
        reply,
        h(LogPage, { view: viewOf(req, reply), entries: await evacuation.readsOfMine(req.ctx), of: 'reads' }),
      ),
  );

  // ── stewards: the log ─────────────────────────────────────────────────────────────────
  app.get('/c/:community/evacuation/log', { schema: { hide, params: CommunityParams } }, async (req, reply) =>
    sendPage(
      reply,
      h(LogPage, { view: viewOf(req, reply), entries: await evacuation.accessLog(req.ctx), of: 'log' }),
    ),
  );
}
