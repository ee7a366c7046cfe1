/** Request and response shapes of profiles, the members directory and skill matches. */
import { type Static, Type } from 'typebox';
import { languageCodes } from '../../platform/i18n/languages.ts';
import { Name } from '../../platform/names.ts';

/** Limits that the schema, the service and the page hints share. */
export const limits = {
  displayName: 80,
  about: 500,
  availability: 200,
  chatHandle: 80,
  skills: 20,
  skillLength: 40,
  query: 80,
} as const;

/** The days of the availability grid, Monday first. */
export const availabilityDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** The parts of a day: morning before 12:00, afternoon 12:00–17:00, evening from 17:00. */
export const dayParts = ['morning', 'afternoon', 'evening'] as const;
/** Every slot of the grid, `mon-morning` … `sun-evening`. */
export const availabilitySlots = availabilityDays.flatMap((d) => dayParts.map((p) => `${d}-${p}` as const));
const Slots = Type.Array(Type.Union(availabilitySlots.map((s) => Type.Literal(s))), {
  maxItems: availabilitySlots.length,
  description:
    'When usually free: days of the week by part of the day (`sat-morning`; morning before 12:00, afternoon to 17:00, evening after). Shift nudges match it.',
});

/** Who may see one contact detail. */
export const VisibilityIn = Type.Union(
  [Type.Literal('community'), Type.Literal('stewards'), Type.Literal('nobody')],
  { description: 'Who may see it: fellow members, stewards only, or nobody.' },
);
const Language = Type.Union(
  languageCodes.map((c) => Type.Literal(c)),
  { description: 'An ISO 639 language code (`sgn`: a sign language).' },
);
const PreferredLocale = Type.Union([Type.Literal('en'), Type.Literal('es')], {
  description: 'The language Porch speaks to this person.',
});
const DisplayName = Name({ minLength: 1, maxLength: limits.displayName });
const About = Type.String({ maxLength: limits.about });
const Availability = Type.String({ maxLength: limits.availability });
// Permissive: people write numbers many ways. One pattern (5 to 30 characters, at least three
// digits, nothing that could be markup) so a refused number gets one clear message.
export const phonePattern = '^(?=(?:\\D*\\d){3})[0-9+(). ,-]{5,30}$';
const Phone = Type.String({
  maxLength: 30,
  pattern: phonePattern,
  description: 'Digits, spaces and + - ( ) . , only; 5 to 30 characters.',
});
const ChatHandle = Type.String({ minLength: 1, maxLength: limits.chatHandle });
const Latitude = Type.Number({ minimum: -90, maximum: 90 });
const Longitude = Type.Number({ minimum: -180, maximum: 180 });
const SkillList = Type.Array(Type.String({ maxLength: limits.skillLength }), {
  maxItems: limits.skills,
  description: `At most ${limits.skills} skills of at most ${limits.skillLength} characters; stored trimmed and without repeats.`,
});
// Free text in a form; the service splits it at commas, semicolons and line breaks.
const SkillText = Type.String({ maxLength: 2000 });

/** The profile form, for my profile and for a paper member's profile. Empty inputs arrive absent. */
export const ProfileForm = Type.Object({
  displayName: DisplayName,
  locale: Type.Optional(PreferredLocale),
  languages: Type.Optional(Type.Array(Language, { maxItems: languageCodes.length })),
  about: Type.Optional(About),
  skillsToShare: Type.Optional(SkillText),
  skillsToLearn: Type.Optional(SkillText),
  availability: Type.Optional(Availability),
  availableAt: Type.Optional(Slots),
  emailVisibility: Type.Optional(VisibilityIn),
  phone: Type.Optional(Phone),
  phoneVisibility: VisibilityIn,
  chatHandle: Type.Optional(ChatHandle),
  chatVisibility: VisibilityIn,
  locationLat: Type.Optional(Latitude),
  locationLng: Type.Optional(Longitude),
});
/** A submitted profile form. */
export type ProfileFormBody = Static<typeof ProfileForm>;

/** An approximate location; stored rounded to 3 decimals (about 100 m). */
export const LocationIn = Type.Object({ lat: Latitude, lng: Longitude });

/** A partial profile change through the API: absent fields stay as they are, `null` clears. */
export const ProfilePatch = Type.Object({
  displayName: Type.Optional(DisplayName),
  locale: Type.Optional(Type.Union([PreferredLocale, Type.Null()])),
  languages: Type.Optional(Type.Array(Language, { maxItems: languageCodes.length })),
  about: Type.Optional(About),
  skillsToShare: Type.Optional(SkillList),
  skillsToLearn: Type.Optional(SkillList),
  availability: Type.Optional(Availability),
  availableAt: Type.Optional(Slots),
  emailVisibility: Type.Optional(VisibilityIn),
  phone: Type.Optional(Type.Union([Phone, Type.Null()])),
  phoneVisibility: Type.Optional(VisibilityIn),
  chatHandle: Type.Optional(Type.Union([ChatHandle, Type.Null()])),
  chatVisibility: Type.Optional(VisibilityIn),
  location: Type.Optional(
    Type.Union([LocationIn, Type.Null()], {
      description: 'Rounded to 3 decimals (about 100 m) when saved; never shown to other members.',
    }),
  ),
});
/** A partial profile change. */
export type ProfilePatchBody = Static<typeof ProfilePatch>;

const Role = Type.Union([Type.Literal('member'), Type.Literal('steward'), Type.Literal('coordinator')]);
const Nullable = <S extends Parameters<typeof Type.Union>[0][number]>(s: S) => Type.Union([s, Type.Null()]);

/** The signed-in person's own profile, with everything they entered. */
export const MyProfileOut = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  locale: Nullable(Type.String()),
  languages: Type.Array(Type.String()),
  about: Type.String(),
  skillsToShare: Type.Array(Type.String()),
  skillsToLearn: Type.Array(Type.String()),
  availability: Type.String(),
  availableAt: Type.Array(Type.String()),
  emailVisibility: VisibilityIn,
  phone: Nullable(Type.String()),
  phoneVisibility: VisibilityIn,
  chatHandle: Nullable(Type.String()),
  chatVisibility: VisibilityIn,
  location: Nullable(LocationIn),
  communities: Type.Array(
    Type.Object({
      slug: Type.String(),
      name: Type.String(),
      role: Role,
      status: Type.Union([Type.Literal('active'), Type.Literal('pending')]),
    }),
  ),
});

/** One line of the members directory. */
export const MemberSummaryOut = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  role: Role,
  languages: Type.Array(Type.String()),
  skillsToShare: Type.Array(Type.String()),
});

/** A member's profile as the caller may see it: contacts only where their visibility allows. */
export const MemberOut = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  role: Role,
  about: Type.String(),
  languages: Type.Array(Type.String()),
  skillsToShare: Type.Array(Type.String()),
  skillsToLearn: Type.Array(Type.String()),
  availability: Type.String(),
  availableAt: Type.Array(Type.String()),
  memberSince: Nullable(Type.String({ description: 'When they joined (ISO 8601).' })),
  paperMember: Type.Boolean({ description: 'Added by a steward, without an email address.' }),
  livesInArea: Nullable(
    Type.Boolean({ description: 'Whether their approximate location is inside the community area.' }),
  ),
  contacts: Type.Object(
    {
      email: Type.Optional(Type.String()),
      phone: Type.Optional(Type.String()),
      chatHandle: Type.Optional(Type.String()),
    },
    { description: 'Only the contact details the caller may see.' },
  ),
  canEdit: Type.Boolean({
    description: 'Whether the caller may edit this profile (a steward, for a paper member).',
  }),
  canManage: Type.Boolean({
    description: 'Whether the caller may change this member’s role or remove them.',
  }),
  canHelpSignIn: Type.Boolean({
    description:
      'Whether the caller may make a one-time sign-in link for this member (a steward, for a member without email).',
  }),
});

/** Members who could teach one of the caller's skills to learn. */
export const MatchOut = Type.Object({
  skill: Type.String({ description: 'One of my skills to learn.' }),
  exact: Type.Array(Type.Object({ member: MemberSummaryOut, skill: Type.String() })),
  similar: Type.Array(Type.Object({ member: MemberSummaryOut, skill: Type.String() })),
});

export const CommunityParams = Type.Object({ community: Type.String({ maxLength: 100 }) });
export const MemberParams = Type.Object({
  community: Type.String({ maxLength: 100 }),
  accountId: Type.String({ format: 'uuid' }),
});
export const DirectoryQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: limits.query, description: 'Part of a name or of a skill (any case).' }),
  ),
  teach: Type.Optional(
    Type.Union([Type.Literal('1'), Type.Literal('')], {
      description: '`1`: only members who list `q` among their skills to share.',
    }),
  ),
});
/** The directory page's query: the API's search plus where a page starts (pages are not in the API). */
export const DirectoryPageQuery = Type.Object({
  ...DirectoryQuery.properties,
  /** The account id a page starts after (`next`) or ends before (`previous`). */
  after: Type.Optional(Type.String({ format: 'uuid' })),
  before: Type.Optional(Type.String({ format: 'uuid' })),
  /**
   * A page number of the links made before pages started at a member: accepted and not used (the
   * first page is shown), so a link kept in a mail still opens the directory.
   */
  page: Type.Optional(Type.String({ maxLength: 20 })),
});
export const SavedQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 10 })) });
