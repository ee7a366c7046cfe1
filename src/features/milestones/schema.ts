/** Request and response shapes of milestones: the edge schema is the API's documentation. */

import { Type } from 'typebox';
import { limit } from '../../platform/http/rate-limit.ts';

/** The kinds of milestone, in order (`service.ts defaults` has their default thresholds). */
export const kinds = ['loans', 'fridge_year', 'seed_returned', 'rides', 'workshops', 'shifts'] as const;

const Slug = Type.String({ maxLength: 100, description: 'The community slug.' });
const Threshold = Type.Integer({ minimum: 1, maximum: 1_000_000 });

/** Route parameters. */
export const CommunityParams = Type.Object({ community: Slug });
export const MilestoneParams = Type.Object({ community: Slug, milestoneId: Type.String({ format: 'uuid' }) });

/** Whether the caller is named with a milestone that thanks them. */
export const NamedIn = Type.Object({ named: Type.Boolean() });
/** The page's form: `1` names, `0` does not. */
export const NamedFormIn = Type.Object({ named: Type.Union([Type.Literal('1'), Type.Literal('0')]) });

const thresholdDescriptions: Record<(typeof kinds)[number], string> = {
  loans: 'The n-th loan picked up (default 100).',
  fridge_year: 'Months in which a fridge had a shift done (default 12: a year).',
  seed_returned: 'The n-th seed pledge brought back (default 1: the first).',
  rides: 'The n-th household driven to a shelter, in an alert or a drill (default 50).',
  workshops: 'The n-th workshop held (default 10).',
  shifts: 'The n-th shift done (default 100).',
};

/** A community's thresholds: each kind given takes that number; its default number follows the default again. */
export const ThresholdsIn = Type.Object(
  Object.fromEntries(
    kinds.map((k) => [
      k,
      Type.Optional(Type.Integer({ ...Threshold, description: thresholdDescriptions[k] })),
    ]),
  ) as Record<(typeof kinds)[number], ReturnType<typeof Type.Optional<ReturnType<typeof Type.Integer>>>>,
);

/** The thresholds form: every field sent. */
export const ThresholdsFormIn = Type.Object(
  Object.fromEntries(kinds.map((k) => [k, Threshold])) as Record<
    (typeof kinds)[number],
    ReturnType<typeof Type.Integer>
  >,
);

/** A milestone as the API gives it. */
export const MilestoneOut = Type.Object({
  id: Type.String(),
  kind: Type.Enum(kinds),
  threshold: Type.Integer(),
  place: Type.Union([Type.String(), Type.Null()], { description: 'The fridge of a year of fridge shifts.' }),
  reachedAt: Type.String({ format: 'date-time' }),
  named: Type.Array(Type.String(), { description: 'The people it thanks who agreed to be named.' }),
  others: Type.Integer({ description: 'How many more it thanks, not named.' }),
  mine: Type.Union([Type.Boolean(), Type.Null()], {
    description: 'Whether you are named with it; null when it does not thank you.',
  }),
});

/** The community's milestones. */
export const MilestonesOut = Type.Object({ milestones: Type.Array(MilestoneOut) });

/** The community's thresholds. */
export const ThresholdsOut = Type.Object({
  thresholds: Type.Array(
    Type.Object({ kind: Type.Enum(kinds), threshold: Type.Integer(), default: Type.Integer() }),
  ),
});

/** Changes of thresholds and names, per account. */
export const changeLimit = limit('milestones-change', 60, '1 hour', 'account');
