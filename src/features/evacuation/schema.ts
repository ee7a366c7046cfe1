/** Request and response shapes of the evacuation ride network: the edge schema is the API's documentation. */
import { type Static, Type } from 'typebox';

/** Times of the week a driver may be available, and a plan made for. */
export const slots = ['weekday_day', 'weekday_evening', 'night', 'weekend'] as const;
/** A time of the week. */
export type Slot = (typeof slots)[number];
/** Whether a household's shelter is a wish or a need. */
export const shelterNeeds = ['none', 'preferred', 'needed'] as const;
/** What a coordinator's read of the data was of (the log's `what`). */
export const readKinds = [
  'households',
  'household',
  'drivers',
  'driver',
  'plan',
  'route_cards',
  'route_card',
  'contacts',
  'contacts_csv',
  'contacts_vcard',
  'check_in',
  'board',
  'review',
  'alert_link',
] as const;

/** How long each text may be, in characters. */
export const limits = {
  address: 300,
  text: 500,
  notes: 2000,
  phone: 40,
  language: 60,
  vehicle: 120,
} as const;

const Uuid = Type.String({ format: 'uuid' });
const Slug = Type.String({ maxLength: 100, description: 'The community slug.' });
const Latitude = Type.Number({ minimum: -90, maximum: 90, description: 'WGS 84 degrees.' });
const Longitude = Type.Number({ minimum: -180, maximum: 180, description: 'WGS 84 degrees.' });
const Text = (maxLength: number, description: string) =>
  Type.Optional(Type.String({ maxLength, description }));
/**
 * A phone number as people write it: digits, spaces, + ( ) - . / and an extension (`ext 12`,
 * `x12`, `#12`), or empty; nothing else, so a route card never prints words or hidden characters
 * as a number (the error is `validation.pattern_phone`).
 */
export const phonePattern =
  '^$|^\\+?[0-9 ()./-]*[0-9][0-9 ()./-]*( ?([eE][xX][tT]\\.?|[xX]|#) ?[0-9]{1,6})?$';
const Phone = Type.Optional(
  Type.String({
    maxLength: limits.phone,
    pattern: phonePattern,
    description: 'A phone number to call on the day.',
  }),
);
/** Degrees as people type them on a page: a decimal dot or comma, a hyphen or a minus sign. */
const DegreesText = Type.String({ pattern: '^\\s*[-−+]?\\d{1,3}([.,]\\d+)?\\s*$', maxLength: 40 });
const Flag = Type.Union([Type.Literal('1'), Type.Literal('on')]);

/** Route parameters. */
export const CommunityParams = Type.Object({ community: Slug });
export const HouseholdParams = Type.Object({ community: Slug, householdId: Uuid });
export const DriverParams = Type.Object({ community: Slug, driverId: Uuid });
export const ShelterParams = Type.Object({ community: Slug, placeId: Uuid });

const householdFields = {
  address: Text(limits.address, 'Where to pick the household up.'),
  latitude: Type.Optional(Latitude),
  longitude: Type.Optional(Longitude),
  people: Type.Integer({ minimum: 1, maximum: 30, description: 'How many people ride.' }),
  wheelchairs: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 30, description: 'How many of them travel in their wheelchair.' }),
  ),
  mobilityAids: Text(limits.text, 'Walkers, canes, oxygen, … (free text).'),
  pets: Type.Optional(Type.Integer({ minimum: 0, maximum: 20, description: 'How many pets come along.' })),
  language: Text(limits.language, 'The language to speak with them.'),
  phone: Phone,
  notes: Text(limits.notes, 'Anything a coordinator should know.'),
  buddyId: Type.Optional(Uuid),
  backupBuddyId: Type.Optional(Uuid),
  shelterId: Type.Optional(Uuid),
  shelterNeed: Type.Optional(
    Type.Enum(shelterNeeds, { description: 'Whether the shelter is a wish or a need.' }),
  ),
};

/** A household's registration (all its fields; one left out is emptied). `consent` must be true. */
export const HouseholdIn = Type.Object({
  ...householdFields,
  maySplit: Type.Optional(Type.Boolean({ description: 'The household may ride in several cars.' })),
  consent: Type.Boolean({ description: 'The household agrees that coordinators keep and read this.' }),
});
/** A household's registration as the API takes it. */
export type HouseholdInput = Static<typeof HouseholdIn>;

/** The household form of the pages. */
export const HouseholdFormIn = Type.Object({
  ...householdFields,
  latitude: Type.Optional(DegreesText),
  longitude: Type.Optional(DegreesText),
  maySplit: Type.Optional(Flag),
  consent: Type.Optional(Flag),
});

/** A coordinator registering a paper member's household: who it is, and their answers. */
export const PaperHouseholdIn = Type.Object({
  accountId: Uuid,
  ...HouseholdIn.properties,
  correctDuringAlert: Type.Optional(
    Type.Boolean({
      description:
        'While an alert plans this household: correct it anyway (a paper member cannot call anyone). Logged as `alert_override`; its driver is told and the day is planned again. Without it, 409 `evacuation.errors.registry_during_alert`.',
    }),
  ),
});
export const PaperHouseholdFormIn = Type.Object({ accountId: Uuid, ...HouseholdFormIn.properties });
/** A coordinator changing a paper member's household on its page: the form, and the override during an alert. */
export const PaperEditFormIn = Type.Object({
  ...HouseholdFormIn.properties,
  correctDuringAlert: Type.Optional(Flag),
});

const driverFields = {
  vehicle: Text(limits.vehicle, 'The vehicle, as people will recognise it.'),
  seats: Type.Integer({ minimum: 0, maximum: 60, description: 'Seats for passengers (not the driver).' }),
  wheelchairPlaces: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 10, description: 'Places for a person in their wheelchair.' }),
  ),
  address: Text(limits.address, 'Where the driver starts from.'),
  latitude: Type.Optional(Latitude),
  longitude: Type.Optional(Longitude),
  availability: Type.Optional(
    Type.Array(Type.Enum(slots), { uniqueItems: true, description: 'When they can usually drive.' }),
  ),
  phone: Phone,
  notes: Text(limits.notes, 'Anything a coordinator should know.'),
};

/** A driver's registration (all its fields). `consent` must be true. */
export const DriverIn = Type.Object({
  ...driverFields,
  pets: Type.Optional(Type.Boolean({ description: 'Takes pets.' })),
  consent: Type.Boolean({ description: 'The driver agrees that coordinators keep and read this.' }),
});
/** A driver's registration as the API takes it. */
export type DriverInput = Static<typeof DriverIn>;

/** The driver form of the pages. */
export const DriverFormIn = Type.Object({
  ...driverFields,
  latitude: Type.Optional(DegreesText),
  longitude: Type.Optional(DegreesText),
  availability: Type.Optional(Type.Array(Type.Enum(slots), { maxItems: slots.length })),
  pets: Type.Optional(Flag),
  consent: Type.Optional(Flag),
});
/** A coordinator registering a paper member as a driver. */
export const PaperDriverIn = Type.Object({ accountId: Uuid, ...DriverIn.properties });
export const PaperDriverFormIn = Type.Object({ accountId: Uuid, ...DriverFormIn.properties });

/** A shelter's capacity, accessibility and pets. */
export const ShelterIn = Type.Object({
  capacity: Type.Integer({ minimum: 0, maximum: 100000, description: 'People it takes in.' }),
  accessible: Type.Boolean({ description: 'Wheelchair accessible.' }),
  pets: Type.Boolean({ description: 'Takes pets.' }),
});
/** A shelter's settings as the API takes them. */
export type ShelterInput = Static<typeof ShelterIn>;
export const ShelterFormIn = Type.Object({
  capacity: ShelterIn.properties.capacity,
  accessible: Type.Optional(Flag),
  pets: Type.Optional(Flag),
});

/** What a new plan is for: a time of the week (or any), and the longest ride in minutes. */
export const PlanIn = Type.Object({
  slot: Type.Optional(
    Type.Union([Type.Literal('any'), Type.Enum(slots)], {
      description: 'Only drivers available then (default any: every driver).',
    }),
  ),
  maxMinutes: Type.Optional(
    Type.Integer({
      minimum: 5,
      maximum: 600,
      description: 'Longest time from the alert to a shelter (default 90).',
    }),
  ),
});
/** A new plan's settings. */
export type PlanInput = Static<typeof PlanIn>;

/** Keep a household with a driver (a lock), or move it to another driver; re-plans around the locks. */
export const LockIn = Type.Object({
  driverId: Type.Optional(
    Type.Union([Uuid, Type.Literal('')], { description: 'The driver; empty or absent: unlock.' }),
  ),
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** What a buddy answered when asked (`buddies.ts`). */
export const buddyStatuses = ['asked', 'accepted', 'declined'] as const;

/** A household's buddy or backup buddy, and their answer. */
export const BuddyOut = Type.Object({
  accountId: Type.String(),
  name: Type.String(),
  status: Type.Enum(buddyStatuses, {
    description:
      'asked (not answered yet), accepted or declined; a newly named buddy starts at asked. Drills and alerts tell only an accepted buddy.',
  }),
});

/** A household as the member it is and coordinators see it: everything stored. */
export const HouseholdOut = Type.Object({
  id: Type.String(),
  accountId: Type.String(),
  name: Type.String(),
  address: Type.String(),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  people: Type.Integer(),
  wheelchairs: Type.Integer(),
  mobilityAids: Type.String(),
  pets: Type.Integer(),
  language: Type.String(),
  phone: Type.String(),
  notes: Type.String(),
  buddy: Nullable(BuddyOut),
  backupBuddy: Nullable(BuddyOut),
  shelter: Nullable(Type.Object({ placeId: Type.String(), name: Type.String() })),
  shelterNeed: Type.Enum(shelterNeeds),
  maySplit: Type.Boolean(),
  consentedAt: Type.String(),
  consentedBy: Nullable(Type.Object({ accountId: Type.String(), name: Type.String() })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
/** A driver as the member it is and coordinators see them. */
export const DriverOut = Type.Object({
  id: Type.String(),
  accountId: Type.String(),
  name: Type.String(),
  vehicle: Type.String(),
  seats: Type.Integer(),
  wheelchairPlaces: Type.Integer(),
  pets: Type.Boolean(),
  address: Type.String(),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  availability: Type.Array(Type.Enum(slots)),
  phone: Type.String(),
  notes: Type.String(),
  consentedAt: Type.String(),
  consentedBy: Nullable(Type.Object({ accountId: Type.String(), name: Type.String() })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
/** A shelter: a place of kind shelter and its settings (null: not set yet). */
export const ShelterOut = Type.Object({
  placeId: Type.String(),
  name: Type.String(),
  address: Type.String(),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  capacity: Nullable(Type.Integer()),
  accessible: Type.Boolean(),
  pets: Type.Boolean(),
});
/** A stop of a route: what the pickup needs. */
export const StopOut = Type.Object({
  householdId: Type.String(),
  part: Type.Integer(),
  parts: Type.Integer({ description: 'How many cars the household rides in.' }),
  name: Type.String(),
  address: Type.String(),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  people: Type.Integer(),
  wheelchairs: Type.Integer(),
  mobilityAids: Type.String(),
  pets: Type.Integer(),
  language: Type.String(),
  phone: Type.String(),
  arrivalMinutes: Type.Integer({ description: 'Minutes from the alert.' }),
  locked: Type.Boolean(),
  left: Type.Boolean({
    description: 'Its member left the community during the alert: the stop stays, reachable by phone only.',
  }),
});
/** A driver's route in a plan. */
export const RouteOut = Type.Object({
  driverId: Type.String(),
  driverName: Type.String(),
  vehicle: Type.String(),
  phone: Type.String(),
  address: Type.String(),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  shelter: ShelterOut,
  arrivalMinutes: Type.Integer(),
  distanceKm: Type.Number(),
  people: Type.Integer(),
  wheelchairs: Type.Integer(),
  stops: Type.Array(StopOut),
});
/** A household the plan does not serve, and why. */
export const UnservedOut = Type.Object({
  householdId: Type.String(),
  part: Type.Integer(),
  name: Type.String(),
  people: Type.Integer(),
  reason: Type.String({
    description:
      'The planner’s reason, or `no_point`, `no_drivers`, `no_shelters`, `shelters_closed`, `not_in_plan`.',
  }),
  message: Type.String({ description: 'What a coordinator can do, in the reader’s language.' }),
});
/** A plan: its settings, routes and who it does not serve. */
export const PlanOut = Type.Object({
  id: Type.String(),
  createdAt: Type.String(),
  slot: Type.String(),
  maxMinutes: Type.Integer(),
  households: Type.Integer(),
  served: Type.Integer(),
  drivers: Type.Integer(),
  solveMs: Type.Integer(),
  routes: Type.Array(RouteOut),
  unserved: Type.Array(UnservedOut),
});
/** An entry of the log of reads. */
export const AccessOut = Type.Object({
  at: Type.String(),
  reader: Nullable(Type.Object({ accountId: Type.String(), name: Type.String() })),
  role: Type.String(),
  what: Type.String(),
  subject: Nullable(Type.String({ description: 'The household or driver read, when one.' })),
});
