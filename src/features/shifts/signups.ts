/**
 * Volunteers on an occurrence: signing up (a trial slot when the series is for trained
 * volunteers), dropping out, asking for a substitute, and the reminder before each shift. Each
 * write locks the occurrence's row and tells who should know inside its transaction.
 */

import { type Member, requireMember } from '../../platform/access.ts';
import { localStartOf } from '../../platform/calendar/recurrence.ts';
import { type Ctx, findCommunityContext, type Services } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { authorize, Conflict, invalid, NotFound } from '../../platform/errors.ts';
import { notify } from '../../platform/notify/service.ts';
import { can } from './policy.ts';
import { factsOf, loadSeries, reminderHours, startOf, tell } from './service.ts';
import * as store from './store.ts';

/**
 * Signs the actor up for an occurrence. Refuses one that has started
 * (`Conflict('shifts.already_started')`), was cancelled, or that they are on already; a full one
 * (`shifts.full`) unless someone on it asked for a substitute — then the actor takes the place
 * of the first who asked, and that volunteer is told. When the series is for trained volunteers,
 * a member not trained for it takes a trial slot, if one is free (`shifts.trained_only`).
 * Reminds them `reminderHours` before it starts.
 */
export async function signUp(ctx: Ctx, seriesId: string, occurrence: string): Promise<void> {
  const member = requireMember(ctx);
  const { communityId, community } = member;
  authorize(can.signUp(ctx.actor), 'errors.members_only');
  await ctx.db.transaction().execute(async (tx) => {
    const series = await loadSeries(tx, communityId, seriesId);
    const start = startOf(series, community, occurrence);
    const now = ctx.clock.now();
    if (start <= now) throw new Conflict('shifts.already_started');
    const shift = await store.ensureShift(tx, {
      communityId,
      seriesId: series.id,
      occurrence,
      startsAt: iso(start),
      endsAt: iso(addSeconds(start, series.durationMinutes * 60)),
      createdAt: iso(now),
    });
    if (shift.cancelledAt) throw new Conflict('shifts.cancelled');
    const signups = await store.listSignups(tx, communityId, [shift.id]);
    if (signups.some((s) => s.accountId === member.accountId)) throw new Conflict('shifts.already_signed_up');
    let trial = 0;
    if (series.trainedOnly && !(await store.isTrained(tx, communityId, series.id, member.accountId))) {
      if (signups.filter((s) => s.trial === 1).length >= series.trialSlots)
        throw new Conflict('shifts.trained_only');
      trial = 1;
    }
    if (signups.length >= series.peopleNeeded) {
      const leaving = signups.find((s) => s.substituteAskedAt !== null);
      if (!leaving) throw new Conflict('shifts.full');
      await store.deleteSignup(tx, communityId, shift.id, leaving.accountId);
      await tell(
        ctx,
        tx,
        community,
        'shifts.changes',
        [leaving.accountId],
        'substitute_found',
        series,
        occurrence,
        {
          name: ctx.account?.displayName ?? '',
        },
      );
    }
    await store.insertSignup(tx, {
      communityId,
      shiftId: shift.id,
      accountId: member.accountId,
      trial,
      createdAt: iso(now),
    });
    const remindAt = addSeconds(start, -reminderHours * 3600);
    if (remindAt > now) {
      await ctx.jobs.enqueue(
        tx,
        'shifts.remind',
        { communityId, shiftId: shift.id, accountId: member.accountId },
        remindAt,
      );
    }
  });
}

/** The actor's sign-up for a coming occurrence, with its series and shift row; 404 or 409 otherwise. */
async function loadMySignup(ctx: Ctx, tx: Db, member: Member, seriesId: string, occurrence: string) {
  const series = await loadSeries(tx, member.communityId, seriesId);
  const start = startOf(series, member.community, occurrence);
  if (start <= ctx.clock.now()) throw new Conflict('shifts.already_started');
  const shift = await store.findShiftOf(tx, member.communityId, series.id, occurrence);
  const mine = shift && (await store.findSignup(tx, member.communityId, shift.id, member.accountId));
  if (!shift || !mine) throw new Conflict('shifts.not_signed_up');
  await store.lockShift(tx, member.communityId, shift.id);
  return { series, shift, mine };
}

/** Takes the actor off a coming occurrence; the others signed up for it are told. */
export async function dropOut(ctx: Ctx, seriesId: string, occurrence: string): Promise<void> {
  const member = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const { series, shift } = await loadMySignup(ctx, tx, member, seriesId, occurrence);
    await store.deleteSignup(tx, member.communityId, shift.id, member.accountId);
    const others = (await store.listSignups(tx, member.communityId, [shift.id])).map((s) => s.accountId);
    await tell(ctx, tx, member.community, 'shifts.changes', others, 'dropped_out', series, occurrence, {
      name: ctx.account?.displayName ?? '',
    });
  });
}

/**
 * Asks for a substitute: the actor stays on the shift until someone takes their place (signing
 * up for it when it is full); the others on it and the place's volunteers are told.
 */
export async function askSubstitute(ctx: Ctx, seriesId: string, occurrence: string): Promise<void> {
  const member = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const { series, shift, mine } = await loadMySignup(ctx, tx, member, seriesId, occurrence);
    if (mine.substituteAskedAt) throw new Conflict('shifts.substitute_already_asked');
    await store.updateSignup(tx, member.communityId, shift.id, member.accountId, {
      substituteAskedAt: iso(ctx.clock.now()),
    });
    const others = (await store.listSignups(tx, member.communityId, [shift.id])).map((s) => s.accountId);
    const { placeVolunteerIds: keepers } = await factsOf(tx, member.communityId, series.placeId);
    const to = [...others, ...keepers].filter((id) => id !== member.accountId);
    await tell(ctx, tx, member.community, 'shifts.changes', to, 'substitute_wanted', series, occurrence, {
      name: ctx.account?.displayName ?? '',
    });
  });
}

/**
 * The reminder's text for a shift on local day `day` when it is `today` there (`YYYY-MM-DD`
 * both): `reminder_today`, `reminder` (tomorrow), or `reminder_later` (names the date).
 */
function reminderKey(day: string, today: string): string {
  if (day === today) return 'reminder_today';
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return day === tomorrow ? 'reminder' : 'reminder_later';
}

/** Registers the reminder job: re-reads the sign-up, so one dropped or a shift cancelled meanwhile is left alone. */
export function registerShiftJobs(s: Services): void {
  s.jobs.register('shifts.remind', async (p: { communityId: string; shiftId: string; accountId: string }) => {
    // Read before the transaction: on SQLite it holds the only connection.
    const community = await findCommunityContext(s, p.communityId);
    if (!community) return;
    await s.db.transaction().execute(async (tx) => {
      const shift = await store.findShift(tx, p.communityId, p.shiftId);
      const signup = shift && (await store.findSignup(tx, p.communityId, shift.id, p.accountId));
      if (!shift || !signup || shift.cancelledAt || signup.remindedAt) return;
      const now = s.clock.now();
      // Moved later since this job was queued: the move queued another for the new time.
      if (addSeconds(new Date(shift.startsAt), -reminderHours * 3600) > now) return;
      const series = await store.findSeries(tx, p.communityId, shift.seriesId);
      if (!series || series.archivedAt) return;
      // Marked either way: a job run late (the server was down, the queue behind) for a shift
      // that has started is skipped, never mailed as if it were still ahead.
      await store.updateSignup(tx, p.communityId, shift.id, p.accountId, { remindedAt: iso(now) });
      if (new Date(shift.startsAt) <= now) return;
      const key = reminderKey(localStartOf(series, shift.occurrence).slice(0, 10), community.today());
      await tell(s, tx, community, 'shifts.reminders', [p.accountId], key, series, shift.occurrence);
    });
  });
}

// ── trained volunteers ───────────────────────────────────────────────────────────────────

/** A series that asks for training, for who keeps it; 404 otherwise, 403 to others, 409 when it does not ask. */
async function loadTrainedSeries(ctx: Ctx, tx: Db, member: Member, seriesId: string) {
  const series = await loadSeries(tx, member.communityId, seriesId);
  authorize(
    can.manageSeries(ctx.actor, await factsOf(tx, member.communityId, series.placeId)),
    'shifts.only_keepers',
  );
  if (!series.trainedOnly) throw new Conflict('shifts.not_trained_only');
  return series;
}

/** Who is trained for a series, and the active members who are not (to mark); who keeps it. */
export async function listTrained(ctx: Ctx, seriesId: string) {
  const member = requireMember(ctx);
  const series = await loadTrainedSeries(ctx, ctx.db, member, seriesId);
  const members = await store.listActiveMembers(ctx.db, member.communityId);
  const trained = new Set(await store.listTrainedIds(ctx.db, member.communityId, series.id));
  return {
    series,
    trained: members.filter((m) => trained.has(m.accountId)),
    others: members.filter((m) => !trained.has(m.accountId)),
  };
}

/**
 * Marks (`trained` true) or unmarks an active member trained for a series that asks for it (who
 * keeps the series). Someone not an active member is refused (`Invalid` on `accountId`). Their
 * sign-ups stay as they are: a trial slot taken before stays a trial slot.
 */
export async function setTrained(ctx: Ctx, seriesId: string, accountId: string, trained: boolean) {
  const member = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const series = await loadTrainedSeries(ctx, tx, member, seriesId);
    if (!trained) {
      await store.deleteTrained(tx, member.communityId, series.id, accountId);
      return;
    }
    if (!(await store.isActiveMember(tx, member.communityId, accountId)))
      invalid('accountId', 'shifts.not_a_member');
    await store.insertTrained(tx, {
      communityId: member.communityId,
      seriesId: series.id,
      accountId,
      createdAt: iso(ctx.clock.now()),
    });
  });
}

// ── no-shows ─────────────────────────────────────────────────────────────────────────────

/** How far back no-shows count (issue 14: the last six months). */
export const noShowMonths = 6;

/** The instant no-shows count from: `noShowMonths` before now. */
function noShowsSince(now: Date): string {
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - noShowMonths);
  return iso(since);
}

/**
 * Records who did not come to an occurrence that has started (who keeps its series): each
 * volunteer on it in `accountIds` is marked, the others unmarked, but for the actor, who cannot
 * mark or unmark themself. An id not on it, or the actor's own, is refused (`Invalid` on
 * `accountIds`: `shifts.not_on_shift`, `shifts.no_show_self`); an occurrence not begun is `Conflict('shifts.not_started')`.
 */
export async function recordNoShows(ctx: Ctx, seriesId: string, occurrence: string, accountIds: string[]) {
  const member = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const series = await loadSeries(tx, member.communityId, seriesId);
    authorize(
      can.manageSeries(ctx.actor, await factsOf(tx, member.communityId, series.placeId)),
      'shifts.only_keepers',
    );
    const start = startOf(series, member.community, occurrence);
    if (start > ctx.clock.now()) throw new Conflict('shifts.not_started');
    const shift = await store.findShiftOf(tx, member.communityId, series.id, occurrence);
    const on = shift ? await store.listSignups(tx, member.communityId, [shift.id]) : [];
    const onIds = new Set(on.map((s) => s.accountId));
    if (accountIds.some((id) => !onIds.has(id))) invalid('accountIds', 'shifts.not_on_shift');
    if (accountIds.includes(member.accountId)) invalid('accountIds', 'shifts.no_show_self');
    if (!shift) return;
    const marked = new Set(accountIds);
    const now = iso(ctx.clock.now());
    for (const s of on) {
      // Another keeper or a steward marks (and unmarks) the actor: their own mark stays as it is.
      if (s.accountId === member.accountId) continue;
      const want = marked.has(s.accountId);
      if (want === (s.noShowAt !== null)) continue;
      await store.updateSignup(tx, member.communityId, shift.id, s.accountId, {
        noShowAt: want ? now : null,
      });
    }
  });
}

/**
 * No-shows over the last six months: the actor's own, or, for a steward, every member's who has
 * any (by count, most first). Nobody else sees them.
 */
export async function noShows(ctx: Ctx): Promise<{ accountId: string; name: string; count: number }[]> {
  const member = requireMember(ctx);
  const since = noShowsSince(ctx.clock.now());
  const rows = await store.countNoShowsByMember(ctx.db, member.communityId, since);
  return rows
    .filter((r) => can.seeNoShows(ctx.actor, r.accountId))
    .map((r) => ({ accountId: r.accountId, name: r.displayName, count: Number(r.n) }));
}

/** One member's no-shows over the last six months; the member themself and stewards (403 otherwise). */
export async function noShowsOf(ctx: Ctx, accountId: string): Promise<number> {
  const member = requireMember(ctx);
  authorize(can.seeNoShows(ctx.actor, accountId), 'shifts.no_shows_private');
  return store.countNoShows(ctx.db, member.communityId, accountId, noShowsSince(ctx.clock.now()));
}

// ── swaps ────────────────────────────────────────────────────────────────────────────────

/** Another volunteer's coming occurrence of the same series the actor could swap theirs for. */
export interface SwapChoice {
  occurrence: string;
  startsAt: string;
  accountId: string;
  name: string;
}

/**
 * Whom the actor, signed up for a coming occurrence, may ask to swap: each volunteer on another
 * coming occurrence of the same series (up to `weeks` weeks ahead) who is not on theirs, where
 * the actor is not already.
 */
export async function swapChoices(
  ctx: Ctx,
  seriesId: string,
  occurrence: string,
  weeks = 8,
): Promise<SwapChoice[]> {
  const member = requireMember(ctx);
  const { series, shift } = await loadMySignup(ctx, ctx.db, member, seriesId, occurrence);
  const until = iso(addSeconds(ctx.clock.now(), weeks * 7 * 86400));
  return (await swapChoicesIn(ctx, ctx.db, member, series.id, shift.id, until)).map((r) => ({
    occurrence: r.occurrence,
    startsAt: r.startsAt,
    accountId: r.accountId,
    name: r.displayName,
  }));
}

/**
 * Asks a volunteer on another coming occurrence of the same series to swap with the actor's;
 * they are told and answer with `answerSwap`. Refused (`Invalid` on `with`) when that volunteer
 * is not on that occurrence, or the swap would put someone on a shift they are on already; a swap
 * that would put a volunteer not trained for a trained-only series where no trial place is free is
 * `Conflict('shifts.trained_only')`, as accepting it would be; one already waiting for the same two sign-ups is `Conflict('shifts.swap_already_asked')`.
 * Returns the swap's id.
 */
export async function askSwap(
  ctx: Ctx,
  seriesId: string,
  occurrence: string,
  other: { occurrence: string; accountId: string },
): Promise<string> {
  const member = requireMember(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const { series, shift, mine } = await loadMySignup(ctx, tx, member, seriesId, occurrence);
    const choice = (await swapChoicesIn(ctx, tx, member, series.id, shift.id)).find(
      (c) => c.occurrence === other.occurrence && c.accountId === other.accountId,
    );
    if (!choice) invalid('with', 'shifts.swap_not_possible');
    const theirs = (await store.findSignup(tx, member.communityId, choice.shiftId, choice.accountId))!;
    // Refused now what accepting would refuse: a volunteer not trained for the series taking a
    // trial place that is not free on the other side.
    if (series.trainedOnly) {
      const trialsAfter = async (shiftId: string, from: string, to: string) => {
        const on = await store.listSignups(tx, member.communityId, [shiftId]);
        const trained = await store.isTrained(tx, member.communityId, series.id, to);
        return on.filter((s) => s.accountId !== from && s.trial === 1).length + (trained ? 0 : 1);
      };
      if (
        (await trialsAfter(shift.id, member.accountId, choice.accountId)) > series.trialSlots ||
        (await trialsAfter(choice.shiftId, choice.accountId, member.accountId)) > series.trialSlots
      )
        throw new Conflict('shifts.trained_only');
    }
    if (
      await store.findOpenSwap(
        tx,
        member.communityId,
        shift.id,
        member.accountId,
        choice.shiftId,
        choice.accountId,
      )
    )
      throw new Conflict('shifts.swap_already_asked');
    const id = await store.insertSwap(tx, {
      communityId: member.communityId,
      seriesId: series.id,
      shiftId: shift.id,
      accountId: member.accountId,
      signedUpAt: mine.createdAt,
      otherShiftId: choice.shiftId,
      otherAccountId: choice.accountId,
      otherSignedUpAt: theirs.createdAt,
      createdAt: iso(ctx.clock.now()),
    });
    await notify(ctx, tx, {
      kind: 'shifts.changes',
      community: member.community,
      to: [choice.accountId],
      about: { type: 'shift_swap', id },
      path: `/shifts/swaps/${id}`,
      text: { subject: 'shifts.mail.swap_asked.subject', body: 'shifts.mail.swap_asked.body' },
      params: {
        title: series.title,
        name: ctx.account?.displayName ?? '',
        // When each happens now: a moved occurrence is not at its key.
        day: { day: localStartOf(series, occurrence).slice(0, 10) },
        time: localStartOf(series, occurrence).slice(11),
        theirDay: { day: localStartOf(series, choice.occurrence).slice(0, 10) },
        theirTime: localStartOf(series, choice.occurrence).slice(11),
      },
    });
    return id;
  });
}

/**
 * The sign-ups on the series' other coming occurrences (starting before `until`, an instant) the
 * actor, on shift `shiftId`, could swap theirs for: not cancelled, not theirs, and neither volunteer
 * on the other's shift already.
 */
async function swapChoicesIn(
  ctx: Ctx,
  tx: Db,
  member: Member,
  seriesId: string,
  shiftId: string,
  until = '9999',
) {
  const now = iso(ctx.clock.now());
  const rows = await store.listSeriesSignupsBetween(tx, member.communityId, seriesId, now, until);
  const mine = new Set(rows.filter((r) => r.shiftId === shiftId).map((r) => r.accountId));
  const actorOn = new Set(rows.filter((r) => r.accountId === member.accountId).map((r) => r.shiftId));
  return rows.filter(
    (r) =>
      r.shiftId !== shiftId &&
      r.cancelledAt === null &&
      !mine.has(r.accountId) &&
      !actorOn.has(r.shiftId) &&
      r.accountId !== member.accountId,
  );
}

/** A swap as its page shows it: both sides, and whether the actor may answer it. */
export async function getSwap(ctx: Ctx, swapId: string) {
  const member = requireMember(ctx);
  const swap = await store.findSwapView(ctx.db, member.communityId, swapId);
  // Only its two volunteers know of it.
  if (!swap || (swap.accountId !== member.accountId && swap.otherAccountId !== member.accountId))
    throw new NotFound('shifts.swap_not_found');
  return {
    ...swap,
    mayAnswer: swap.answeredAt === null && swap.otherAccountId === member.accountId,
  };
}

/**
 * The asked volunteer accepts or declines a swap, once (`Conflict('shifts.swap_answered')`
 * after). Accepting moves both sign-ups in one transaction, refused with
 * `Conflict('shifts.swap_changed')` (and the swap closed) when either side changed since it was
 * asked: a sign-up gone or made again, a shift begun or cancelled, or someone now on both. Both
 * are told the answer; each is reminded before their new shift.
 */
export async function answerSwap(ctx: Ctx, swapId: string, accept: boolean): Promise<void> {
  const member = requireMember(ctx);
  const changed = await ctx.db.transaction().execute(async (tx) => {
    const swap = await store.findSwap(tx, member.communityId, swapId);
    if (!swap || (swap.accountId !== member.accountId && swap.otherAccountId !== member.accountId))
      throw new NotFound('shifts.swap_not_found');
    authorize(swap.otherAccountId === member.accountId, 'shifts.swap_not_yours');
    if (swap.answeredAt) throw new Conflict('shifts.swap_answered');
    const series = await loadSeries(tx, member.communityId, swap.seriesId);
    const [a, b] = [
      await store.lockShift(tx, member.communityId, swap.shiftId),
      await store.lockShift(tx, member.communityId, swap.otherShiftId),
    ];
    const now = ctx.clock.now();
    const at = iso(now);
    if (accept) {
      const stillSo =
        a &&
        b &&
        !a.cancelledAt &&
        !b.cancelledAt &&
        new Date(a.startsAt) > now &&
        new Date(b.startsAt) > now &&
        (await store.findSignup(tx, member.communityId, a.id, swap.accountId))?.createdAt ===
          swap.signedUpAt &&
        (await store.findSignup(tx, member.communityId, b.id, swap.otherAccountId))?.createdAt ===
          swap.otherSignedUpAt &&
        !(await store.findSignup(tx, member.communityId, a.id, swap.otherAccountId)) &&
        !(await store.findSignup(tx, member.communityId, b.id, swap.accountId));
      if (!stillSo) {
        await store.answerSwap(tx, member.communityId, swap.id, false, at);
        return true;
      }
      const trialOn = async (accountId: string) =>
        series.trainedOnly && !(await store.isTrained(tx, member.communityId, series.id, accountId)) ? 1 : 0;
      const moves = [
        { shift: a, from: swap.accountId, to: swap.otherAccountId },
        { shift: b, from: swap.otherAccountId, to: swap.accountId },
      ];
      for (const m of moves) {
        await store.deleteSignup(tx, member.communityId, m.shift.id, m.from);
        await store.insertSignup(tx, {
          communityId: member.communityId,
          shiftId: m.shift.id,
          accountId: m.to,
          trial: await trialOn(m.to),
          createdAt: at,
        });
        const trials = (await store.listSignups(tx, member.communityId, [m.shift.id])).filter(
          (s) => s.trial === 1,
        ).length;
        if (series.trainedOnly && trials > series.trialSlots) throw new Conflict('shifts.trained_only');
        const remindAt = addSeconds(new Date(m.shift.startsAt), -reminderHours * 3600);
        if (remindAt > now) {
          await ctx.jobs.enqueue(
            tx,
            'shifts.remind',
            { communityId: member.communityId, shiftId: m.shift.id, accountId: m.to },
            remindAt,
          );
        }
      }
    }
    await store.answerSwap(tx, member.communityId, swap.id, accept, at);
    const key = accept ? 'swap_accepted' : 'swap_declined';
    await notify(ctx, tx, {
      kind: 'shifts.changes',
      community: member.community,
      to: [swap.accountId, swap.otherAccountId],
      about: { type: 'shift_swap', id: swap.id },
      path: `/shifts/swaps/${swap.id}`,
      text: { subject: `shifts.mail.${key}.subject`, body: `shifts.mail.${key}.body` },
      params: {
        title: series.title,
        name: ctx.account?.displayName ?? '',
        day: { day: (a?.occurrence ?? '').slice(0, 10) },
        time: (a?.occurrence ?? '').slice(11),
        theirDay: { day: (b?.occurrence ?? '').slice(0, 10) },
        theirTime: (b?.occurrence ?? '').slice(11),
      },
    });
    return false;
  });
  if (changed) throw new Conflict('shifts.swap_changed');
}
