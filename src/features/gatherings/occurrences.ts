/**
 * Changing what happens when, by who organizes a gathering: cancelling one occurrence, calling the
 * whole gathering off, moving one occurrence ("this one"), or changing the time of this and the
 * following (the gathering ends the day before, a copy starts here with the new time, and the
 * answers of the following occurrences move with them). Whoever said yes (or waits) is told.
 */
import { requireMember } from '../../platform/access.ts';
import {
  isLocalDateTime,
  localStartOf,
  minutesOfDay,
  movesOf,
  movesText,
  withMove,
} from '../../platform/calendar/recurrence.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db, Gathering } from '../../platform/db/database.ts';
import { addDays, addSeconds, iso, localDateTime } from '../../platform/db/time.ts';
import { Invalid, invalid } from '../../platform/errors.ts';
import { queueReminder } from './reminders.ts';
import { comingOccurrence } from './rsvps.ts';
import { checkHorizon, loadManaged, longestMinutes, tell } from './service.ts';
import * as store from './store.ts';

/** The members who said yes to an occurrence row (waiting or not). */
async function comingTo(tx: Db, communityId: string, occurrenceId: string): Promise<string[]> {
  return (await store.listRsvps(tx, communityId, [occurrenceId]))
    .filter((r) => r.answer === 'yes' && r.accountId !== null)
    .map((r) => r.accountId as string);
}

/**
 * Cancels a coming occurrence (who organizes it): nobody can answer it any more, and everyone
 * who said yes is told. Cancelled already: `Conflict('gatherings.cancelled')`.
 */
export async function cancelOccurrence(ctx: Ctx, gatheringId: string, occurrence: string): Promise<void> {
  const member = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const g = await loadManaged(ctx, tx, member, gatheringId);
    const row = await comingOccurrence(ctx, tx, member.community, g, occurrence);
    await store.updateOccurrence(tx, member.communityId, row.id, { cancelledAt: iso(ctx.clock.now()) });
    const to = (await comingTo(tx, member.communityId, row.id)).filter((id) => id !== member.accountId);
    await tell(ctx, tx, member.community, 'gatherings.changes', to, 'cancelled', g, occurrence);
  });
}

/**
 * Calls the whole gathering off (who organizes it): it leaves the calendar, and everyone who said
 * yes to one of its coming occurrences is told, once per occurrence.
 */
export async function cancelGathering(ctx: Ctx, gatheringId: string): Promise<void> {
  const member = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const g = await loadManaged(ctx, tx, member, gatheringId);
    const now = iso(ctx.clock.now());
    await store.updateGathering(tx, member.communityId, g.id, { cancelledAt: now, updatedAt: now });
    for (const row of await store.listOccurrencesFrom(tx, member.communityId, g.id, now)) {
      if (row.cancelledAt) continue;
      await store.updateOccurrence(tx, member.communityId, row.id, { cancelledAt: now });
      const to = (await comingTo(tx, member.communityId, row.id)).filter((id) => id !== member.accountId);
      await tell(ctx, tx, member.community, 'gatherings.changes', to, 'cancelled', g, row.occurrence);
    }
  });
}

/** A new time as the form gives it: a local date, a start and an end. */
export interface NewTime {
  date: string;
  startTime: string;
  endTime: string;
  /** Only this occurrence (moved), or this and the following (the gathering's time changes from here). */
  which: 'this' | 'following';
}

/**
 * Changes the time of a coming occurrence (who organizes it), telling who said yes.
 *
 * - `this`: the occurrence moves to `date` `startTime`–`endTime` and keeps its identity (its URL,
 *   its answers); the other occurrences stay as they were.
 * - `following`: only the time of day changes (`date` must be the occurrence's own); the gathering
 *   ends the day before and a copy starts here at the new time, taking with it the answers of the
 *   occurrences from here on.
 *
 * An end at or before the start is read as the next day (an evening until 01:00). A start the
 * clocks skip that day moves to the wall time it falls at (02:30 → 03:30). Refused (`Invalid`): a
 * moment past or not a real local time (`date`), another day with `following` (`date`). Returns
 * where the occurrence is found afterwards.
 */
export async function changeTime(
  ctx: Ctx,
  gatheringId: string,
  occurrence: string,
  input: NewTime,
): Promise<{ gatheringId: string; occurrence: string }> {
  const member = requireMember(ctx);
  const typed = `${input.date}T${input.startTime}`;
  let duration = minutesOfDay(input.endTime) - minutesOfDay(input.startTime);
  // An end before the start is the next day (the form says so); the same time is no length at all.
  if (duration === 0) invalid('endTime', 'gatherings.same_start_and_end');
  if (duration < 0) duration += 24 * 60;
  if (duration > longestMinutes)
    throw new Invalid([{ field: 'endTime', code: 'gatherings.ends_before_start' }]);
  if (!isLocalDateTime(typed)) invalid('date', 'calendar.start_invalid');
  const start = member.community.instant(typed);
  // A time the clocks skip that day is kept as the wall time it happens at (docs/calendar.md).
  const local = localDateTime(start, member.community.timeZone);
  if (start <= ctx.clock.now()) invalid('date', 'gatherings.move_to_past');
  checkHorizon(member.community, 'date', input.date);
  return ctx.db.transaction().execute(async (tx) => {
    const g = await loadManaged(ctx, tx, member, gatheringId);
    const row = await comingOccurrence(ctx, tx, member.community, g, occurrence);
    const on = await comingTo(tx, member.communityId, row.id);
    const now = iso(ctx.clock.now());
    if (input.which === 'this') {
      const moves = movesText(withMove(movesOf(g), occurrence, local));
      await store.updateGathering(tx, member.communityId, g.id, { moves, updatedAt: now });
      await retime(ctx, tx, member.communityId, row.id, start, duration, on);
      const moved = { ...g, moves };
      const to = on.filter((id) => id !== member.accountId);
      await tell(ctx, tx, member.community, 'gatherings.changes', to, 'moved', moved, occurrence, {
        was: { day: localStartOf(g, occurrence).slice(0, 10) },
        wasTime: localStartOf(g, occurrence).slice(11),
      });
      return { gatheringId: g.id, occurrence };
    }
    if (input.date !== localStartOf(g, occurrence).slice(0, 10))
      invalid('date', 'gatherings.following_same_day');
    return split(ctx, tx, member.communityId, member.accountId, g, occurrence, input.startTime, duration);
  });
}

/** Moves an occurrence row's instants, and queues its reminders again for the new time. */
async function retime(
  ctx: Ctx,
  tx: Db,
  communityId: string,
  occurrenceId: string,
  start: Date,
  durationMinutes: number,
  coming: readonly string[],
) {
  const startsAt = iso(start);
  await store.updateOccurrence(tx, communityId, occurrenceId, {
    startsAt,
    endsAt: iso(addSeconds(start, durationMinutes * 60)),
  });
  for (const r of await store.listRsvps(tx, communityId, [occurrenceId])) {
    if (!r.accountId || !coming.includes(r.accountId)) continue;
    await store.updateRsvp(tx, communityId, r.id, { remindedAt: null });
    await queueReminder(ctx, tx, communityId, { id: occurrenceId, startsAt }, r.accountId);
  }
}

/**
 * "This and the following": ends `g` the day before `occurrence` and starts a copy there at
 * `startTime` for `duration` minutes; the occurrence rows from `occurrence` on move to the copy,
 * under the keys its rule gives (the same days at the new time).
 */
async function split(
  ctx: Ctx,
  tx: Db,
  communityId: string,
  actorId: string,
  g: Gathering,
  occurrence: string,
  startTime: string,
  duration: number,
): Promise<{ gatheringId: string; occurrence: string }> {
  const community = ctx.community!;
  const day = occurrence.slice(0, 10);
  const now = iso(ctx.clock.now());
  const newKey = `${day}T${startTime}`;
  const rule = g.rule;
  const until = `UNTIL=${addDays(day, -1).replaceAll('-', '')}T235959`;
  const endedRule = rule
    ? /UNTIL=[^;]*/.test(rule)
      ? rule.replace(/UNTIL=[^;]*/, until)
      : `${rule};${until}`
    : null;
  const keyOf = (o: string) => `${o.slice(0, 10)}T${startTime}`;
  const laterMoves = movesOf(g).filter((m) => m.from >= occurrence);
  const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = g;
  const newId = await store.insertGathering(tx, {
    ...copy,
    startLocal: newKey,
    durationMinutes: duration,
    exceptions: g.exceptions
      .split(',')
      .filter((d) => d && d >= day)
      .join(','),
    moves: movesText(laterMoves.map((m) => ({ from: keyOf(m.from), to: m.to }))),
    createdAt: now,
    updatedAt: now,
  });
  await store.copyDishNeeds(tx, communityId, g.id, newId);
  if (occurrence === g.startLocal || !rule) {
    // Nothing is left before this one: the old gathering ends altogether (quietly: it moved).
    await store.updateGathering(tx, communityId, g.id, { cancelledAt: now, updatedAt: now });
  } else {
    await store.updateGathering(tx, communityId, g.id, {
      rule: endedRule,
      moves: movesText(movesOf(g).filter((m) => m.from < occurrence)),
      updatedAt: now,
    });
  }
  const told = new Set<string>();
  for (const row of await store.listOccurrencesFromKey(tx, communityId, g.id, occurrence)) {
    const moved = laterMoves.find((m) => m.from === row.occurrence);
    const start = community.instant(moved ? moved.to : keyOf(row.occurrence));
    await store.updateOccurrence(tx, communityId, row.id, {
      gatheringId: newId,
      occurrence: keyOf(row.occurrence),
    });
    const on = await comingTo(tx, communityId, row.id);
    await retime(ctx, tx, communityId, row.id, start, duration, on);
    if (!row.cancelledAt) for (const id of on) told.add(id);
  }
  const created = (await store.findGathering(tx, communityId, newId)) as Gathering;
  told.delete(actorId);
  await tell(ctx, tx, community, 'gatherings.changes', [...told], 'retimed', created, newKey, {
    wasTime: occurrence.slice(11),
  });
  return { gatheringId: newId, occurrence: newKey };
}
