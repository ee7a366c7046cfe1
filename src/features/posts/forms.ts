/**
 * Turns the board's HTML forms into service input and back: local dates and times in the
 * context's community ↔ UTC instants.
 */
import { requireCommunity } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { addDays, addSeconds, iso, localDate, localDateTime } from '../../platform/db/time.ts';
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

/** The new-post form as service input, its times read in the context's community. */
export function postInputFromForm(body: PostFormBody, ctx: Ctx): PostInput & { useProfileLocation: boolean } {
  const community = requireCommunity(ctx);
  return {
    kind: body.kind,
    title: body.title,
    details: body.details,
    category: body.category,
    place: body.place,
    whenAt: body.whenAt ? iso(community.instant(body.whenAt)) : undefined,
    whenText: body.whenText,
    openUntil: openUntilOf(body.openUntil, community.timeZone, ctx.clock.now()),
    urgent: body.urgent !== undefined,
    forAccountId: body.forAccountId,
    useProfileLocation: body.useMyLocation !== undefined,
  };
}

/**
 * The edit form as a change, its times read in the context's community: an emptied field clears
 * it; an unticked location removes it.
 */
export function postChangesFromForm(body: PostEditFormBody, ctx: Ctx) {
  const community = requireCommunity(ctx);
  return {
    title: body.title,
    details: body.details ?? '',
    category: body.category,
    place: body.place ?? null,
    placeLat: null,
    placeLng: null,
    useProfileLocation: body.useMyLocation !== undefined,
    whenAt: body.whenAt ? iso(community.instant(body.whenAt)) : null,
    whenText: body.whenText ?? null,
    openUntil: openUntilOf(body.openUntil, community.timeZone, ctx.clock.now()),
  };
}

/** A blank new post: a request, open for the default number of days of the context's community. */
export function newPostValues(ctx: Ctx): Record<string, unknown> {
  return { kind: 'request', openUntil: addDays(requireCommunity(ctx).today(), limits.defaultOpenDays) };
}

/** The edit form's values for `post`, its times shown in the context's community. */
export function editValues(post: PostView, ctx: Ctx): Record<string, unknown> {
  const { timeZone } = requireCommunity(ctx);
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
