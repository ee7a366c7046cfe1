/**
 * iCalendar feeds (RFC 5545), written by `ical-generator`: what calendar apps subscribe to.
 *
 * Each occurrence is its own VEVENT with UTC instants (`DTSTART:20270314T120000Z`), not a
 * recurring VEVENT with TZID and VTIMEZONE: Google Calendar, Apple Calendar and Thunderbird all
 * read UTC date-times the same way and show them in the reader's own zone, whereas a VTIMEZONE
 * is read differently (Google ignores it for known zone names, older clients need it whole), and
 * our occurrences are already expanded in the community's zone (`recurrence.ts`), so a client
 * never has to apply a daylight-saving rule of its own. UIDs are stable per occurrence, so a
 * changed shift replaces its old entry on the next refresh.
 */
import ical, { ICalEventStatus } from 'ical-generator';

/** One entry of a feed. */
export interface FeedEvent {
  /** Stable and unique across the server (`shift-<series>-<key>@<host>`). */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string | null;
  location?: string | null;
  /** The page about it. */
  url?: string | null;
  /** Last changed, for clients that compare (DTSTAMP); the start when unknown. */
  stamp?: Date;
  /** Rises with each revision that changes its time or status (SEQUENCE, RFC 5545 §3.8.7.4); 0 when unknown. */
  sequence?: number;
  cancelled?: boolean;
  /** A whole day (a date due): `start` and `end` at UTC midnight, `end` the day after. */
  allDay?: boolean;
}

/** A feed: its name as calendar apps list it, and its entries. */
export interface Feed {
  name: string;
  /** The product writing it, `-//Porch//<host>//EN` style (PRODID). */
  productId?: string;
  events: readonly FeedEvent[];
}

/** How often apps should fetch a feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL), in seconds. */
export const feedRefreshSeconds = 3600;

/** `text` escaped as an RFC 5545 TEXT value (§3.3.11): backslash, semicolon, comma, newline. */
function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** The feed as `text/calendar` text, lines folded and escaped as RFC 5545 asks. */
export function feedText(feed: Feed): string {
  const calendar = ical({
    // ical-generator escapes every TEXT value but the calendar's name (NAME, X-WR-CALNAME).
    name: escapeText(feed.name),
    prodId: feed.productId ?? '//Porch//Porch//EN',
    ttl: feedRefreshSeconds,
  });
  for (const e of feed.events) {
    calendar.createEvent({
      id: e.uid,
      start: e.start,
      end: e.end,
      allDay: e.allDay ?? false,
      stamp: e.stamp ?? e.start,
      sequence: e.sequence ?? 0,
      summary: e.summary,
      description: e.description ?? undefined,
      location: e.location ?? undefined,
      url: e.url ?? undefined,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
