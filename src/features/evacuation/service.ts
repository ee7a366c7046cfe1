/**
 * The evacuation ride network: households and drivers (consent first), shelters' capacities, the
 * plan the route planner makes, route cards, and the log of reads — the only file of this feature
 * other features may import. Each write follows the same order: validate, load, authorize, check
 * state, write in one transaction. Every read of households' or drivers' data by anyone but the
 * member it is goes through `logRead` first: no log, no data.
 */
import type { Static } from 'typebox';
import { requireRole } from '../../platform/access.ts';
import type { Ctx, Services } from '../../platform/context.ts';
import type {
  BuddyStatus,
  Db,
  EvacuationDriver,
  EvacuationHousehold,
  EvacuationShelter,
  Place,
} from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { authorize, Conflict, type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import { pointErrors } from '../../platform/geo/point.ts';
import { livePlaces } from '../places/service.ts';
import { logRead } from './access-log.ts';
import { driverLeaves, householdLeaves } from './activation-leaving.ts';
import { correctedDuringAlert, shelterShrunk } from './activation-replan.ts';
import { answersFor, askBuddies, settleAsks, tellLostBuddies } from './buddies.ts';
import { can } from './policy.ts';
import type {
  DriverInput,
  DriverOut,
  HouseholdInput,
  HouseholdOut,
  PlanOut,
  RouteOut,
  ShelterInput,
  ShelterOut,
  Slot,
} from './schema.ts';
import { slots } from './schema.ts';
import * as store from './store.ts';
import { inAlertPlan } from './store-activation.ts';

export { type AccessView, accessLog, logRead, logShown, readsOfMine } from './access-log.ts';
// A buddy's answer, for other features (the demo's buddies say yes).
export { answerBuddy } from './buddies.ts';
export {
  type ContactDriver,
  type ContactHousehold,
  type Contacts,
  type ContactsFormat,
  contacts,
} from './contacts.ts';
export type { DriverInput, HouseholdInput } from './schema.ts';

/** A household as the member it is and coordinators see it. */
export type HouseholdView = Static<typeof HouseholdOut>;
/** A driver as the member they are and coordinators see them. */
export type DriverView = Static<typeof DriverOut>;
/** A shelter with its settings. */
export type ShelterView = Static<typeof ShelterOut>;
/** A plan with its routes and who it does not serve. */
export type PlanView = Static<typeof PlanOut>;
/** A driver's route. */
export type RouteView = Static<typeof RouteOut>;

/**
 * How long the planner may search for a plan of `jobs` households (parts): 2 s and 4,000
 * iterations up to 100, then growing with the network to 8 s and 200,000 iterations from 300 on.
 * Measured by `npm run bench:plan`: 8 s of search gives a town of 300 and a region of 1,000 a plan
 * within 1 % of a 30 s plan, the answer arriving within 10 s of the request; at 2 s a town's plan
 * drove several per cent more. The iteration cap keeps small plans quick and repeatable; for
 * large ones it is far above what 8 s reaches. Milliseconds counted from when the solver starts.
 */
export function planLimits(jobs: number): { timeLimitMs: number; maxIterations: number } {
  const beyond = Math.max(0, Math.min(jobs, 300) - 100);
  return {
    timeLimitMs: 2000 + Math.round((beyond * 6000) / 200),
    maxIterations: 4000 + Math.round((beyond * 196_000) / 200),
  };
}
// ── views ────────────────────────────────────────────────────────────────────────────────

const person = (names: Map<string, string>, id: string | null) =>
  id ? { accountId: id, name: names.get(id) ?? '' } : null;

const buddy = (names: Map<string, string>, id: string | null, status: BuddyStatus | null) =>
  id ? { accountId: id, name: names.get(id) ?? '', status: status ?? ('asked' as const) } : null;

async function householdViews(
  ctx: Ctx,
  communityId: string,
  rows: EvacuationHousehold[],
): Promise<HouseholdView[]> {
  const names = await store.namesOf(
    ctx.db,
    rows.flatMap((h) => [h.accountId, h.buddyId, h.backupBuddyId, h.consentedBy]),
  );
  const places = new Map((await livePlaces(ctx.db, communityId)).map((p) => [p.id, p]));
  return rows.map((h) => ({
    id: h.id,
    accountId: h.accountId,
    name: names.get(h.accountId) ?? '',
    address: h.address,
    latitude: h.latitude,
    longitude: h.longitude,
    people: h.people,
    wheelchairs: h.wheelchairs,
    mobilityAids: h.mobilityAids,
    pets: h.pets,
    language: h.language,
    phone: h.phone,
    notes: h.notes,
    buddy: buddy(names, h.buddyId, h.buddyStatus),
    backupBuddy: buddy(names, h.backupBuddyId, h.backupBuddyStatus),
    shelter: h.shelterId ? { placeId: h.shelterId, name: places.get(h.shelterId)?.name ?? '' } : null,
    shelterNeed: h.shelterNeed,
    maySplit: h.maySplit === 1,
    consentedAt: h.consentedAt,
    consentedBy: person(names, h.consentedBy),
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
  }));
}

/** The driver's times of the week, in the order forms offer them. */
export function availabilityOf(d: Pick<EvacuationDriver, 'availability'>): Slot[] {
  const said = new Set(d.availability.split(','));
  return slots.filter((s) => said.has(s));
}

export async function driverViews(ctx: Ctx, rows: EvacuationDriver[]): Promise<DriverView[]> {
  const names = await store.namesOf(
    ctx.db,
    rows.flatMap((d) => [d.accountId, d.consentedBy]),
  );
  return rows.map((d) => ({
    id: d.id,
    accountId: d.accountId,
    name: names.get(d.accountId) ?? '',
    vehicle: d.vehicle,
    seats: d.seats,
    wheelchairPlaces: d.wheelchairPlaces,
    pets: d.pets === 1,
    address: d.address,
    latitude: d.latitude,
    longitude: d.longitude,
    availability: availabilityOf(d),
    phone: d.phone,
    notes: d.notes,
    consentedAt: d.consentedAt,
    consentedBy: person(names, d.consentedBy),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  }));
}

/** The community's live places of kind shelter with their settings, by name. */
export async function shelterViews(db: Db, communityId: string): Promise<ShelterView[]> {
  const settings = new Map<string, EvacuationShelter>(
    (await store.listShelterSettings(db, communityId)).map((s) => [s.placeId, s]),
  );
  return (await livePlaces(db, communityId))
    .filter((p: Place) => p.kind === 'shelter')
    .map((p) => {
      const s = settings.get(p.id);
      return {
        placeId: p.id,
        name: p.name,
        address: p.address,
        latitude: p.latitude,
        longitude: p.longitude,
        capacity: s ? s.capacity : null,
        accessible: s?.accessible === 1,
        pets: s?.pets === 1,
      };
    });
}

// ── the member's own registrations ───────────────────────────────────────────────────────

/** What the network page shows a member: their own registrations and what their role may open. */
export interface Overview {
  household: HouseholdView | null;
  driver: DriverView | null;
  /** The member drives a route in the current plan. */
  hasRoute: boolean;
  mayCoordinate: boolean;
  mayReadLog: boolean;
}

/** The member's own household and driver registrations (never logged: they are their own). */
export async function overview(ctx: Ctx): Promise<Overview> {
  const { communityId, accountId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const household = await store.findHouseholdOf(ctx.db, communityId, accountId);
  const driver = await store.findDriverOf(ctx.db, communityId, accountId);
  const plan = driver ? await store.latestPlan(ctx.db, communityId) : undefined;
  const routes = plan ? await store.listRoutes(ctx.db, communityId, plan.id) : [];
  return {
    household: household ? (await householdViews(ctx, communityId, [household]))[0] : null,
    driver: driver ? (await driverViews(ctx, [driver]))[0] : null,
    hasRoute: Boolean(driver && routes.some((r) => r.driverId === driver.id)),
    mayCoordinate: can.seeNetwork(ctx.actor),
    mayReadLog: can.readLog(ctx.actor),
  };
}

/** The active member the registration is for, or `NotFound` (another community's, or gone). */
async function memberFor(ctx: Ctx, communityId: string, accountId: string) {
  const m = await store.findActiveMember(ctx.db, communityId, accountId);
  if (!m) throw new NotFound('evacuation.errors.member_not_found');
  return m;
}

const text = (s?: string) => s?.trim() ?? '';

async function householdValues(ctx: Ctx, communityId: string, accountId: string, input: HouseholdInput) {
  const errors: FieldError[] = [];
  if (input.consent !== true) errors.push({ field: 'consent', code: 'evacuation.errors.consent_required' });
  errors.push(...pointErrors(input, ctx.community, 'evacuation.errors.point_needs_both'));
  const wheelchairs = input.wheelchairs ?? 0;
  if (wheelchairs > input.people)
    errors.push({ field: 'wheelchairs', code: 'evacuation.errors.wheelchairs_more_than_people' });
  const members = new Set((await store.listActiveMembers(ctx.db, communityId)).map((m) => m.accountId));
  for (const field of ['buddyId', 'backupBuddyId'] as const) {
    const id = input[field];
    if (id === undefined) continue;
    if (id === accountId) errors.push({ field, code: 'evacuation.errors.buddy_is_household' });
    else if (!members.has(id)) errors.push({ field, code: 'evacuation.errors.buddy_not_member' });
  }
  if (input.buddyId !== undefined && input.buddyId === input.backupBuddyId)
    errors.push({ field: 'backupBuddyId', code: 'evacuation.errors.backup_same_as_buddy' });
  const need = input.shelterNeed ?? 'none';
  if (input.shelterId !== undefined) {
    const shelters = await shelterViews(ctx.db, communityId);
    if (!shelters.some((s) => s.placeId === input.shelterId))
      errors.push({ field: 'shelterId', code: 'evacuation.errors.not_a_shelter' });
  } else if (need !== 'none') errors.push({ field: 'shelterId', code: 'evacuation.errors.shelter_required' });
  if (errors.length) throw new Invalid(errors);
  return {
    accountId,
    address: text(input.address),
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    people: input.people,
    wheelchairs,
    mobilityAids: text(input.mobilityAids),
    pets: input.pets ?? 0,
    language: text(input.language),
    phone: text(input.phone),
    notes: text(input.notes),
    buddyId: input.buddyId ?? null,
    backupBuddyId: input.backupBuddyId ?? null,
    shelterId: input.shelterId ?? null,
    shelterNeed: input.shelterId === undefined ? ('none' as const) : need,
    maySplit: input.maySplit ? 1 : 0,
  };
}

/**
 * Registers or changes the household of the member `accountId` (default: the actor): the member it
 * is, or a coordinator for a paper member, who records that they asked them. `Invalid` without
 * consent; `Conflict('evacuation.errors.registry_during_alert')` while an alert plans the
 * household (the day's board is the truth then; changes go by phone) — unless a coordinator
 * corrects a paper member's household with `opts.correctDuringAlert` (an override: logged, its
 * driver told, the day re-planned, `correctedDuringAlert`; its point may move but not be cleared,
 * `Invalid` `point_needed_during_alert`). A newly named buddy or
 * backup buddy is asked (`buddies.ts`). Returns the household's id.
 */
export async function saveHousehold(
  ctx: Ctx,
  input: HouseholdInput,
  accountId?: string,
  opts: { correctDuringAlert?: boolean } = {},
): Promise<string> {
  const { communityId, accountId: actorId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const target = await memberFor(ctx, communityId, accountId ?? actorId);
  authorize(can.register(ctx.actor, target), 'evacuation.errors.only_self_or_paper');
  const values = await householdValues(ctx, communityId, target.accountId, input);
  const now = iso(ctx.clock.now());
  return ctx.db.transaction().execute(async (tx) => {
    const old = await store.findHouseholdOf(tx, communityId, target.accountId);
    const duringAlert = Boolean(old && (await inAlertPlan(tx, communityId, { householdId: old.id })));
    // A paper member cannot call anyone to change it: their coordinator may correct it on the
    // day (an override, logged, re-planned). A member who signs in tells a coordinator instead.
    const overriding = duringAlert && opts.correctDuringAlert === true && target.accountId !== actorId;
    if (duringAlert && !overriding) throw new Conflict('evacuation.errors.registry_during_alert');
    // A driver is on the way: the pin may move, never vanish (no point, no pickup).
    if (overriding && old?.latitude !== null && values.latitude === null)
      throw new Invalid([{ field: 'latitude', code: 'evacuation.errors.point_needed_during_alert' }]);
    const { asked, dropped, ...answers } = answersFor(old, values);
    const id = await store.saveHousehold(
      tx,
      communityId,
      { ...values, ...answers, consentedAt: now, consentedBy: actorId },
      now,
    );
    // A buddy is asked, not just named: each new one is asked in the same transaction.
    await askBuddies(ctx, tx, { id, accountId: target.accountId }, asked, dropped);
    if (overriding) await correctedDuringAlert(ctx, tx, id);
    return id;
  });
}

/** Loads the household `householdId` or `NotFound`. */
export async function loadHousehold(db: Db, communityId: string, householdId: string) {
  const h = await store.findHousehold(db, communityId, householdId);
  if (!h) throw new NotFound('evacuation.errors.household_not_found');
  return h;
}

/**
 * Withdraws a household: its registration, locks and places in plans are deleted (the log keeps
 * only that its id was read). The member it is, or a coordinator for a paper member.
 * `Conflict('evacuation.errors.withdraw_during_alert')` while the alert's plan holds it.
 */
export async function withdrawHousehold(ctx: Ctx, householdId?: string): Promise<void> {
  const { communityId, accountId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const h = householdId
    ? await loadHousehold(ctx.db, communityId, householdId)
    : await store.findHouseholdOf(ctx.db, communityId, accountId);
  if (!h) throw new NotFound('evacuation.errors.household_not_found');
  const target = (await store.findActiveMember(ctx.db, communityId, h.accountId)) ?? {
    accountId: h.accountId,
    paper: false,
  };
  authorize(can.register(ctx.actor, target), 'evacuation.errors.only_self_or_paper');
  await ctx.db.transaction().execute(async (tx) => {
    // The day's board, routes and review count on it: withdrawn now, it would vanish unseen.
    if (await inAlertPlan(tx, communityId, { householdId: h.id }))
      throw new Conflict('evacuation.errors.withdraw_during_alert');
    await store.deleteHousehold(tx, communityId, h.id);
    await settleAsks(ctx, tx, h.id);
  });
}

/**
 * Ends the member's place in the ride network when their membership ends (they left or were
 * removed), in the caller's transaction: their household and driver registrations are deleted
 * and they are nobody's buddy any more, so nothing comes back with the old consent if they
 * rejoin. During an alert their household is kept for the day instead (`householdLeaves`) and
 * deleted when the alert ends. `how`: whether they left or were removed (what the coordinators
 * are told of a driver). Called by the communities feature.
 */
export async function endRegistrations(
  s: Pick<Services, 'jobs' | 'clock'>,
  db: Db,
  communityId: string,
  accountId: string,
  how: 'left' | 'removed',
): Promise<void> {
  // On the day a driver who goes is a driver who dropped out: their households and the
  // coordinators are told why, and their stops are planned again.
  const driver = await store.findDriverOf(db, communityId, accountId);
  if (driver) await driverLeaves(s, db, communityId, driver.id, accountId, how);
  // A household stays on the day's board, marked as gone, until the alert ends: someone may
  // still be waiting at that door.
  const household = await store.findHouseholdOf(db, communityId, accountId);
  const kept = household ? await householdLeaves(s, db, communityId, household, accountId) : false;
  await store.deleteRegistrationsOf(db, communityId, accountId, kept);
  // The database took them off as anyone's buddy as the membership ended (0069): told at once.
  await tellLostBuddies(s, db, communityId);
}

/** The actor's own household, or null (never logged: it is theirs). */
export async function myHousehold(ctx: Ctx): Promise<HouseholdView | null> {
  const { communityId, accountId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const h = await store.findHouseholdOf(ctx.db, communityId, accountId);
  return h ? (await householdViews(ctx, communityId, [h]))[0] : null;
}

/**
 * A household in full: the member it is, or a coordinator (logged). `NotFound` for another
 * community's. With `purpose` 'edit', `Forbidden` (`evacuation.errors.only_self_or_paper`) unless
 * the reader may change it (the member it is, or a coordinator for a paper member), before any read
 * is logged.
 */
export async function getHousehold(
  ctx: Ctx,
  householdId: string,
  purpose: 'read' | 'edit' = 'read',
): Promise<HouseholdView & { mayEdit: boolean }> {
  const { communityId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const h = await loadHousehold(ctx.db, communityId, householdId);
  authorize(can.seeRegistration(ctx.actor, h), 'evacuation.errors.only_coordinators');
  const member = await store.findActiveMember(ctx.db, communityId, h.accountId);
  const mayEdit = Boolean(member && can.register(ctx.actor, member));
  // Refused before the read is logged: a refusal shows nothing, so it is no read.
  if (purpose === 'edit') authorize(mayEdit, 'evacuation.errors.only_self_or_paper');
  if (h.accountId !== ctx.actor.accountId) await logRead(ctx, 'household', h.id);
  const [view] = await householdViews(ctx, communityId, [h]);
  return { ...view, mayEdit };
}

/** Every household with its needs and address (coordinators; logged). */
export async function listHouseholds(ctx: Ctx): Promise<HouseholdView[]> {
  const { communityId } = requireRole(ctx, can.seeNetwork, 'evacuation.errors.only_coordinators');
  await logRead(ctx, 'households');
  return householdViews(ctx, communityId, await store.listHouseholds(ctx.db, communityId));
}

/** Active members by name, for the buddy choices (names only). */
export async function memberChoices(
  ctx: Ctx,
): Promise<{ accountId: string; displayName: string; paper: boolean }[]> {
  const { communityId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  return store.listActiveMembers(ctx.db, communityId);
}

/** Paper members a coordinator may register (without a household, or without a driver registration). */
export async function paperMembers(ctx: Ctx, without: 'household' | 'driver') {
  const { communityId } = requireRole(ctx, can.seeNetwork, 'evacuation.errors.only_coordinators');
  const taken = new Set(
    (without === 'household'
      ? await store.listHouseholds(ctx.db, communityId)
      : await store.listDrivers(ctx.db, communityId)
    ).map((r) => r.accountId),
  );
  return (await store.listActiveMembers(ctx.db, communityId)).filter(
    (m) => m.paper && !taken.has(m.accountId),
  );
}

// ── drivers ──────────────────────────────────────────────────────────────────────────────

function driverValues(ctx: Ctx, accountId: string, input: DriverInput) {
  const errors: FieldError[] = [];
  if (input.consent !== true) errors.push({ field: 'consent', code: 'evacuation.errors.consent_required' });
  errors.push(...pointErrors(input, ctx.community, 'evacuation.errors.point_needs_both'));
  if (input.seats + (input.wheelchairPlaces ?? 0) < 1)
    errors.push({ field: 'seats', code: 'evacuation.errors.no_room' });
  if (errors.length) throw new Invalid(errors);
  return {
    accountId,
    vehicle: text(input.vehicle),
    seats: input.seats,
    wheelchairPlaces: input.wheelchairPlaces ?? 0,
    pets: input.pets ? 1 : 0,
    address: text(input.address),
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    availability: slots.filter((s) => input.availability?.includes(s)).join(','),
    phone: text(input.phone),
    notes: text(input.notes),
  };
}

/**
 * Registers or changes a driver: the member they are, or a coordinator for a paper member.
 * `Conflict('evacuation.errors.registry_during_alert')` while an alert gives the driver a route.
 * Returns the id.
 */
export async function saveDriver(ctx: Ctx, input: DriverInput, accountId?: string): Promise<string> {
  const { communityId, accountId: actorId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const target = await memberFor(ctx, communityId, accountId ?? actorId);
  authorize(can.register(ctx.actor, target), 'evacuation.errors.only_self_or_paper');
  const values = driverValues(ctx, target.accountId, input);
  const now = iso(ctx.clock.now());
  return ctx.db.transaction().execute(async (tx) => {
    const d = await store.findDriverOf(tx, communityId, target.accountId);
    if (d && (await inAlertPlan(tx, communityId, { driverId: d.id })))
      throw new Conflict('evacuation.errors.registry_during_alert');
    return store.saveDriver(tx, communityId, { ...values, consentedAt: now, consentedBy: actorId }, now);
  });
}

/**
 * Withdraws a driver (their locks and routes go with them). The member they are, or a coordinator
 * for a paper member. `Conflict('evacuation.errors.withdraw_during_alert')` while the alert gives
 * them a route (they tap "I can't drive", which re-plans their stops).
 */
export async function withdrawDriver(ctx: Ctx, driverId?: string): Promise<void> {
  const { communityId, accountId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const d = driverId
    ? await store.findDriver(ctx.db, communityId, driverId)
    : await store.findDriverOf(ctx.db, communityId, accountId);
  if (!d) throw new NotFound('evacuation.errors.driver_not_found');
  const target = (await store.findActiveMember(ctx.db, communityId, d.accountId)) ?? {
    accountId: d.accountId,
    paper: false,
  };
  authorize(can.register(ctx.actor, target), 'evacuation.errors.only_self_or_paper');
  await ctx.db.transaction().execute(async (tx) => {
    // Withdrawn now, the route would vanish with its stops and nothing would re-plan them.
    if (await inAlertPlan(tx, communityId, { driverId: d.id }))
      throw new Conflict('evacuation.errors.withdraw_during_alert');
    await store.deleteDriver(tx, communityId, d.id);
  });
}

/** The actor's own driver registration, or null. */
export async function myDriver(ctx: Ctx): Promise<DriverView | null> {
  const { communityId, accountId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const d = await store.findDriverOf(ctx.db, communityId, accountId);
  return d ? (await driverViews(ctx, [d]))[0] : null;
}

/** A driver in full: the member they are, or a coordinator (logged). */
export async function getDriver(ctx: Ctx, driverId: string): Promise<DriverView & { mayEdit: boolean }> {
  const { communityId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const d = await store.findDriver(ctx.db, communityId, driverId);
  if (!d) throw new NotFound('evacuation.errors.driver_not_found');
  authorize(can.seeRegistration(ctx.actor, d), 'evacuation.errors.only_coordinators');
  if (d.accountId !== ctx.actor.accountId) await logRead(ctx, 'driver', d.id);
  const member = await store.findActiveMember(ctx.db, communityId, d.accountId);
  const [view] = await driverViews(ctx, [d]);
  return { ...view, mayEdit: Boolean(member && can.register(ctx.actor, member)) };
}

/** Every driver with home and phone (coordinators; logged). */
export async function listDrivers(ctx: Ctx): Promise<DriverView[]> {
  const { communityId } = requireRole(ctx, can.seeNetwork, 'evacuation.errors.only_coordinators');
  await logRead(ctx, 'drivers');
  return driverViews(ctx, await store.listDrivers(ctx.db, communityId));
}

// ── shelters ─────────────────────────────────────────────────────────────────────────────

/** A shelter and how many people households need or prefer to take there. */
export interface ShelterLoad extends ShelterView {
  /** People of households that need it. */
  needed: number;
  /** People of households that prefer it. */
  preferred: number;
}

/** The shelters (places of kind shelter) with their settings and who asks for them. Coordinators. */
export async function listShelters(ctx: Ctx): Promise<ShelterLoad[]> {
  const { communityId } = requireRole(ctx, can.manageShelters, 'evacuation.errors.only_coordinators');
  const households = await store.listHouseholds(ctx.db, communityId);
  const sum = (placeId: string, need: string) =>
    households
      .filter((h) => h.shelterId === placeId && h.shelterNeed === need)
      .reduce((n, h) => n + h.people, 0);
  return (await shelterViews(ctx.db, communityId)).map((s) => ({
    ...s,
    needed: sum(s.placeId, 'needed'),
    preferred: sum(s.placeId, 'preferred'),
  }));
}

/**
 * Sets a shelter's capacity (0: closed to the network), accessibility and pets. Coordinators.
 * During an alert, a shelter closed or shrunk below what its routes carry re-plans the day and
 * tells its drivers (`shelterShrunk`). Returns whether the day is being planned again.
 */
export async function saveShelter(ctx: Ctx, placeId: string, input: ShelterInput): Promise<boolean> {
  const { communityId } = requireRole(ctx, can.manageShelters, 'evacuation.errors.only_coordinators');
  const shelters = await shelterViews(ctx.db, communityId);
  if (!shelters.some((s) => s.placeId === placeId)) throw new NotFound('evacuation.errors.shelter_not_found');
  const now = iso(ctx.clock.now());
  return ctx.db.transaction().execute(async (tx) => {
    await store.saveShelter(
      tx,
      communityId,
      placeId,
      { capacity: input.capacity, accessible: input.accessible ? 1 : 0, pets: input.pets ? 1 : 0 },
      now,
    );
    return shelterShrunk(ctx, tx, communityId, placeId, input.capacity);
  });
}

export {
  driverChoices,
  getPlan,
  lockHousehold,
  makePlan,
  myRoute,
  routeCards,
  setBeforeStoreForTests,
  shelterChoices,
} from './planning.ts';
