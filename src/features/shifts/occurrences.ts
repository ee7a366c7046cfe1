/**
 * Changing what happens when, by who keeps a series: cancelling one occurrence, moving one to
 * another time ("this one"), or changing the time of this and the following occurrences (the
 * series ends the day before, a new one starts here with the new time, and the sign-ups of the
 * following occurrences move with them). The volunteers signed up are told each time.
 */
import { type Member, requireMember } from '../../platform/access.ts';
import {
  isLocalDateTime,
  localStartOf,
  minutesOfDay,
  movesOf,
  movesText,
  withMove,
} from '../../platform/calendar/recurrence.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db, ShiftSeries } from '../../platform/db/database.ts';
import { addDays, addSeconds, iso, localDateTime } from '../../platform/db/time.ts';
import { authorize, Conflict, Invalid, invalid } from '../../platform/errors.ts';
import { can } from './policy.ts';
import { checkHorizon, factsOf, loadSeries, reminderHours, startOf, tell } from './service.ts';
import * as store from './store.ts';

/** A series the actor keeps (403 `shifts.only_keepers` otherwise; 404 for another community's). */
async function loadKept(ctx: Ctx, tx: Db, member: Member, seriesId: string): Promise<ShiftSeries> {
  const series = await loadSeries(tx, member.communityId, seriesId);
  authorize(
    can.manageSeries(ctx.actor, await factsOf(tx, member.communityId, series.placeId)),
    'shifts.only_keepers',
  );
  return series;
}

/** The occurrence row, made if missing, of a coming occurrence (`Conflict('shifts.already_started')` otherwise). */
async function comingShift(ctx: Ctx, tx: Db, member: Member, series: ShiftSeries, occurrence: string) {
  const start = startOf(series, member.community, occurrence);
  const now = ctx.clock.now();
  if (start <= now) throw new Conflict('shifts.already_started');
  return store.ensureShift(tx, {
    communityId: member.communityId,
    seriesId: series.id,
    occurrence,
    startsAt: iso(start),
    endsAt: iso(addSeconds(start, series.durationMinutes * 60)),
    createdAt: iso(now),
  });
}

/**
 * Cancels a coming occurrence (who keeps its series): nobody can sign up for it, and those who
 * had are told. Cancelled already: `Conflict('shifts.cancelled')`.
 */
export async function cancelOccurrence(ctx: Ctx, seriesId: string, occurrence: string): Promise<void> {
  const member = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const series = await loadKept(ctx, tx, member, seriesId);
    const shift = await comingShift(ctx, tx, member, series, occurrence);
    if (shift.cancelledAt) throw new Conflict('shifts.cancelled');
    await store.setCancelled(tx, member.communityId, shift.id, iso(ctx.clock.now()));
    const on = (await store.listSignups(tx, member.communityId, [shift.id])).map((s) => s.accountId);
    const to = on.filter((id) => id !== member.accountId);
    await tell(ctx, tx, member.community, 'shifts.changes', to, 'cancelled', series, occurrence);
  });
}

/** A new time as the form gives it: a local date, a start and an end the same day. */
export interface NewTime {
  date: string;
  startTime: string;
  endTime: string;
  /** Only this occurrence (moved), or this and the following (the series' time changes from here). */
  which: 'this' | 'following';
}

/**
 * Changes the time of a coming occurrence (who keeps its series), telling who signed up.
 *
 * - `this`: the occurrence moves to `date` `startTime`–`endTime` and keeps its identity (its URL,
 *   its sign-ups); the series' other occurrences stay as they were.
 * - `following`: only the time of day changes (`date` must be the occurrence's own); the series
 *   ends the day before and a copy starts here at the new time, taking with it the sign-ups,
 *   swaps and nudges of the occurrences from here on.
 *
 * A start the clocks skip that day moves to the wall time it falls at (02:30 → 03:30), as a
 * series' does. Refused (`Invalid`): an end not after the start (`endTime`), a moment past or not a real local
 * time (`date`), another day with `following` (`date`). Returns the series and occurrence the
 * occurrence is found at afterwards.
 */
export async function changeTime(
  ctx: Ctx,
  seriesId: string,
  occurrence: string,
  input: NewTime,
): Promise<{ seriesId: string; occurrence: string }> {
  const member = requireMember(ctx);
  const typed = `${input.date}T${input.startTime}`;
  const duration = minutesOfDay(input.endTime) - minutesOfDay(input.startTime);
  if (duration <= 0) throw new Invalid([{ field: 'endTime', code: 'shifts.ends_before_start' }]);
  if (!isLocalDateTime(typed)) invalid('date', 'calendar.start_invalid');
  const start = member.community.instant(typed);
  // A time the clocks skip that day is read as a series' is (docs/calendar.md: 02:30 on the
  // spring-forward day is 03:30) and kept as that wall time, so the page, the API and the mails
  // all say the time it happens at.
  const local = localDateTime(start, member.community.timeZone);
  if (start <= ctx.clock.now()) invalid('date', 'shifts.move_to_past');
  checkHorizon(member.community, 'date', input.date);
  return ctx.db.transaction().execute(async (tx) => {
    const series = await loadKept(ctx, tx, member, seriesId);
    const shift = await comingShift(ctx, tx, member, series, occurrence);
    if (shift.cancelledAt) throw new Conflict('shifts.cancelled');
    const on = (await store.listSignups(tx, member.communityId, [shift.id])).map((s) => s.accountId);
    const now = ctx.clock.now();
    if (input.which === 'this') {
      const moves = movesText(withMove(movesOf(series), occurrence, local));
      await store.updateSeries(tx, member.communityId, series.id, {
        moves,
        updatedAt: iso(now),
      });
      await moveShift(ctx, tx, member, shift.id, start, duration, on);
      const moved = { ...series, moves };
      const to = on.filter((id) => id !== member.accountId);
      await tell(ctx, tx, member.community, 'shifts.changes', to, 'moved', moved, occurrence, {
        was: { day: localStartOf(series, occurrence).slice(0, 10) },
        wasTime: localStartOf(series, occurrence).slice(11),
      });
      return { seriesId: series.id, occurrence };
    }
    if (input.date !== localStartOf(series, occurrence).slice(0, 10))
      invalid('date', 'shifts.following_same_day');
    return splitSeries(ctx, tx, member, series, occurrence, input.startTime, duration);
  });
}

/** Moves a shift row's instants, and queues its volunteers' reminders again for the new time. */
async function moveShift(
  ctx: Ctx,
  tx: Db,
  member: Member,
  shiftId: string,
  start: Date,
  durationMinutes: number,
  volunteers: readonly string[],
) {
  await store.setShiftTimes(
    tx,
    member.communityId,
    shiftId,
    iso(start),
    iso(addSeconds(start, durationMinutes * 60)),
  );
  const now = ctx.clock.now();
  const remindAt = addSeconds(start, -reminderHours * 3600);
  for (const accountId of volunteers) {
    await store.updateSignup(tx, member.communityId, shiftId, accountId, { remindedAt: null });
    await ctx.jobs.enqueue(
      tx,
      'shifts.remind',
      { communityId: member.communityId, shiftId, accountId },
      new Date(Math.max(remindAt.getTime(), now.getTime())),
    );
  }
}

/**
 * "This and the following": ends `series` the day before `occurrence` and starts a copy there at
 * `startTime` for `duration` minutes; the occurrence rows from `occurrence` on move to the copy,
 * under the keys its rule gives (the same days at the new time).
 */
async function splitSeries(
  ctx: Ctx,
  tx: Db,
  member: Member,
  series: ShiftSeries,
  occurrence: string,
  startTime: string,
  duration: number,
): Promise<{ seriesId: string; occurrence: string }> {
  const day = occurrence.slice(0, 10);
  const now = iso(ctx.clock.now());
  const newKey = `${day}T${startTime}`;
  const rule = series.rule;
  // The first series ends the day before (UNTIL at the end of that local day).
  const until = `UNTIL=${addDays(day, -1).replaceAll('-', '')}T235959`;
  const endedRule = rule
    ? /UNTIL=[^;]*/.test(rule)
      ? rule.replace(/UNTIL=[^;]*/, until)
      : `${rule};${until}`
    : null;
  const keyOf = (o: string) => `${o.slice(0, 10)}T${startTime}`;
  const laterMoves = movesOf(series).filter((m) => m.from >= occurrence);
  const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = series;
  const newId = await store.insertSeries(tx, {
    ...copy,
    startLocal: newKey,
    durationMinutes: duration,
    exceptions: series.exceptions
      .split(',')
      .filter((d) => d && d >= day)
      .join(','),
    moves: movesText(laterMoves.map((m) => ({ from: keyOf(m.from), to: m.to }))),
    createdBy: member.accountId,
    createdAt: now,
    updatedAt: now,
  });
  if (occurrence === series.startLocal || !rule) {
    // Nothing is left before this one: the old series ends altogether.
    await store.updateSeries(tx, member.communityId, series.id, { archivedAt: now, updatedAt: now });
  } else {
    await store.updateSeries(tx, member.communityId, series.id, {
      rule: endedRule,
      moves: movesText(movesOf(series).filter((m) => m.from < occurrence)),
      updatedAt: now,
    });
  }
  const told = new Set<string>();
  const rows = await store.listShiftsFrom(tx, member.communityId, series.id, occurrence);
  // A swap asked between two of its occurrences cannot follow both halves: it is closed.
  await store.closeSwapsOf(
    tx,
    member.communityId,
    rows.map((r) => r.id),
    now,
  );
  await store.moveNudges(tx, member.communityId, series.id, newId, occurrence, keyOf);
  for (const row of rows) {
    const moved = laterMoves.find((m) => m.from === row.occurrence);
    const start = member.community.instant(moved ? moved.to : keyOf(row.occurrence));
    await store.moveShiftToSeries(tx, member.communityId, row.id, newId, keyOf(row.occurrence));
    const on = (await store.listSignups(tx, member.communityId, [row.id])).map((s) => s.accountId);
    await moveShift(ctx, tx, member, row.id, start, duration, on);
    for (const id of on) told.add(id);
  }
  const created = (await store.findSeries(tx, member.communityId, newId)) as ShiftSeries;
  told.delete(member.accountId);
  await tell(ctx, tx, member.community, 'shifts.changes', [...told], 'retimed', created, newKey, {
    wasTime: occurrence.slice(11),
  });
  return { seriesId: newId, occurrence: newKey };
}
