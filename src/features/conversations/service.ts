/**
 * Conversations about something of a community (a post, later a loan…): opened by the feature
 * that owns the subject, private to their participants, and readable by stewards only once a
 * participant asks one to look. New messages are mailed to the other participants by a job.
 */

import type { Static } from 'typebox';
import { isMember, requireMember } from '../../platform/access.ts';
import type { Ctx, Services } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { iso } from '../../platform/db/time.ts';
import { authorize, Conflict, NotFound } from '../../platform/errors.ts';
import { tellMembers } from '../../platform/events/live.ts';
import { readAbout, resolve } from '../../platform/notify/service.ts';
import { type ConversationFacts, can } from './policy.ts';
import type { ConversationOut, MessageInput, MessageOut } from './schema.ts';
import * as store from './store.ts';

export { registerConversationJobs } from './jobs.ts';
export { can as conversationPolicy } from './policy.ts';
export { limits as messageLimits } from './schema.ts';

/** How a subject (a post…) is named and linked on a conversation page. */
export interface SubjectSummary {
  title: string;
  /** Path on this site, e.g. `/c/maple/posts/<id>`. */
  path: string;
}

/** Describes a subject of `subjectType`; undefined when it is gone. */
export type SubjectDescriber = (
  s: Pick<Services, 'db'>,
  community: { id: string; slug: string },
  subjectId: string,
) => Promise<SubjectSummary | undefined>;

const describers = new Map<string, SubjectDescriber>();

/**
 * Lets a feature name its subjects on conversation pages (`registerSubject('post', …)`), so this
 * feature needs to know nothing of posts.
 */
export function registerSubject(subjectType: string, describe: SubjectDescriber): void {
  describers.set(subjectType, describe);
}

/** A participant as shown on a page. */
export interface Participant {
  accountId: string;
  displayName: string;
  role: 'owner' | 'participant';
}

/** A message as shown on a page. (the API's `MessageOut`). */
export type MessageView = Static<typeof MessageOut>;

/** A whole conversation, for its page and the API. (the API's `ConversationOut`). */
export type ConversationView = Static<typeof ConversationOut>;

/** One conversation in a list on its subject's page. */
export interface ConversationSummary {
  id: string;
  participants: Participant[];
  messageCount: number;
  lastMessageAt: string | null;
  stewardAskedAt: string | null;
}

/** Runs `work` in `db`'s transaction if it is one, else in a new transaction. */
function inTransaction<R>(db: Db, work: (tx: Db) => Promise<R>): Promise<R> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** The gate, then the conversation with its participants (`NotFound`, also another community's). */
async function loadForActor(tx: Db, ctx: Ctx, conversationId: string) {
  const member = requireMember(ctx);
  const { communityId } = member;
  const conversation = await store.findConversation(tx, communityId, conversationId);
  if (!conversation) throw new NotFound('conversations.not_found');
  const participants = await store.listParticipants(tx, communityId, [conversation.id]);
  const facts: ConversationFacts = {
    participantIds: participants.map((p) => p.accountId),
    stewardAskedAt: conversation.stewardAskedAt,
  };
  return { member, conversation, participants, facts };
}

/**
 * Opens the conversation about `subjectId` between exactly `participantIds` (the first is its
 * owner), or returns the one that already exists, so responding twice reuses it. The caller
 * (the subject's feature) decides who may open it; the actor must be one of the participants.
 * Runs in `tx` when given, else in its own transaction. Returns the conversation id.
 */
export async function openConversation(
  ctx: Ctx,
  input: { subjectType: string; subjectId: string; participantIds: string[] },
  tx: Db = ctx.db,
): Promise<string> {
  const { accountId, communityId } = requireMember(ctx);
  const ids = [...new Set(input.participantIds)];
  authorize(ids.includes(accountId), 'conversations.not_participant');
  return inTransaction(tx, async (db) => {
    const existing = await store.listConversationsOfSubject(
      db,
      communityId,
      input.subjectType,
      input.subjectId,
    );
    const members = await store.listParticipants(
      db,
      communityId,
      existing.map((c) => c.id),
    );
    const wanted = [...ids].sort().join(',');
    for (const c of existing) {
      const have = members
        .filter((m) => m.conversationId === c.id)
        .map((m) => m.accountId)
        .sort()
        .join(',');
      if (have === wanted) return c.id;
    }
    const conversation = await store.insertConversation(db, {
      id: newId(),
      communityId,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      createdAt: iso(ctx.clock.now()),
    });
    await store.insertParticipants(
      db,
      communityId,
      conversation.id,
      ids.map((id, i) => ({ accountId: id, role: i === 0 ? 'owner' : 'participant' })),
    );
    return conversation.id;
  });
}

/**
 * The conversation with its participants and messages, oldest first.
 * Throws `NotFound('conversations.not_found')` (also for another community's) and
 * `Forbidden('conversations.private')` for a member who is not a participant (stewards: until asked).
 */
export async function listMessages(ctx: Ctx, conversationId: string): Promise<ConversationView> {
  const { member, conversation, participants, facts } = await loadForActor(ctx.db, ctx, conversationId);
  const { community } = member;
  authorize(can.read(ctx.actor, facts), 'conversations.private');
  const messages = await store.listMessages(ctx.db, community.id, conversation.id);
  // Reading is what makes a message no longer new: the marker moves only when there is news.
  const me = participants.find((p) => p.accountId === member.accountId);
  const newest = messages.at(-1)?.createdAt;
  if (me && newest && (me.lastReadAt === null || me.lastReadAt < newest)) {
    const about = { type: 'conversation', id: conversation.id };
    await ctx.db.transaction().execute(async (tx) => {
      await store.markRead(tx, community.id, conversation.id, me.accountId, newest);
      // What told them of it is read, and no longer needs them: the inbox agrees with the porch.
      await readAbout(ctx, about, tx);
      await resolve(ctx, tx, community.id, about, { accountId: me.accountId });
    });
  }
  const describe = describers.get(conversation.subjectType);
  const subject = describe ? await describe(ctx, community, conversation.subjectId) : undefined;
  return {
    id: conversation.id,
    subjectType: conversation.subjectType,
    subjectId: conversation.subjectId,
    subject: subject ?? null,
    stewardAskedAt: conversation.stewardAskedAt,
    participants: participants.map(({ accountId, displayName, role }) => ({ accountId, displayName, role })),
    messages,
    mayAskSteward: can.askSteward(ctx.actor, facts) && conversation.stewardAskedAt === null,
  };
}

/**
 * Adds a message by the actor and queues mail to the other participants (after commit).
 * Same refusals as `listMessages`. Returns the message.
 */
export async function postMessage(
  ctx: Ctx,
  conversationId: string,
  input: MessageInput,
  tx: Db = ctx.db,
): Promise<MessageView> {
  return inTransaction(tx, async (db) => {
    const { member, conversation, facts } = await loadForActor(db, ctx, conversationId);
    authorize(can.write(ctx.actor, facts), 'conversations.private');
    const message = await store.insertMessage(db, {
      id: newId(),
      communityId: conversation.communityId,
      conversationId: conversation.id,
      authorId: member.accountId,
      body: input.body,
      createdAt: iso(ctx.clock.now()),
    });
    await ctx.jobs.enqueue(db, 'conversations.message_posted', {
      communityId: conversation.communityId,
      messageId: message.id,
    });
    // Their own message is not news to the author, and they have read what came before it (their
    // notices of it are read and no longer need them); the others' open pages update.
    await store.markRead(db, conversation.communityId, conversation.id, member.accountId, message.createdAt);
    const about = { type: 'conversation', id: conversation.id };
    await readAbout(ctx, about, db);
    await resolve(ctx, db, conversation.communityId, about, { accountId: member.accountId });
    await tellMembers(
      ctx,
      db,
      conversation.communityId,
      facts.participantIds.filter((id) => id !== member.accountId),
    );
    return { ...message, authorName: (await store.findAccountName(db, message.authorId as string)) ?? null };
  });
}

/**
 * A participant asks the community's stewards to look at the conversation: from then on
 * stewards may read and write it, and they are told by mail. Asking twice changes nothing.
 * Throws like `listMessages`, and `Forbidden('conversations.only_participants_ask')`.
 */
export async function askSteward(ctx: Ctx, conversationId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { member, conversation, facts } = await loadForActor(tx, ctx, conversationId);
    authorize(can.askSteward(ctx.actor, facts), 'conversations.only_participants_ask');
    const now = iso(ctx.clock.now());
    const updated = await store.markStewardAsked(
      tx,
      conversation.communityId,
      conversation.id,
      member.accountId,
      now,
    );
    if (Number(updated.numUpdatedRows) === 1) {
      await ctx.jobs.enqueue(tx, 'conversations.steward_asked', {
        communityId: conversation.communityId,
        conversationId: conversation.id,
      });
    }
  });
}

/**
 * The conversations about a subject that the actor may read (their own; as a steward also the
 * ones a steward was asked into), with their participants and message counts.
 */
export async function listConversationsOfSubject(
  ctx: Ctx,
  subjectType: string,
  subjectId: string,
): Promise<ConversationSummary[]> {
  const communityId = ctx.community?.id;
  if (!communityId || !isMember(ctx.actor)) return [];
  const all = await store.listConversationsOfSubject(ctx.db, communityId, subjectType, subjectId);
  const ids = all.map((c) => c.id);
  const [participants, counts] = await Promise.all([
    store.listParticipants(ctx.db, communityId, ids),
    store.summarizeMessages(ctx.db, communityId, ids),
  ]);
  return all.flatMap((c) => {
    const people = participants.filter((p) => p.conversationId === c.id);
    const facts = { participantIds: people.map((p) => p.accountId), stewardAskedAt: c.stewardAskedAt };
    if (!can.read(ctx.actor, facts)) return [];
    const count = counts.find((x) => x.conversationId === c.id);
    return [
      {
        id: c.id,
        participants: people.map(({ accountId, displayName, role }) => ({ accountId, displayName, role })),
        messageCount: Number(count?.count ?? 0),
        lastMessageAt: (count?.lastAt as string | null | undefined) ?? null,
        stewardAskedAt: c.stewardAskedAt,
      },
    ];
  });
}

/** One of my conversations, for the inbox. */
export interface InboxEntry extends ConversationSummary {
  subject: SubjectSummary | null;
  /** Messages by others the member has not seen yet. */
  unread: number;
}

/** The most unread messages counted at once (a menu says "99+" beyond). */
const unreadLimit = 500;

/**
 * The actor's conversations in this community, the most recently active first (at most 100):
 * where replies to their posts and offers of help are. Members only.
 */
export async function listMyConversations(ctx: Ctx): Promise<InboxEntry[]> {
  const { accountId, communityId, community } = requireMember(ctx);
  const rows = await store.listConversationsOfAccount(ctx.db, communityId, accountId, 100);
  const ids = rows.map((c) => c.id);
  const [participants, counts, unread] = await Promise.all([
    store.listParticipants(ctx.db, communityId, ids),
    store.summarizeMessages(ctx.db, communityId, ids),
    store.listUnreadMessages(ctx.db, communityId, accountId, unreadLimit),
  ]);
  const entries: InboxEntry[] = [];
  for (const c of rows) {
    const count = counts.find((x) => x.conversationId === c.id);
    const describe = describers.get(c.subjectType);
    entries.push({
      id: c.id,
      subject: (describe ? await describe(ctx, community, c.subjectId) : undefined) ?? null,
      participants: participants
        .filter((p) => p.conversationId === c.id)
        .map(({ accountId, displayName, role }) => ({ accountId, displayName, role })),
      messageCount: Number(count?.count ?? 0),
      lastMessageAt: (count?.lastAt as string | null | undefined) ?? null,
      stewardAskedAt: c.stewardAskedAt,
      unread: unread.filter((m) => m.conversationId === c.id).length,
    });
  }
  const activity = (e: InboxEntry) => e.lastMessageAt ?? '';
  return entries.sort((a, b) => activity(b).localeCompare(activity(a)));
}

/** Whether anything about the subject has a conversation yet (for jobs: "has anyone answered?"). */
export async function hasConversation(
  s: Pick<Services, 'db'>,
  communityId: string,
  subjectType: string,
  subjectId: string,
): Promise<boolean> {
  return (await store.countConversationsOfSubject(s.db, communityId, subjectType, subjectId)) > 0;
}

/** What a conversation between two members (from a profile's "Send a message") is about. */
export const betweenMembers = 'members';

/**
 * Sends a message from the actor to another active member of the community, in the one
 * conversation the two have between them (opened by the first message, whoever writes it); the
 * other is told by mail, as for any message. Any member may write to any other, a steward too:
 * the message shows no contact details of either. Throws `NotFound('conversations.member_not_found')`
 * (not an active member of this community), `Conflict('conversations.not_to_self')`. Returns the
 * conversation id.
 */
export async function messageMember(ctx: Ctx, accountId: string, input: MessageInput): Promise<string> {
  const member = requireMember(ctx);
  if (accountId === member.accountId) throw new Conflict('conversations.not_to_self');
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await store.isActiveMember(tx, member.communityId, accountId)))
      throw new NotFound('conversations.member_not_found');
    // One subject per pair, whichever of them writes first.
    const pair = [member.accountId, accountId].sort().join('+');
    const id = await openConversation(
      ctx,
      { subjectType: betweenMembers, subjectId: pair, participantIds: [member.accountId, accountId] },
      tx,
    );
    await postMessage(ctx, id, input, tx);
    return id;
  });
}
