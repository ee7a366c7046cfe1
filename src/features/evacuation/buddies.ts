/**
 * A buddy is asked, not just named (issue 16). When a household names or changes its buddy or
 * backup buddy, that member is asked — a notification that waits in "needs me" until they answer
 * — and accepts or declines on their buddy page, which says what they will see: the household's
 * name and phone, nothing else. An accepted buddy can stop at any time; the household and the
 * coordinators are told. Drills and alerts send a household's phone only to an accepted buddy
 * (`acceptedBuddies`); the answer lives on the household's row and starts again at asked when the
 * household names someone else.
 */
import { requireCommunity, requireRole } from '../../platform/access.ts';
import { type Ctx, findCommunityContext, type Services } from '../../platform/context.ts';
import type { BuddyStatus, Db, EvacuationHousehold } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import { type NotificationKind, personal } from '../../platform/notify/kinds.ts';
import { notify, resolve } from '../../platform/notify/service.ts';
import { logRead } from './access-log.ts';
import { can } from './policy.ts';
import * as store from './store.ts';

/** The buddies' notifications: asked to be a buddy (a task until answered), an answer, a buddy who stopped. */
export const buddyKind: NotificationKind = {
  name: 'evacuation.buddies',
  defaults: personal,
  asks: { 'evacuation.buddy.mail.asked.subject': 'evacuation.buddy' },
};

/** The buddy page's path under the community. */
export const buddyPath = '/evacuation/buddy';
const aboutType = 'evacuation_buddy';

/** Which of a household's two buddies. */
export type BuddyRole = 'buddy' | 'backup';

/** The fields a household's row keeps for its buddies' answers. */
export interface BuddyAnswers {
  buddyStatus: BuddyStatus | null;
  buddyAnsweredAt: string | null;
  backupBuddyStatus: BuddyStatus | null;
  backupBuddyAnsweredAt: string | null;
}

/**
 * The answers to keep when a household is saved with buddies `next` over its row `old` (none when
 * new): a buddy still named keeps their answer, a newly named one starts at asked (and is in
 * `asked`, to be told), and no buddy has no answer; `dropped`: those no longer named. A buddy moved from buddy to backup (or back)
 * keeps their answer: they said yes to this household.
 */
export function answersFor(
  old: EvacuationHousehold | undefined,
  next: { buddyId: string | null; backupBuddyId: string | null },
): BuddyAnswers & { asked: { accountId: string; role: BuddyRole }[]; dropped: string[] } {
  const asked: { accountId: string; role: BuddyRole }[] = [];
  const named = [next.buddyId, next.backupBuddyId];
  const dropped = [old?.buddyId ?? null, old?.backupBuddyId ?? null].filter(
    (id): id is string => id !== null && !named.includes(id),
  );
  const keep = (id: string | null, role: BuddyRole): [BuddyStatus | null, string | null] => {
    if (!id) return [null, null];
    if (old?.buddyId === id) return [old.buddyStatus ?? 'asked', old.buddyAnsweredAt];
    if (old?.backupBuddyId === id) return [old.backupBuddyStatus ?? 'asked', old.backupBuddyAnsweredAt];
    asked.push({ accountId: id, role });
    return ['asked', null];
  };
  const [buddyStatus, buddyAnsweredAt] = keep(next.buddyId, 'buddy');
  const [backupBuddyStatus, backupBuddyAnsweredAt] = keep(next.backupBuddyId, 'backup');
  return { buddyStatus, buddyAnsweredAt, backupBuddyStatus, backupBuddyAnsweredAt, asked, dropped };
}

/** The household's buddies who have accepted, buddy first: the only ones a drill or an alert tells. */
export function acceptedBuddies(
  h: Pick<EvacuationHousehold, 'buddyId' | 'buddyStatus' | 'backupBuddyId' | 'backupBuddyStatus'>,
): string[] {
  const ids: string[] = [];
  if (h.buddyId && h.buddyStatus === 'accepted') ids.push(h.buddyId);
  if (h.backupBuddyId && h.backupBuddyStatus === 'accepted') ids.push(h.backupBuddyId);
  return ids;
}

/**
 * Asks, inside `tx`, every buddy of `households` still at "asked" who was never sent the ask
 * (buddies named before migration 0043 start at asked with no message): without it they can
 * never accept, and a drill or an alert never tells them anything. Run when a drill starts.
 * Returns how many were asked.
 */
export async function askBuddiesNeverAsked(
  ctx: Ctx,
  tx: Db,
  households: readonly EvacuationHousehold[],
): Promise<number> {
  const communityId = requireCommunity(ctx).id;
  const sent = await store.buddyAsksSent(
    tx,
    communityId,
    households.map((h) => h.id),
  );
  let count = 0;
  for (const h of households) {
    const asked: { accountId: string; role: BuddyRole }[] = [];
    if (h.buddyId && h.buddyStatus === 'asked' && !sent.has(`${h.id} ${h.buddyId}`))
      asked.push({ accountId: h.buddyId, role: 'buddy' });
    if (h.backupBuddyId && h.backupBuddyStatus === 'asked' && !sent.has(`${h.id} ${h.backupBuddyId}`))
      asked.push({ accountId: h.backupBuddyId, role: 'backup' });
    if (asked.length === 0) continue;
    await askBuddies(ctx, tx, h, asked, []);
    count += asked.length;
  }
  return count;
}

/**
 * Asks the members `asked` to be the buddy of `household` (the member `accountId` is), inside
 * `tx`: each gets a notification in their language that stays in "needs me" until they answer.
 * The asks of members no longer named (`dropped`) leave "needs me".
 */
export async function askBuddies(
  ctx: Ctx,
  tx: Db,
  household: { id: string; accountId: string },
  asked: readonly { accountId: string; role: BuddyRole }[],
  dropped: readonly string[],
): Promise<void> {
  for (const accountId of [...dropped, ...asked.map((a) => a.accountId)])
    await resolve(ctx, tx, requireCommunity(ctx).id, { type: aboutType, id: household.id }, { accountId });
  if (asked.length === 0) return;
  const name = (await store.namesOf(tx, [household.accountId])).get(household.accountId) ?? '';
  for (const role of ['buddy', 'backup'] as const) {
    const to = asked.filter((a) => a.role === role).map((a) => a.accountId);
    await notify(ctx, tx, {
      kind: buddyKind.name,
      community: requireCommunity(ctx),
      to,
      about: { type: aboutType, id: household.id, title: name },
      path: buddyPath,
      text: { subject: 'evacuation.buddy.mail.asked.subject', body: `evacuation.buddy.mail.asked.${role}` },
      params: { name },
    });
  }
}

/** Takes the asks of household `householdId` out of its buddies' "needs me" (the household is withdrawn). */
export async function settleAsks(ctx: Ctx, tx: Db, householdId: string): Promise<void> {
  await resolve(ctx, tx, requireCommunity(ctx).id, { type: aboutType, id: householdId });
}

/** One household the member is asked to look after, or looks after, as their buddy page shows it. */
export interface BuddyOf {
  householdId: string;
  name: string;
  role: BuddyRole;
  status: BuddyStatus;
  answeredAt: string | null;
  /** The household's phone, only once the buddy has accepted. */
  phone: string | null;
}

/**
 * The households that name the actor as buddy or backup buddy, with their answer, and the phone of
 * those they accepted — each phone shown is a read of that household's data, logged first
 * (`buddy_phone`), as every read of it by anyone but its member is.
 */
export async function myBuddying(ctx: Ctx): Promise<BuddyOf[]> {
  const { communityId, accountId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const rows = await store.listHouseholdsBuddiedBy(ctx.db, communityId, accountId);
  for (const h of rows) {
    const status = h.buddyId === accountId ? h.buddyStatus : h.backupBuddyStatus;
    if (status === 'accepted' && h.phone) await logRead(ctx, 'buddy_phone', h.id);
  }
  const names = await store.namesOf(
    ctx.db,
    rows.map((h) => h.accountId),
  );
  return rows.map((h) => {
    const role: BuddyRole = h.buddyId === accountId ? 'buddy' : 'backup';
    const status = (role === 'buddy' ? h.buddyStatus : h.backupBuddyStatus) ?? 'asked';
    return {
      householdId: h.id,
      name: names.get(h.accountId) ?? '',
      role,
      status,
      answeredAt: role === 'buddy' ? h.buddyAnsweredAt : h.backupBuddyAnsweredAt,
      phone: status === 'accepted' ? h.phone || null : null,
    };
  });
}

/** What a buddy answers: yes, or no (which also stops an accepted buddy). */
export type BuddyAnswer = 'accepted' | 'declined';

/**
 * The actor answers household `householdId`'s ask: `accepted` or `declined`. Only the member it
 * names as buddy or backup buddy: anyone else, and another community's household, is `NotFound`
 * (`evacuation.errors.buddy_ask_not_found`). Giving the answer already given is `Conflict`
 * (`evacuation.errors.buddy_already_<answer>`). The household is told; when an accepted buddy
 * stops, the coordinators too. One transaction, with the task in "needs me" settled.
 */
export async function answerBuddy(ctx: Ctx, householdId: string, answer: BuddyAnswer): Promise<void> {
  const { communityId, accountId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  await ctx.db.transaction().execute(async (tx) => {
    const h = await store.findHousehold(tx, communityId, householdId);
    const role: BuddyRole | null = !h
      ? null
      : h.buddyId === accountId
        ? 'buddy'
        : h.backupBuddyId === accountId
          ? 'backup'
          : null;
    if (!h || !role) throw new NotFound('evacuation.errors.buddy_ask_not_found');
    const was = (role === 'buddy' ? h.buddyStatus : h.backupBuddyStatus) ?? 'asked';
    if (was === answer) throw new Conflict(`evacuation.errors.buddy_already_${answer}`);
    await store.setBuddyStatus(
      tx,
      communityId,
      h.id,
      role === 'buddy' ? 'buddy' : 'backupBuddy',
      accountId,
      answer,
      iso(ctx.clock.now()),
    );
    await resolve(ctx, tx, communityId, { type: aboutType, id: h.id }, { accountId });
    const names = await store.namesOf(tx, [accountId, h.accountId]);
    const event = answer === 'accepted' ? 'accepted' : was === 'accepted' ? 'stopped' : 'declined';
    const params = { buddy: names.get(accountId) ?? '', name: names.get(h.accountId) ?? '' };
    const text = (key: string) => ({
      subject: `evacuation.buddy.mail.${key}.subject`,
      body: `evacuation.buddy.mail.${key}.body`,
    });
    await notify(ctx, tx, {
      kind: buddyKind.name,
      community: requireCommunity(ctx),
      to: [h.accountId],
      about: { type: 'evacuation_household', id: h.id },
      path: '/evacuation/household',
      text: text(event),
      params,
    });
    // A buddy who stops leaves a gap the coordinators may have to fill (a paper household cannot name someone else alone).
    if (event === 'stopped') {
      const coordinators = await store.listCoordinators(tx, communityId);
      await notify(ctx, tx, {
        kind: buddyKind.name,
        community: requireCommunity(ctx),
        to: coordinators.map((c) => c.accountId),
        about: { type: 'evacuation_household', id: h.id },
        path: `/evacuation/households/${h.id}`,
        text: text('stopped_coordinators'),
        params,
      });
    }
  });
}

/**
 * Tells of the households the database took a buddy from (`buddyLostAt`, migration 0069: the
 * buddy's membership ended — they left, were removed, or their account was erased, which runs no
 * app code): the household, and the coordinators, that it lost a buddy, and whether a buddy who
 * accepted still checks on it or it now has none (then drills and alerts come to the
 * coordinators for it). Each mark is claimed by clearing it in `db` (the caller's transaction),
 * so two processes, or the app and the job, tell once. A household whose own member went is
 * cleared without a word. Only community `communityId`'s when given, else every community's
 * (the job). Returns how many households were told of.
 */
export async function tellLostBuddies(
  s: Pick<Services, 'jobs' | 'clock'>,
  db: Db,
  communityId?: string,
): Promise<number> {
  let told = 0;
  for (const marked of await store.listLostBuddies(db, communityId)) {
    if (!(await store.claimLostBuddy(db, marked.communityId, marked.id, marked.buddyLostAt))) continue;
    if (marked.leftAt) continue;
    const community = await findCommunityContext({ db, clock: s.clock }, marked.communityId);
    if (!community) continue;
    const left = acceptedBuddies(marked)[0];
    const names = await store.namesOf(db, [marked.accountId, ...(left ? [left] : [])]);
    const params = { name: names.get(marked.accountId) ?? '', buddy: left ? (names.get(left) ?? '') : '' };
    const body = left ? 'body_backup' : 'body';
    await notify(s, db, {
      kind: buddyKind.name,
      community,
      to: [marked.accountId],
      about: { type: 'evacuation_household', id: marked.id },
      path: '/evacuation/household',
      text: { subject: 'evacuation.buddy.mail.gone.subject', body: `evacuation.buddy.mail.gone.${body}` },
      params,
    });
    const coordinators = await store.listCoordinators(db, marked.communityId);
    await notify(s, db, {
      kind: buddyKind.name,
      community,
      to: coordinators.map((c) => c.accountId),
      about: { type: 'evacuation_household', id: marked.id },
      path: `/evacuation/households/${marked.id}`,
      text: {
        subject: 'evacuation.buddy.mail.gone_coordinators.subject',
        body: `evacuation.buddy.mail.gone_coordinators.${body}`,
      },
      params,
    });
    told++;
  }
  return told;
}
