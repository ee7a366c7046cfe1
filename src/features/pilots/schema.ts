/** Request and response shapes of pilots: the edge schema is the API's documentation. */

import { Type } from 'typebox';
import { limit } from '../../platform/http/rate-limit.ts';
import { Name } from '../../platform/names.ts';
import { projects } from '../surveys/service.ts';

const Uuid = Type.String({ format: 'uuid' });
const Slug = Type.String({ maxLength: 100, description: 'The community slug.' });
const Day = Type.String({ format: 'date', description: 'A calendar day, YYYY-MM-DD.' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T, description?: string) =>
  Type.Union([t, Type.Null()], description ? { description } : {});

/** What the team may decide at a pilot's end. */
export const decisions = ['continue', 'adapt', 'stop'] as const;
/** The most people on a team, and the most things of each kind a pilot links. */
export const maxTeam = 20;
export const maxLinks = 20;

/** Route parameters. */
export const CommunityParams = Type.Object({ community: Slug });
export const PilotParams = Type.Object({ community: Slug, pilotId: Uuid });

const Ids = (description: string, max: number) =>
  Type.Array(Uuid, { maxItems: max, uniqueItems: true, description });

const fields = {
  title: Name({ minLength: 1, maxLength: 120 }),
  need: Type.String({ minLength: 1, maxLength: 500, description: 'The need it answers.' }),
  hypothesis: Type.String({
    minLength: 1,
    maxLength: 1000,
    description: 'What the team expects to happen: “If we …, then …”.',
  }),
  measure: Type.String({
    minLength: 1,
    maxLength: 500,
    description: 'How the team will know it worked, e.g. “20 loans in six weeks”.',
  }),
  startsOn: Type.String({ ...Day, description: 'Its first day, in the community’s zone.' }),
  endsOn: Type.String({ ...Day, description: 'Its last day, not before the first.' }),
  team: Ids('Active members of the community on its team.', maxTeam),
  shiftSeriesIds: Ids('Shift series of the community it uses.', maxLinks),
  gatheringIds: Ids('Gatherings of the community it uses.', maxLinks),
  itemIds: Ids('Items of the community’s library it uses.', maxLinks),
};

/** A new pilot (the API). */
export const PilotIn = Type.Object({
  title: fields.title,
  need: fields.need,
  hypothesis: fields.hypothesis,
  measure: fields.measure,
  startsOn: fields.startsOn,
  endsOn: fields.endsOn,
  team: Type.Optional(fields.team),
  shiftSeriesIds: Type.Optional(fields.shiftSeriesIds),
  gatheringIds: Type.Optional(fields.gatheringIds),
  itemIds: Type.Optional(fields.itemIds),
});

/** What may change of a pilot: each field given replaces what it had (lists whole). */
export const PilotChangeIn = Type.Partial(PilotIn);

const FormIds = Type.Optional(Type.Union([Uuid, Type.Array(Uuid, { maxItems: maxLinks })]));

/** The page's form of a pilot: lists as ticked boxes (one value or several). */
export const PilotFormIn = Type.Object({
  title: fields.title,
  need: fields.need,
  hypothesis: fields.hypothesis,
  measure: fields.measure,
  startsOn: fields.startsOn,
  endsOn: fields.endsOn,
  team: FormIds,
  shiftSeriesIds: FormIds,
  gatheringIds: FormIds,
  itemIds: FormIds,
});

/** A pilot started from a survey's suggestion. */
export const SuggestedIn = Type.Object({
  surveyId: Uuid,
  project: Type.Enum(projects as string[], { description: 'The project the survey’s summary suggests.' }),
});

/** The halfway note. */
export const HalfwayIn = Type.Object({
  note: Type.String({ minLength: 1, maxLength: 2000, description: 'How it is going, halfway.' }),
});

/** The retrospective at the end. */
export const RetrospectiveIn = Type.Object({
  worked: Type.String({ minLength: 1, maxLength: 2000, description: 'What worked.' }),
  didNotWork: Type.String({ minLength: 1, maxLength: 2000, description: 'What did not.' }),
  decision: Type.Enum(decisions, { description: 'continue, adapt or stop.' }),
});

const Linked = Type.Array(Type.Object({ id: Type.String(), name: Type.String() }));

/** A pilot as members and the API see it. */
export const PilotOut = Type.Object({
  id: Type.String(),
  title: Type.String(),
  need: Type.String(),
  hypothesis: Type.String(),
  measure: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  halfwayOn: Type.String({ description: 'The day the team is asked how it is going.' }),
  status: Type.Enum(['draft', 'running', 'finished'] as const),
  surveyId: Nullable(Type.String()),
  project: Nullable(Type.String()),
  needCount: Nullable(Type.Integer()),
  offerCount: Nullable(Type.Integer()),
  team: Linked,
  shiftSeries: Linked,
  gatherings: Linked,
  items: Linked,
  halfway: Nullable(Type.Object({ note: Type.String(), at: Type.String(), by: Nullable(Type.String()) })),
  retrospective: Nullable(
    Type.Object({
      worked: Type.String(),
      didNotWork: Type.String(),
      decision: Type.Enum(decisions),
      at: Type.String(),
    }),
  ),
});
export const PilotListOut = Type.Object({
  pilots: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      startsOn: Type.String(),
      endsOn: Type.String(),
      status: Type.Enum(['draft', 'running', 'finished'] as const),
      decision: Nullable(Type.Enum(decisions)),
    }),
  ),
});

/** Budgets of pilots' writes, per account. */
export const pilotLimit = limit('pilot-write', 60, '1 hour', 'account');
