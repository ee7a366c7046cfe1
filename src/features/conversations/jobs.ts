/** The conversation jobs: mail the other participants of a new message, and stewards when asked. */
import { findCommunityContext, type Services } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { translatorFor } from '../../platform/i18n/index.ts';
import { enqueueMail } from '../../platform/mail/jobs.ts';
import { truncate } from '../../platform/text.ts';
import * as store from './store.ts';

function conversationUrl(s: Services, slug: string, conversationId: string) {
  return `${s.config.baseUrl}/c/${slug}/conversations/${conversationId}`;
}

/** Registers the jobs that mail participants and stewards. */
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
      for (const person of people) {
        if (person.accountId === message.authorId || !person.email) continue;
        const t = translatorFor(person.locale, community.languageList);
        await enqueueMail(s, tx, {
          to: person.email,
          subject: t('conversations.mail.message_subject', { name: authorName, community: community.name }),
          text: t('conversations.mail.message_body', {
            name: authorName,
            body: truncate(message.body, 500),
            link: conversationUrl(s, community.slug, conversation.id),
          }),
        });
      }
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
        for (const steward of await store.listStewardContacts(tx, p.communityId)) {
          const t = translatorFor(steward.locale, community.languageList);
          await enqueueMail(s, tx, {
            to: steward.email as string,
            subject: t('conversations.mail.steward_subject', { community: community.name }),
            text: t('conversations.mail.steward_body', {
              name: asker,
              link: conversationUrl(s, community.slug, conversation.id),
            }),
          });
        }
      });
    },
  );
}

async function authorNameOf(db: Db, accountId: string | null): Promise<string> {
  return (accountId ? await store.findAccountName(db, accountId) : undefined) ?? '—';
}
