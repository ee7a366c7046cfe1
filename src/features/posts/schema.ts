/** Request and response shapes of the mutual-aid board: posts, claims, thank-yous, urgent opt-in. */
import { type Static, type TSchema, Type } from 'typebox';
import { limit } from '../../platform/http/rate-limit.ts';
import { Name } from '../../platform/names.ts';

/** Limits that the schema, the service and the page hints share. */
export const limits = {
  title: 120,
  details: 2000,
  place: 120,
  whenText: 120,
  thanks: 500,
  message: 2000,
  /** Default and longest time a post stays open, in days. */
  defaultOpenDays: 14,
  maxOpenDays: 90,
  pageSize: 30,
} as const;

/**
 * Budgets of the board's writes, each shared by its page form and its API route (on top of the
 * urgent limits in urgent.ts): generous for a neighbor, tight for a script; per account.
 */
export const postLimit = limit('post', 20, '1 hour', 'account');
export const responseLimit = limit('post-response', 60, '1 hour', 'account');

/** Categories, in the order offered; their names are `posts.categories.<value>`. */
export const categories = [
  'rides',
  'errands',
  'tools',
  'food',
  'childcare',
  'companionship',
  'language_practice',
  'repairs',
  'other',
] as const;
/** A post category. */
export type Category = (typeof categories)[number];
export const kinds = ['offer', 'request'] as const;
/** An offer or a request. */
export type Kind = (typeof kinds)[number];
export const statuses = ['open', 'claimed', 'fulfilled', 'closed', 'expired'] as const;
/** Where a post stands. */
export type Status = (typeof statuses)[number];

const lit = Type.Literal;
const Nullable = <S extends TSchema>(s: S) => Type.Union([s, Type.Null()]);

const Id = Type.String({ format: 'uuid', description: 'A UUIDv7.' });
const Instant = Type.String({ format: 'date-time', description: 'An ISO-8601 instant.' });
const Kind = Type.Union([lit('offer'), lit('request')], {
  description: 'An offer of help, or a request for it.',
});
const CategoryIn = Type.Union(
  [
    lit('rides'),
    lit('errands'),
    lit('tools'),
    lit('food'),
    lit('childcare'),
    lit('companionship'),
    lit('language_practice'),
    lit('repairs'),
    lit('other'),
  ],
  { description: 'What kind of help.' },
);
const Title = Name({ minLength: 1, maxLength: limits.title });
const Details = Type.String({ maxLength: limits.details });
const Place = Type.String({ maxLength: limits.place, description: 'Where, in your own words.' });
const WhenText = Type.String({ maxLength: limits.whenText, description: 'When, in your own words.' });
const Latitude = Type.Number({ minimum: -90, maximum: 90 });
const Longitude = Type.Number({ minimum: -180, maximum: 180 });
// Months 01–12, days 01–31, hours 00–23, minutes 00–59 (a day past the month's end still rolls).
const LocalDateTime = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d$',
});
const LocalDate = Type.String({ format: 'date' });
const Flag = Type.Union([Type.Literal('1'), Type.Literal('on')]);
const Thanks = Type.String({ minLength: 1, maxLength: limits.thanks });
const Slug = Type.String({ maxLength: 100 });

export const CommunityParams = Type.Object({ community: Slug });
export const PostParams = Type.Object({ community: Slug, postId: Id });

export const BoardQuery = Type.Object({
  kind: Type.Optional(Kind),
  category: Type.Optional(CategoryIn),
  sort: Type.Optional(
    Type.Union([lit('newest'), lit('nearest')], { description: 'Newest first, or nearest to you first.' }),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
});
/** Board filters, sort and page. */
export type BoardFilters = Static<typeof BoardQuery>;
/** The board page's filter form: "all" arrives as an empty value (a GET form is not cleaned up). */
export const BoardPageQuery = Type.Object({
  ...BoardQuery.properties,
  kind: Type.Optional(Type.Union([Kind, lit('')])),
  category: Type.Optional(Type.Union([CategoryIn, lit('')])),
});

/** A new post through the API. */
export const PostIn = Type.Object({
  kind: Kind,
  title: Title,
  details: Type.Optional(Details),
  category: CategoryIn,
  place: Type.Optional(Place),
  placeLat: Type.Optional(Latitude),
  placeLng: Type.Optional(Longitude),
  whenAt: Type.Optional(Instant),
  whenText: Type.Optional(WhenText),
  openUntil: Type.Optional({
    ...Instant,
    description: `Default ${limits.defaultOpenDays} days; at most ${limits.maxOpenDays}.`,
  }),
  urgent: Type.Optional(Type.Boolean({ description: 'Requests only: tells members who opted in at once.' })),
  forAccountId: Type.Optional({ ...Id, description: 'Post on behalf of this member of the community.' }),
});
/** A change to a post through the API; `null` clears an optional field. */
export const PostPatch = Type.Object({
  title: Type.Optional(Title),
  details: Type.Optional(Details),
  category: Type.Optional(CategoryIn),
  place: Type.Optional(Nullable(Place)),
  placeLat: Type.Optional(Nullable(Latitude)),
  placeLng: Type.Optional(Nullable(Longitude)),
  whenAt: Type.Optional(Nullable(Instant)),
  whenText: Type.Optional(Nullable(WhenText)),
  openUntil: Type.Optional(Instant),
});

/** The new-post form (dates in the community's time zone; empty inputs arrive absent). */
export const PostForm = Type.Object({
  kind: Kind,
  title: Title,
  details: Type.Optional(Details),
  category: CategoryIn,
  place: Type.Optional(Place),
  useMyLocation: Type.Optional(Flag),
  whenAt: Type.Optional(LocalDateTime),
  whenText: Type.Optional(WhenText),
  openUntil: Type.Optional(LocalDate),
  urgent: Type.Optional(Flag),
  forAccountId: Type.Optional(Id),
});
/** A submitted new-post form. */
export type PostFormBody = Static<typeof PostForm>;
/** The edit form: the same without kind, urgency and "for". */
export const PostEditForm = Type.Object({
  title: Title,
  details: Type.Optional(Details),
  category: CategoryIn,
  place: Type.Optional(Place),
  useMyLocation: Type.Optional(Flag),
  whenAt: Type.Optional(LocalDateTime),
  whenText: Type.Optional(WhenText),
  openUntil: Type.Optional(LocalDate),
});
/** A submitted edit form. */
export type PostEditFormBody = Static<typeof PostEditForm>;

export const RespondIn = Type.Object({
  message: Type.String({
    minLength: 1,
    maxLength: limits.message,
    description: 'The first message to the poster.',
  }),
});
export const FulfillIn = Type.Object({
  thanks: Type.Optional({ ...Thanks, description: 'A thank-you for the gratitude wall.' }),
  helperId: Type.Optional({ ...Id, description: 'The member to thank by name.' }),
});
/** Fulfilling, with an optional thank-you. */
export type FulfillInput = Static<typeof FulfillIn>;
export const ThanksIn = Type.Object({ thanks: Thanks, helperId: Type.Optional(Id) });
export const UrgentSubscriptionIn = Type.Object({ subscribed: Type.Boolean() });
export const UrgentToggleForm = Type.Object({
  subscribed: Type.Union([Type.Literal('1'), Type.Literal('0')]),
});

const PersonOut = Type.Object({ id: Type.String(), displayName: Type.String() });
export const PostOut = Type.Object({
  id: Type.String(),
  kind: Kind,
  title: Type.String(),
  details: Type.String(),
  category: CategoryIn,
  place: Nullable(Type.String()),
  placeLat: Nullable(Type.Number({ description: 'Only for the people who manage the post.' })),
  placeLng: Nullable(Type.Number({ description: 'Only for the people who manage the post.' })),
  distanceKm: Nullable(Type.Number({ description: 'From the viewer’s location, when both are known.' })),
  whenAt: Nullable(Instant),
  whenText: Nullable(Type.String()),
  openUntil: Instant,
  urgent: Type.Boolean(),
  status: Type.Union([lit('open'), lit('claimed'), lit('fulfilled'), lit('closed'), lit('expired')], {
    description: 'Past-due open posts read as `expired`.',
  }),
  author: PersonOut,
  postedBy: PersonOut,
  claimedBy: Nullable(PersonOut),
  createdAt: Instant,
  fulfilledAt: Nullable(Instant),
  closedAt: Nullable(Instant),
});
export const PostListOut = Type.Object({
  posts: Type.Array(PostOut),
  page: Type.Integer(),
  hasMore: Type.Boolean(),
});
export const RespondOut = Type.Object({ conversationId: Type.String() });
export const ThankYouOut = Type.Object({
  id: Type.String(),
  postId: Nullable(Type.String({ description: 'The post thanked for; null for a loan.' })),
  itemId: Nullable(Type.String({ description: 'The library item lent; null for a post.' })),
  postTitle: Type.String({ description: 'The post’s title, or the lent item’s name.' }),
  author: PersonOut,
  helper: Nullable(PersonOut),
  body: Type.String(),
  createdAt: Instant,
});
export const ThankYouListOut = Type.Array(ThankYouOut);
export const UrgentSubscriptionOut = Type.Object({ subscribed: Type.Boolean() });

/** A new post, as the service takes it from the API or the form. */
export interface PostInput {
  kind: Kind;
  title: string;
  details?: string;
  category: Category;
  place?: string | null;
  placeLat?: number | null;
  placeLng?: number | null;
  whenAt?: string | null;
  whenText?: string | null;
  openUntil?: string;
  urgent?: boolean;
  forAccountId?: string;
}
/** A change to a post, as the service takes it. */
export type PostChanges = Partial<Omit<PostInput, 'kind' | 'urgent' | 'forAccountId'>>;
