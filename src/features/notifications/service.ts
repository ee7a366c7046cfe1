/**
 * Announcements: a steward's message to the whole community, told to every active member
 * through the platform's notifications (inbox, and mail or push by each member's choice; a daily
 * summary by mail unless they chose otherwise), with a link to the community's chat group when it
 * has one. At most `announcementsPerWeek` a community, so that they stay worth reading. The
 * steward sees how many members each reached, and how many mails went or wait for a summary.
 */
import { requireMember, requireRole } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/ids.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { authorize, NotFound, TooManyRequests } from '../../platform/errors.ts';
import { failedDeliveries, notify, retryFailedDeliveries } from '../../platform/notify/service.ts';
import { can } from './policy.ts';
import * as store from './store.ts';

/** Announcements a community may make in 7 days. */
export const announcementsPerWeek = 3;
const week = 7 * 86400;

/** What a steward announces. */
export interface AnnouncementInput {
  subject: string;
  body: string;
}

/**
 * Announces `input` to every active member but its author; returns its id and how many members
 * it reached. Throws `Forbidden('notify.announcements.only_stewards')` for a member who is not a
 * steward, `TooManyRequests('notify.announcements.too_many')` past `announcementsPerWeek`.
 */
export async function announce(ctx: Ctx, input: AnnouncementInput): Promise<{ id: string; reached: number }> {
  const { community, accountId } = requireRole(ctx, can.announce, 'notify.announcements.only_stewards');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    // The limit holds for stewards announcing at the same moment, from any process.
    await store.lockCommunity(tx, community.id);
    const recent = await store.announcementsSince(tx, community.id, iso(addSeconds(now, -week)));
    if (recent.length >= announcementsPerWeek) {
      const freeAt = addSeconds(new Date(recent[0].createdAt), week);
      const seconds = Math.max(60, Math.ceil((freeAt.getTime() - now.getTime()) / 1000));
      const error = new TooManyRequests('notify.announcements.too_many', seconds);
      Object.assign(error.params, { limit: announcementsPerWeek, days: Math.ceil(seconds / 86400) });
      throw error;
    }
    const id = newId();
    await store.insertAnnouncement(tx, {
      id,
      communityId: community.id,
      authorId: accountId,
      subject: input.subject,
      body: input.body,
      reached: 0,
      createdAt: iso(now),
    });
    const { told } = await notify(ctx, tx, {
      kind: 'notifications.announcements',
      community,
      to: (await store.listActiveMemberIds(tx, community.id)).filter((m) => m !== accountId),
      about: { type: 'announcement', id },
      path: `/announcements#a-${id}`,
      text: {
        subject: 'notify.announcement.subject',
        body: community.chatUrl ? 'notify.announcement.body_chat' : 'notify.announcement.body',
      },
      params: {
        author: ctx.account?.displayName ?? '',
        title: input.subject,
        text: input.body,
        ...(community.chatUrl ? { chat: community.chatUrl } : {}),
      },
    });
    await store.setReached(tx, community.id, id, told);
    return { id, reached: told };
  });
}

/**
 * The community's latest announcements (members); for stewards, with how many members each
 * reached and its mails sent and waiting (for a summary or a retry).
 */
export async function listAnnouncements(ctx: Ctx, limit = 20) {
  const { community } = requireMember(ctx);
  const list = await store.listAnnouncements(ctx.db, community.id, limit);
  const steward = can.announce(ctx.actor);
  const counts =
    steward && list.length
      ? await store.countMailDeliveries(
          ctx.db,
          community.id,
          list.map((a) => a.id),
        )
      : [];
  return list.map((a) => {
    const of = (statuses: string[]) =>
      counts
        .filter((c) => c.subjectId === a.id && statuses.includes(c.status))
        .reduce((n, c) => n + Number(c.n), 0);
    return {
      ...a,
      stats: steward
        ? {
            reached: a.reached,
            mailed: of(['sent']),
            waiting: of(['waiting', 'pending']),
            failed: of(['failed']),
          }
        : null,
    };
  });
}

/**
 * The failed deliveries of every community, newest first (at most 100), for the server's
 * operator (`porch notifications` lists the same). `Forbidden('notify.operator.only')` for
 * anyone else.
 */
export function listFailed(ctx: Ctx) {
  authorize(can.retryDeliveries(ctx.actor), 'notify.operator.only');
  return failedDeliveries(ctx);
}

/**
 * Queues failed deliveries again, every one or only `id`, as `porch notifications --retry` does;
 * returns how many. `Forbidden('notify.operator.only')` for anyone but the operator;
 * `NotFound('notify.operator.not_failed')` when `id` is no failed delivery (none such, or already
 * retried).
 */
export async function retryFailed(ctx: Ctx, id?: string): Promise<number> {
  authorize(can.retryDeliveries(ctx.actor), 'notify.operator.only');
  const count = await retryFailedDeliveries(ctx, id);
  if (id !== undefined && count === 0) throw new NotFound('notify.operator.not_failed');
  return count;
}
