/**
 * What conversations tell the front porch: my conversations. Unread messages come to "needs me"
 * as notifications (`jobs.ts conversationKinds`), one line per conversation.
 */
import { requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { PorchEntry, PorchSource } from '../../platform/porch.ts';
import * as store from './store.ts';

/** My conversations, the newest first (at most 20), named by who else takes part. */
async function mine(ctx: Ctx): Promise<PorchEntry[]> {
  const { accountId, communityId, community } = requireMember(ctx);
  const rows = await store.listConversationsOfAccount(ctx.db, communityId, accountId, 20);
  const ids = rows.map((c) => c.id);
  const [people, counts] = await Promise.all([
    store.listParticipants(ctx.db, communityId, ids),
    store.summarizeMessages(ctx.db, communityId, ids),
  ]);
  return rows.map((c) => {
    const others = people.filter((p) => p.conversationId === c.id && p.accountId !== accountId);
    const count = counts.find((x) => x.conversationId === c.id);
    return {
      kind: 'conversations.mine',
      subjectType: 'conversation',
      subjectId: c.id,
      path: `/c/${community.slug}/conversations/${c.id}`,
      title: others.map((p) => p.displayName).join(', ') || ctx.t('conversations.title'),
      line: { key: 'conversations.porch.mine', values: { count: Number(count?.count ?? 0) } },
      at: (count?.lastAt as string | undefined) ?? c.createdAt,
    };
  });
}

/** The conversations' part of the front porch. */
export const conversationsPorch: PorchSource = { mine };
