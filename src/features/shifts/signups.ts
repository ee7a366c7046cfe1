/**
 * Volunteers on an occurrence: signing up (a trial slot when the series is for trained
 * volunteers), dropping out, asking for a substitute, and the reminder before each shift. Each
 * write locks the occurrence's row and tells who should know inside its transaction.
 */
import { type Member, requireMember } from '../../platform/access.ts';
import { type Ctx, findCommunityContext, type Services } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { authorize, Conflict } from '../../platform/errors.ts';
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
      const series = await store.findSeries(tx, p.communityId, shift.seriesId);
      if (!series || series.archivedAt) return;
      await store.updateSignup(tx, p.communityId, shift.id, p.accountId, { remindedAt: iso(s.clock.now()) });
      await tell(s, tx, community, 'shifts.reminders', [p.accountId], 'reminder', series, shift.occurrence);
    });
  });
}
