/** Turns the board's HTML forms into service input and back: local dates ↔ UTC instants. */
import { addDays, addSeconds, iso, localDate, localDateTime, zonedInstant } from '../../platform/db/time.ts';
import { limits, type PostEditFormBody, type PostFormBody, type PostInput } from './schema.ts';
import { endOfLocalDay } from './time.ts';
import type { PostView } from './view.ts';

/**
 * "Open until <date>" means the end of that day; the last day offered (`maxOpenDays` ahead)
 * ends at exactly `maxOpenDays` from now, so picking it is never refused as too far.
 */
function openUntilOf(day: string | undefined, timeZone: string, now: Date): string | undefined {
  if (!day) return undefined;
  const end = endOfLocalDay(day, timeZone);
  const latest = addSeconds(now, limits.maxOpenDays * 86400);
  return iso(end > latest && day <= localDate(latest, timeZone) ? latest : end);
}

/** The new-post form as service input. */
export function postInputFromForm(
  body: PostFormBody,
  timeZone: string,
  now: Date,
): PostInput & { useProfileLocation: boolean } {
  return {
    kind: body.kind,
    title: body.title,
    details: body.details,
    category: body.category,
    place: body.place,
    whenAt: body.whenAt ? iso(zonedInstant(body.whenAt, timeZone)) : undefined,
    whenText: body.whenText,
    openUntil: openUntilOf(body.openUntil, timeZone, now),
    urgent: body.urgent !== undefined,
    forAccountId: body.forAccountId,
    useProfileLocation: body.useMyLocation !== undefined,
  };
}

/** The edit form as a change: an emptied field clears it; an unticked location removes it. */
export function postChangesFromForm(body: PostEditFormBody, timeZone: string, now: Date) {
  return {
    title: body.title,
    details: body.details ?? '',
    category: body.category,
    place: body.place ?? null,
    placeLat: null,
    placeLng: null,
    useProfileLocation: body.useMyLocation !== undefined,
    whenAt: body.whenAt ? iso(zonedInstant(body.whenAt, timeZone)) : null,
    whenText: body.whenText ?? null,
    openUntil: openUntilOf(body.openUntil, timeZone, now),
  };
}

/** A blank new post: a request, open for the default number of days. */
export function newPostValues(timeZone: string, now: Date): Record<string, unknown> {
  return { kind: 'request', openUntil: addDays(localDate(now, timeZone), limits.defaultOpenDays) };
}

/** The edit form's values for `post`. */
export function editValues(post: PostView, timeZone: string): Record<string, unknown> {
  return {
    title: post.title,
    details: post.details,
    category: post.category,
    place: post.place ?? undefined,
    useMyLocation: post.placeLat !== null ? '1' : undefined,
    whenAt: post.whenAt ? localDateTime(new Date(post.whenAt), timeZone) : undefined,
    whenText: post.whenText ?? undefined,
    openUntil: localDate(new Date(post.openUntil), timeZone),
  };
}
