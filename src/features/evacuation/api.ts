/**
 * The ride network's JSON API under `/api/v1/communities/:community/evacuation`. Active members
 * only (401 signed out, 403 otherwise); a member reads and changes their own registrations;
 * households, drivers, plans and route cards are for coordinators (403
 * `evacuation.errors.only_coordinators`), and each such read is logged; the log is for stewards.
 * Another community's household, driver or shelter is 404.
 */
import { Type } from 'typebox';
import type { App } from '../../platform/module.ts';
import {
  AccessOut,
  CommunityParams,
  DriverIn,
  DriverOut,
  DriverParams,
  HouseholdIn,
  HouseholdOut,
  HouseholdParams,
  LockIn,
  PaperDriverIn,
  PaperHouseholdIn,
  PlanIn,
  PlanOut,
  RouteOut,
  ShelterIn,
  ShelterOut,
  ShelterParams,
} from './schema.ts';
import * as evacuation from './service.ts';

const tags = ['evacuation'];
const coordinators = 'Coordinators (403 `evacuation.errors.only_coordinators`); each read is logged.';
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const strip = <T extends { mayEdit?: boolean }>({ mayEdit: _, ...rest }: T) => rest;

/** Registers the ride network's API routes. */
export function evacuationApi(app: App): void {
  const root = '/api/v1/communities/:community/evacuation';

  app.get(
    `${root}/household`,
    {
      schema: {
        tags,
        summary: 'My household',
        description: 'Everything stored about the caller’s household, or null when it is not registered.',
        params: CommunityParams,
        response: { 200: Type.Object({ household: Nullable(HouseholdOut) }) },
      },
    },
    async (req) => ({ household: await evacuation.myHousehold(req.ctx) }),
  );

  app.get(
    `${root}/reads`,
    {
      schema: {
        tags,
        summary: 'Who has read my registrations',
        description:
          'The reads of the caller’s own household and driver registrations by others, newest first (at most 200): their page opened by a coordinator, a list naming every household or driver (a drill’s report, calls and sheet, an alert’s live board and review among them), the route card of the driver the current plan gives the household to, their drill check-in opened by a coordinator recording a call. Empty without a registration.',
        params: CommunityParams,
        response: { 200: Type.Object({ reads: Type.Array(AccessOut) }) },
      },
    },
    async (req) => ({ reads: await evacuation.readsOfMine(req.ctx) }),
  );

  app.put(
    `${root}/household`,
    {
      schema: {
        tags,
        summary: 'Register or change my household',
        description:
          'All its fields (one left out is emptied). `consent` must be true (422 `evacuation.errors.consent_required`); a point needs both coordinates; buddies are active members other than the household. While an alert plans the household, 409 `evacuation.errors.registry_during_alert` (a coordinator changes the day by phone).',
        params: CommunityParams,
        body: HouseholdIn,
        response: { 200: HouseholdOut },
      },
    },
    async (req) => {
      const id = await evacuation.saveHousehold(req.ctx, req.body);
      return strip(await evacuation.getHousehold(req.ctx, id));
    },
  );

  app.delete(
    `${root}/household`,
    {
      schema: {
        tags,
        summary: 'Withdraw my household',
        description:
          'Deletes the registration, its locks and its places in plans. 409 `evacuation.errors.withdraw_during_alert` while the alert\'s plan holds it (a driver taps "I can\'t drive" instead).',
        params: CommunityParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await evacuation.withdrawHousehold(req.ctx);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${root}/households`,
    {
      schema: {
        tags,
        summary: 'Every household with its needs and address',
        description: coordinators,
        params: CommunityParams,
        response: { 200: Type.Object({ households: Type.Array(HouseholdOut) }) },
      },
    },
    async (req) => ({ households: await evacuation.listHouseholds(req.ctx) }),
  );

  app.post(
    `${root}/households`,
    {
      schema: {
        tags,
        summary: 'Register a paper member’s household',
        description:
          'Coordinators, for a paper member (no email address) they asked: 403 `evacuation.errors.only_self_or_paper` for a member who can sign in.',
        params: CommunityParams,
        body: PaperHouseholdIn,
        response: { 201: HouseholdOut },
      },
    },
    async (req, reply) => {
      const { accountId, correctDuringAlert, ...input } = req.body;
      const id = await evacuation.saveHousehold(req.ctx, input, accountId, { correctDuringAlert });
      return reply.code(201).send(strip(await evacuation.getHousehold(req.ctx, id)));
    },
  );

  app.get(
    `${root}/households/:householdId`,
    {
      schema: {
        tags,
        summary: 'A household in full',
        description: `The member it is, or ${coordinators}`,
        params: HouseholdParams,
        response: { 200: HouseholdOut },
      },
    },
    async (req) => strip(await evacuation.getHousehold(req.ctx, req.params.householdId)),
  );

  app.delete(
    `${root}/households/:householdId`,
    {
      schema: {
        tags,
        summary: 'Withdraw a household',
        description:
          'The member it is, or a coordinator for a paper member. 409 `evacuation.errors.withdraw_during_alert` while the alert\'s plan holds it (a driver taps "I can\'t drive" instead).',
        params: HouseholdParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await evacuation.withdrawHousehold(req.ctx, req.params.householdId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${root}/driver`,
    {
      schema: {
        tags,
        summary: 'My driver registration',
        params: CommunityParams,
        response: { 200: Type.Object({ driver: Nullable(DriverOut) }) },
      },
    },
    async (req) => ({ driver: await evacuation.myDriver(req.ctx) }),
  );

  app.put(
    `${root}/driver`,
    {
      schema: {
        tags,
        summary: 'Register or change me as a driver',
        description:
          '`consent` must be true; seats and wheelchair places together at least 1 (422 `evacuation.errors.no_room`). While an alert gives the driver a route, 409 `evacuation.errors.registry_during_alert`.',
        params: CommunityParams,
        body: DriverIn,
        response: { 200: DriverOut },
      },
    },
    async (req) => {
      const id = await evacuation.saveDriver(req.ctx, req.body);
      return strip(await evacuation.getDriver(req.ctx, id));
    },
  );

  app.delete(
    `${root}/driver`,
    {
      schema: {
        tags,
        summary: 'Withdraw me as a driver',
        description:
          '409 `evacuation.errors.withdraw_during_alert` while the alert\'s plan holds it (a driver taps "I can\'t drive" instead).',
        params: CommunityParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await evacuation.withdrawDriver(req.ctx);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${root}/drivers`,
    {
      schema: {
        tags,
        summary: 'Every driver with vehicle, home and phone',
        description: coordinators,
        params: CommunityParams,
        response: { 200: Type.Object({ drivers: Type.Array(DriverOut) }) },
      },
    },
    async (req) => ({ drivers: await evacuation.listDrivers(req.ctx) }),
  );

  app.post(
    `${root}/drivers`,
    {
      schema: {
        tags,
        summary: 'Register a paper member as a driver',
        description: 'Coordinators, for a paper member they asked.',
        params: CommunityParams,
        body: PaperDriverIn,
        response: { 201: DriverOut },
      },
    },
    async (req, reply) => {
      const { accountId, ...input } = req.body;
      const id = await evacuation.saveDriver(req.ctx, input, accountId);
      return reply.code(201).send(strip(await evacuation.getDriver(req.ctx, id)));
    },
  );

  app.get(
    `${root}/drivers/:driverId`,
    {
      schema: {
        tags,
        summary: 'A driver in full',
        description: `The member they are, or ${coordinators}`,
        params: DriverParams,
        response: { 200: DriverOut },
      },
    },
    async (req) => strip(await evacuation.getDriver(req.ctx, req.params.driverId)),
  );

  app.get(
    `${root}/shelters`,
    {
      schema: {
        tags,
        summary: 'Shelters with their capacity, accessibility and pets',
        description: 'Places of kind shelter. Coordinators.',
        params: CommunityParams,
        response: {
          200: Type.Object({
            shelters: Type.Array(
              Type.Object({ ...ShelterOut.properties, needed: Type.Integer(), preferred: Type.Integer() }),
            ),
          }),
        },
      },
    },
    async (req) => ({ shelters: await evacuation.listShelters(req.ctx) }),
  );

  app.put(
    `${root}/shelters/:placeId`,
    {
      schema: {
        tags,
        summary: 'Set a shelter’s capacity, accessibility and pets',
        description:
          'Coordinators. Capacity 0 closes it to the network. During an alert that opened it, closing it or leaving less room than its routes carry plans the day again (as after a drop-out; nobody in a car is moved) and tells the drivers of those routes. A place that is not a live shelter is 404.',
        params: ShelterParams,
        body: ShelterIn,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await evacuation.saveShelter(req.ctx, req.params.placeId, req.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${root}/plan`,
    {
      schema: {
        tags,
        summary: 'The current plan',
        description: `Every route with its stops, and each household it does not serve with the reason. ${coordinators}`,
        params: CommunityParams,
        response: { 200: Type.Object({ plan: Nullable(PlanOut) }) },
      },
    },
    async (req) => ({ plan: await evacuation.getPlan(req.ctx) }),
  );

  app.post(
    `${root}/plan`,
    {
      schema: {
        tags,
        summary: 'Make a plan',
        description:
          'The route planner assigns households to drivers available at that time of the week and orders the pickups, in a few seconds; households it cannot serve are listed with the reason. Coordinators.',
        params: CommunityParams,
        body: PlanIn,
        response: { 201: Type.Object({ plan: Nullable(PlanOut) }) },
      },
    },
    async (req, reply) => {
      await evacuation.makePlan(req.ctx, req.body);
      return reply.code(201).send({ plan: await evacuation.getPlan(req.ctx) });
    },
  );

  app.put(
    `${root}/plan/locks/:householdId`,
    {
      schema: {
        tags,
        summary: 'Keep a household with a driver, move it, or let it go; then plan again',
        description: 'A driver id locks the household to that driver; an empty one unlocks it. Coordinators.',
        params: HouseholdParams,
        body: LockIn,
        response: { 200: Type.Object({ plan: Nullable(PlanOut) }) },
      },
    },
    async (req) => {
      await evacuation.lockHousehold(req.ctx, req.params.householdId, req.body.driverId ?? '');
      return { plan: await evacuation.getPlan(req.ctx) };
    },
  );

  app.get(
    `${root}/plan/cards`,
    {
      schema: {
        tags,
        summary: 'Route cards',
        description: coordinators,
        params: CommunityParams,
        response: { 200: Type.Object({ routes: Type.Array(RouteOut) }) },
      },
    },
    async (req) => ({ routes: await evacuation.routeCards(req.ctx) }),
  );

  app.get(
    `${root}/route`,
    {
      schema: {
        tags,
        summary: 'My route card',
        description:
          'The caller’s route in the current plan, if it gives them one (logged: it names households).',
        params: CommunityParams,
        response: { 200: Type.Object({ route: Nullable(RouteOut) }) },
      },
    },
    async (req) => ({ route: await evacuation.myRoute(req.ctx) }),
  );

  app.get(
    `${root}/log`,
    {
      schema: {
        tags,
        summary: 'Who read the network’s data',
        description: `The newest ${evacuation.logShown} reads. Stewards (403 \`evacuation.errors.only_stewards_read_log\`).`,
        params: CommunityParams,
        response: { 200: Type.Object({ entries: Type.Array(AccessOut) }) },
      },
    },
    async (req) => ({ entries: await evacuation.accessLog(req.ctx) }),
  );
}
