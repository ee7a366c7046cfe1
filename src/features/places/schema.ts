/** Request and response shapes of places: the edge schema is the API's documentation. */
import { type Static, Type } from 'typebox';
import { Name } from '../../platform/names.ts';
import { maxFileBytes } from '../../platform/uploads/multipart.ts';

/** Place kinds, in the order forms offer them. */
export const placeKinds = [
  'fridge',
  'pantry',
  'tool_shed',
  'garden',
  'meeting_spot',
  'shelter',
  'other',
] as const;
/** Stock levels, emptiest first. */
export const stockLevels = ['empty', 'low', 'some', 'full'] as const;
/** What a report may say. */
export const reportKinds = ['stocked', 'empty', 'problem', 'cleaned'] as const;
/** What may be wrong, in a problem report. */
export const problems = ['broken', 'dirty', 'unsafe_food', 'other'] as const;
/** The days of the week, Monday first (ISO 8601). */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** A day of the week. */
export type Weekday = (typeof weekdays)[number];

/** How long each text may be, in characters people see. */
export const limits = {
  name: 120,
  description: 2000,
  address: 300,
  rules: 2000,
  food: 1000,
  contact: 300,
  note: 1000,
} as const;

const Uuid = Type.String({ format: 'uuid' });
const Slug = Type.String({ maxLength: 100, description: 'The community slug.' });
/** A time of day `HH:MM`, 00:00 to 24:00 (24:00: until midnight). */
const Time = Type.String({
  pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$',
  description: 'A time of day, HH:MM (24:00 for midnight at the end of the day).',
});

/** Route parameters: the community, and the place, report or photo addressed. */
export const CommunityParams = Type.Object({ community: Slug });
export const PlaceParams = Type.Object({ community: Slug, placeId: Uuid });
/** A public place's photo: its id and size. */
export const PublicPhotoParams = Type.Object({
  community: Slug,
  placeId: Uuid,
  photoId: Uuid,
  size: Type.Union([Type.Literal('full'), Type.Literal('thumb')]),
});
export const ReportParams = Type.Object({ community: Slug, placeId: Uuid, reportId: Uuid });
export const PlacePhotoParams = Type.Object({ community: Slug, placeId: Uuid, photoId: Uuid });

export const Kind = Type.Enum(placeKinds, { description: 'What the place is.' });
export const Stock = Type.Enum(stockLevels, { description: 'How full it is.' });
const Visibility = Type.Enum(['members', 'public'] as const, {
  description: 'Who sees the exact address and point: members, or anyone (its public page).',
});
const Latitude = Type.Number({ minimum: -90, maximum: 90, description: 'WGS 84 degrees.' });
const Longitude = Type.Number({ minimum: -180, maximum: 180, description: 'WGS 84 degrees.' });
const Hours = Type.Object({ opens: Time, closes: Time });

/** A place's weekly opening hours: open all hours, or the days it opens with their times. */
export const OpeningHours = Type.Object(
  {
    alwaysOpen: Type.Boolean({ description: 'Open day and night, every day.' }),
    ...Object.fromEntries(weekdays.map((d) => [d, Type.Optional(Hours)])),
  } as { alwaysOpen: ReturnType<typeof Type.Boolean> } & Record<
    Weekday,
    ReturnType<typeof Type.Optional<typeof Hours>>
  >,
  { description: 'A day left out is closed; `closes` comes after `opens`.' },
);
/** A place's weekly opening hours. */
export type OpeningHoursValue = Static<typeof OpeningHours>;

const placeFields = {
  kind: Kind,
  name: Name({ minLength: 1, maxLength: limits.name }),
  description: Type.Optional(Type.String({ maxLength: limits.description })),
  address: Type.Optional(Type.String({ maxLength: limits.address })),
  addressVisibility: Type.Optional(Visibility),
  latitude: Type.Optional(Latitude),
  longitude: Type.Optional(Longitude),
  rules: Type.Optional(Type.String({ maxLength: limits.rules, description: 'The rules of the place.' })),
  foodAccepted: Type.Optional(
    Type.String({ maxLength: limits.food, description: 'Food: what may be left.' }),
  ),
  foodLabels: Type.Optional(
    Type.String({ maxLength: limits.food, description: 'Food: how to label and date it.' }),
  ),
  foodRefused: Type.Optional(
    Type.String({ maxLength: limits.food, description: 'Food: what not to leave.' }),
  ),
  contact: Type.Optional(
    Type.String({ maxLength: limits.contact, description: 'How to reach a volunteer, shown to anyone.' }),
  ),
  checkHours: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 2160,
      description: 'Longest allowed time between checks, in hours.',
    }),
  ),
};

/** A new place, or all of a place's fields when editing (a field left out is emptied). */
export const PlaceIn = Type.Object({ ...placeFields, openingHours: Type.Optional(OpeningHours) });
/** A place as the API takes it. */
export type PlaceInput = Static<typeof PlaceIn>;

const Flag = Type.Union([Type.Literal('1'), Type.Literal('on')]);
/**
 * Degrees as people type them on the page form: a decimal dot or comma (40,4168 in Spanish) and
 * a hyphen or a minus sign (−3.7038, as the form's own example prints it); `degrees()` reads it.
 */
const DegreesText = Type.String({ pattern: '^\\s*[-−+]?\\d{1,3}([.,]\\d+)?\\s*$', maxLength: 40 });
/**
 * The place form of the pages: the place fields, opening hours as a box and two times a day
 * (`monOpens`, `monCloses`, …), the volunteers (stewards) and photo files when adding.
 */
export const PlaceFormIn = Type.Object({
  ...placeFields,
  latitude: Type.Optional(DegreesText),
  longitude: Type.Optional(DegreesText),
  alwaysOpen: Type.Optional(Flag),
  ...(Object.fromEntries(
    weekdays.flatMap((d) => [
      [`${d}Opens`, Type.Optional(Time)],
      [`${d}Closes`, Type.Optional(Time)],
    ]),
  ) as Record<string, ReturnType<typeof Type.Optional<typeof Time>>>),
  volunteers: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
  photos: Type.Optional(Type.Unknown()),
  /** The "Find the point from the address" button: fills the point and shows the form again. */
  findPoint: Type.Optional(Type.Literal('1')),
});
/** The number of degrees a page form's text says (`DegreesText`: comma or dot, any minus sign). */
export function degrees(text: string): number {
  return Number(text.trim().replace('−', '-').replace(',', '.'));
}

/** The page form that adds photos to a place. */
export const PhotosFormIn = Type.Object({ photos: Type.Optional(Type.Unknown()) });
/** A place's photo through the JSON API (`multipart/form-data`, an image in `photo`). */
export const PlacePhotoIn = Type.Object({
  photo: Type.Unknown({
    description: `The image file: JPEG, PNG, WebP, GIF, AVIF, HEIF or TIFF, at most ${maxFileBytes / 1024 / 1024} MB.`,
    contentMediaType: 'image/*',
  }),
});

/** The members responsible for a place (stewards name them). */
export const VolunteersIn = Type.Object({
  accountIds: Type.Array(Uuid, { maxItems: 50, uniqueItems: true, description: 'Active members.' }),
});

/** A report about a place. `stockLevel` with `stocked` only, and required there; `problem` only with `problem`. */
export const ReportIn = Type.Object({
  kind: Type.Enum(reportKinds, { description: 'What the reporter saw or did.' }),
  stockLevel: Type.Optional(Type.Enum(['low', 'some', 'full'] as const)),
  problem: Type.Optional(Type.Enum(problems)),
  note: Type.Optional(Type.String({ maxLength: limits.note })),
});
/** The report form of the pages: a report, an optional photo, and the honeypot left empty. */
export const ReportFormIn = Type.Object({
  ...ReportIn.properties,
  photo: Type.Optional(Type.Unknown()),
  website: Type.Optional(Type.String({ maxLength: 200, description: 'Left empty by people.' })),
});
/** A report as sent. */
export type ReportInput = Static<typeof ReportIn>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const PhotoOut = Type.Object({ id: Type.String(), url: Type.String(), thumbUrl: Type.String() });

/** A report as the place's members see it (the reporter's name only to those who keep the place). */
export const ReportOut = Type.Object({
  id: Type.String(),
  kind: Type.Enum(reportKinds),
  stockLevel: Nullable(Stock),
  problem: Nullable(Type.Enum(problems)),
  note: Type.String(),
  photo: Nullable(PhotoOut),
  reporterName: Nullable(Type.String({ description: 'Null when made without an account, or not shown.' })),
  createdAt: Type.String(),
  hidden: Type.Boolean(),
});

/** A place as members see it. */
export const PlaceOut = Type.Object({
  id: Type.String(),
  kind: Kind,
  name: Type.String(),
  description: Type.String(),
  address: Type.String(),
  addressVisibility: Visibility,
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  openingHours: Nullable(OpeningHours),
  rules: Type.String(),
  foodAccepted: Type.String(),
  foodLabels: Type.String(),
  foodRefused: Type.String(),
  contact: Type.String(),
  checkHours: Nullable(Type.Integer()),
  stockLevel: Nullable(Stock),
  stockReportedAt: Nullable(Type.String()),
  cleanedAt: Nullable(Type.String()),
  publicUrl: Nullable(Type.String({ description: 'Its public page (fridges and pantries).' })),
  volunteers: Type.Array(Type.Object({ accountId: Type.String(), displayName: Type.String() })),
  photos: Type.Array(PhotoOut),
});
/** The community's places. */
export const PlaceListOut = Type.Object({ places: Type.Array(PlaceOut) });
/** A place with its latest reports. */
export const PlaceDetailOut = Type.Object({ place: PlaceOut, reports: Type.Array(ReportOut) });
