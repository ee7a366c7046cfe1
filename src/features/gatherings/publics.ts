/**
 * Gatherings open to the public (issue 17: "a gathering marked public can be seen and joined
 * without an account"): its invite page, which anyone may read (when, where, how many are coming,
 * never who), and answer yes or maybe with a name and, if they wish, an email (kept for the
 * organizers, never shown); and the printable flyer whose QR code leads there. A gathering that
 * is not public is 404 to this page, as another community's is.
 */
import { requireCommunity, requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db, Gathering } from '../../platform/db/database.ts';
import { authorize, NotFound } from '../../platform/errors.ts';
import { can } from './policy.ts';
import { comingOccurrence, record } from './rsvps.ts';
import { factsOf, loadGathering, type OccurrenceDetail, occurrenceDetail } from './service.ts';

/** A public gathering of the context's community, to anyone; `NotFound('gatherings.not_found')` otherwise. */
async function loadPublic(ctx: Ctx, db: Db, gatheringId: string): Promise<Gathering> {
  const community = requireCommunity(ctx);
  const g = await loadGathering(db, community.id, gatheringId);
  if (!can.seeAsVisitor(ctx.actor, factsOf(g))) throw new NotFound('gatherings.not_found');
  return g;
}

/** The path of an occurrence's invite page. */
export function invitePath(slug: string, gatheringId: string, occurrence: string): string {
  return `/c/${slug}/gatherings/${gatheringId}/${occurrence}/invite`;
}

/** An occurrence of a public gathering as anyone sees it: counts, never names. */
export async function getInvite(
  ctx: Ctx,
  gatheringId: string,
  occurrence: string,
): Promise<OccurrenceDetail> {
  const community = requireCommunity(ctx);
  const g = await loadPublic(ctx, ctx.db, gatheringId);
  return occurrenceDetail(ctx, community, g, occurrence, null);
}

/** A visitor's answer (`VisitorRsvpIn` without the honeypot). */
export interface VisitorAnswer {
  name: string;
  email?: string;
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
      { visitor: { name: input.name, email: input.email ?? null } },
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
