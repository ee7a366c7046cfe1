/**
 * Gatherings: weekly meetings, potlucks, workshops and language tables, once or repeating, at a
 * place of the community or an address, with answers (yes, maybe, no, with guests) and a capacity
 * with a waiting list. Each write follows the same order: validate, load, authorize, check state,
 * write in one transaction, tell who should know (`notify`, inside it).
 *
 * Occurrences are computed from their gathering when read (`platform/calendar`, as shifts'), not
 * stored ahead; a `gathering_occurrence` row is made the first time someone acts on one (answers,
 * cancels it), keyed by the local start the rule gave.
 */
import { type Member, requireMember } from '../../platform/access.ts';
import {
  checkRecurrence,
  isOccurrence,
  localStartOf,
  type Recurrence,
  recurrenceOf,
  ruleOfForm,
} from '../../platform/calendar/recurrence.ts';
import type { CommunityContext, Ctx, Services } from '../../platform/context.ts';
import type { Db, Gathering, GatheringKind, RsvpAnswer } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { authorize, type FieldError, Invalid, invalid, NotFound } from '../../platform/errors.ts';
import { type NotificationKind, personal } from '../../platform/notify/kinds.ts';
import type { Param } from '../../platform/notify/render.ts';
import { notify } from '../../platform/notify/service.ts';
import { findPlace, livePlaces } from '../places/service.ts';
import { can, type GatheringFacts } from './policy.ts';
import type { repeats } from './schema.ts';
import * as store from './store.ts';

/** The kinds of notification gatherings send. */
export const gatheringKinds: NotificationKind[] = [
  /** A gathering one said yes to was cancelled or moved; a place opened for one waiting. */
  { name: 'gatherings.changes', defaults: personal },
  /** Before a gathering one said yes to. */
  { name: 'gatherings.reminders', defaults: personal },
  /** A workshop one is asked to host, and the host's answer to who asked. */
  {
    name: 'gatherings.hosting',
    defaults: personal,
    asks: { 'gatherings.mail.host_asked.subject': 'gatherings.host' },
  },
];

/** How many weeks the list shows unless asked. */
export const defaultWeeks = 8;
/** How many years ahead an occurrence may be seen, answered, cancelled or moved. */
export const horizonYears = 2;
/** The longest a gathering may last, in minutes (a weekend camp). */
export const longestMinutes = 7 * 24 * 60;

/** What the policy needs of a gathering. */
export function factsOf(g: Gathering): GatheringFacts {
  return {
    createdBy: g.createdBy,
    acceptedHostId: g.hostStatus === 'accepted' ? g.hostId : null,
    isPublic: g.isPublic === 1,
  };
}

/**
 * A gathering of the community that is on the calendar: `NotFound('gatherings.not_found')` for
 * another community's, one called off, or a workshop its host has not accepted yet.
 */
export async function loadGathering(db: Db, communityId: string, gatheringId: string): Promise<Gathering> {
  const g = await store.findGathering(db, communityId, gatheringId);
  if (!g || g.cancelledAt || g.hostStatus === 'proposed') throw new NotFound('gatherings.not_found');
  return g;
}

/** A gathering the actor organizes (403 `gatherings.only_organizers`; 404 for another community's). */
export async function loadManaged(ctx: Ctx, db: Db, member: Member, gatheringId: string): Promise<Gathering> {
  const g = await loadGathering(db, member.communityId, gatheringId);
  authorize(can.manage(ctx.actor, factsOf(g)), 'gatherings.only_organizers');
  return g;
}

/** A gathering as a form or the API gives it (`GatheringIn`). */
export interface GatheringInput {
  kind?: GatheringKind;
  title: string;
  description?: string;
  placeId?: string;
  address?: string;
  startDate: string;
  startTime: string;
  endDate?: string;
  endTime: string;
  repeat: (typeof repeats)[number];
  until?: string;
  seasonFrom?: string;
  seasonUntil?: string;
  exceptions?: string;
  capacity?: number;
  isPublic?: boolean;
}

/** Minutes from `start` (`YYYY-MM-DDTHH:mm`) to `end`, as wall times (the same in floating time). */
function wallMinutes(start: string, end: string): number {
  return (Date.parse(`${end}:00Z`) - Date.parse(`${start}:00Z`)) / 60_000;
}

/** The calendar core's fields, named as the form names them. */
const formField: Record<string, string> = {
  start: 'startDate',
  rule: 'repeat',
  season: 'seasonFrom',
  exceptions: 'exceptions',
};

/**
 * Checks a gathering's input and returns its columns: an end after the start (within a week), a
 * place or an address (not both), a season given whole, an end of repetition not before the
 * start, exceptions as dates, and a recurrence that produces a date. Throws `Invalid` naming every
 * refused field: `endTime` (`gatherings.ends_before_start`), `endDate` (`gatherings.too_long`),
 * `address` (`gatherings.place_or_address`), `seasonFrom`/`seasonUntil` (`gatherings.season_both`),
 * `until` (`gatherings.until_before_start`), and the calendar core's codes.
 */
function gatheringColumns(input: GatheringInput) {
  const errors: FieldError[] = [];
  const start = `${input.startDate}T${input.startTime}`;
  const duration = wallMinutes(start, `${input.endDate ?? input.startDate}T${input.endTime}`);
  if (!(duration > 0)) errors.push({ field: 'endTime', code: 'gatherings.ends_before_start' });
  else if (duration > longestMinutes)
    errors.push({ field: 'endDate', code: 'gatherings.too_long', params: { days: 7 } });
  if (input.placeId && input.address) errors.push({ field: 'address', code: 'gatherings.place_or_address' });
  if (Boolean(input.seasonFrom) !== Boolean(input.seasonUntil)) {
    errors.push({ field: input.seasonFrom ? 'seasonUntil' : 'seasonFrom', code: 'gatherings.season_both' });
  }
  if (input.until && input.until < input.startDate) {
    errors.push({ field: 'until', code: 'gatherings.until_before_start' });
  }
  const exceptions = (input.exceptions ?? '').split(/[\s,]+/).filter(Boolean);
  const recurrence: Recurrence = {
    start,
    rule: ruleOfForm(input.startDate, input.repeat, input.until),
    season:
      input.seasonFrom && input.seasonUntil ? { from: input.seasonFrom, until: input.seasonUntil } : null,
    exceptions,
  };
  if (errors.length === 0) {
    try {
      checkRecurrence(recurrence);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      errors.push(...e.fields.map((f) => ({ ...f, field: formField[f.field] ?? f.field })));
    }
  }
  if (errors.length) throw new Invalid(errors);
  return {
    kind: input.kind ?? 'gathering',
    title: input.title,
    description: input.description ?? '',
    placeId: input.placeId ?? null,
    address: input.address ?? '',
    startLocal: recurrence.start,
    durationMinutes: duration,
    rule: recurrence.rule,
    seasonFrom: recurrence.season?.from ?? null,
    seasonUntil: recurrence.season?.until ?? null,
    exceptions: exceptions.join(','),
    capacity: input.capacity ?? null,
    isPublic: input.isPublic ? 1 : 0,
  };
}

/** A live place of the community, or `NotFound('gatherings.place_not_found')`. */
async function checkPlace(db: Db, communityId: string, placeId: string | null): Promise<void> {
  if (!placeId) return;
  const place = await findPlace(db, communityId, placeId);
  if (!place || place.archivedAt) throw new NotFound('gatherings.place_not_found');
}

/** The live places a gathering may be at, for the forms. */
export async function placeChoices(ctx: Ctx): Promise<{ id: string; name: string }[]> {
  const member = requireMember(ctx);
  return (await livePlaces(ctx.db, member.communityId)).map((p) => ({ id: p.id, name: p.name }));
}

/** Whether the actor may organize a gathering; for the pages' links. */
export function mayAdd(ctx: Ctx): boolean {
  return can.addGathering(ctx.actor);
}

/**
 * Sets a gathering up: any active member; a public one, stewards only
 * (`Forbidden('gatherings.only_stewards_public')`). A place of another community, or archived, is
 * 404. `extra` are columns a caller adds (a workshop's skill and host).
 */
export function addGathering(
  ctx: Ctx,
  input: GatheringInput,
  extra: Partial<Pick<Gathering, 'skill' | 'hostId' | 'hostStatus'>> = {},
): Promise<Gathering> {
  return ctx.db.transaction().execute((tx) => addGatheringIn(ctx, tx, input, extra));
}

/** `addGathering` in the caller's transaction `tx` (a workshop proposal asks its host in the same one). */
export async function addGatheringIn(
  ctx: Ctx,
  tx: Db,
  input: GatheringInput,
  extra: Partial<Pick<Gathering, 'skill' | 'hostId' | 'hostStatus'>> = {},
): Promise<Gathering> {
  const member = requireMember(ctx);
  authorize(can.addGathering(ctx.actor), 'errors.members_only');
  if (input.isPublic) authorize(can.makePublic(ctx.actor), 'gatherings.only_stewards_public');
  const columns = gatheringColumns(input);
  await checkPlace(tx, member.communityId, columns.placeId);
  const now = iso(ctx.clock.now());
  const id = await store.insertGathering(tx, {
    ...columns,
    ...extra,
    communityId: member.communityId,
    createdBy: member.accountId,
    createdAt: now,
    updatedAt: now,
  });
  return (await store.findGathering(tx, member.communityId, id)) as Gathering;
}

/** What may change of a gathering (`GatheringChangeIn`). */
export interface GatheringChange {
  title?: string;
  description?: string;
  placeId?: string | null;
  address?: string;
  capacity?: number | null;
  isPublic?: boolean;
}

/**
 * Changes what a gathering is, for all its occurrences (who organizes it). Refuses a capacity
 * below the people already coming to one of its coming occurrences (`Invalid` on `capacity`:
 * `gatherings.capacity_below_going`), a place and an address together, and making it public or
 * private to anyone but a steward. A larger capacity lets the waiting lists in, in order.
 */
export async function changeGathering(
  ctx: Ctx,
  gatheringId: string,
  input: GatheringChange,
): Promise<Gathering> {
  const member = requireMember(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const g = await loadManaged(ctx, tx, member, gatheringId);
    if (input.isPublic !== undefined && input.isPublic !== (g.isPublic === 1)) {
      authorize(can.makePublic(ctx.actor), 'gatherings.only_stewards_public');
    }
    const placeId = input.placeId !== undefined ? input.placeId : g.placeId;
    const address = input.address !== undefined ? input.address : g.address;
    if (placeId && address) invalid('address', 'gatherings.place_or_address');
    await checkPlace(tx, member.communityId, placeId);
    const now = iso(ctx.clock.now());
    const coming = await store.listOccurrencesFrom(tx, member.communityId, g.id, now);
    if (input.capacity !== undefined && input.capacity !== null) {
      const rsvps = await store.listRsvps(
        tx,
        member.communityId,
        coming.map((o) => o.id),
      );
      const most = Math.max(
        0,
        ...coming.map((o) => tally(rsvps.filter((r) => r.occurrenceId === o.id)).going),
      );
      if (input.capacity < most) invalid('capacity', 'gatherings.capacity_below_going', { count: most });
    }
    await store.updateGathering(tx, member.communityId, g.id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      placeId,
      address,
      ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
      ...(input.isPublic !== undefined ? { isPublic: input.isPublic ? 1 : 0 } : {}),
      updatedAt: now,
    });
    const changed = (await store.findGathering(tx, member.communityId, g.id)) as Gathering;
    if (input.capacity !== undefined) {
      for (const o of coming) await letWaitingIn(ctx, tx, member.community, changed, o.id, o.occurrence);
    }
    return changed;
  });
}

/** An answer as counted: who, how many with them, and whether they wait. */
export interface Answered {
  answer: RsvpAnswer;
  waiting: number;
  guests: number;
}

/** Headcounts of answers (guests included): coming, maybe, waiting. */
export function tally(rsvps: readonly Answered[]): { going: number; maybe: number; waiting: number } {
  const sum = (f: (r: Answered) => boolean) => rsvps.filter(f).reduce((n, r) => n + 1 + r.guests, 0);
  return {
    going: sum((r) => r.answer === 'yes' && r.waiting === 0),
    maybe: sum((r) => r.answer === 'maybe'),
    waiting: sum((r) => r.answer === 'yes' && r.waiting === 1),
  };
}

/**
 * Lets the waiting list of an occurrence in, in the order they answered, while the first waiting
 * fits in the places left (a later, smaller party never passes the first: the list stays fair),
 * and tells each one let in. The occurrence row must be locked by the caller's transaction.
 */
export async function letWaitingIn(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  community: CommunityContext,
  g: Gathering,
  occurrenceId: string,
  occurrence: string,
): Promise<void> {
  const rsvps = await store.listRsvps(tx, community.id, [occurrenceId]);
  let left = g.capacity === null ? Number.POSITIVE_INFINITY : g.capacity - tally(rsvps).going;
  const letIn: string[] = [];
  for (const r of rsvps.filter((x) => x.answer === 'yes' && x.waiting === 1)) {
    if (1 + r.guests > left) break;
    left -= 1 + r.guests;
    await store.updateRsvp(tx, community.id, r.id, { waiting: 0 });
    if (r.accountId) letIn.push(r.accountId);
  }
  await tell(s, tx, community, 'gatherings.changes', letIn, 'let_in', g, occurrence);
}

/**
 * Refuses a local day (`YYYY-MM-DD…`) more than `horizonYears` after today there (`Invalid`
 * `field` `gatherings.beyond_horizon`): a rule without end gives occurrences up to the year 9999;
 * and one more than `horizonYears` before it (`gatherings.before_horizon`): nothing is planned
 * that far back, and the calendar's weeks cannot begin before the year 1.
 */
export function checkHorizon(community: CommunityContext, field: string, day: string): void {
  if (!withinHorizon(community, day))
    invalid(field, 'gatherings.beyond_horizon', { count: horizonYears, years: horizonYears });
  if (day.slice(0, 10) < horizonDay(community, -horizonYears))
    invalid(field, 'gatherings.before_horizon', { count: horizonYears });
}

/** Today's local date there, `years` later (earlier when negative), `YYYY-MM-DD`. */
function horizonDay(community: CommunityContext, years: number): string {
  const today = community.today();
  return `${String(Number(today.slice(0, 4)) + years).padStart(4, '0')}${today.slice(4)}`;
}

/** Whether the local day `day` (`YYYY-MM-DD…`) is at most `horizonYears` after today there. */
export function withinHorizon(community: CommunityContext, day: string): boolean {
  return day.slice(0, 10) <= horizonDay(community, horizonYears);
}

/**
 * The instant occurrence `occurrence` of `g` starts at, checked to be within the horizon and one
 * the rule gives (`NotFound('gatherings.occurrence_not_found')` otherwise).
 */
export function startOf(g: Gathering, community: CommunityContext, occurrence: string): Date {
  checkHorizon(community, 'occurrence', occurrence);
  if (!isOccurrence(recurrenceOf(g), occurrence)) throw new NotFound('gatherings.occurrence_not_found');
  return community.instant(localStartOf(g, occurrence));
}

/** Tells `to` about an occurrence (`gatherings.mail.<key>`), its day and time in their own language. */
export async function tell(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  community: CommunityContext,
  kind: string,
  to: readonly string[],
  key: string,
  g: Gathering,
  occurrence: string,
  params: Record<string, Param> = {},
): Promise<void> {
  await notify(s, tx, {
    kind,
    community,
    to,
    about: { type: 'gathering', id: g.id },
    path: `/gatherings/${g.id}/${occurrence}`,
    text: { subject: `gatherings.mail.${key}.subject`, body: `gatherings.mail.${key}.body` },
    params: {
      title: g.title,
      day: { day: localStartOf(g, occurrence).slice(0, 10) },
      time: localStartOf(g, occurrence).slice(11),
      ...params,
    },
  });
}

export { type CalendarEntry, comingEntries, monthEntries } from './calendar.ts';
export { addDish, bringDish, type CourseView, potluckOf, removeDish, setDishNeeds } from './dishes.ts';
export { memberGatheringEvents } from './feeds.ts';
export { cancelGathering, cancelOccurrence, changeTime } from './occurrences.ts';
export { answerAsVisitor, getFlyer, getInvite, invitePath, type VisitorAnswer } from './publics.ts';
export { answer, endAnswers, removeVisitorAnswer } from './rsvps.ts';
export {
  type Attendee,
  getGatheringForm,
  getOccurrence,
  listGatherings,
  monthGatherings,
  type OccurrenceDetail,
  type OccurrenceView,
  occurrenceDetail,
  occurrenceViews,
} from './views.ts';
export {
  answerHosting,
  endProposals,
  getProposal,
  hostsFor,
  myProposals,
  type Proposal,
  proposeWorkshop,
  type WorkshopInput,
  withdrawProposal,
} from './workshops.ts';
