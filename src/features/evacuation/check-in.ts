/**
 * A drill's check-in: what a household's or driver's personal link shows them (their own details
 * and their answer, nothing else), and their answer — "all still right", what changed, "I can't
 * this month", or, for a driver, "I drove my route as a test". A change updates the registry in
 * the same transaction as the answer (the consent stays as it was given), and the answer keeps
 * each change as before → after for the report. A coordinator records the answer of a paper
 * member they phoned, the same way.
 */
import type { Static } from 'typebox';
import { requireRole } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type {
  BuddyFound,
  Db,
  EvacuationDrill,
  EvacuationDrillAnswer,
  EvacuationDriver,
  EvacuationHousehold,
} from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { authorize, Conflict, type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import { resolve } from '../../platform/notify/service.ts';
import { answerAbout } from './drills.ts';
import type { ChangeOut, CheckInInput, CheckInOut } from './drills-schema.ts';
import { openLink } from './links.ts';
import { can } from './policy.ts';
import { type Slot, slots } from './schema.ts';
import { availabilityOf, logRead } from './service.ts';
import * as store from './store.ts';
import { inAlertPlan } from './store-activation.ts';
import * as drills from './store-drills.ts';

/** One change: a field, and its value before and after, as text. */
export type Change = Static<typeof ChangeOut>;
/** What a check-in link shows. */
export type CheckInView = Static<typeof CheckInOut>;

/** The registration an answer is about, as stored. */
type Subject =
  | { household: EvacuationHousehold; driver?: undefined }
  | { driver: EvacuationDriver; household?: undefined };

/** The changes an answer holds (JSON in the row). */
export function changesOf(a: Pick<EvacuationDrillAnswer, 'changes'>): Change[] {
  return JSON.parse(a.changes) as Change[];
}

async function subjectOf(
  db: Db,
  communityId: string,
  a: Pick<EvacuationDrillAnswer, 'householdId' | 'driverId'>,
) {
  if (a.householdId) {
    const household = await store.findHousehold(db, communityId, a.householdId);
    return household && ({ household } as Subject);
  }
  const driver = await store.findDriver(db, communityId, a.driverId as string);
  return driver && ({ driver } as Subject);
}

/** Whether the driver has a route in the community's newest plan. */
async function hasRoute(db: Db, communityId: string, driverId: string): Promise<boolean> {
  const plan = await store.latestPlan(db, communityId);
  return Boolean(
    plan && (await store.listRoutes(db, communityId, plan.id)).some((r) => r.driverId === driverId),
  );
}

async function viewOf(
  db: Db,
  communityId: string,
  drill: EvacuationDrill,
  answer: EvacuationDrillAnswer,
  subject: Subject,
  name: string,
): Promise<CheckInView> {
  const { household: h, driver: d } = subject;
  return {
    drill: { id: drill.id, status: drill.status, message: drill.message, deadline: drill.deadline },
    kind: h ? 'household' : 'driver',
    name,
    household: h
      ? {
          people: h.people,
          wheelchairs: h.wheelchairs,
          pets: h.pets,
          phone: h.phone,
          address: h.address,
          hasPoint: h.latitude !== null,
        }
      : null,
    driver: d
      ? {
          vehicle: d.vehicle,
          seats: d.seats,
          wheelchairPlaces: d.wheelchairPlaces,
          availability: availabilityOf(d),
          phone: d.phone,
          hasRoute: await hasRoute(db, communityId, d.id),
        }
      : null,
    answer: {
      status: answer.status,
      answeredAt: answer.answeredAt,
      changes: changesOf(answer),
      note: answer.note,
      testDriveAt: answer.testDriveAt,
    },
  };
}

/** The link's drill, answer and registration, or `NotFound('evacuation.errors.link_invalid')`. */
async function loadByLink(db: Db, communityId: string, link: Awaited<ReturnType<typeof openLink>>) {
  const drill = await drills.findDrill(db, communityId, link.occasion.id);
  const answer = drill && (await drills.lockAnswerOf(db, communityId, drill.id, link));
  const subject = answer && (await subjectOf(db, communityId, answer));
  if (!drill || !answer || !subject) throw new NotFound('evacuation.errors.link_invalid');
  return { drill, answer, subject };
}

/**
 * What a buddy's drill link shows the buddy asked to check on a household that has not answered:
 * its name and phone (what a call needs, nothing else: no address, no needs), whether it has
 * answered since, and what the buddy recorded.
 */
export interface BuddyCheckView {
  drill: { id: string; status: EvacuationDrill['status']; deadline: string };
  /** The household's member's name. */
  name: string;
  phone: string;
  /** The household has answered its own check-in since (nothing left to check). */
  answered: boolean;
  found: BuddyFound | null;
  foundAt: string | null;
}

async function buddyView(
  db: Db,
  drill: EvacuationDrill,
  answer: EvacuationDrillAnswer,
  household: EvacuationHousehold,
): Promise<BuddyCheckView> {
  const names = await store.namesOf(db, [answer.accountId]);
  return {
    drill: { id: drill.id, status: drill.status, deadline: drill.deadline },
    name: names.get(answer.accountId) ?? '',
    phone: household.phone,
    answered: answer.status !== 'waiting',
    found: answer.buddyFound,
    foundAt: answer.buddyFoundAt,
  };
}

/**
 * What the drill link `token` shows: a household's or driver's own link, their own details and
 * answer (`own`); a buddy's link, what checking on the household needs (`buddy`). Anyone holding
 * the link; the opening is logged (a buddy's as `buddy_check`, a read of the household's data).
 * `NotFound('evacuation.errors.link_invalid')` when the link does not work.
 */
export async function openCheckIn(
  ctx: Ctx,
  token: string,
): Promise<{ own: CheckInView; buddy?: undefined } | { buddy: BuddyCheckView; own?: undefined }> {
  const link = await openLink(ctx, 'drill', token, 'check_in');
  const communityId = ctx.community?.id as string;
  const { drill, answer, subject } = await loadByLink(ctx.db, communityId, link);
  if (link.buddy && subject.household)
    return { buddy: await buddyView(ctx.db, drill, answer, subject.household) };
  return { own: await viewOf(ctx.db, communityId, drill, answer, subject, link.name) };
}

/**
 * The household's or driver's own check-in through the drill link `token` (the API): as
 * `openCheckIn`, and a buddy's link is `NotFound('evacuation.errors.link_invalid')` here — it
 * never shows the household's details or takes its answer.
 */
export async function checkIn(ctx: Ctx, token: string): Promise<CheckInView> {
  const opened = await openCheckIn(ctx, token);
  if (!opened.own) throw new NotFound('evacuation.errors.link_invalid');
  return opened.own;
}

/**
 * The buddy records through their drill link `token` what they found: `reached` or `not_reached`
 * (given again, it replaces the first), on the household's answer with when and by whom, for the
 * report. `NotFound('evacuation.errors.link_invalid')` for a link that does not work or is not a
 * buddy's; `Conflict('evacuation.errors.drill_ended')` once the drill is closed or cancelled.
 */
export async function recordBuddyCheck(ctx: Ctx, token: string, found: BuddyFound): Promise<BuddyCheckView> {
  const link = await openLink(ctx, 'drill', token, 'check_in');
  const communityId = ctx.community?.id as string;
  if (!link.buddy) throw new NotFound('evacuation.errors.link_invalid');
  return ctx.db.transaction().execute(async (tx) => {
    const { drill, answer, subject } = await loadByLink(tx, communityId, link);
    if (drill.status !== 'open') throw new Conflict('evacuation.errors.drill_ended');
    if (!subject.household) throw new NotFound('evacuation.errors.link_invalid');
    const at = iso(ctx.clock.now());
    await drills.setBuddyFound(tx, communityId, answer.id, found, at, link.accountId);
    return buddyView(
      tx,
      drill,
      { ...answer, buddyFound: found, buddyFoundAt: at, buddyFoundBy: link.accountId },
      subject.household,
    );
  });
}

/** The answer through the drill link `token`; throws as `checkIn`, and as `applyAnswer`. Returns the new view. */
export async function answerCheckIn(ctx: Ctx, token: string, input: CheckInInput): Promise<CheckInView> {
  const link = await openLink(ctx, 'drill', token, 'check_in');
  // A buddy's link never answers for the household.
  if (link.buddy) throw new NotFound('evacuation.errors.link_invalid');
  const communityId = ctx.community?.id as string;
  return ctx.db.transaction().execute(async (tx) => {
    const { drill, answer, subject } = await loadByLink(tx, communityId, link);
    const after = await applyAnswer(ctx, tx, drill, answer, subject, input, null);
    return viewOf(tx, communityId, drill, after.answer, after.subject, link.name);
  });
}

/** The drill's answer `answerId` and its registration, for a coordinator who may record it (see `recordAnswer`). */
async function loadForCoordinator(ctx: Ctx, db: Db, drillId: string, answerId: string) {
  const { communityId } = requireRole(ctx, can.runDrills, 'evacuation.errors.only_coordinators');
  const drill = await drills.findDrill(db, communityId, drillId);
  const answer = drill && (await drills.lockAnswer(db, communityId, drillId, answerId));
  const subject = answer && (await subjectOf(db, communityId, answer));
  if (!drill || !answer || !subject) throw new NotFound('evacuation.errors.answer_not_found');
  const member = await store.findActiveMember(db, communityId, answer.accountId);
  authorize(Boolean(member && can.register(ctx.actor, member)), 'evacuation.errors.only_self_or_paper');
  return { drill, answer, subject, name: member?.displayName ?? '' };
}

/**
 * What a coordinator recording a paper member's answer sees: the check-in of that household or
 * driver (logged as a read of it). Throws as `recordAnswer`.
 */
export async function answerToRecord(ctx: Ctx, drillId: string, answerId: string): Promise<CheckInView> {
  const { drill, answer, subject, name } = await loadForCoordinator(ctx, ctx.db, drillId, answerId);
  await logRead(ctx, 'check_in', answer.householdId ?? answer.driverId);
  return viewOf(ctx.db, drill.communityId, drill, answer, subject, name);
}

/**
 * A coordinator records the answer of a paper member they phoned (the member a coordinator may
 * register: `Forbidden('evacuation.errors.only_self_or_paper')` for one who can sign in and answer
 * themselves). `NotFound` for another community's drill or answer.
 */
export async function recordAnswer(
  ctx: Ctx,
  drillId: string,
  answerId: string,
  input: CheckInInput,
): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { drill, answer, subject } = await loadForCoordinator(ctx, tx, drillId, answerId);
    await applyAnswer(ctx, tx, drill, answer, subject, input, ctx.actor.accountId);
  });
}

const householdFields = ['people', 'wheelchairs', 'pets', 'phone', 'address'] as const;
const driverFields = ['seats', 'wheelchairPlaces', 'availability'] as const;

/** Text of a value for the report's before → after. */
const said = (v: unknown) => (Array.isArray(v) ? v.join(',') : String(v ?? ''));

/**
 * Writes the answer (in `tx`): checks the drill is open (`Conflict('evacuation.errors.drill_ended')`),
 * that the fields belong to the registration (`Invalid`: `household_only`, `driver_only`), the
 * registry's rules (wheelchairs ≤ people, a car with room), then changes the registry (a blank
 * phone or address is unchanged; a change is `Conflict('evacuation.errors.registry_during_alert')`
 * while an alert plans the registration), and keeps the changes before → after. `by`: the coordinator recording it, or
 * null through the link.
 */
async function applyAnswer(
  ctx: Ctx,
  tx: Db,
  drill: EvacuationDrill,
  answer: EvacuationDrillAnswer,
  subject: Subject,
  input: CheckInInput,
  by: string | null,
): Promise<{ answer: EvacuationDrillAnswer; subject: Subject }> {
  if (drill.status !== 'open') throw new Conflict('evacuation.errors.drill_ended');
  const communityId = drill.communityId;
  const now = iso(ctx.clock.now());
  const errors: FieldError[] = [];
  const foreign = subject.household ? driverFields : householdFields;
  for (const field of foreign)
    if (input[field] !== undefined)
      errors.push({
        field,
        code: subject.household ? 'evacuation.errors.driver_only' : 'evacuation.errors.household_only',
      });
  if (errors.length) throw new Invalid(errors);

  const changes = changesOf(answer);
  const note = input.note?.trim() ?? answer.note;
  let status = answer.status;
  let seats = answer.seats;
  let testDriveAt = answer.testDriveAt;
  let next = subject;

  if (input.answer === 'unavailable') status = 'unavailable';
  if (input.answer === 'test_drive') {
    if (!subject.driver || !(await hasRoute(tx, communityId, subject.driver.id)))
      invalidAnswer('evacuation.errors.no_route_to_test');
    testDriveAt = now;
    if (status === 'waiting') status = 'confirmed';
    seats ??= subject.driver?.seats ?? null;
  }
  if (input.answer === 'confirm') {
    const found: Change[] = [];
    if (subject.household) {
      const h = subject.household;
      const after = {
        people: input.people ?? h.people,
        wheelchairs: input.wheelchairs ?? h.wheelchairs,
        pets: input.pets ?? h.pets,
        // Blank is "unchanged": a field cleared by mistake must not erase how to reach or find them.
        phone: input.phone?.trim() || h.phone,
        address: input.address?.trim() || h.address,
      };
      if (after.wheelchairs > after.people)
        throw new Invalid([{ field: 'wheelchairs', code: 'evacuation.errors.wheelchairs_more_than_people' }]);
      const values: Record<string, unknown> = {};
      for (const field of householdFields)
        if (after[field] !== h[field]) {
          found.push({ field, before: said(h[field]), after: said(after[field]) });
          values[field] = after[field];
        }
      // A new address: the old pin would send a driver to the old home.
      if (values.address !== undefined) Object.assign(values, { latitude: null, longitude: null });
      if (found.length) {
        await refuseDuringAlert(tx, communityId, { householdId: h.id });
        await drills.updateHouseholdDetails(tx, communityId, h.id, values, now);
        next = { household: { ...h, ...values, updatedAt: now } as EvacuationHousehold };
      }
    } else {
      const d = subject.driver;
      const availability: Slot[] = input.availability
        ? slots.filter((s) => input.availability?.includes(s))
        : availabilityOf(d);
      const after = {
        seats: input.seats ?? d.seats,
        wheelchairPlaces: input.wheelchairPlaces ?? d.wheelchairPlaces,
        availability: availability.join(','),
      };
      if (after.seats + after.wheelchairPlaces < 1)
        throw new Invalid([{ field: 'seats', code: 'evacuation.errors.no_room' }]);
      const before = {
        seats: d.seats,
        wheelchairPlaces: d.wheelchairPlaces,
        availability: availabilityOf(d).join(','),
      };
      const values: Record<string, unknown> = {};
      for (const field of driverFields)
        if (after[field] !== before[field]) {
          found.push({ field, before: said(before[field]), after: said(after[field]) });
          values[field] = after[field];
        }
      if (found.length) {
        await refuseDuringAlert(tx, communityId, { driverId: d.id });
        await drills.updateDriverDetails(tx, communityId, d.id, values, now);
        next = { driver: { ...d, ...values, updatedAt: now } as EvacuationDriver };
      }
      seats = after.seats;
    }
    changes.push(...found);
    status = changes.length ? 'changed' : 'confirmed';
  }
  const values = {
    status,
    answeredAt: now,
    answeredBy: by,
    changes: JSON.stringify(changes),
    note,
    seats,
    testDriveAt,
  };
  await drills.updateAnswer(tx, communityId, answer.id, values);
  // The check-in asked in the member's "needs me" is settled, whoever answered.
  await resolve(ctx, tx, communityId, answerAbout(answer.id));
  return { answer: { ...answer, ...values }, subject: next };
}

/** A change to a registration an alert on now plans: `Conflict` (the day runs on it as it was; changes go by phone). */
async function refuseDuringAlert(
  tx: Db,
  communityId: string,
  who: { householdId: string } | { driverId: string },
) {
  if (await inAlertPlan(tx, communityId, who)) throw new Conflict('evacuation.errors.registry_during_alert');
}

function invalidAnswer(code: string): never {
  throw new Invalid([{ field: 'answer', code }]);
}
