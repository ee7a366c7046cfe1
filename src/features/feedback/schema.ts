/** Request and response shapes of feedback: the edge schema is the API's documentation. */

import { Type } from 'typebox';
import { limit } from '../../platform/http/rate-limit.ts';

/** What feedback can be about (`service.ts subjects` says how to find each). */
export const kinds = ['loan', 'shift', 'gathering', 'pilot'] as const;
/** The one tap. */
export const ratings = ['went_well', 'could_improve'] as const;
/** What the summaries count: the kinds above, and rides (the evacuation feature's feedback). */
export const summaryKinds = [...kinds, 'ride'] as const;
/** The longest comment. */
export const commentMax = 2000;

const Uuid = Type.String({ format: 'uuid' });
const Slug = Type.String({ maxLength: 100, description: 'The community slug.' });
const Kind = Type.Enum(kinds, {
  description:
    'loan (after it is returned), shift (after it ends), gathering (a date, after it ends), pilot (after its retrospective).',
});

/** Route parameters. */
export const CommunityParams = Type.Object({ community: Slug });
export const SubjectParams = Type.Object({
  community: Slug,
  kind: Kind,
  subjectId: Type.String({
    ...Uuid,
    description: 'The loan, the shift, the gathering’s date or the pilot (its id).',
  }),
});

/** What a member says (the API). */
export const FeedbackIn = Type.Object({
  rating: Type.Enum(ratings, { description: 'went_well or could_improve.' }),
  comment: Type.Optional(
    Type.String({ maxLength: commentMax, description: 'Read by stewards only, unless `quotable`.' }),
  ),
  quotable: Type.Optional(
    Type.Boolean({
      description: 'The comment may be quoted (the newsletter), without the name. Default false.',
    }),
  ),
});

/** The page's form: the button tapped sends `rating`; the checkbox sends `1` (`on`) or nothing. */
export const FeedbackFormIn = Type.Object({
  rating: Type.Enum(ratings),
  comment: Type.Optional(Type.String({ maxLength: commentMax })),
  quotable: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('on')])),
});

/** The summary's range. */
export const SummaryQuery = Type.Object({
  months: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 24,
      description: 'How many months back, this one included (default 12).',
    }),
  ),
});

/** Feedback as saved. */
export const FeedbackOut = Type.Object({
  rating: Type.Enum(ratings),
  comment: Type.String(),
  quotable: Type.Boolean(),
  at: Type.String({ format: 'date-time', description: 'When it was last given.' }),
});

/** The caller's feedback about a thing, and whether they may give it. */
export const PromptOut = Type.Object({
  kind: Type.Enum(kinds),
  subjectId: Type.String(),
  title: Type.String(),
  mayGive: Type.Boolean({ description: 'False while it is not over (a loan out, a date to come).' }),
  given: Type.Union([FeedbackOut, Type.Null()]),
});

const Tally = {
  answers: Type.Integer(),
  wentWell: Type.Integer(),
  share: Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()], {
    description: 'Percent “went well”, rounded; null without answers.',
  }),
};

/** The stewards' summary. */
export const SummaryOut = Type.Object({
  from: Type.String({ format: 'date', description: 'The first local date counted.' }),
  total: Type.Object(Tally),
  byKind: Type.Array(Type.Object({ kind: Type.Enum(summaryKinds), ...Tally })),
  byPlace: Type.Array(
    Type.Object({
      placeId: Type.Union([Type.String(), Type.Null()], { description: 'Null: not at a place.' }),
      place: Type.Union([Type.String(), Type.Null()]),
      ...Tally,
    }),
  ),
  byMonth: Type.Array(Type.Object({ month: Type.String({ description: 'YYYY-MM.' }), ...Tally })),
  improve: Type.Array(
    Type.Object({
      kind: Type.Enum(summaryKinds),
      place: Type.Union([Type.String(), Type.Null()]),
      on: Type.String({ format: 'date' }),
      comment: Type.String(),
    }),
    { description: '“Could improve” comments, newest first, without names.' },
  ),
});

/** Feedback given, per account: a member tapping through last week's things fits. */
export const giveLimit = limit('feedback-give', 120, '1 hour', 'account');
