/**
 * An alert through a personal link: a household's or driver's own part of the day, opened without
 * signing in (`links.ts`), where a household says it is safe or needs help and a driver taps their
 * steps; or a buddy's check on one household — its address and phone, what a check needs, only
 * while the alert is on — where the buddy says it is safe, needs help, or did not answer. Every opening writes the log of reads first (`alert_link`, the link's member as reader);
 * the changes are stored as the signed-in ones are (`recordMark`, `recordTap`), made by the link's
 * member. A link works only while its alert is on.
 */
import type { Ctx } from '../../platform/context.ts';
import { Invalid, NotFound } from '../../platform/errors.ts';
import { recordMark, recordTap } from './activation.ts';
import { linkPart, type MyDay } from './board.ts';
import { type BuddyMark, householdOf, readDay, type Tap } from './day.ts';
import { type OpenedLink, openLink } from './links.ts';
import { loadPlan } from './planning.ts';
import type { RouteView } from './service.ts';
import * as store from './store.ts';
import { findActiveAlert, listUpdates } from './store-activation.ts';

/** What an alert's personal link shows: whose it is, their part of the day, a driver's card. */
export interface LinkDay {
  /** The member the link is for. */
  name: string;
  /** Set for a household's link. */
  householdId: string | null;
  /** Set for a driver's link. */
  driverId: string | null;
  part: MyDay;
  /** A driver's route card in the day's plan, or null. */
  route: RouteView | null;
  /** A buddy's link: the household to check on — its name, address and phone, and where it stands. */
  check: {
    householdId: string;
    name: string;
    address: string;
    phone: string;
    state: ReturnType<typeof householdOf>['state'];
  } | null;
}

const invalid = () => new NotFound('evacuation.errors.link_invalid');

/** Opens the alert link `token` (logged) for the alert on now; `NotFound` in words otherwise. */
async function open(ctx: Ctx, token: string): Promise<{ link: OpenedLink; communityId: string }> {
  const link = await openLink(ctx, 'alert', token, 'alert_link');
  const communityId = ctx.community?.id as string;
  const alert = await findActiveAlert(ctx.db, communityId);
  if (!alert || alert.id !== link.occasion.id) throw invalid();
  return { link, communityId };
}

/** The part of the day the link `token` shows (a household's pickup, a driver's route). */
export async function linkDay(ctx: Ctx, token: string): Promise<LinkDay> {
  const { link, communityId } = await open(ctx, token);
  const alert = await findActiveAlert(ctx.db, communityId);
  if (!alert) throw invalid();
  if (link.buddy) {
    const h = await store.findHousehold(ctx.db, communityId, link.householdId as string);
    if (!h) throw invalid();
    const day = readDay(await listUpdates(ctx.db, communityId, alert.id));
    const names = await store.namesOf(ctx.db, [h.accountId]);
    return {
      name: link.name,
      householdId: null,
      driverId: null,
      part: { ...(await linkPart(ctx, communityId, alert, { driverId: '' })), household: null },
      route: null,
      check: {
        householdId: h.id,
        name: names.get(h.accountId) ?? '',
        address: h.address,
        phone: h.phone,
        state: householdOf(day, h.id).state,
      },
    };
  }
  const of = link.householdId ? { householdId: link.householdId } : { driverId: link.driverId as string };
  const part = await linkPart(ctx, communityId, alert, of);
  const route = link.driverId
    ? ((await loadPlan(ctx, communityId))?.routes.find((r) => r.driverId === link.driverId) ?? null)
    : null;
  return {
    name: link.name,
    householdId: link.householdId,
    driverId: link.driverId,
    part,
    route,
    check: null,
  };
}

/**
 * A household marks itself safe or needing help through its link, or its buddy marks it safe,
 * needing help or not answering through theirs (a driver's link: `NotFound`; `no_answer` through
 * the household's own link: `Invalid`, it is a buddy's word).
 */
export async function markByLink(ctx: Ctx, token: string, mark: { status: BuddyMark }): Promise<void> {
  const { link, communityId } = await open(ctx, token);
  if (!link.householdId) throw invalid();
  if (mark.status === 'no_answer' && !link.buddy)
    throw new Invalid([{ field: 'status', code: 'evacuation.errors.no_answer_buddy_only' }]);
  if (link.buddy) {
    const h = await store.findHousehold(ctx.db, communityId, link.householdId);
    if (!h) throw invalid();
    await recordMark(ctx, communityId, { id: h.id, accountId: h.accountId }, link.accountId, mark);
    return;
  }
  await recordMark(
    ctx,
    communityId,
    { id: link.householdId, accountId: link.accountId },
    link.accountId,
    mark,
  );
}

/** A driver taps a step through their link, in order as `tapRoute` (a household's link: `NotFound`). */
export async function tapByLink(
  ctx: Ctx,
  token: string,
  tap: { status: Tap; householdId?: string },
): Promise<void> {
  const { link, communityId } = await open(ctx, token);
  if (!link.driverId) throw invalid();
  await recordTap(ctx, communityId, link.driverId, link.accountId, tap);
}
