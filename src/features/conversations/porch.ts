/** What conversations tell the front porch: unread messages, and my conversations. */
import { requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { PorchEntry, PorchSource } from '../../platform/porch.ts';
import { truncate } from '../../platform/text.ts';
import * as store from './store.ts';

/** Characters of a message shown on the porch before it is cut (whole graphemes). */
const excerptLength = 80;

function excerpt(body: string): string {
  return truncate(body.replace(/\s+/g, ' ').trim(), excerptLength);
}

/** One entry per conversation with news: who wrote last, what, and how many are new. */
async function needsMe(ctx: Ctx): Promise<PorchEntry[]> {
  const { accountId, communityId, community } = requireMember(ctx);
  const unread = await store.listUnreadMessages(ctx.db, communityId, accountId, 500);
  const entries = new Map<string, PorchEntry>();
  for (const m of unread) {
    const entry = entries.get(m.conversationId);
    if (entry) {
      entry.count = (entry.count ?? 1) + 1;
      entry.line.values.count = entry.count;
      continue;
    }
    const name = m.authorName ?? ctx.t('conversations.someone');
    entries.set(m.conversationId, {
      kind: 'conversations.unread',
      subjectType: 'conversation',
      subjectId: m.conversationId,
      path: `/c/${community.slug}/conversations/${m.conversationId}#m-${m.id}`,
      title: name,
      line: { key: 'conversations.porch.unread', values: { count: 1, excerpt: excerpt(m.body) } },
      at: m.createdAt,
      count: 1,
    });
  }
  return [...entries.values()];
}

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
export const conversationsPorch: PorchSource = { needsMe, mine };
