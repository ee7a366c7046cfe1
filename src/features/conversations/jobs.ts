/**
 * The conversation jobs: tell the other participants of a new message, and stewards when one is
 * asked to look (through the platform's notifications: inbox, and mail or push by preference).
 */
import { findCommunityContext, type Services } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { type NotificationKind, personal } from '../../platform/notify/kinds.ts';
import { notify } from '../../platform/notify/service.ts';
import { truncate } from '../../platform/text.ts';
import * as store from './store.ts';

/** The conversations' kinds of notification. */
export const conversationKinds: NotificationKind[] = [
  {
    name: 'conversations.messages',
    defaults: personal,
    // Settled for each reader when they read the conversation (`service.ts listMessages`).
    asks: { 'conversations.mail.message_subject': 'conversations.unread' },
  },
  { name: 'conversations.stewards', defaults: personal, stewards: true },
];

/** Registers the jobs that tell participants and stewards. */
export function registerConversationJobs(s: Services): void {
  s.jobs.register('conversations.message_posted', async (p: { communityId: string; messageId: string }) => {
    const community = await findCommunityContext(s, p.communityId);
    if (!community) return;
    await s.db.transaction().execute(async (tx) => {
      const message = await store.findMessage(tx, p.communityId, p.messageId);
      if (!message) return;
      const conversation = await store.findConversation(tx, p.communityId, message.conversationId);
      if (!conversation) return;
      const people = await store.listParticipants(tx, p.communityId, [conversation.id]);
      const author = people.find((x) => x.accountId === message.authorId);
      const authorName = author?.displayName ?? (await authorNameOf(tx, message.authorId));
      await notify(s, tx, {
        kind: 'conversations.messages',
        community,
        to: people.filter((x) => x.accountId !== message.authorId).map((x) => x.accountId),
        about: { type: 'conversation', id: conversation.id, title: authorName },
        path: `/conversations/${conversation.id}#m-${message.id}`,
        text: { subject: 'conversations.mail.message_subject', body: 'conversations.mail.message_body' },
        params: { name: authorName, body: truncate(message.body, 500), excerpt: excerpt(message.body) },
      });
    });
  });
  s.jobs.register(
    'conversations.steward_asked',
    async (p: { communityId: string; conversationId: string }) => {
      const community = await findCommunityContext(s, p.communityId);
      if (!community) return;
      await s.db.transaction().execute(async (tx) => {
        const conversation = await store.findConversation(tx, p.communityId, p.conversationId);
        if (!conversation) return;
        const asker = await authorNameOf(tx, conversation.stewardAskedBy);
        await notify(s, tx, {
          kind: 'conversations.stewards',
          community,
          to: (await store.listStewardContacts(tx, p.communityId)).map((x) => x.id),
          about: { type: 'conversation', id: conversation.id },
          path: `/conversations/${conversation.id}`,
          text: { subject: 'conversations.mail.steward_subject', body: 'conversations.mail.steward_body' },
          params: { name: asker },
        });
      });
    },
  );
}

/** Characters of a message "needs me" shows before it is cut (whole graphemes). */
const excerptLength = 80;

/** A message's first words on one line, for "needs me". */
function excerpt(body: string): string {
  return truncate(body.replace(/\s+/g, ' ').trim(), excerptLength);
}

async function authorNameOf(db: Db, accountId: string | null): Promise<string> {
  return (accountId ? await store.findAccountName(db, accountId) : undefined) ?? '—';
}
