/**
 * iCalendar feeds calendar apps subscribe to (`platform/calendar/ical.ts`):
 * - a member's own, at a secret URL (`/calendar/<token>.ics`): their shifts, the gatherings they
 *   said yes or maybe to (written by the gatherings feature) and the things they borrowed, due
 *   back, in every community they are an active member of. The token is kept only
 *   as its SHA-256 (as sessions are); making a new one ends the old URL. A URL cannot be signed
 *   in to, so the secret is the only key: it never goes to the logs (`http/log-redact.ts`).
 * - a place's public one (`/c/:community/shifts/places/:place/shifts.ics`): its coming shifts
 *   and the places still open, never who signed up (the places publish no volunteer names). A
 *   fridge's or pantry's feed is public, as its page is; another place's is for members.
 */
import { requireMember, requireSignedIn } from '../../platform/access.ts';
import { hashToken } from '../../platform/auth/sessions.ts';
import { type FeedEvent, feedText } from '../../platform/calendar/ical.ts';
import { type Ctx, contextFor, type Services } from '../../platform/context.ts';
import { newToken } from '../../platform/db/ids.ts';
import { addDays, addSeconds, iso } from '../../platform/db/time.ts';
import { NotFound } from '../../platform/errors.ts';
import { listMyCommunities } from '../communities/service.ts';
import { memberGatheringEvents } from '../gatherings/service.ts';
import { listMyLoans } from '../library/service.ts';
import { findPlace, hasPublicPage } from '../places/service.ts';
import { shiftsOfPlace } from './service.ts';
import * as store from './store.ts';

/** How far back and ahead a member's feed reaches, in days. */
const pastDays = 30;
const aheadDays = 120;

/** The URL of a member's feed for `token`. */
export function feedUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, '')}/calendar/${token}.ics`;
}

/** Whether the signed-in account has a feed. */
export async function hasFeed(ctx: Ctx): Promise<boolean> {
  const accountId = requireSignedIn(ctx);
  return Boolean(await store.findFeed(ctx.db, accountId));
}

/**
 * Makes the signed-in account's feed a new secret URL and returns it: the old one, if any,
 * stops working at once. The token is shown now and never again (only its hash is kept).
 */
export async function rotateFeed(ctx: Ctx): Promise<string> {
  const accountId = requireSignedIn(ctx);
  const token = newToken();
  await ctx.db
    .transaction()
    .execute((tx) => store.saveFeed(tx, accountId, hashToken(token), iso(ctx.clock.now())));
  return feedUrl(ctx.config.baseUrl, token);
}

/** The member's feed as text for `token`; `NotFound` for a token that is not (or no longer) one. */
export async function memberFeed(s: Services, token: string): Promise<string> {
  const feed = await store.findFeedByHash(s.db, hashToken(token));
  if (!feed) throw new NotFound('shifts.feed_not_found');
  const now = s.clock.now();
  const host = new URL(s.config.baseUrl).host;
  const events: FeedEvent[] = [];
  for (const c of await listMyCommunities(s, feed.accountId)) {
    if (c.myStatus !== 'active') continue;
    const ctx = await contextFor(s, { accountId: feed.accountId, communityId: c.id });
    const base = `${s.config.baseUrl.replace(/\/$/, '')}/c/${c.slug}`;
    for (const shift of await store.listShiftsOf(
      s.db,
      c.id,
      feed.accountId,
      iso(addSeconds(now, -pastDays * 86400)),
      iso(addSeconds(now, aheadDays * 86400)),
    )) {
      events.push({
        uid: `shift-${shift.seriesId}-${shift.occurrence}@${host}`,
        start: new Date(shift.startsAt),
        end: new Date(shift.endsAt),
        summary: shift.title,
        description: shift.description || null,
        location: shift.placeName,
        url: `${base}/shifts/${shift.seriesId}/${shift.occurrence}`,
        cancelled: shift.cancelledAt !== null,
        ...revision(shift.seriesCreatedAt, shift.seriesUpdatedAt, shift.cancelledAt),
      });
    }
    events.push(
      ...(await memberGatheringEvents(
        s.db,
        c.id,
        feed.accountId,
        iso(addSeconds(now, -pastDays * 86400)),
        iso(addSeconds(now, aheadDays * 86400)),
        base,
        host,
      )),
    );
    const { borrowing } = await listMyLoans(ctx);
    for (const loan of borrowing.filter((l) => l.status === 'approved' || l.status === 'out')) {
      // A day, not a time: the end is the next day (RFC 5545 §3.6.1, DTEND of a DATE is exclusive).
      events.push({
        uid: `loan-${loan.id}@${host}`,
        start: new Date(`${loan.dueOn}T00:00:00Z`),
        end: new Date(`${addDays(loan.dueOn, 1)}T00:00:00Z`),
        allDay: true,
        summary: ctx.t('shifts.feed.loan_due', { item: loan.itemName }),
        url: `${base}/library/loans/${loan.id}`,
      });
    }
  }
  return feedText({ name: 'Porch', events });
}

/**
 * An occurrence's DTSTAMP and SEQUENCE (RFC 5545 §3.8.7.2 and §3.8.7.4): when what a feed says
 * of it was last written — its series changed (a move, a new time or title) or it was cancelled —
 * and, as its sequence, the whole seconds from its series' creation to then, so the number rises
 * with each revision without a counter stored (a new time for the following ones makes a new
 * series, and new UIDs).
 */
function revision(seriesCreatedAt: string, seriesUpdatedAt: string, cancelledAt: string | null) {
  const seconds = (at: string) => Math.floor(Date.parse(at) / 1000);
  const last = Math.max(seconds(seriesUpdatedAt), cancelledAt ? seconds(cancelledAt) : 0);
  return { stamp: new Date(last * 1000), sequence: Math.max(0, last - seconds(seriesCreatedAt)) };
}

/**
 * A place's feed: its coming shifts for eight weeks, each with the places still open, without
 * names. Anyone for a place with a public page (fridge, pantry); members for another; 404 when
 * the community has no such place.
 */
export async function placeFeed(ctx: Ctx, placeId: string): Promise<string> {
  const community = ctx.community;
  if (!community) throw new NotFound('communities.not_found');
  const place = await findPlace(ctx.db, community.id, placeId);
  if (!place || place.archivedAt) throw new NotFound('shifts.place_not_found');
  if (!hasPublicPage(place)) requireMember(ctx);
  const host = new URL(ctx.config.baseUrl).host;
  const base = `${ctx.config.baseUrl.replace(/\/$/, '')}/c/${community.slug}`;
  const series = new Map(
    (await store.listSeries(ctx.db, community.id, place.id)).map((s) => [s.id, s] as const),
  );
  const events = (await shiftsOfPlace(ctx, place.id, 8)).map(
    (s): FeedEvent => ({
      ...revision(series.get(s.seriesId)!.createdAt, series.get(s.seriesId)!.updatedAt, s.cancelledAt),
      uid: `shift-${s.seriesId}-${s.occurrence}@${host}`,
      start: new Date(s.startsAt),
      end: new Date(s.endsAt),
      summary: s.title,
      description: ctx.t('shifts.feed.open', { count: s.open, needed: s.peopleNeeded }),
      location: place.name,
      url: `${base}/shifts/${s.seriesId}/${s.occurrence}`,
      cancelled: s.cancelled,
    }),
  );
  return feedText({ name: place.name, events });
}
