/**
 * Request and response shapes of communities, joining, invites, requests, roles and paper
 * members. API bodies use JSON types; page forms post strings (checkboxes send "1" or nothing),
 * so they have their own shapes that the routes turn into the same service input.
 */
import { type Static, Type } from 'typebox';
import { limit } from '../../platform/http/rate-limit.ts';
import { languageCodes } from '../../platform/i18n/languages.ts';
import { Name } from '../../platform/names.ts';

/** Joining (page form and API): it may create an account, so per client address. */
export const joinLimit = limit('join', 20, '15 minutes');

const choice = <const T extends readonly string[]>(values: T, description: string) =>
  Type.Enum(values, { description });
const lit = Type.Literal;

/** A role in one community. */
export const Role = Type.Union([lit('member'), lit('steward'), lit('coordinator')], {
  description: 'A role in the community.',
});
/** How often the community gathers. */
export const Rhythm = Type.Union([lit('weekly'), lit('monthly'), lit('seasonal')], {
  description: 'How often the community meets.',
});
/** How neighbors join. */
export const JoinPolicy = Type.Union([lit('open'), lit('invite'), lit('approval')], {
  description:
    'open: anyone may join; invite: only with an invite link; approval: a steward approves each request.',
});
/** One of the site's `languageCodes`. */
export const Language = choice(languageCodes, 'An ISO 639 language code (`sgn`: a sign language).');
/** The community's part of every link (`/c/<slug>`); fixed once chosen. */
export const Slug = Type.String({
  pattern: '^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$',
  description: 'Lower-case letters, digits and hyphens, 3 to 40 characters; part of every link.',
});
const CommunityName = Name({ minLength: 1, maxLength: 80, description: 'The community name.' });
const Description = Type.String({ maxLength: 2000 });
const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'Latitude of the area center.' });
const Lng = Type.Number({ minimum: -180, maximum: 180, description: 'Longitude of the area center.' });
const Radius = Type.Integer({ minimum: 50, maximum: 50000, description: 'Radius of the area, metres.' });
const TimeZone = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'IANA time zone, e.g. America/Chicago.',
});
const ChatUrl = Type.String({
  pattern: '^https://[^\\s]+$',
  maxLength: 500,
  description: "An https link to the community's own chat group.",
});
const Languages = Type.Array(Language, { minItems: 1, maxItems: 10, uniqueItems: true });

const settingsFields = {
  name: CommunityName,
  description: Type.Optional(Description),
  areaLat: Type.Optional(Lat),
  areaLng: Type.Optional(Lng),
  areaRadiusM: Type.Optional(Radius),
  languages: Languages,
  timeZone: TimeZone,
  rhythm: Rhythm,
  joinPolicy: JoinPolicy,
  chatUrl: Type.Optional(ChatUrl),
};

/** Starting a community (API). */
export const CommunityIn = Type.Object({
  ...settingsFields,
  slug: Type.Optional(Slug),
  paperMembers: Type.Optional(Type.Boolean({ description: 'Stewards may add neighbors without email.' })),
  emailOptional: Type.Optional(Type.Boolean({ description: 'Neighbors may join with a name only.' })),
});
/** Changing a community's settings (API): any subset; `null` clears an optional field. */
export const CommunityPatch = Type.Object({
  name: Type.Optional(CommunityName),
  description: Type.Optional(Description),
  areaLat: Type.Optional(Type.Union([Lat, Type.Null()])),
  areaLng: Type.Optional(Type.Union([Lng, Type.Null()])),
  areaRadiusM: Type.Optional(Type.Union([Radius, Type.Null()])),
  languages: Type.Optional(Languages),
  timeZone: Type.Optional(TimeZone),
  rhythm: Type.Optional(Rhythm),
  joinPolicy: Type.Optional(JoinPolicy),
  chatUrl: Type.Optional(Type.Union([ChatUrl, Type.Null()])),
  paperMembers: Type.Optional(Type.Boolean()),
  emailOptional: Type.Optional(Type.Boolean()),
});
const Checkbox = Type.Optional(Type.String({ maxLength: 10 }));
/** The create/settings page form: strings, checkboxes as "1", a free time zone beside the list. */
export const CommunityForm = Type.Object({
  ...settingsFields,
  slug: Type.Optional(Slug),
  timeZoneOther: Type.Optional(TimeZone),
  paperMembers: Checkbox,
  emailOptional: Checkbox,
});

/** `:community`: the slug in the path. */
export const CommunityParams = Type.Object({ community: Type.String({ maxLength: 60 }) });
/** `:community` and `:inviteId` (a malformed id answers 404). */
export const InviteParams = Type.Object({
  community: Type.String({ maxLength: 60 }),
  inviteId: Type.String({ format: 'uuid' }),
});
/** `:community` and `:membershipId`. */
export const MembershipParams = Type.Object({
  community: Type.String({ maxLength: 60 }),
  membershipId: Type.String({ format: 'uuid' }),
});
/** `:community` and `:accountId`. */
export const MemberParams = Type.Object({
  community: Type.String({ maxLength: 60 }),
  accountId: Type.String({ format: 'uuid' }),
});

/** `:community` and the `:token` of a steward's one-time sign-in link. */
export const MemberSignInLinkParams = Type.Object({
  community: Type.String({ maxLength: 60 }),
  token: Type.String({ minLength: 20, maxLength: 100 }),
});
/** Following a steward's one-time sign-in link: its token. */
export const MemberSignInLinkIn = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) });
/** Stewards make at most this many one-time sign-in links in a while. */
export const memberLinkLimit = limit('member-sign-in-link', 20, '1 hour', 'account');

const InviteCode = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
/** The join page's query: the invite code from the link or QR code. */
export const JoinQuery = Type.Object({ invite: Type.Optional(Type.String({ maxLength: 64 })) });
/** Joining: name and email only for someone not signed in; a message for approval communities. */
export const JoinIn = Type.Object({
  name: Type.Optional(Name({ minLength: 1, maxLength: 80, description: 'Needed when not signed in.' })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  message: Type.Optional(Type.String({ maxLength: 1000, description: 'A note to the stewards.' })),
  invite: Type.Optional(InviteCode),
  differentPerson: Type.Optional(
    Type.Boolean({
      description:
        'Joining although an active member has the same name (answered 422 communities.name_matches otherwise).',
    }),
  ),
});

/** A new invite link. */
export const InviteIn = Type.Object({
  label: Type.Optional(
    Name({ maxLength: 80, description: 'Where it is used, e.g. "flyer at the library".' }),
  ),
  expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  maxUses: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});
/** A new role for a member. */
export const RoleIn = Type.Object({ role: Role });
/** A neighbor without email, added by a steward. */
export const PaperMemberIn = Type.Object({
  name: Name({ minLength: 1, maxLength: 80 }),
  phone: Type.Optional(Type.String({ maxLength: 40, pattern: '^[0-9+() .-]+$' })),
  languages: Type.Optional(Type.Array(Language, { maxItems: 10, uniqueItems: true })),
  note: Type.Optional(Type.String({ maxLength: 1000, description: 'How to reach them; seen by stewards.' })),
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const MembershipStatus = Type.Union(
  [lit('pending'), lit('active'), lit('declined'), lit('left'), lit('removed')],
  {
    description: 'Where the membership stands; left and removed ones stay as history.',
  },
);

/** A community as the API shows it; `chatUrl` only to members. */
export const CommunityOut = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  area: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number(), radiusM: Nullable(Type.Number()) })),
  languages: Type.Array(Type.String()),
  timeZone: Type.String(),
  rhythm: Rhythm,
  joinPolicy: JoinPolicy,
  chatUrl: Nullable(Type.String()),
  paperMembers: Type.Boolean(),
  emailOptional: Type.Boolean(),
  memberCount: Type.Integer(),
  myRole: Nullable(Role),
  myStatus: Nullable(MembershipStatus),
});
/** A list of `CommunityOut`. */
export const CommunityListOut = Type.Array(CommunityOut);

/** A membership as the API shows it. */
export const MembershipOut = Type.Object({
  id: Type.String(),
  accountId: Type.String(),
  displayName: Type.String(),
  role: Role,
  status: MembershipStatus,
  message: Nullable(Type.String()),
  requestedAt: Type.String(),
  joinedAt: Nullable(Type.String()),
  endedAt: Nullable(Type.String()),
});
/** A list of `MembershipOut`. */
export const MembershipListOut = Type.Array(MembershipOut);

/** What joining did: joined, waits for a steward, or a sign-in link was mailed. */
export const JoinOut = Type.Object({
  status: Type.Union([lit('active'), lit('pending'), lit('link_sent')], { description: 'The outcome.' }),
  membership: Nullable(MembershipOut),
});

/** An invite link with its URL and how much it has been used. */
export const InviteOut = Type.Object({
  id: Type.String(),
  code: Type.String(),
  url: Type.String(),
  label: Type.String(),
  createdAt: Type.String(),
  expiresAt: Nullable(Type.String()),
  maxUses: Nullable(Type.Integer()),
  uses: Type.Integer(),
  revokedAt: Nullable(Type.String()),
  usable: Type.Boolean(),
});
/** A list of `InviteOut`, newest first. */
export const InviteListOut = Type.Array(InviteOut);

/** Service input to start a community. */
export type CommunityInput = Static<typeof CommunityIn>;
/** Service input to change settings. */
export type CommunityPatchInput = Static<typeof CommunityPatch>;
/** What the community page form posts. */
export type CommunityFormInput = Static<typeof CommunityForm>;
/** Service input to join. */
export type JoinInput = Static<typeof JoinIn>;
/** Service input for a new invite. */
export type InviteInput = Static<typeof InviteIn>;
/** Service input for a paper member. */
export type PaperMemberInput = Static<typeof PaperMemberIn>;
