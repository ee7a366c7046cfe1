/** Request and response shapes of shifts: the edge schema is the API's documentation. */

import { Type } from 'typebox';
import { formRepeats } from '../../platform/calendar/recurrence.ts';
import { Name } from '../../platform/names.ts';

/** How a series repeats, as the form offers it (the weekday and date come from its first date). */
export const repeats = formRepeats;
/** What a reading was taken of. */
export const appliances = ['fridge', 'freezer'] as const;
/** How a shift went. */
export const feedbacks = ['went_well', 'could_improve'] as const;

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
  description: 'The occurrence: the local start its series’ rule gave, YYYY-MM-DDTHH:mm.',
});

/** Route parameters. */
export const CommunityParams = Type.Object({ community: Slug });
export const SeriesParams = Type.Object({ community: Slug, seriesId: Uuid });
export const OccurrenceParams = Type.Object({ community: Slug, seriesId: Uuid, occurrence: Occurrence });
export const MonthParams = Type.Object({
  community: Slug,
  month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM.' }),
});

/** A new series (the form and the API alike). */
export const SeriesIn = Type.Object({
  title: Name({ minLength: 1, maxLength: 120 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  checklist: Type.Optional(Type.String({ maxLength: 2000, description: 'One item a line.' })),
  placeId: Type.Optional(Uuid),
  startDate: Day,
  startTime: Time,
  endTime: Type.String({ ...Time, description: 'The local time it ends, after `startTime` (same day).' }),
  repeat: Type.Enum(repeats, {
    description:
      'once; weekly or biweekly on the first date’s weekday; monthly on that weekday (“second Tuesday”, the last when it is the fifth) or on that date.',
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
  peopleNeeded: Type.Integer({ minimum: 1, maximum: 100 }),
  trainedOnly: Type.Optional(
    Type.Boolean({ description: 'Only volunteers trained for it (and trial slots).' }),
  ),
  trialSlots: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 100, description: 'Slots open to newcomers when trained only.' }),
  ),
});

/** The page's form of a series: a checkbox sends `1` (`on` from some browsers) or nothing. */
export const SeriesFormIn = Type.Object({
  ...SeriesIn.properties,
  trainedOnly: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('on')])),
});

/** What may change of a series. */
export const SeriesChangeIn = Type.Object({
  peopleNeeded: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  title: Type.Optional(Name({ minLength: 1, maxLength: 120 })),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  checklist: Type.Optional(Type.String({ maxLength: 2000 })),
});

/** A range of coming shifts. */
export const ShiftsQuery = Type.Object({
  from: Type.Optional(Day),
  weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: 'How many weeks (default 4).' })),
  place: Type.Optional(Uuid),
});

/** A volunteer on a shift. */
const VolunteerOut = Type.Object({
  accountId: Type.String(),
  name: Type.String(),
  trial: Type.Boolean(),
  substituteAsked: Type.Boolean(),
});

/** One occurrence, with who signed up. */
export const ShiftOut = Type.Object({
  seriesId: Type.String(),
  occurrence: Type.String({ description: 'Its identity: the local start its rule gave.' }),
  shiftId: Type.Union([Type.String(), Type.Null()], { description: 'Null until someone acted on it.' }),
  title: Type.String(),
  placeId: Type.Union([Type.String(), Type.Null()]),
  placeName: Type.Union([Type.String(), Type.Null()]),
  startsAt: Type.String({ description: 'ISO 8601 instant.' }),
  endsAt: Type.String(),
  local: Type.String({ description: 'Local start in the community’s zone, YYYY-MM-DDTHH:mm.' }),
  peopleNeeded: Type.Integer(),
  open: Type.Integer({ description: 'Slots still open.' }),
  volunteers: Type.Array(VolunteerOut),
  mine: Type.Boolean(),
  cancelled: Type.Boolean(),
  completed: Type.Boolean(),
});
export const ShiftListOut = Type.Object({ shifts: Type.Array(ShiftOut) });
export const SeriesOut = Type.Object({
  id: Type.String(),
  title: Type.String(),
  placeId: Type.Union([Type.String(), Type.Null()]),
  startLocal: Type.String(),
  durationMinutes: Type.Integer(),
  rule: Type.Union([Type.String(), Type.Null()], { description: 'RFC 5545 RRULE; null: once.' }),
  peopleNeeded: Type.Integer(),
  trainedOnly: Type.Boolean(),
  trialSlots: Type.Integer(),
});

/** Completing an occurrence: the checklist items done, a reading, feedback. */
export const CompleteIn = Type.Object({
  done: Type.Optional(
    Type.Array(Type.String({ maxLength: 200 }), {
      maxItems: 50,
      description: 'Checklist items done, as listed.',
    }),
  ),
  appliance: Type.Optional(Type.Enum(appliances, { description: 'What the reading was taken of.' })),
  temperature: Type.Optional(
    Type.Number({ description: 'The reading, in the community’s unit (°C or °F); with `appliance`.' }),
  ),
  feedback: Type.Optional(Type.Enum(feedbacks)),
  feedbackNote: Type.Optional(Type.String({ maxLength: 1000 })),
  foodSavedKg: Type.Optional(Type.Number({ minimum: 0, maximum: 10000, description: 'Food saved, kg.' })),
});
export const CompleteOut = Type.Object({
  unsafe: Type.Boolean({
    description: 'The reading was above the safe limit: the place’s volunteers were alerted.',
  }),
});
export const PlaceParams = Type.Object({ community: Slug, placeId: Uuid });
/** A member's feed file: their secret token and `.ics`. */
export const FeedParams = Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9_-]{20,100}\\.ics$' }) });
export const UnitIn = Type.Object({ unit: Type.Enum(['C', 'F'] as const) });
/** A line of a place's log. */
export const CheckLineOut = Type.Object({
  local: Type.String({ description: 'YYYY-MM-DDTHH:mm in the community’s zone.' }),
  checkedAt: Type.String(),
  shift: Type.String(),
  by: Type.String(),
  appliance: Type.Union([Type.Enum(appliances), Type.Null()]),
  temperature: Type.Union([Type.Number(), Type.Null()], { description: 'In `unit`.' }),
  unsafe: Type.Boolean(),
  checklist: Type.Array(Type.Object({ item: Type.String(), done: Type.Boolean() })),
  feedback: Type.Union([Type.Enum(feedbacks), Type.Null()]),
  feedbackNote: Type.String(),
  foodSavedKg: Type.Union([Type.Number(), Type.Null()]),
});
export const PlaceLogOut = Type.Object({
  unit: Type.Enum(['C', 'F'] as const),
  lines: Type.Array(CheckLineOut),
});

/** Marking or unmarking a member trained for a series. */
export const TrainedParams = Type.Object({ community: Slug, seriesId: Uuid, accountId: Uuid });
/** The page's form: the member to mark trained. */
export const TrainedIn = Type.Object({ accountId: Uuid });
/** Who is trained for a series. */
export const TrainedOut = Type.Object({
  trained: Type.Array(Type.Object({ accountId: Type.String(), name: Type.String() })),
});

/** Who did not come to an occurrence (the others on it did). */
export const NoShowsIn = Type.Object({
  accountIds: Type.Array(Uuid, { maxItems: 100, uniqueItems: true }),
});
/** The page's form: each checked box sends one `noShow`; none checked sends none. */
export const NoShowsFormIn = Type.Object({
  noShow: Type.Optional(Type.Union([Uuid, Type.Array(Uuid, { maxItems: 100, uniqueItems: true })])),
});
/** No-shows over the last six months: the caller's own, or every member's for a steward. */
export const NoShowsOut = Type.Object({
  months: Type.Integer(),
  members: Type.Array(Type.Object({ accountId: Type.String(), name: Type.String(), count: Type.Integer() })),
});

/** A new time for an occurrence: this one only, or this and the following. */
export const TimeIn = Type.Object({
  date: Type.String({ ...Day, description: 'The local day; with `following`, the occurrence’s own.' }),
  startTime: Time,
  endTime: Type.String({ ...Time, description: 'After `startTime`, the same day.' }),
  which: Type.Enum(['this', 'following'] as const, {
    description: '`this`: move this occurrence only; `following`: change the time of this and the following.',
  }),
});
/** Where the occurrence is found after its time changed. */
export const TimeOut = Type.Object({ seriesId: Type.String(), occurrence: Type.String() });

/** Asking to swap: the other occurrence of the series and the volunteer on it. */
export const SwapIn = Type.Object({ occurrence: Occurrence, accountId: Uuid });
/** The page's form: one choice, `occurrence accountId`. */
export const SwapFormIn = Type.Object({
  with: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2} [0-9a-f-]{36}$' }),
});
export const SwapParams = Type.Object({ community: Slug, swapId: Uuid });
/** A swap asked for. */
export const SwapOut = Type.Object({
  id: Type.String(),
  seriesId: Type.String(),
  title: Type.String(),
  occurrence: Type.String({
    description: 'The asker’s occurrence (the local start the rule gave: its key).',
  }),
  startsAt: Type.String({
    format: 'date-time',
    description: 'When the asker’s occurrence starts now (moved or not), an instant.',
  }),
  name: Type.String({ description: 'Who asked.' }),
  otherOccurrence: Type.String({ description: 'The asked volunteer’s occurrence (its key).' }),
  otherStartsAt: Type.String({
    format: 'date-time',
    description: 'When the asked volunteer’s occurrence starts now, an instant.',
  }),
  otherName: Type.String(),
  status: Type.Enum(['waiting', 'accepted', 'declined'] as const),
});
