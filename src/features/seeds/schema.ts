/**
 * Request and response shapes of the seed library. The same schemas validate HTML forms and JSON
 * calls (form checkboxes arrive as arrays thanks to Ajv's `coerceTypes: 'array'`), and document
 * the API. Limits a schema cannot know (a year in the future) are checked in the service.
 */
import { type Static, Type } from 'typebox';
import { Name } from '../../platform/names.ts';
import { maxFileBytes } from '../../platform/uploads/multipart.ts';

/** Sowing seasons in calendar order (the order they are stored and shown in). */
export const seasons = ['spring', 'summer', 'autumn', 'winter'] as const;
export const difficulties = ['easy', 'moderate', 'hard'] as const;
export const storyKinds = ['memory', 'tip'] as const;

/** Limits shared by schemas, services and pages. */
export const limits = {
  crop: 60,
  name: 80,
  origin: 200,
  description: 2000,
  story: 4000,
  notes: 500,
  search: 80,
  /** Oldest harvest year a lot may have (older seed is not worth sowing). */
  firstHarvestYear: 1950,
  /** Oldest year a memory may be from. */
  firstMemoryYear: 1900,
  maxPackets: 10_000,
  /** A pledge's month is at most this many months ahead. */
  pledgeMonthsAhead: 24,
} as const;

export const Season = Type.Enum(seasons, { description: 'A sowing season.' });
export const Difficulty = Type.Enum(difficulties, {
  description: 'How hard it is to save seed of this variety.',
});
export const StoryKind = Type.Enum(storyKinds, { description: 'A memory, or a growing tip.' });

const Id = (description: string) => Type.String({ format: 'uuid', description });
const Year = (minimum: number, description: string) => Type.Integer({ minimum, maximum: 2200, description });

export const CommunityParams = Type.Object({ community: Type.String({ maxLength: 100 }) });
export const VarietyParams = Type.Object({
  community: Type.String({ maxLength: 100 }),
  varietyId: Id('The variety.'),
});
export const StoryParams = Type.Object({
  community: Type.String({ maxLength: 100 }),
  varietyId: Id('The variety.'),
  storyId: Id('The story.'),
});
export const LotParams = Type.Object({
  community: Type.String({ maxLength: 100 }),
  varietyId: Id('The variety.'),
  lotId: Id('The seed lot.'),
});
export const PledgeParams = Type.Object({
  community: Type.String({ maxLength: 100 }),
  varietyId: Id('The variety.'),
  pledgeId: Id('The pledge.'),
});

export const CatalogQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: limits.search, description: 'Words of the crop or variety name.' }),
  ),
  // The form's "any season" choice sends an empty value.
  season: Type.Optional(
    Type.Enum(['', ...seasons] as const, { description: 'A sowing season, or empty for any.' }),
  ),
});

/** A variety, as added or edited (a whole replacement). */
export const VarietyIn = Type.Object({
  crop: Name({ minLength: 1, maxLength: limits.crop, description: 'The crop: bean, tomato, squash.' }),
  name: Name({ minLength: 1, maxLength: limits.name, description: 'The variety name.' }),
  seasons: Type.Array(Season, {
    minItems: 1,
    maxItems: 4,
    uniqueItems: true,
    description: 'When to sow it.',
  }),
  daysToMaturity: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 400, description: 'Days from sowing to harvest.' }),
  ),
  origin: Type.Optional(
    Type.String({
      maxLength: limits.origin,
      description: 'Where it comes from: "Abuela Carmen\'s garden, Oaxaca, 1970s".',
    }),
  ),
  savingDifficulty: Difficulty,
  description: Type.Optional(Type.String({ maxLength: limits.description })),
});
export type VarietyInput = Static<typeof VarietyIn>;

export const StoryIn = Type.Object({
  kind: StoryKind,
  body: Type.String({ minLength: 1, maxLength: limits.story, description: 'The memory or tip.' }),
  memoryYear: Type.Optional(Year(limits.firstMemoryYear, 'The year the memory is from (not in the future).')),
});
export type StoryInput = Static<typeof StoryIn>;

/**
 * The story form of the pages (multipart): the story, an optional `photo` file (checked and
 * re-encoded by platform uploads) and, when editing, `removePhoto`.
 */
export const StoryFormIn = Type.Object({
  ...StoryIn.properties,
  photo: Type.Optional(Type.Unknown()),
  removePhoto: Type.Optional(Type.Boolean()),
});

/**
 * A story's photo through the JSON API: a `multipart/form-data` body with one image file in
 * `photo` (checked and re-encoded by platform uploads; not a JSON value, hence no type here).
 */
export const StoryPhotoIn = Type.Object({
  photo: Type.Unknown({
    description: `The image file: JPEG, PNG, WebP, GIF, AVIF, HEIF or TIFF, at most ${maxFileBytes / 1024 / 1024} MB.`,
    contentMediaType: 'image/*',
  }),
});

/** A new lot: seed donated by a member (or the community). */
export const LotIn = Type.Object({
  packets: Type.Integer({ minimum: 1, maximum: limits.maxPackets, description: 'Packets put on the shelf.' }),
  harvestYear: Year(limits.firstHarvestYear, 'The year the seed was harvested (not in the future).'),
  germinationRate: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 100, description: 'Percent of seeds that sprouted in a test.' }),
  ),
  grownBy: Type.Optional(Id('The member who grew it, if a member did.')),
  notes: Type.Optional(Type.String({ maxLength: limits.notes })),
});
export type LotInput = Static<typeof LotIn>;

/** Taking packets, with an optional pledge to bring saved seed back. */
export const TakeIn = Type.Object({
  packets: Type.Integer({ minimum: 1, maximum: limits.maxPackets, description: 'How many packets.' }),
  pledge: Type.Optional(
    Type.Boolean({ description: 'Whether the member pledges to bring saved seed back after the season.' }),
  ),
  expectedMonth: Type.Optional(
    Type.String({
      pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
      description: 'With a pledge: the month (YYYY-MM) the member expects to bring seed back.',
    }),
  ),
});
export type TakeInput = Static<typeof TakeIn>;

/** Recording returned seed: the new lot (grown by the member who pledged). */
export const ReturnIn = Type.Object({
  packets: LotIn.properties.packets,
  harvestYear: LotIn.properties.harvestYear,
  germinationRate: LotIn.properties.germinationRate,
  notes: LotIn.properties.notes,
});
export type ReturnInput = Static<typeof ReturnIn>;

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(t: T) =>
  Type.Union([t, Type.Null()]);

export const StoryOut = Type.Object({
  id: Type.String(),
  kind: StoryKind,
  body: Type.String(),
  memoryYear: Nullable(Type.Integer()),
  authorId: Nullable(Type.String()),
  authorName: Nullable(Type.String()),
  photoId: Type.Union([Type.String(), Type.Null()], {
    description: 'A photo shared with the story: `GET /c/{community}/photos/{photoId}/full` (or `thumb`).',
  }),
  hidden: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const LotOut = Type.Object({
  id: Type.String(),
  packets: Type.Integer(),
  harvestYear: Type.Integer(),
  germinationRate: Nullable(Type.Integer()),
  grownBy: Nullable(Type.String()),
  grownByName: Nullable(Type.String()),
  notes: Type.String(),
  source: Type.Enum(['donation', 'return'] as const),
  createdAt: Type.String(),
});

export const PledgeOut = Type.Object({
  id: Type.String(),
  varietyId: Type.String(),
  lotId: Nullable(Type.String()),
  accountId: Type.String(),
  memberName: Nullable(Type.String()),
  packetsTaken: Type.Integer(),
  expectedMonth: Type.String(),
  status: Type.Enum(['open', 'returned', 'done', 'cancelled'] as const),
  returnedLotId: Nullable(Type.String()),
  createdAt: Type.String(),
  closedAt: Nullable(Type.String()),
  crop: Type.Optional(Type.String({ description: 'In lists across varieties.' })),
  varietyName: Type.Optional(Type.String({ description: 'In lists across varieties.' })),
});

export const VarietySummaryOut = Type.Object({
  id: Type.String(),
  crop: Type.String(),
  name: Type.String(),
  seasons: Type.Array(Season),
  daysToMaturity: Nullable(Type.Integer()),
  origin: Type.String(),
  savingDifficulty: Difficulty,
  packetsAvailable: Type.Integer({ description: 'Packets on the shelf, over all lots.' }),
});
export const VarietyListOut = Type.Array(VarietySummaryOut);

export const VarietyOut = Type.Object({
  ...VarietySummaryOut.properties,
  description: Type.String(),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  stories: Type.Array(StoryOut, { description: 'Ordered by the year the memory is from, then when added.' }),
  lots: Type.Array(LotOut, { description: 'Lots with packets left, newest harvest first.' }),
  pledges: Type.Array(PledgeOut, {
    description: "Open pledges: the caller's own, or all of them for a steward.",
  }),
});

export const TakeOut = Type.Object({
  lot: LotOut,
  pledge: Type.Union([PledgeOut, Type.Null()]),
});
