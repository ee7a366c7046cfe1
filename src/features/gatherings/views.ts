/**
 * What the gatherings pages and the API read: the occurrences of a span or a month with their
 * counts, and one occurrence with who is coming, for its reader.
 */
import { requireMember } from '../../platform/access.ts';
import { occurrencesBetween, recurrenceOf } from '../../platform/calendar/recurrence.ts';
import type { CommunityContext, Ctx } from '../../platform/context.ts';
import type { Db, Gathering, GatheringKind, RsvpAnswer } from '../../platform/db/database.ts';
import { addDays, addMonths, addSeconds, iso } from '../../platform/db/time.ts';
import { NotFound } from '../../platform/errors.ts';
import { findPlace } from '../places/service.ts';
import { type CourseView, potluckOf } from './dishes.ts';
import { can } from './policy.ts';
import {
  checkHorizon,
  defaultWeeks,
  factsOf,
  loadGathering,
  loadManaged,
  startOf,
  tally,
} from './service.ts';
import * as store from './store.ts';

/** One occurrence as pages and the API show it (`OccurrenceOut`). */
export interface OccurrenceView {
  gatheringId: string;
  occurrence: string;
  kind: GatheringKind;
  title: string;
  placeId: string | null;
  placeName: string | null;
  address: string;
  startsAt: string;
  endsAt: string;
  local: string;
  capacity: number | null;
  going: number;
  maybe: number;
  waiting: number;
  placesLeft: number | null;
  myAnswer: RsvpAnswer | null;
  myGuests: number;
  myWaiting: boolean;
  isPublic: boolean;
  cancelled: boolean;
  /** When it was cancelled, an instant; null when it was not. */
  cancelledAt: string | null;
}

/**
 * The occurrences of the community's gatherings starting in [from, until) (instants), each
 * gathering expanded, with their counts and `accountId`'s answer; of `only` gatherings when given.
 * Ordered by start.
 */
export async function occurrenceViews(
  db: Db,
  community: CommunityContext,
  accountId: string | null,
  from: Date,
  until: Date,
  only?: (g: Gathering) => boolean,
): Promise<OccurrenceView[]> {
  const gatherings = (await store.listGatherings(db, community.id)).filter(
    (g) => g.hostStatus !== 'proposed' && (!only || only(g)),
  );
  if (gatherings.length === 0) return [];
  const rows = await store.listOccurrencesBetween(db, community.id, iso(from), iso(until));
  const rowOf = new Map(rows.map((r) => [`${r.gatheringId} ${r.occurrence}`, r]));
  const rsvps = await store.listRsvps(
    db,
    community.id,
    rows.map((r) => r.id),
  );
  const placeNames = new Map<string, string>();
  for (const id of new Set(gatherings.map((g) => g.placeId).filter((p): p is string => p !== null))) {
    const place = await findPlace(db, community.id, id);
    if (place) placeNames.set(id, place.name);
  }
  const out: OccurrenceView[] = [];
  for (const g of gatherings) {
    for (const o of occurrencesBetween(recurrenceOf(g), community.timeZone, from, until)) {
      const row = rowOf.get(`${g.id} ${o.key}`);
      const answers = row ? rsvps.filter((r) => r.occurrenceId === row.id) : [];
      const counts = tally(answers);
      const mine = accountId ? answers.find((r) => r.accountId === accountId) : undefined;
      out.push({
        gatheringId: g.id,
        occurrence: o.key,
        kind: g.kind,
        title: g.title,
        placeId: g.placeId,
        placeName: g.placeId ? (placeNames.get(g.placeId) ?? null) : null,
        address: g.address,
        startsAt: iso(o.start),
        // A date moved alone has its own end, kept on its row; the others last as the gathering does.
        endsAt:
          row && row.startsAt === iso(o.start)
            ? row.endsAt
            : iso(addSeconds(o.start, g.durationMinutes * 60)),
        local: o.local,
        capacity: g.capacity,
        ...counts,
        placesLeft: g.capacity === null ? null : Math.max(0, g.capacity - counts.going),
        myAnswer: mine?.answer ?? null,
        myGuests: mine?.guests ?? 0,
        myWaiting: mine?.waiting === 1,
        isPublic: g.isPublic === 1,
        cancelled: row?.cancelledAt != null,
        cancelledAt: row?.cancelledAt ?? null,
      });
    }
  }
  return out.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title));
}

/**
 * The coming gatherings: from local date `from` (default today) for `weeks` weeks (default 8).
 * Active members.
 */
export async function listGatherings(
  ctx: Ctx,
  query: { from?: string; weeks?: number } = {},
): Promise<{ gatherings: OccurrenceView[]; from: string; until: string }> {
  const member = requireMember(ctx);
  const { community } = member;
  const from = query.from ?? community.today();
  checkHorizon(community, 'from', from);
  const until = addDays(from, 7 * (query.weeks ?? defaultWeeks));
  // From now when the range starts today: one that already began is no longer "coming".
  const start = from === community.today() ? ctx.clock.now() : community.instant(from);
  const gatherings = await occurrenceViews(
    ctx.db,
    community,
    member.accountId,
    start,
    community.instant(until),
  );
  return { gatherings, from, until };
}

/** The gatherings of a local month `YYYY-MM` (active members), for the shared calendar. */
export async function monthGatherings(ctx: Ctx, month: string): Promise<OccurrenceView[]> {
  const member = requireMember(ctx);
  const { community } = member;
  checkHorizon(community, 'month', `${month}-01`);
  return occurrenceViews(
    ctx.db,
    community,
    member.accountId,
    community.instant(`${month}-01`),
    community.instant(`${addMonths(month, 1)}-01`),
  );
}

/** Someone who answered, as a member sees them. */
export interface Attendee {
  name: string;
  guests: number;
  visitor: boolean;
  accountId: string | null;
  /** The answer's id (an organizer may remove a visitor's). */
  answerId: string;
}

/** One occurrence in full: the view, the gathering, who answered, and what the actor may do. */
export interface OccurrenceDetail {
  gathering: Gathering;
  view: OccurrenceView;
  description: string;
  yes: Attendee[];
  maybeList: Attendee[];
  waitingList: Attendee[];
  started: boolean;
  mayManage: boolean;
  /** A potluck's courses and dishes; empty for another kind. */
  potluck: CourseView[];
}

/**
 * One occurrence of a gathering for `accountId` (null: a visitor, who is told nothing of who
 * answered): `NotFound('gatherings.occurrence_not_found')` if its rule gives none.
 */
export async function occurrenceDetail(
  ctx: Ctx,
  community: CommunityContext,
  g: Gathering,
  occurrence: string,
  accountId: string | null,
): Promise<OccurrenceDetail> {
  const start = startOf(g, community, occurrence);
  const [view] = (
    await occurrenceViews(
      ctx.db,
      community,
      accountId,
      new Date(start.getTime() - 60_000),
      new Date(start.getTime() + 60_000),
      (x) => x.id === g.id,
    )
  ).filter((o) => o.occurrence === occurrence);
  if (!view) throw new NotFound('gatherings.occurrence_not_found');
  const own = await store.findOccurrenceOf(ctx.db, community.id, g.id, occurrence);
  const rsvps = own && accountId ? await store.listRsvps(ctx.db, community.id, [own.id]) : [];
  const person = (r: (typeof rsvps)[number]): Attendee => ({
    name: r.displayName ?? r.visitorName ?? '',
    guests: r.guests,
    visitor: r.accountId === null,
    accountId: r.accountId,
    answerId: r.id,
  });
  return {
    gathering: g,
    view,
    description: g.description,
    yes: rsvps.filter((r) => r.answer === 'yes' && r.waiting === 0).map(person),
    maybeList: rsvps.filter((r) => r.answer === 'maybe').map(person),
    waitingList: rsvps.filter((r) => r.answer === 'yes' && r.waiting === 1).map(person),
    started: start <= ctx.clock.now(),
    mayManage: can.manage(ctx.actor, factsOf(g)),
    potluck:
      g.kind === 'potluck' ? await potluckOf(ctx.db, community.id, g.id, own?.id ?? null, accountId) : [],
  };
}

/** One occurrence of a gathering, for an active member. */
export async function getOccurrence(
  ctx: Ctx,
  gatheringId: string,
  occurrence: string,
): Promise<OccurrenceDetail> {
  const member = requireMember(ctx);
  const g = await loadGathering(ctx.db, member.communityId, gatheringId);
  return occurrenceDetail(ctx, member.community, g, occurrence, member.accountId);
}

/** A gathering, for its edit form (who organizes it). */
export async function getGatheringForm(ctx: Ctx, gatheringId: string): Promise<Gathering> {
  const member = requireMember(ctx);
  return loadManaged(ctx, ctx.db, member, gatheringId);
}
