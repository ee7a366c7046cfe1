/** Request and response shapes of gatherings: the edge schema is the API's documentation. */

import { Type } from 'typebox';
import { formRepeats } from '../../platform/calendar/recurrence.ts';
import { limit } from '../../platform/http/rate-limit.ts';
import { Name } from '../../platform/names.ts';

/** What kind of gathering it is. */
export const kinds = ['gathering', 'potluck', 'workshop', 'language_table'] as const;
/** How a gathering repeats, as the form offers it (the weekday and date come from its first date). */
export const repeats = formRepeats;
/** An answer. */
export const answers = ['yes', 'maybe', 'no'] as const;
/** The most guests one answer may bring. */
export const maxGuests = 20;
/** The most guests a visitor (answering without an account) may bring along. */
export const visitorMaxGuests = 4;

const Uuid = Type.String({ format: 'uuid' });
const Slug = Type.String({ maxLength: 100, description: 'The community slug.' });
const Day = Type.String({ format: 'date', description: 'A calendar day, YYYY-MM-DD.' });
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'A local time, HH:mm.' });
const MonthDay = Type.String({
  pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
  description: 'A day of the year, MM-DD.',
});
/** A local date-time `YYYY-MM-DDTHH:mm`: an occurrence's identity (the start its rule gave). */
const Occurrence = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$',
  description: 'The occurrence: the local start its gathering’s rule gave, YYYY-MM-DDTHH:mm.',
});
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T, description?: string) =>
  Type.Union([t, Type.Null()], description ? { description } : {});

/** Route parameters. */
export const CommunityParams = Type.Object({ community: Slug });
export const GatheringParams = Type.Object({ community: Slug, gatheringId: Uuid });
export const OccurrenceParams = Type.Object({ community: Slug, gatheringId: Uuid, occurrence: Occurrence });

/** A new gathering (the form and the API alike). */
export const GatheringIn = Type.Object({
  kind: Type.Optional(
    Type.Enum(kinds, { description: 'gathering (default), potluck, workshop, language_table.' }),
  ),
  title: Name({ minLength: 1, maxLength: 120 }),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  placeId: Type.Optional(
    Type.String({ ...Uuid, description: 'A place of the community; or give `address`.' }),
  ),
  address: Type.Optional(
    Type.String({ maxLength: 300, description: 'Where, when not at a place of the community.' }),
  ),
  startDate: Day,
  startTime: Time,
  endDate: Type.Optional(
    Type.String({ ...Day, description: 'The day it ends, when not the day it starts.' }),
  ),
  endTime: Type.String({ ...Time, description: 'The local time it ends, after the start.' }),
  repeat: Type.Enum(repeats, {
    description:
      'once; weekly or every other week on the first date’s weekday; monthly on that weekday (“first Saturday”, the last when it is the fifth) or on that date.',
  }),
  until: Type.Optional(Type.String({ ...Day, description: 'The last date it may happen on.' })),
  seasonFrom: Type.Optional(MonthDay),
  seasonUntil: Type.Optional(MonthDay),
  exceptions: Type.Optional(
    Type.String({
      maxLength: 2000,
      description: 'Dates left out, YYYY-MM-DD, separated by spaces or commas.',
    }),
  ),
  capacity: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 10000,
      description: 'How many may come, guests included; none: no limit.',
    }),
  ),
  isPublic: Type.Optional(
    Type.Boolean({ description: 'Seen and answered without an account (stewards only).' }),
  ),
});

/** The page's form of a gathering: a checkbox sends `1` (`on` from some browsers) or nothing. */
export const GatheringFormIn = Type.Object({
  ...GatheringIn.properties,
  isPublic: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('on')])),
});

/** What may change of a gathering (for every occurrence). */
export const GatheringChangeIn = Type.Object({
  title: Type.Optional(Name({ minLength: 1, maxLength: 120 })),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  placeId: Type.Optional(Nullable(Uuid, 'A place of the community; null: none.')),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  capacity: Type.Optional(
    Nullable(Type.Integer({ minimum: 1, maximum: 10000 }), 'Null: no limit. Not below those already coming.'),
  ),
  isPublic: Type.Optional(Type.Boolean()),
});

/** The page's edit form: every field sent; an empty capacity is no limit. */
export const GatheringEditFormIn = Type.Object({
  title: Name({ minLength: 1, maxLength: 120 }),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  placeId: Type.Optional(Uuid),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  isPublic: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('on')])),
});

/** A range of coming gatherings. */
export const GatheringsQuery = Type.Object({
  from: Type.Optional(Day),
  weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 26, description: 'How many weeks (default 8).' })),
});

/** An answer to an occurrence. */
export const RsvpIn = Type.Object({
  answer: Type.Enum(answers),
  guests: Type.Optional(
    Type.Integer({ minimum: 0, maximum: maxGuests, description: 'Who comes along (with yes or maybe).' }),
  ),
});

/** A new time for an occurrence: this one only, or this and the following. */
export const TimeIn = Type.Object({
  date: Type.String({ ...Day, description: 'The local day; with `following`, the occurrence’s own.' }),
  startTime: Time,
  endTime: Type.String({
    ...Time,
    description: 'After `startTime` (the next day when earlier is not meant: give it after).',
  }),
  which: Type.Enum(['this', 'following'] as const, {
    description: '`this`: move this occurrence only; `following`: change the time of this and the following.',
  }),
});

/** Someone who answered, as a member sees them. */
const AttendeeOut = Type.Object({
  name: Type.String(),
  guests: Type.Integer(),
  visitor: Type.Boolean({ description: 'Answered without an account.' }),
  answerId: Type.Optional(
    Type.String({ description: 'A visitor’s answer, to those who may remove it (organizers, stewards).' }),
  ),
});

/** One occurrence of a gathering. */
export const OccurrenceOut = Type.Object({
  gatheringId: Type.String(),
  occurrence: Type.String({ description: 'Its identity: the local start its rule gave.' }),
  kind: Type.Enum(kinds),
  title: Type.String(),
  placeId: Nullable(Type.String()),
  placeName: Nullable(Type.String()),
  address: Type.String(),
  startsAt: Type.String({ description: 'ISO 8601 instant.' }),
  endsAt: Type.String(),
  local: Type.String({ description: 'Local start in the community’s zone, YYYY-MM-DDTHH:mm.' }),
  capacity: Nullable(Type.Integer(), 'Null: no limit.'),
  going: Type.Integer({ description: 'People coming (yes), guests included, the waiting list not.' }),
  maybe: Type.Integer({ description: 'People who said maybe, guests included.' }),
  waiting: Type.Integer({ description: 'People on the waiting list, guests included.' }),
  placesLeft: Nullable(Type.Integer(), 'Null: no limit.'),
  myAnswer: Nullable(Type.Enum(answers)),
  myGuests: Type.Integer(),
  myWaiting: Type.Boolean(),
  isPublic: Type.Boolean(),
  cancelled: Type.Boolean(),
});
export const OccurrenceDetailOut = Type.Object({
  ...OccurrenceOut.properties,
  description: Type.String(),
  yes: Type.Array(AttendeeOut),
  maybeList: Type.Array(AttendeeOut),
  waitingList: Type.Array(AttendeeOut),
});
export const OccurrenceListOut = Type.Object({ gatherings: Type.Array(OccurrenceOut) });
export const GatheringOut = Type.Object({
  id: Type.String(),
  kind: Type.Enum(kinds),
  title: Type.String(),
  placeId: Nullable(Type.String()),
  address: Type.String(),
  startLocal: Type.String(),
  durationMinutes: Type.Integer(),
  rule: Nullable(Type.String(), 'RFC 5545 RRULE; null: once.'),
  capacity: Nullable(Type.Integer()),
  isPublic: Type.Boolean(),
});
/** Where the occurrence is found after its time changed. */
export const TimeOut = Type.Object({ gatheringId: Type.String(), occurrence: Type.String() });
/** Where an answer left its author. */
export const RsvpOut = Type.Object({
  answer: Type.Enum(answers),
  guests: Type.Integer(),
  waiting: Type.Boolean({ description: 'A yes beyond the capacity: on the waiting list.' }),
});

/** The shared calendar's parameters. */
export const MonthParams = Type.Object({
  community: Slug,
  month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM.' }),
});
export const CalendarQuery = Type.Object({
  mine: Type.Optional(Type.Literal('1', { description: 'Only the reader’s own.' })),
});
export const CalendarApiQuery = Type.Object({
  month: Type.Optional(
    Type.String({
      pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
      description: 'YYYY-MM; none: the coming four weeks.',
    }),
  ),
  mine: Type.Optional(Type.Boolean({ description: 'Only the reader’s own.' })),
});
/** One line of the shared calendar. */
export const CalendarEntryOut = Type.Object({
  type: Type.Enum(['gathering', 'shift', 'loan'] as const),
  title: Type.String(),
  day: Type.String({ description: 'The local day, YYYY-MM-DD.' }),
  startsAt: Nullable(Type.String(), 'Null for a loan due (a day).'),
  endsAt: Nullable(Type.String()),
  where: Nullable(Type.String()),
  path: Type.String({ description: 'Its page, under /c/:community.' }),
  mine: Type.Boolean(),
  cancelled: Type.Boolean(),
  overdue: Type.Boolean(),
});
export const CalendarOut = Type.Object({ entries: Type.Array(CalendarEntryOut) });

/** A potluck's courses. */
export const courses = ['main', 'side', 'dessert', 'drink'] as const;
/** Dietary labels a dish may carry. */
export const dietaryLabels = ['vegetarian', 'vegan', 'halal', 'kosher', 'nut_free', 'gluten_free'] as const;

const Wanted = Type.Integer({ minimum: 0, maximum: 100 });
/** How many dishes of each course a potluck asks for; null: not counted. */
export const DishNeedsIn = Type.Object({
  main: Type.Optional(Nullable(Wanted)),
  side: Type.Optional(Nullable(Wanted)),
  dessert: Type.Optional(Nullable(Wanted)),
  drink: Type.Optional(Nullable(Wanted)),
});
/** The page's form of the needs: an empty field is not counted. */
export const DishNeedsFormIn = Type.Object({
  main: Type.Optional(Wanted),
  side: Type.Optional(Wanted),
  dessert: Type.Optional(Wanted),
  drink: Type.Optional(Wanted),
});
/** A dish promised. */
export const DishIn = Type.Object({
  course: Type.Enum(courses),
  name: Name({ minLength: 1, maxLength: 120, description: 'What it is (“Green salad”).' }),
  labels: Type.Optional(Type.Array(Type.Enum(dietaryLabels), { maxItems: 6, uniqueItems: true })),
});
/** The page's form of a dish: each checked label sends one `labels`. */
export const DishFormIn = Type.Object({
  course: Type.Enum(courses),
  name: Name({ minLength: 1, maxLength: 120 }),
  labels: Type.Optional(
    Type.Union([
      Type.Enum(dietaryLabels),
      Type.Array(Type.Enum(dietaryLabels), { maxItems: 6, uniqueItems: true }),
    ]),
  ),
});
/** A visitor's answer to one occurrence. */
export const AnswerParams = Type.Object({
  community: Slug,
  gatheringId: Uuid,
  occurrence: Occurrence,
  answerId: Uuid,
});
export const DishParams = Type.Object({
  community: Slug,
  gatheringId: Uuid,
  occurrence: Occurrence,
  dishId: Uuid,
});
/** A potluck's table for one occurrence: each course, how many are wanted and what is promised. */
export const PotluckOut = Type.Object({
  courses: Type.Array(
    Type.Object({
      course: Type.Enum(courses),
      wanted: Nullable(Type.Integer(), 'Null: not counted.'),
      promised: Type.Integer(),
      dishes: Type.Array(
        Type.Object({
          id: Type.String(),
          name: Type.String(),
          labels: Type.Array(Type.Enum(dietaryLabels)),
          by: Type.String(),
          mine: Type.Boolean(),
        }),
      ),
    }),
  ),
});
export const DishOut = Type.Object({ id: Type.String() });

/** One occurrence in full, with a potluck's table. */
export const OccurrenceFullOut = Type.Object({
  ...OccurrenceDetailOut.properties,
  potluck: Type.Array(PotluckOut.properties.courses.items, {
    description: 'A potluck’s courses; empty for another kind.',
  }),
});

/** A visitor's answer to a public gathering: a name, yes or maybe. */
export const VisitorRsvpIn = Type.Object({
  name: Name({ minLength: 1, maxLength: 80, description: 'How the organizers may call you.' }),
  answer: Type.Enum(['yes', 'maybe'] as const),
  guests: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: visitorMaxGuests,
      description: `At most ${visitorMaxGuests}: anyone may answer, so one answer may not fill a gathering.`,
    }),
  ),
  /** A field people never see: whatever fills it is thanked and ignored. */
  website: Type.Optional(Type.String({ maxLength: 200 })),
});
/** The flyer's paper. */
export const FlyerQuery = Type.Object({
  paper: Type.Optional(Type.Enum(['a4', 'letter'] as const, { description: 'A4 (default) or US Letter.' })),
});

/** A workshop proposed to a member who shares the skill: a gathering with a skill and a host. */
export const WorkshopIn = Type.Object({
  ...GatheringIn.properties,
  skill: Name({
    minLength: 1,
    maxLength: 80,
    description: 'What is taught, as members list it in their profiles.',
  }),
  hostId: Type.String({ ...Uuid, description: 'An active member who lists the skill to share.' }),
});
/** The page's form of a workshop. */
export const WorkshopFormIn = Type.Object({
  ...GatheringFormIn.properties,
  skill: WorkshopIn.properties.skill,
  hostId: WorkshopIn.properties.hostId,
});
export const WorkshopQuery = Type.Object({
  skill: Type.Optional(Type.String({ maxLength: 80, description: 'The skill to teach.' })),
});
/** A workshop proposal, as its host and its proposer see it. */
export const WorkshopOut = Type.Object({
  id: Type.String(),
  title: Type.String(),
  skill: Type.String(),
  hostId: Nullable(Type.String()),
  hostStatus: Type.Enum(['proposed', 'accepted', 'declined'] as const),
  startLocal: Type.String(),
});

/**
 * Budgets per member, the page form and the API together: generous for people, short of a
 * flood (one member made 60 weekly gatherings in 3 s, which every calendar then expands).
 * Organizing (gatherings and workshop proposals), changing one (its details, a date's time),
 * answering, promising dishes.
 */
export const organizeLimit = limit('gathering-organize', 20, '1 hour', 'account');
/** See `organizeLimit`. */
export const changeLimit = limit('gathering-change', 60, '1 hour', 'account');
/** See `organizeLimit`. */
export const answerLimit = limit('gathering-answer', 120, '1 hour', 'account');
/** See `organizeLimit`. */
export const dishLimit = limit('gathering-dish', 60, '1 hour', 'account');
