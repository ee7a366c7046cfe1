/** Request and response shapes of conversations and their messages. */
import { type Static, Type } from 'typebox';

/** Limits that the schema, the service and the page hints share. */
export const limits = { body: 2000 } as const;

const Id = Type.String({ format: 'uuid', description: 'A UUIDv7.' });
const Instant = Type.String({ format: 'date-time', description: 'An ISO-8601 UTC instant.' });

export const CommunityParams = Type.Object({ community: Type.String({ maxLength: 100 }) });
export const ConversationParams = Type.Object({
  community: Type.String({ maxLength: 100 }),
  conversationId: Id,
});
export const MemberParams = Type.Object({ community: Type.String({ maxLength: 100 }), accountId: Id });
export const MessageIn = Type.Object({
  body: Type.String({ minLength: 1, maxLength: limits.body, description: 'The message, plain text.' }),
});
/** A submitted message. */
export type MessageInput = Static<typeof MessageIn>;

export const MessageOut = Type.Object({
  id: Type.String(),
  authorId: Type.Union([Type.String(), Type.Null()]),
  authorName: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  createdAt: Instant,
});
export const ParticipantOut = Type.Object({
  accountId: Type.String(),
  displayName: Type.String(),
  role: Type.Union([Type.Literal('owner'), Type.Literal('participant')]),
});
export const ConversationOut = Type.Object({
  id: Type.String(),
  subjectType: Type.String({ description: 'What the conversation is about, e.g. `post`.' }),
  subjectId: Type.String(),
  subject: Type.Union([Type.Object({ title: Type.String(), path: Type.String() }), Type.Null()]),
  stewardAskedAt: Type.Union([Instant, Type.Null()], {
    description: 'When a participant asked a steward to look; stewards may read it from then on.',
  }),
  participants: Type.Array(ParticipantOut),
  messages: Type.Array(MessageOut),
  mayAskSteward: Type.Boolean({
    description: 'Whether the caller may ask a steward to look (a participant, not asked yet).',
  }),
});
const Subject = Type.Union([Type.Object({ title: Type.String(), path: Type.String() }), Type.Null()]);
export const InboxOut = Type.Array(
  Type.Object({
    id: Type.String(),
    subject: Subject,
    participants: Type.Array(ParticipantOut),
    messageCount: Type.Integer(),
    lastMessageAt: Type.Union([Instant, Type.Null()]),
    stewardAskedAt: Type.Union([Instant, Type.Null()]),
    unread: Type.Integer({ description: 'Messages by others you have not read yet.' }),
  }),
);
