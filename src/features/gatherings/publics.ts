/**
 * Gatherings open to the public (issue 17: "a gathering marked public can be seen and joined
 * without an account"): its invite page, which anyone may read (when, where, how many are coming,
 * never who), and answer yes or maybe with a name (no email: nothing would use it); and the
 * printable flyer whose QR code leads there. A gathering that is not public is 404 to this page,
 * as another community's is; one called off says so, and when.
 */

import { requireCommunity, requireMember } from '../../platform/access.ts';
import { localStartOf } from '../../platform/calendar/recurrence.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db, Gathering } from '../../platform/db/database.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { authorize, Conflict, NotFound } from '../../platform/errors.ts';
import { findPlace } from '../places/service.ts';
import { can } from './policy.ts';
import { comingOccurrence, record } from './rsvps.ts';
import { factsOf, loadGathering, type OccurrenceDetail, occurrenceDetail, startOf } from './service.ts';
import * as store from './store.ts';

/**
 * A public gathering of the context's community, to anyone; `NotFound('gatherings.not_found')`
 * otherwise. One called off: `Conflict('gatherings.called_off')` — its flyers are still on walls,
 * and whoever scans one is owed the reason, not "no such gathering".
 */
async function loadPublic(ctx: Ctx, db: Db, gatheringId: string): Promise<Gathering> {
  const g = await calledOffPublic(ctx, db, gatheringId);
  if (g) throw new Conflict('gatherings.called_off');
  return loadVisible(ctx, db, gatheringId);
}

async function loadVisible(ctx: Ctx, db: Db, gatheringId: string): Promise<Gathering> {
  const community = requireCommunity(ctx);
  const g = await loadGathering(db, community.id, gatheringId);
  if (!can.seeAsVisitor(ctx.actor, factsOf(g))) throw new NotFound('gatherings.not_found');
  return g;
}

/** The gathering if it was public and on the calendar when it was called off; undefined otherwise. */
async function calledOffPublic(ctx: Ctx, db: Db, gatheringId: string): Promise<Gathering | undefined> {
  const community = requireCommunity(ctx);
  const g = await store.findGathering(db, community.id, gatheringId);
  return g?.cancelledAt && g.hostStatus !== 'proposed' && can.seeAsVisitor(ctx.actor, factsOf(g))
    ? g
    : undefined;
}

/** A date of a public gathering that was called off, as its invite page still shows it. */
export interface CalledOffDate {
  title: string;
  /** The occurrence's local start `YYYY-MM-DDTHH:mm`, and its instants. */
  local: string;
  startsAt: string;
  endsAt: string;
  placeName: string | null;
  address: string;
  /** When the gathering was called off, an instant. */
  calledOffAt: string;
}

/** The path of an occurrence's invite page. */
export function invitePath(slug: string, gatheringId: string, occurrence: string): string {
  return `/c/${slug}/gatherings/${gatheringId}/${occurrence}/invite`;
}

/**
 * An occurrence of a public gathering as anyone sees it: counts, never names (`found`); of one
 * called off since, what it was and when it was called off (`calledOff`). A date the gathering
 * never had: `NotFound('gatherings.occurrence_not_found')`.
 */
export async function getInvite(
  ctx: Ctx,
  gatheringId: string,
  occurrence: string,
): Promise<{ found: OccurrenceDetail } | { calledOff: CalledOffDate }> {
  const community = requireCommunity(ctx);
  const off = await calledOffPublic(ctx, ctx.db, gatheringId);
  if (!off) {
    const g = await loadVisible(ctx, ctx.db, gatheringId);
    return { found: await occurrenceDetail(ctx, community, g, occurrence, null) };
  }
  const start = startOf(off, community, occurrence);
  // A date moved on its own has its own end; any other lasts as the gathering does.
  const row = await store.findOccurrenceOf(ctx.db, community.id, off.id, occurrence);
  const place = off.placeId ? await findPlace(ctx.db, community.id, off.placeId) : undefined;
  return {
    calledOff: {
      title: off.title,
      local: localStartOf(off, occurrence),
      startsAt: iso(start),
      endsAt: row?.endsAt ?? iso(addSeconds(start, off.durationMinutes * 60)),
      placeName: place?.name ?? null,
      address: off.address,
      calledOffAt: off.cancelledAt as string,
    },
  };
}

/** A visitor's answer (`VisitorRsvpIn` without the honeypot). */
export interface VisitorAnswer {
  name: string;
  answer: 'yes' | 'maybe';
  guests?: number;
}

/**
 * Records a visitor's answer to a coming occurrence of a public gathering, by the same rules as a
 * member's (capacity, waiting list, guests). Each answer is a new one: a visitor has no account to
 * find theirs by. Returns whether they wait for a place.
 */
export async function answerAsVisitor(
  ctx: Ctx,
  gatheringId: string,
  occurrence: string,
  input: VisitorAnswer,
): Promise<{ waiting: boolean }> {
  const community = requireCommunity(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const g = await loadPublic(ctx, tx, gatheringId);
    const row = await comingOccurrence(ctx, tx, community, g, occurrence);
    const done = await record(
      ctx,
      tx,
      community,
      g,
      row,
      { visitor: { name: input.name } },
      { answer: input.answer, guests: input.guests },
    );
    return { waiting: done.waiting };
  });
}

/**
 * What the flyer of an occurrence shows (who organizes it): the occurrence, and the URL its QR
 * code encodes. A gathering that is not public has no flyer (`Forbidden('gatherings.flyer_public_only')`):
 * its invite would be closed to whoever scans it.
 */
export async function getFlyer(
  ctx: Ctx,
  gatheringId: string,
  occurrence: string,
): Promise<{ found: OccurrenceDetail; url: string }> {
  const member = requireMember(ctx);
  const g = await loadGathering(ctx.db, member.communityId, gatheringId);
  authorize(can.manage(ctx.actor, factsOf(g)), 'gatherings.only_organizers');
  authorize(g.isPublic === 1, 'gatherings.flyer_public_only');
  const found = await occurrenceDetail(ctx, member.community, g, occurrence, null);
  const url = new URL(invitePath(member.community.slug, g.id, occurrence), ctx.config.baseUrl).href;
  return { found, url };
}
