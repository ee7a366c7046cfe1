/** Request and response shapes of proposals and the guidelines: the edge schema is the API's documentation. */

import { Type } from 'typebox';
import { limit } from '../../platform/http/rate-limit.ts';
import { Name } from '../../platform/names.ts';
import { stances } from './outcome.ts';

/** What a proposal would do to the guidelines. */
export const changes = ['none', 'replace', 'amend'] as const;
/** How a closed proposal ended. */
export const outcomes = ['passed', 'blocked', 'not_passed', 'no_votes'] as const;
/** The longest guidelines (and a proposal's new text), in characters. */
export const maxGuidelines = 20_000;

const Uuid = Type.String({ format: 'uuid' });
const Slug = Type.String({ maxLength: 100, description: 'The community slug.' });
const Day = Type.String({ format: 'date', description: 'A calendar day, YYYY-MM-DD.' });
// Its form is checked by the service, which says what is expected with an example.
const Deadline = Type.String({
  maxLength: 16,
  description:
    'The deadline: a local date and time in the community’s time zone, YYYY-MM-DDTHH:mm; at least 48 hours from now (a new or revised proposal), at most 90 days ahead.',
});
const Number1 = Type.Integer({ minimum: 1, maximum: 100_000, description: 'A version’s number, 1, 2, …' });

/** Route parameters. */
export const CommunityParams = Type.Object({ community: Slug });
export const ProposalParams = Type.Object({ community: Slug, proposalId: Uuid });
export const VersionParams = Type.Object({ community: Slug, number: Number1 });

/** A new proposal (the form and the API alike). */
export const ProposalIn = Type.Object({
  title: Name({ minLength: 1, maxLength: 120 }),
  body: Type.Optional(Type.String({ maxLength: 8000, description: 'What is proposed.' })),
  rationale: Type.Optional(Type.String({ maxLength: 4000, description: 'Why.' })),
  change: Type.Optional(
    Type.Enum(changes, {
      description:
        'What it does to the guidelines if it passes: none (default); replace (guidelineText is their new full text); amend (guidelineText is added at their end).',
    }),
  ),
  guidelineText: Type.Optional(Type.String({ maxLength: maxGuidelines })),
  deadline: Deadline,
});

/** A revision: what changes (a blocked proposal reopens, and then needs a new deadline). */
export const ProposalChangeIn = Type.Object({
  title: Type.Optional(Name({ minLength: 1, maxLength: 120 })),
  body: Type.Optional(Type.String({ maxLength: 8000 })),
  rationale: Type.Optional(Type.String({ maxLength: 4000 })),
  change: Type.Optional(Type.Enum(changes)),
  guidelineText: Type.Optional(Type.String({ maxLength: maxGuidelines })),
  deadline: Type.Optional(Deadline),
});

/** A position on a proposal. */
export const PositionIn = Type.Object({
  stance: Type.Enum(stances, {
    description: 'agree, abstain, disagree, or block (a block must give its reason).',
  }),
  reason: Type.Optional(Type.String({ maxLength: 1000 })),
});

/** A comment in a proposal's discussion. */
export const CommentIn = Type.Object({ body: Type.String({ minLength: 1, maxLength: 4000 }) });

/** A later deadline (stewards). */
export const DeadlineIn = Type.Object({ deadline: Deadline });

/** A closed proposal's outcome statement. */
export const OutcomeIn = Type.Object({ statement: Type.String({ minLength: 1, maxLength: 4000 }) });

/** The first version of the guidelines (stewards, when there is none). */
export const GuidelinesIn = Type.Object({
  body: Type.String({ minLength: 1, maxLength: maxGuidelines }),
  reviewOn: Type.Optional(
    Type.String({ ...Day, description: 'When the stewards review them; after today.' }),
  ),
});

/** The review date (API: null clears it). */
export const ReviewIn = Type.Object({
  reviewOn: Type.Union([Day, Type.Null()], { description: 'After today; null: none.' }),
});

/** The review date as the page's form sends it (empty: none). */
export const ReviewFormIn = Type.Object({ reviewOn: Type.Optional(Day) });

/** Acknowledging a version ("I have read these"). */
export const AcknowledgeIn = Type.Object({
  number: Number1,
  next: Type.Optional(Type.String({ maxLength: 300, pattern: '^/c/', description: 'Where to go after.' })),
});

/** Two versions to compare. */
export const CompareQuery = Type.Object({ from: Number1, to: Number1 });

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** A proposal as the API gives it. */
export const ProposalOut = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  rationale: Type.String(),
  change: Type.Enum(changes),
  guidelineText: Type.String(),
  revision: Type.Integer(),
  proposerName: Nullable(Type.String()),
  closesAt: Type.String({ description: 'The deadline, an instant (UTC).' }),
  status: Type.Enum(['open', 'closed']),
  outcome: Nullable(Type.Enum(outcomes)),
  standing: Type.Enum(outcomes, { description: 'How it ended, or would end if the deadline were now.' }),
  takingPositions: Type.Boolean(),
  outcomeStatement: Type.String(),
  tally: Type.Object({
    agree: Type.Integer(),
    abstain: Type.Integer(),
    disagree: Type.Integer(),
    block: Type.Integer(),
    total: Type.Integer(),
  }),
  positions: Type.Array(
    Type.Object({
      name: Type.String(),
      stance: Type.Enum(stances),
      reason: Type.String(),
      at: Type.String(),
    }),
  ),
  comments: Type.Array(
    Type.Object({
      id: Type.String(),
      authorName: Nullable(Type.String()),
      body: Type.String(),
      at: Type.String(),
    }),
  ),
  mine: Nullable(Type.Object({ stance: Type.Enum(stances), reason: Type.String() })),
  versionMade: Nullable(Type.Integer()),
  baseVersion: Nullable(Type.Integer({ description: 'The guidelines’ version it was written against.' })),
  needsRevision: Type.Boolean({
    description: 'It passed after the guidelines moved past `baseVersion`, so it was not applied: revise it.',
  }),
});

/** The proposals. */
export const ProposalListOut = Type.Object({
  proposals: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      status: Type.Enum(['open', 'closed']),
      outcome: Nullable(Type.Enum(outcomes)),
      closesAt: Type.String(),
      proposerName: Nullable(Type.String()),
    }),
  ),
});

/** A version of the guidelines. */
export const VersionOut = Type.Object({
  number: Type.Integer(),
  body: Type.String(),
  proposalId: Nullable(Type.String()),
  madeAt: Type.String(),
  reviewOn: Nullable(Type.String()),
});

/** The guidelines: the current version, the caller's acknowledgement, the history. */
export const GuidelinesOut = Type.Object({
  current: Nullable(VersionOut),
  acknowledged: Nullable(Type.Object({ number: Type.Integer(), at: Type.String() })),
  needsReading: Type.Boolean(),
  versions: Type.Array(
    Type.Object({
      number: Type.Integer(),
      madeAt: Type.String(),
      madeByName: Nullable(Type.String()),
      proposalId: Nullable(Type.String()),
      proposalTitle: Nullable(Type.String()),
    }),
  ),
});

/** A difference between two versions, word by word. */
export const CompareOut = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  parts: Type.Array(Type.Object({ kind: Type.Enum(['same', 'added', 'removed']), text: Type.String() })),
});

/** An acknowledgement. */
export const AcknowledgedOut = Type.Object({ number: Type.Integer(), at: Type.String() });

/**
 * Budgets per account: a neighbor proposes a few things a week, takes positions and comments more
 * often; a script does not fill the discussion. Refused attempts (422) do not use the budget up.
 */
export const proposeLimit = limit('guidelines-propose', 20, '1 hour', 'account', { refusedFree: true });
/** See `proposeLimit`. */
export const takePartLimit = limit('guidelines-take-part', 120, '1 hour', 'account');
