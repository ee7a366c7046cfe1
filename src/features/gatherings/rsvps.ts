/**
 * Answering a gathering: yes, maybe or no, with guests. A yes takes places (one and each guest)
 * while the capacity allows; beyond it, or while others wait, it joins the waiting list, in the
 * order answered. A yes with more guests than the places left is refused, saying how many may
 * come along. Whoever frees places (a no, a maybe, fewer guests) lets the waiting list in.
 */
import { requireMember } from '../../platform/access.ts';
import type { CommunityContext, Ctx, Services } from '../../platform/context.ts';
import type { Db, Gathering, GatheringOccurrence, RsvpAnswer } from '../../platform/db/database.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { authorize, Conflict, invalid, NotFound } from '../../platform/errors.ts';
import { can } from './policy.ts';
import { queueReminder } from './reminders.ts';
import { letWaitingIn, loadGathering, loadManaged, startOf, tally } from './service.ts';
import * as store from './store.ts';

/** An answer as given. */
export interface AnswerInput {
  answer: RsvpAnswer;
  guests?: number;
}

/** Where an answer left its author: on the list, or waiting. */
export interface AnswerResult {
  answer: RsvpAnswer;
  guests: number;
  waiting: boolean;
}

/**
 * The coming, not cancelled occurrence row of `g` (made if missing, locked for the transaction):
 * `Conflict('gatherings.already_started')`, `Conflict('gatherings.cancelled')` otherwise.
 */
export async function comingOccurrence(
  ctx: Ctx,
  tx: Db,
  community: CommunityContext,
  g: Gathering,
  occurrence: string,
): Promise<GatheringOccurrence> {
  const start = startOf(g, community, occurrence);
  const now = ctx.clock.now();
  if (start <= now) throw new Conflict('gatherings.already_started');
  const row = await store.ensureOccurrence(tx, {
    communityId: community.id,
    gatheringId: g.id,
    occurrence,
    startsAt: iso(start),
    endsAt: iso(addSeconds(start, g.durationMinutes * 60)),
    createdAt: iso(now),
  });
  if (row.cancelledAt) throw new Conflict('gatherings.cancelled');
  return row;
}

/**
 * Records `who`'s answer to a locked occurrence row by the rules above, and lets the waiting list
 * in where places were freed. `who` is a member (`accountId`) or a visitor (`visitor`: their name
 * name, a new answer each time). Refused (`Invalid` on `guests`):
 * `gatherings.guests_above_places` with how many guests still fit.
 */
export async function record(
  ctx: Ctx,
  tx: Db,
  community: CommunityContext,
  g: Gathering,
  row: GatheringOccurrence,
  who: { accountId: string } | { visitor: { name: string } },
  input: AnswerInput,
): Promise<AnswerResult & { rsvpId: string }> {
  const rsvps = await store.listRsvps(tx, community.id, [row.id]);
  const mine = 'accountId' in who ? rsvps.find((r) => r.accountId === who.accountId) : undefined;
  const others = rsvps.filter((r) => r !== mine);
  const guests = input.answer === 'no' ? 0 : (input.guests ?? 0);
  let waiting = 0;
  if (input.answer === 'yes' && g.capacity !== null) {
    const left = g.capacity - tally(others).going;
    const someoneWaits = others.some((r) => r.answer === 'yes' && r.waiting === 1);
    const alreadyIn = mine?.answer === 'yes' && mine.waiting === 0;
    if (!alreadyIn && (someoneWaits || left < 1)) waiting = 1;
    else if (1 + guests > left)
      invalid('guests', 'gatherings.guests_above_places', { count: Math.max(0, left - 1) });
  }
  const now = iso(ctx.clock.now());
  let rsvpId: string;
  if (mine) {
    rsvpId = mine.id;
    await store.updateRsvp(tx, community.id, mine.id, {
      answer: input.answer,
      guests,
      waiting,
      // A changed answer goes to the end of the waiting list; more or fewer guests keep the place.
      ...(mine.answer !== input.answer || (mine.waiting === 1) !== (waiting === 1)
        ? { answeredAt: now }
        : {}),
    });
  } else {
    rsvpId = await store.insertRsvp(tx, {
      communityId: community.id,
      occurrenceId: row.id,
      accountId: 'accountId' in who ? who.accountId : null,
      visitorName: 'visitor' in who ? who.visitor.name : null,
      answer: input.answer,
      guests,
      waiting,
      answeredAt: now,
      createdAt: now,
    });
  }
  // Who is not coming brings nothing.
  if (input.answer === 'no') await store.deleteDishesOf(tx, community.id, rsvpId);
  await letWaitingIn(ctx, tx, community, g, row.id, row.occurrence);
  const after = (await store.listRsvps(tx, community.id, [row.id])).find((r) => r.id === rsvpId);
  if ('accountId' in who && input.answer === 'yes') {
    await queueReminder(ctx, tx, community.id, row, who.accountId);
  }
  return { rsvpId, answer: input.answer, guests, waiting: after?.waiting === 1 };
}

/**
 * The actor's answer to a coming occurrence (active members). 404 for another community's
 * gathering or an occurrence its rule does not give; 409 once it started or when cancelled.
 */
export async function answer(
  ctx: Ctx,
  gatheringId: string,
  occurrence: string,
  input: AnswerInput,
): Promise<AnswerResult> {
  const member = requireMember(ctx);
  authorize(can.answer(ctx.actor), 'errors.members_only');
  return ctx.db.transaction().execute(async (tx) => {
    const g = await loadGathering(tx, member.communityId, gatheringId);
    const row = await comingOccurrence(ctx, tx, member.community, g, occurrence);
    const { rsvpId: _, ...result } = await record(
      ctx,
      tx,
      member.community,
      g,
      row,
      { accountId: member.accountId },
      input,
    );
    return result;
  });
}

/**
 * When `accountId`'s membership of `community` ends (they left or were removed), in the caller's
 * transaction: their answers to every coming date are withdrawn with the dishes they promised,
 * and each date's waiting list is let in, as if they had said no; past dates keep their answers
 * (who came). A removed member's name is no longer listed to the members. The gatherings they
 * organize stay, for the stewards to manage. Called by the communities feature.
 */
export async function endAnswers(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  community: CommunityContext,
  accountId: string,
): Promise<void> {
  const answers = await store.listComingAnswersOf(tx, community.id, accountId, iso(s.clock.now()));
  for (const a of answers) {
    await store.lockOccurrence(tx, community.id, a.occurrenceId);
    await store.deleteDishesOf(tx, community.id, a.id);
    await store.deleteRsvp(tx, community.id, a.id);
    const g = await store.findGathering(tx, community.id, a.gatheringId);
    if (g && !g.cancelledAt) await letWaitingIn(s, tx, community, g, a.occurrenceId, a.occurrence);
  }
}

/**
 * Removes a visitor's answer to a coming date (who organizes the gathering, or a steward:
 * `Forbidden('gatherings.only_organizers')`), and lets the waiting list into the places it held:
 * anyone may answer a public gathering, so whoever runs it must be able to undo a false or
 * repeated answer. A member's answer is theirs to change: `NotFound('gatherings.answer_not_found')`
 * for it, as for an answer of another date.
 */
export async function removeVisitorAnswer(
  ctx: Ctx,
  gatheringId: string,
  occurrence: string,
  answerId: string,
): Promise<void> {
  const member = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const g = await loadManaged(ctx, tx, member, gatheringId);
    const row = await comingOccurrence(ctx, tx, member.community, g, occurrence);
    const found = (await store.listRsvps(tx, member.communityId, [row.id])).find((r) => r.id === answerId);
    if (!found || found.accountId !== null) throw new NotFound('gatherings.answer_not_found');
    await store.deleteDishesOf(tx, member.communityId, found.id);
    await store.deleteRsvp(tx, member.communityId, found.id);
    await letWaitingIn(ctx, tx, member.community, g, row.id, row.occurrence);
  });
}
