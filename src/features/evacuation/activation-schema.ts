/** Request and response shapes of an alert's day: raising and ending it, taps, marks, the board, the review. */
import { Type } from 'typebox';
import { buddyMarks, householdStates, marks, routeStates, taps } from './day.ts';

const Uuid = Type.String({ format: 'uuid' });
const Slug = Type.String({ maxLength: 100, description: 'The community slug.' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** How long each text of the day may be, in characters. */
export const dayLimits = { reason: 200, message: 2000, note: 500, comment: 2000 } as const;

/** An alert's route parameters. */
export const AlertParams = Type.Object({ community: Slug, alertId: Uuid });

/** Raising an alert. */
export const AlertIn = Type.Object({
  reason: Type.String({
    minLength: 1,
    maxLength: dayLimits.reason,
    description: 'Why: "Flood warning for the harbour".',
  }),
  message: Type.Optional(
    Type.String({ maxLength: dayLimits.message, description: 'What everyone should know and do.' }),
  ),
  shelters: Type.Array(Uuid, {
    minItems: 1,
    maxItems: 50,
    uniqueItems: true,
    description: 'The shelters (places) open: at least one, each set up with a capacity.',
  }),
});

/** The raise form of the page (one shelter ticked arrives as one value). */
export const AlertFormIn = Type.Object({
  reason: AlertIn.properties.reason,
  message: AlertIn.properties.message,
  shelters: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
});

/** Ending an alert: a word to everyone. */
export const EndIn = Type.Object({
  message: Type.Optional(
    Type.String({ maxLength: dayLimits.message, description: 'A word to everyone in the plan.' }),
  ),
});

/** A driver's tap on their route. */
export const TapIn = Type.Object({
  status: Type.Enum(taps, {
    description:
      'started → picked_up / not_found (a householdId of the route) → arrived; dropped_out before arriving, with nobody aboard.',
  }),
  householdId: Type.Optional(Uuid),
});

/** A household's mark. */
export const MarkIn = Type.Object({
  status: Type.Enum(marks),
  note: Type.Optional(
    Type.String({
      maxLength: dayLimits.note,
      description: 'What was heard (a coordinator from a phone call).',
    }),
  ),
});

/** A household's mark through its personal link (no note: it speaks for itself). */
export const MarkLinkIn = Type.Object({ status: Type.Enum(buddyMarks) });

/** Feedback after an alert. */
export const FeedbackIn = Type.Object({
  feedback: Type.Enum(['went_well', 'could_improve'] as const),
  comment: Type.Optional(Type.String({ maxLength: dayLimits.comment })),
});

/** An alert. */
export const AlertOut = Type.Object({
  id: Type.String(),
  reason: Type.String(),
  message: Type.String(),
  shelters: Type.Array(Type.Object({ placeId: Type.String(), name: Type.String(), address: Type.String() })),
  raisedAt: Type.String(),
  raisedBy: Nullable(Type.String()),
  endedAt: Nullable(Type.String()),
  endMessage: Type.String(),
});

const HouseholdState = Type.Enum(householdStates);

/** The live board. */
export const BoardOut = Type.Object({
  alert: AlertOut,
  readAt: Type.String(),
  replanning: Type.Boolean({
    description: 'A driver dropped out; the remaining stops are being planned again.',
  }),
  unaccounted: Type.Integer({ description: 'Households waiting, needing help or not found.' }),
  routes: Type.Array(
    Type.Object({
      driverId: Type.String(),
      driverName: Type.String(),
      vehicle: Type.String(),
      phone: Type.String(),
      shelter: Type.String(),
      state: Type.Enum(routeStates),
      pickedUp: Type.Integer(),
      households: Type.Array(
        Type.Object({ householdId: Type.String(), name: Type.String(), state: HouseholdState }),
      ),
    }),
  ),
  households: Type.Array(
    Type.Object({
      householdId: Type.String(),
      name: Type.String(),
      phone: Type.String(),
      address: Type.String(),
      people: Type.Integer(),
      wheelchairs: Type.Integer(),
      pets: Type.Integer(),
      state: HouseholdState,
      unaccounted: Type.Boolean(),
      driverName: Nullable(Type.String()),
      unserved: Nullable(Type.String({ description: 'Why nobody can take it, in the reader’s language.' })),
      since: Nullable(Type.String()),
      note: Type.String(),
      leftAt: Nullable(
        Type.String({
          description:
            'When its member left the community during the alert: it stays on the board and in its route, reachable by phone only.',
        }),
      ),
    }),
  ),
  toPhone: Type.Array(
    Type.Object({
      name: Type.String(),
      phone: Type.String(),
      role: Type.Enum(['household', 'driver', 'buddy'] as const),
      about: Type.String(),
    }),
  ),
});

/** A member's own part of the day. */
export const MyDayOut = Type.Object({
  alert: AlertOut,
  household: Nullable(
    Type.Object({
      householdId: Type.String(),
      state: HouseholdState,
      driver: Nullable(Type.String({ description: 'The first name of who picks them up.' })),
      vehicle: Nullable(Type.String()),
      arrivalMinutes: Nullable(Type.Integer({ description: 'Minutes from the alert.' })),
      shelter: Nullable(Type.String()),
    }),
  ),
  checks: Type.Array(Type.Object({ householdId: Type.String(), name: Type.String(), state: HouseholdState })),
  route: Nullable(
    Type.Object({
      state: Type.Enum(routeStates),
      stops: Type.Array(
        Type.Object({ householdId: Type.String(), state: HouseholdState, pickedUp: Type.Boolean() }),
      ),
    }),
  ),
});

/** The after-action review. */
export const ReviewOut = Type.Object({
  alert: AlertOut,
  timeline: Type.Array(
    Type.Object({
      at: Type.String(),
      status: Type.String({ description: 'raised, a status of the day, replanned or ended.' }),
      household: Nullable(Type.String()),
      driver: Nullable(Type.String()),
      by: Nullable(Type.String()),
      note: Type.String(),
    }),
  ),
  feedback: Type.Array(
    Type.Object({
      name: Type.String(),
      feedback: Type.Enum(['went_well', 'could_improve'] as const),
      comment: Type.String(),
      at: Type.String(),
    }),
  ),
});
