/**
 * Gatherings in iCalendar (`platform/calendar/ical.ts`): one occurrence as a `.ics` file to add to
 * a calendar, and the occurrences a member said yes or maybe to, for their own feed (the shifts
 * feature writes the feed, `/calendar/<token>.ics`, and asks here for its gatherings). UIDs are
 * stable per occurrence (`gathering-<gathering>-<key>@<host>`), so a file added and the feed
 * name the same event, and a change replaces it.
 */
import { requireMember } from '../../platform/access.ts';
import { type FeedEvent, feedText } from '../../platform/calendar/ical.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { findPlace } from '../places/service.ts';
import { getOccurrence } from './service.ts';
import * as store from './store.ts';

/** An occurrence's UID. */
const uidOf = (host: string, gatheringId: string, occurrence: string) =>
  `gathering-${gatheringId}-${occurrence}@${host}`;

/**
 * DTSTAMP and SEQUENCE (RFC 5545 §3.8.7.2, §3.8.7.4), as shifts' feeds write them: when what is
 * said of it was last written (the gathering changed, or the occurrence was cancelled), and the
 * seconds from the gathering's creation to then, rounded up, which rises with each revision
 * (a date moved within the second it was made in included: calendar apps keep an event whose
 * SEQUENCE did not rise).
 */
function revision(createdAt: string, updatedAt: string, cancelledAt: string | null) {
  const last = Math.max(Date.parse(updatedAt), cancelledAt ? Date.parse(cancelledAt) : 0);
  return {
    stamp: new Date(Math.floor(last / 1000) * 1000),
    sequence: Math.max(0, Math.ceil((last - Date.parse(createdAt)) / 1000)),
  };
}

/** One occurrence as a calendar file (active members): its name and text. */
export async function occurrenceFile(
  ctx: Ctx,
  gatheringId: string,
  occurrence: string,
): Promise<{ name: string; text: string }> {
  const member = requireMember(ctx);
  const found = await getOccurrence(ctx, gatheringId, occurrence);
  const o = found.view;
  const host = new URL(ctx.config.baseUrl).host;
  const base = `${ctx.config.baseUrl.replace(/\/$/, '')}/c/${member.community.slug}`;
  const event: FeedEvent = {
    uid: uidOf(host, o.gatheringId, o.occurrence),
    start: new Date(o.startsAt),
    end: new Date(o.endsAt),
    summary: o.title,
    description: found.description || null,
    location: o.placeName ?? (o.address || null),
    url: `${base}/gatherings/${o.gatheringId}/${o.occurrence}`,
    cancelled: o.cancelled,
    ...revision(found.gathering.createdAt, found.gathering.updatedAt, o.cancelledAt),
  };
  return { name: `${o.local.slice(0, 10)}.ics`, text: feedText({ name: o.title, events: [event] }) };
}

/**
 * The occurrences `accountId` said yes or maybe to in one community (a yes on the waiting list
 * not yet), starting in [from, until)
 * (ISO instants), as feed entries; `baseUrl` is the community's (`…/c/<slug>`), `host` the server's.
 */
export async function memberGatheringEvents(
  db: Db,
  communityId: string,
  accountId: string,
  from: string,
  until: string,
  baseUrl: string,
  host: string,
): Promise<FeedEvent[]> {
  // A yes still on the waiting list is not a place: the date enters the feed when they are let in.
  const rows = (await store.listMyOccurrences(db, communityId, accountId, from, until)).filter(
    (r) => !r.waiting,
  );
  const places = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.placeId).filter((p): p is string => p !== null))) {
    const place = await findPlace(db, communityId, id);
    if (place) places.set(id, place.name);
  }
  return rows.map((r) => {
    const cancelledAt = r.cancelledAt ?? r.gatheringCancelledAt;
    return {
      uid: uidOf(host, r.gatheringId, r.occurrence),
      start: new Date(r.startsAt),
      end: new Date(r.endsAt),
      summary: r.title,
      description: r.description || null,
      location: (r.placeId ? places.get(r.placeId) : null) ?? (r.address || null),
      url: `${baseUrl}/gatherings/${r.gatheringId}/${r.occurrence}`,
      cancelled: cancelledAt !== null,
      ...revision(r.gatheringCreatedAt, r.gatheringUpdatedAt, cancelledAt),
    };
  });
}
