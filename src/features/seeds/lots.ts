/**
 * Seed lots, taking packets and pledges to bring saved seed back. Nothing is tallied: taking
 * packets records no debt (PRODUCT.md: reciprocity as a mindset); a pledge is the member's own
 * promise, with one gentle reminder in the month they chose. Returned and donated seed become
 * new lots. Months and years are the community's, in its time zone (`calendar.ts`).
 */
import type { Static } from 'typebox';
import { requireMember } from '../../platform/access.ts';
import type { CommunityContext, Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/ids.ts';
import { addMonths, iso } from '../../platform/db/time.ts';
import { authorize, Conflict, Invalid, NotFound } from '../../platform/errors.ts';
import { resolve } from '../../platform/notify/service.ts';
import { listDirectory } from '../profiles/service.ts';
import { reminderTime } from './calendar.ts';
import { pledgeReminderJob } from './jobs.ts';
import { can } from './policy.ts';
import {
  type LotInput,
  type LotOut,
  limits,
  type PledgeOut,
  type ReturnInput,
  type TakeInput,
} from './schema.ts';
import * as store from './store.ts';

/** A lot on the shelf. (the API's `LotOut`). */
export type LotView = Static<typeof LotOut>;

/** A pledge to bring saved seed back; `crop` and `varietyName` in lists across varieties. (the API's `PledgeOut`). */
export type PledgeView = Static<typeof PledgeOut>;

/** What taking packets answers: the lot afterwards, and the pledge if one was made. */
export interface TakeResult {
  lot: LotView;
  pledge: PledgeView | null;
}

/** A lot row as shown. */
export function lotOut(row: store.LotRow): LotView {
  return {
    id: row.id,
    packets: row.packets,
    harvestYear: row.harvestYear,
    germinationRate: row.germinationRate,
    grownBy: row.grownBy,
    grownByName: row.grownByName,
    notes: row.notes,
    source: row.source,
    createdAt: row.createdAt,
  };
}

function pledgeOut(
  row: Omit<store.PledgeRow, 'memberEmail' | 'memberLocale'> & { crop?: string; varietyName?: string },
): PledgeView {
  return {
    id: row.id,
    varietyId: row.varietyId,
    lotId: row.lotId,
    accountId: row.accountId,
    memberName: row.memberName,
    packetsTaken: row.packetsTaken,
    expectedMonth: row.expectedMonth,
    status: row.status,
    returnedLotId: row.returnedLotId,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    ...(row.crop === undefined ? {} : { crop: row.crop, varietyName: row.varietyName }),
  };
}

/** The months a pledge may name now: from next month to `limits.pledgeMonthsAhead` ahead, there. */
function monthChoices(community: CommunityContext): string[] {
  const month = community.month();
  return Array.from({ length: limits.pledgeMonthsAhead }, (_, i) => addMonths(month, i + 1));
}

/**
 * The months a pledge may name, `YYYY-MM`: from next month to `limits.pledgeMonthsAhead` ahead
 * in the community's calendar (on the 1st of a month in Auckland it is still the month before in
 * UTC). For members only.
 */
export async function pledgeMonthChoices(ctx: Ctx): Promise<string[]> {
  return monthChoices(requireMember(ctx).community);
}

/** Refuses `year` on `field` when it is after the community's current year. */
function checkYear(community: CommunityContext, field: string, year: number) {
  const current = community.year();
  if (year > current) {
    throw new Invalid([{ field, code: 'seeds.year_in_future', params: { year: current } }]);
  }
}

/** Pledges of the variety the actor may see: all open ones for a steward, else their own. */
export async function listPledgesOfVariety(ctx: Ctx, communityId: string, varietyId: string) {
  const rows = await store.listOpenPledges(ctx.db, communityId, {
    varietyId,
    accountId: can.seeAllPledges(ctx.actor) ? undefined : (ctx.actor.accountId ?? ''),
  });
  return rows.map(pledgeOut);
}

/** The actor's own open pledges, across varieties, by expected month. */
export async function listMyPledges(ctx: Ctx): Promise<PledgeView[]> {
  const { communityId, accountId } = requireMember(ctx);
  const rows = await store.listOpenPledges(ctx.db, communityId, { accountId });
  return rows.map(pledgeOut);
}

/**
 * For the donation form of a variety: members who may be named as the grower, as `[id, name]`,
 * by name. Throws `NotFound('seeds.variety_not_found')` for a variety not of this community.
 */
export async function lotFormChoices(ctx: Ctx, varietyId: string): Promise<[string, string][]> {
  const { communityId } = requireMember(ctx);
  if (!(await store.findVariety(ctx.db, communityId, varietyId)))
    throw new NotFound('seeds.variety_not_found');
  const members = await listDirectory(ctx);
  return members.map((m) => [m.id, m.displayName]);
}

/**
 * Puts donated seed on the shelf as a new lot; returns it. `grownBy` must be an active
 * member (else `Invalid`); the harvest year must not be in the future.
 */
export async function addLot(ctx: Ctx, varietyId: string, input: LotInput): Promise<LotView> {
  const { communityId, accountId, community } = requireMember(ctx);
  checkYear(community, 'harvestYear', input.harvestYear);
  if (input.grownBy) {
    const members = await listDirectory(ctx);
    if (!members.some((m) => m.id === input.grownBy)) {
      throw new Invalid([{ field: 'grownBy', code: 'seeds.grower_not_member' }]);
    }
  }
  const id = newId();
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await store.findVariety(tx, communityId, varietyId))) throw new NotFound('seeds.variety_not_found');
    await store.insertLot(tx, {
      id,
      communityId,
      varietyId,
      packets: input.packets,
      harvestYear: input.harvestYear,
      germinationRate: input.germinationRate ?? null,
      grownBy: input.grownBy ?? null,
      notes: (input.notes ?? '').trim(),
      source: 'donation',
      addedBy: accountId,
      createdAt: iso(ctx.clock.now()),
    });
    return lotOut((await store.findLot(tx, communityId, varietyId, id))!);
  });
}

/** The lot, for the take form. */
export async function getLot(ctx: Ctx, varietyId: string, lotId: string): Promise<LotView> {
  const { communityId } = requireMember(ctx);
  const lot = await store.findLot(ctx.db, communityId, varietyId, lotId);
  if (!lot) throw new NotFound('seeds.lot_not_found');
  return lotOut(lot);
}

/**
 * A member takes `packets` packets of a lot, optionally pledging to bring saved seed back in
 * `expectedMonth`. The decrement is one conditional statement (`packets >= n`), so concurrent
 * takes never go below zero; asking for more than is left → `Conflict('seeds.not_enough_packets',
 * {count})`. A month given without ticking "pledge" still counts as a pledge (the form's box is
 * easy to miss); it must be one of `pledgeMonthChoices` (else `Invalid` on `expectedMonth`). A
 * pledge schedules its reminder for the morning of the 1st of that month in the community's
 * time zone, in the same transaction.
 */
export async function takePackets(
  ctx: Ctx,
  varietyId: string,
  lotId: string,
  input: TakeInput,
): Promise<TakeResult> {
  const pledging = input.pledge === true || input.expectedMonth !== undefined;
  if (pledging && !input.expectedMonth) invalidMonth('seeds.pledge_month_required');
  const { communityId, accountId, community } = requireMember(ctx);
  // The months open to a pledge are the community's, in its calendar.
  if (pledging && !monthChoices(community).includes(input.expectedMonth ?? '')) {
    invalidMonth('seeds.pledge_month_range');
  }
  const now = iso(ctx.clock.now());
  return ctx.db.transaction().execute(async (tx) => {
    const before = await store.findLot(tx, communityId, varietyId, lotId);
    if (!before) throw new NotFound('seeds.lot_not_found');
    const taken = await store.takePackets(tx, communityId, varietyId, lotId, input.packets);
    if (!taken) {
      const current = await store.findLot(tx, communityId, varietyId, lotId);
      throw new Conflict('seeds.not_enough_packets', { count: current?.packets ?? 0 });
    }
    let pledge: PledgeView | null = null;
    if (pledging && input.expectedMonth) {
      const pledgeId = newId();
      await store.insertPledge(tx, {
        id: pledgeId,
        communityId,
        varietyId,
        lotId,
        accountId,
        packetsTaken: input.packets,
        expectedMonth: input.expectedMonth,
        status: 'open',
        returnedLotId: null,
        remindedAt: null,
        createdAt: now,
        closedAt: null,
      });
      // Re-checked when it runs: a pledge returned or cancelled by then gets no reminder.
      await ctx.jobs.enqueue(
        tx,
        pledgeReminderJob,
        { communityId, pledgeId },
        reminderTime(input.expectedMonth, community.timeZone),
      );
      const row = await store.findPledge(tx, communityId, pledgeId);
      if (row) pledge = pledgeOut(row);
    }
    const after = await store.findLot(tx, communityId, varietyId, lotId);
    return { lot: lotOut(after ?? before), pledge };
  });
}

function invalidMonth(code: string): never {
  throw new Invalid([{ field: 'expectedMonth', code }]);
}

async function loadPledge(ctx: Ctx, communityId: string, varietyId: string, pledgeId: string) {
  const pledge = await store.findPledge(ctx.db, communityId, pledgeId, varietyId);
  // Someone else's pledge is not a member's business: not found, as for another community's.
  if (!pledge || !can.seePledge(ctx.actor, pledge)) throw new NotFound('seeds.pledge_not_found');
  return pledge;
}

/** The pledge, for its return form (the member who pledged, or a steward). */
export async function getPledge(ctx: Ctx, varietyId: string, pledgeId: string): Promise<PledgeView> {
  const { communityId } = requireMember(ctx);
  return pledgeOut(await loadPledge(ctx, communityId, varietyId, pledgeId));
}

/**
 * Records seed brought back for a pledge: a new lot (grown by the member who pledged, linked to
 * the pledge) and the pledge closed as returned, in one transaction. Returns the new lot.
 * A pledge that is no longer open → `Conflict('seeds.pledge_not_open')`.
 */
export async function returnPledge(
  ctx: Ctx,
  varietyId: string,
  pledgeId: string,
  input: ReturnInput,
): Promise<LotView> {
  const { communityId, accountId, community } = requireMember(ctx);
  checkYear(community, 'harvestYear', input.harvestYear);
  const pledge = await loadPledge(ctx, communityId, varietyId, pledgeId);
  authorize(can.recordReturn(ctx.actor, pledge), 'seeds.only_pledger_or_steward');
  const now = iso(ctx.clock.now());
  const lotId = newId();
  return ctx.db.transaction().execute(async (tx) => {
    await store.insertLot(tx, {
      id: lotId,
      communityId,
      varietyId,
      packets: input.packets,
      harvestYear: input.harvestYear,
      germinationRate: input.germinationRate ?? null,
      grownBy: pledge.accountId,
      notes: (input.notes ?? '').trim(),
      source: 'return',
      addedBy: accountId,
      createdAt: now,
    });
    if (!(await store.closePledge(tx, communityId, pledgeId, 'returned', now, lotId))) {
      throw new Conflict('seeds.pledge_not_open');
    }
    await resolve(ctx, tx, communityId, { type: 'seed_pledge', id: pledgeId });
    return lotOut((await store.findLot(tx, communityId, varietyId, lotId))!);
  });
}

async function closeAs(ctx: Ctx, varietyId: string, pledgeId: string, status: 'done' | 'cancelled') {
  const { communityId } = requireMember(ctx);
  const pledge = await loadPledge(ctx, communityId, varietyId, pledgeId);
  authorize(can.closePledge(ctx.actor, pledge), 'seeds.only_pledger_or_steward');
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await store.closePledge(tx, communityId, pledgeId, status, iso(ctx.clock.now()))))
      throw new Conflict('seeds.pledge_not_open');
    // Its reminder asks nothing any more.
    await resolve(ctx, tx, communityId, { type: 'seed_pledge', id: pledgeId });
  });
}

/** The member marks their pledge done (seed shared some other way); no lot is recorded. */
export function markPledgeDone(ctx: Ctx, varietyId: string, pledgeId: string): Promise<void> {
  return closeAs(ctx, varietyId, pledgeId, 'done');
}

/** The member (or a steward) cancels a pledge; its reminder will not be sent. */
export function cancelPledge(ctx: Ctx, varietyId: string, pledgeId: string): Promise<void> {
  return closeAs(ctx, varietyId, pledgeId, 'cancelled');
}
