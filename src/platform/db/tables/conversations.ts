/**
 * Conversation tables (migration 0006): a conversation about something of the community (e.g. a post),
 * the people taking part in it, and its messages.
 */

/** A conversation about something of the community, e.g. a post (migration 0006). */
export interface ConversationTable {
  id: string;
  communityId: string;
  subjectType: string;
  subjectId: string;
  stewardAskedAt: string | null;
  stewardAskedBy: string | null;
  createdAt: string;
}

/** Someone taking part in a conversation (migration 0006). */
export interface ConversationParticipantTable {
  communityId: string;
  conversationId: string;
  accountId: string;
  role: 'owner' | 'participant';
  /** When the newest message they have seen was written (migration 0021); null: none seen yet. */
  lastReadAt: string | null;
}

/** One message of a conversation (migration 0006). */
export interface MessageTable {
  id: string;
  communityId: string;
  conversationId: string;
  authorId: string | null;
  body: string;
  createdAt: string;
}

/** The conversations area's tables, by name (part of `Database`). */
export interface ConversationsDatabase {
  conversation: ConversationTable;
  conversationParticipant: ConversationParticipantTable;
  message: MessageTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const conversationsCommunityTables: readonly string[] = [
  'conversation',
  'conversation_participant',
  'message',
];
