/** Request and response shapes of drills (the monthly check-in) and their check-in links. */
import { type Static, Type } from 'typebox';
import { LinkParams } from './links.ts';
import { limits, phonePattern, slots } from './schema.ts';

export { LinkParams };

const Uuid = Type.String({ format: 'uuid' });
const Slug = Type.String({ maxLength: 100, description: 'The community slug.' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** How long a drill's message and an answer's note may be, in characters. */
export const drillLimits = { message: 1000, note: 1000 } as const;
/** The furthest a drill's deadline may be, in days from its start. */
export const maxDeadlineDays = 31;

/** A drill's route parameters. */
export const DrillParams = Type.Object({ community: Slug, drillId: Uuid });
/** One answer of a drill (a coordinator records it). */
export const AnswerParams = Type.Object({ community: Slug, drillId: Uuid, answerId: Uuid });

const escalation = {
  buddyAfterHours: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 168,
      description:
        'Hours after the deadline a household with no answer is checked on by its buddy (default 0).',
    }),
  ),
  coordinatorsAfterHours: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 336,
      description:
        'Hours after the deadline the coordinators are told who has still not answered (default 24); more than `buddyAfterHours`. The backup buddy is asked half-way between the two.',
    }),
  ),
};
const Message = Type.Optional(
  Type.String({
    maxLength: drillLimits.message,
    description: 'A word from the coordinators, shown with the check-in.',
  }),
);

/** Starting a drill (the API): the deadline for answers as an instant. */
export const DrillIn = Type.Object({
  message: Message,
  deadline: Type.String({
    format: 'date-time',
    description: 'Answers are asked for by then; in the future, at most 31 days ahead.',
  }),
  ...escalation,
});
/** A drill's start as the service takes it. */
export type DrillInput = Static<typeof DrillIn>;

/** Starting a drill (the page form): the deadline in the community's time zone. */
export const DrillFormIn = Type.Object({
  message: Message,
  deadline: Type.String({
    pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?$',
    description: 'A local date and time (`YYYY-MM-DDTHH:mm`) in the community’s time zone.',
  }),
  ...escalation,
});

/** What a check-in says. */
export const answers = ['confirm', 'unavailable', 'test_drive'] as const;
/** One of `answers`. */
export type AnswerKind = (typeof answers)[number];

/**
 * A check-in's answer: `confirm` (with the details as they are now: a household's people,
 * wheelchairs, pets, phone and address; a driver's seats, wheelchair places and availability —
 * any that differ from the registry change it), `unavailable` ("I can't this month"), or
 * `test_drive` (a driver drove their route of the newest plan as a test).
 */
export const CheckInIn = Type.Object({
  answer: Type.Enum(answers, { description: 'What the household or driver says.' }),
  people: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 30, description: 'A household: how many people ride.' }),
  ),
  wheelchairs: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 30,
      description: 'A household: how many of them travel in their wheelchair.',
    }),
  ),
  pets: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 20, description: 'A household: how many pets come along.' }),
  ),
  phone: Type.Optional(
    Type.String({
      maxLength: limits.phone,
      pattern: phonePattern,
      description: 'A phone number to call on the day. Blank: unchanged.',
    }),
  ),
  address: Type.Optional(
    Type.String({
      maxLength: limits.address,
      description:
        'A household: where to pick them up. A new address clears the point on the map until one is set again. Blank: unchanged.',
    }),
  ),
  seats: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 60, description: 'A driver: seats for passengers.' }),
  ),
  wheelchairPlaces: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 10,
      description: 'A driver: places for a person in their wheelchair.',
    }),
  ),
  availability: Type.Optional(
    Type.Array(Type.Enum(slots), {
      uniqueItems: true,
      maxItems: slots.length,
      description: 'A driver: when they can usually drive.',
    }),
  ),
  note: Type.Optional(
    Type.String({ maxLength: drillLimits.note, description: 'Anything else to tell the coordinators.' }),
  ),
});
/** A check-in's answer as the service takes it. */
export type CheckInInput = Static<typeof CheckInIn>;

/** The check-in form of the pages: the same fields; the availability boxes may come as one value. */
export const CheckInFormIn = Type.Object({
  ...CheckInIn.properties,
  availability: Type.Optional(
    Type.Union([Type.Enum(slots), Type.Array(Type.Enum(slots), { maxItems: slots.length })]),
  ),
});

/** What a buddy found when they checked on a household in a drill (their link's form). */
export const BuddyFoundIn = Type.Object({ found: Type.Enum(['reached', 'not_reached'] as const) });

/** One field a household or driver changed in a drill. */
export const ChangeOut = Type.Object({
  field: Type.String({
    description: 'people, wheelchairs, pets, phone, address, seats, wheelchairPlaces or availability.',
  }),
  before: Type.String(),
  after: Type.String(),
});

const Person = Type.Object({ accountId: Type.String(), name: Type.String() });

/** One household or driver asked in a drill, and where their answer stands. */
export const AnswerOut = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('household'), Type.Literal('driver')]),
  subjectId: Type.String({ description: 'The household’s or the driver’s id.' }),
  name: Type.String(),
  paper: Type.Boolean({ description: 'A paper member: no email; reached by the printed sheet or a call.' }),
  status: Type.Union([
    Type.Literal('waiting'),
    Type.Literal('confirmed'),
    Type.Literal('changed'),
    Type.Literal('unavailable'),
  ]),
  answeredAt: Nullable(Type.String()),
  recordedBy: Nullable(Person),
  changes: Type.Array(ChangeOut),
  note: Type.String(),
  seats: Nullable(Type.Integer()),
  testDriveAt: Nullable(Type.String()),
  buddyAsked: Nullable(Type.Object({ at: Type.String(), person: Nullable(Person) })),
  backupAsked: Nullable(Type.Object({ at: Type.String(), person: Nullable(Person) })),
  coordinatorsToldAt: Nullable(Type.String()),
  buddyFound: Nullable(
    Type.Object(
      {
        found: Type.Enum(['reached', 'not_reached'] as const),
        at: Type.String(),
        person: Nullable(Person),
      },
      { description: 'What the buddy asked to check on the household recorded through their link.' },
    ),
  ),
  noBuddy: Type.Boolean({
    description:
      'A household whose buddy step came with no buddy who had accepted (nor a backup buddy): nobody was asked, and the coordinators were told then (`coordinatorsToldAt`).',
  }),
  unconfirmedThreeTimes: Type.Boolean({
    description:
      'A household not confirmed in this drill nor the two before it (cancelled drills do not count).',
  }),
});

/** A drill as listed. */
export const DrillOut = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('cancelled')]),
  message: Type.String(),
  deadline: Type.String(),
  buddyAt: Type.String(),
  backupAt: Type.String(),
  coordinatorsAt: Type.String(),
  startedAt: Type.String(),
  startedBy: Nullable(Person),
  endedAt: Nullable(Type.String()),
  endedBy: Nullable(Person),
  counts: Type.Object({
    asked: Type.Integer(),
    confirmed: Type.Integer(),
    changed: Type.Integer(),
    unavailable: Type.Integer(),
    waiting: Type.Integer(),
  }),
});

/** A drill with every answer: the report. */
export const DrillReportOut = Type.Object({ ...DrillOut.properties, answers: Type.Array(AnswerOut) });

/** What a check-in link shows its household or driver: their own details and their answer. */
export const CheckInOut = Type.Object({
  drill: Type.Object({
    id: Type.String(),
    status: DrillOut.properties.status,
    message: Type.String(),
    deadline: Type.String(),
  }),
  kind: AnswerOut.properties.kind,
  name: Type.String(),
  household: Nullable(
    Type.Object({
      people: Type.Integer(),
      wheelchairs: Type.Integer(),
      pets: Type.Integer(),
      phone: Type.String(),
      address: Type.String(),
      hasPoint: Type.Boolean(),
    }),
  ),
  driver: Nullable(
    Type.Object({
      vehicle: Type.String(),
      seats: Type.Integer(),
      wheelchairPlaces: Type.Integer(),
      availability: Type.Array(Type.Enum(slots)),
      phone: Type.String(),
      hasRoute: Type.Boolean({
        description: 'The driver has a route in the newest plan (a test drive can be marked).',
      }),
    }),
  ),
  answer: Type.Object({
    status: AnswerOut.properties.status,
    answeredAt: Nullable(Type.String()),
    changes: Type.Array(ChangeOut),
    note: Type.String(),
    testDriveAt: Nullable(Type.String()),
  }),
});
