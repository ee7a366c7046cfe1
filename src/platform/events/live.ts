/**
 * Telling members' open pages that something of theirs changed (a message for them, a request to
 * answer), so their conversation, front porch and menu counts update without a reload. An event
 * carries no content: the page fetches itself again (`web/client/live.ts`), so what a member sees
 * always comes through the gate and the data as they are. Told after commit, through a job, so
 * the page never fetches before the change is there; missing one costs only a reload.
 */
import type { Services } from '../context.ts';
import type { Db } from '../db/database.ts';

/** The channel of everyone in a community (`community:<id>`). */
export const communityChannel = (communityId: string) => `community:${communityId}`;
/** The channel of one member of a community. */
export const memberChannel = (communityId: string, accountId: string) =>
  `community:${communityId}:member:${accountId}`;

/** The event a member's pages update on. */
export const changedEvent = 'changed';

/** Publishes `changed` to each of `accountIds` in the community now (after commit). */
export async function tellNow(
  s: Pick<Services, 'events'>,
  communityId: string,
  accountIds: readonly string[],
): Promise<void> {
  for (const accountId of new Set(accountIds)) {
    await s.events.publish({ channel: memberChannel(communityId, accountId), type: changedEvent, data: {} });
  }
}

/**
 * Tells `accountIds` (members of `communityId`) that something of theirs changed, once `tx`
 * commits: a job, written in the transaction, publishes it.
 */
export async function tellMembers(
  s: Pick<Services, 'jobs'>,
  tx: Db,
  communityId: string,
  accountIds: readonly (string | null)[],
): Promise<void> {
  const ids = [...new Set(accountIds.filter((id): id is string => id !== null))];
  if (ids.length > 0) await s.jobs.enqueue(tx, 'live.tell', { communityId, accountIds: ids });
}

/** Registers the job that publishes what `tellMembers` wrote. */
export function registerLiveJobs(s: Services): void {
  s.jobs.register('live.tell', async (p: { communityId: string; accountIds: string[] }) =>
    tellNow(s, p.communityId, p.accountIds),
  );
}
