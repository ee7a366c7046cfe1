/**
 * The ride network's coordinators' pages of shelters, the plan and its route cards, and the
 * contact lists with their exports (`routes.ts` has the rest). `planRoutes(app)` registers them.
 */
import { h } from 'preact';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { contactsCsv, contactsVcard } from './export.ts';
import { ContactsPage } from './pages/contacts.tsx';
import { CardsPage, PlanPage } from './pages/plan.tsx';
import { SheltersPage } from './pages/registry.tsx';
import {
  CommunityParams,
  DriverParams,
  HouseholdParams,
  LockIn,
  PlanIn,
  ShelterFormIn,
  ShelterParams,
} from './schema.ts';
import * as evacuation from './service.ts';

/** The tile server and attribution the pages' maps use. */
export function mapOf(req: { ctx: { config: { mapTileUrl: string; mapAttribution: string } } }) {
  return { tiles: req.ctx.config.mapTileUrl, attribution: req.ctx.config.mapAttribution };
}

/** Registers the coordinators' pages of shelters, the plan, route cards and contact lists. */
export function planRoutes(app: App): void {
  const hide = true;
  const path = (slug: string, rest = '') => `/c/${slug}/evacuation${rest}`;

  // ── coordinators: shelters ────────────────────────────────────────────────────────────
  app.get(
    '/c/:community/evacuation/shelters',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) =>
      sendPage(
        reply,
        h(SheltersPage, { view: viewOf(req, reply), shelters: await evacuation.listShelters(req.ctx) }),
      ),
  );

  app.post(
    '/c/:community/evacuation/shelters/:placeId',
    {
      schema: { hide, params: ShelterParams, body: ShelterFormIn },
      config: {
        form: async (req, reply, errors) =>
          h(SheltersPage, {
            view: viewOf(req, reply),
            shelters: await evacuation.listShelters(req.ctx),
            state: refusedForm(req.body, errors),
            refused: (req.params as any).placeId,
          }),
      },
    },
    async (req, reply) => {
      const replanning = await evacuation.saveShelter(req.ctx, req.params.placeId, {
        capacity: req.body.capacity,
        accessible: Boolean(req.body.accessible),
        pets: Boolean(req.body.pets),
      });
      flash(reply, replanning ? 'evacuation.flash.shelter_replan' : 'evacuation.flash.shelter_saved');
      return reply.redirect(path(req.params.community, '/shelters'), 303);
    },
  );

  // ── coordinators: the plan ────────────────────────────────────────────────────────────
  const planPage = async (req: any, reply: any, state = emptyForm({})) => {
    const plan = await evacuation.getPlan(req.ctx);
    const values =
      plan && !state.errors.length ? { slot: plan.slot, maxMinutes: plan.maxMinutes } : state.values;
    return h(PlanPage, {
      view: viewOf(req, reply),
      plan,
      drivers: await evacuation.driverChoices(req.ctx),
      state: { ...state, values: { maxMinutes: 90, slot: 'any', ...values } },
      map: mapOf(req),
    });
  };

  app.get(
    '/c/:community/evacuation/plan',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => sendPage(reply, await planPage(req, reply)),
  );

  app.post(
    '/c/:community/evacuation/plan',
    {
      schema: { hide, params: CommunityParams, body: PlanIn },
      config: { form: (req, reply, errors) => planPage(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      await evacuation.makePlan(req.ctx, req.body);
      flash(reply, 'evacuation.flash.planned');
      return reply.redirect(path(req.params.community, '/plan'), 303);
    },
  );

  app.post(
    '/c/:community/evacuation/plan/locks/:householdId',
    {
      schema: { hide, params: HouseholdParams, body: LockIn },
      config: { form: (req, reply, errors) => planPage(req, reply, refusedForm({}, errors)) },
    },
    async (req, reply) => {
      await evacuation.lockHousehold(req.ctx, req.params.householdId, req.body.driverId ?? '');
      flash(reply, req.body.driverId ? 'evacuation.flash.locked' : 'evacuation.flash.unlocked');
      return reply.redirect(path(req.params.community, '/plan'), 303);
    },
  );

  app.get(
    '/c/:community/evacuation/plan/cards',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) =>
      sendPage(
        reply,
        h(CardsPage, { view: viewOf(req, reply), routes: await evacuation.routeCards(req.ctx) }),
      ),
  );

  app.get(
    '/c/:community/evacuation/plan/cards/:driverId',
    { schema: { hide, params: DriverParams } },
    async (req, reply) =>
      sendPage(
        reply,
        h(CardsPage, {
          view: viewOf(req, reply),
          routes: await evacuation.routeCards(req.ctx, req.params.driverId),
        }),
      ),
  );

  // ── coordinators: contact lists and the phone tree ───────────────────────────────────
  app.get(
    '/c/:community/evacuation/contacts',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) =>
      sendPage(
        reply,
        h(ContactsPage, {
          view: viewOf(req, reply),
          contacts: await evacuation.contacts(req.ctx, 'contacts'),
        }),
      ),
  );

  app.get(
    '/c/:community/evacuation/export/contacts.csv',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      const csv = contactsCsv(req.ctx.t, await evacuation.contacts(req.ctx, 'contacts_csv'));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="emergency-contacts.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.get(
    '/c/:community/evacuation/export/contacts.vcf',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      const cards = contactsVcard(req.ctx.t, await evacuation.contacts(req.ctx, 'contacts_vcard'));
      return reply
        .type('text/vcard; charset=utf-8')
        .header('content-disposition', 'attachment; filename="emergency-contacts.vcf"')
        .header('cache-control', 'no-store')
        .send(cards);
    },
  );
}
