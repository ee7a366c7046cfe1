/** Request and response shapes of needs surveys: the edge schema is the API's documentation. */

import { Type } from 'typebox';
import { limit } from '../../platform/http/rate-limit.ts';
import { Name } from '../../platform/names.ts';
import {
  maxChoiceLength,
  maxOtherChoices,
  projects,
  standardChoices,
  timeSlots,
  topics,
} from './questions.ts';

const Uuid = Type.String({ format: 'uuid' });
const Slug = Type.String({ maxLength: 100, description: 'The community slug.' });
const Day = Type.String({ format: 'date', description: 'A calendar day, YYYY-MM-DD.' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T, description?: string) =>
  Type.Union([t, Type.Null()], description ? { description } : {});

/** Route parameters. */
export const CommunityParams = Type.Object({ community: Slug });
export const SurveyParams = Type.Object({ community: Slug, surveyId: Uuid });

/** The longest free question, and the longest answer to it. */
export const maxFreeQuestion = 300;
export const maxFreeAnswer = 2000;

const Other = Type.Array(Name({ minLength: 1, maxLength: maxChoiceLength }), {
  maxItems: maxOtherChoices,
  uniqueItems: true,
  description: `Choices the steward adds, as they read (up to ${maxOtherChoices}).`,
});
const asked = (standard: readonly string[], what: string) =>
  Type.Optional(
    Type.Object(
      {
        choices: Type.Array(Type.Enum(standard as string[]), {
          uniqueItems: true,
          description: 'The standard choices kept.',
        }),
        other: Type.Optional(Other),
      },
      { description: `${what}; left out: not asked. At least one choice.` },
    ),
  );

/** A new survey (the API). */
export const SurveyIn = Type.Object({
  title: Name({ minLength: 1, maxLength: 120 }),
  intro: Type.Optional(Type.String({ maxLength: 2000, description: 'A few words above the questions.' })),
  closesOn: Type.String({
    ...Day,
    description: 'The last day it takes answers, in the community’s zone; today or later.',
  }),
  needs: asked(topics, `What do you need? (${topics.join(', ')})`),
  offers: asked(topics, 'What can you give? The same topics: a need matches an offer of its topic.'),
  times: asked(timeSlots, `When can you meet? (${timeSlots.join(', ')})`),
  languages: asked(standardChoices.languages, 'Which languages? Language codes (ISO 639).'),
  freeQuestion: Type.Optional(
    Type.String({
      maxLength: maxFreeQuestion,
      description: 'A question of the steward’s own, answered in words.',
    }),
  ),
});

const Ticked = (standard: readonly string[]) =>
  Type.Optional(Type.Union([Type.Enum(standard as string[]), Type.Array(Type.Enum(standard as string[]))]));
const Flag = Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('on')]));
const Lines = Type.Optional(
  Type.String({ maxLength: maxOtherChoices * (maxChoiceLength + 2), description: 'One choice a line.' }),
);

/** The page's form of a new survey: a box per question asked, its standard choices ticked, others one a line. */
export const SurveyFormIn = Type.Object({
  title: Name({ minLength: 1, maxLength: 120 }),
  intro: Type.Optional(Type.String({ maxLength: 2000 })),
  closesOn: Day,
  askNeeds: Flag,
  needs: Ticked(topics),
  needsOther: Lines,
  askOffers: Flag,
  offers: Ticked(topics),
  offersOther: Lines,
  askTimes: Flag,
  times: Ticked(timeSlots),
  timesOther: Lines,
  askLanguages: Flag,
  languages: Ticked(standardChoices.languages),
  languagesOther: Lines,
  freeQuestion: Type.Optional(Type.String({ maxLength: maxFreeQuestion })),
});

const Keys = Type.Optional(
  Type.Array(Type.String({ maxLength: 20 }), {
    maxItems: 40,
    uniqueItems: true,
    description: 'The keys of the choices ticked, as the survey gives them.',
  }),
);

/** An answer (the API): the keys ticked of each question, and the free answer. */
export const AnswerIn = Type.Object({
  needs: Keys,
  offers: Keys,
  times: Keys,
  languages: Keys,
  free: Type.Optional(
    Type.String({ maxLength: maxFreeAnswer, description: 'The answer to the free question.' }),
  ),
});

/** An answer by the link or typed in from paper (the API): the same, with a name if given. */
export const NamedAnswerIn = Type.Object({
  ...AnswerIn.properties,
  name: Type.Optional(
    Name({ minLength: 1, maxLength: 80, description: 'How the stewards may call them; optional.' }),
  ),
});

const Key = Type.String({ maxLength: 20 });
const FormKeys = Type.Optional(Type.Union([Key, Type.Array(Key, { maxItems: 40 })]));

/** The page's answer form (a member's, by the link, or typed in from paper). */
export const AnswerFormIn = Type.Object({
  needs: FormKeys,
  offers: FormKeys,
  times: FormKeys,
  languages: FormKeys,
  free: Type.Optional(Type.String({ maxLength: maxFreeAnswer })),
  name: Type.Optional(Name({ minLength: 1, maxLength: 80 })),
  /** The honeypot of the form by the link: a field people never see. */
  website: Type.Optional(Type.String({ maxLength: 200 })),
});

/** The printable paper form's size. */
export const PaperQuery = Type.Object({
  paper: Type.Optional(Type.Enum(['a4', 'letter'] as const, { description: 'A4 or US Letter.' })),
});

const ChoiceOut = Type.Object({
  key: Type.String(),
  label: Type.String({
    description: 'As the reader’s language says it (a steward’s own choice as written).',
  }),
});

/** A survey as members and the API see it. */
export const SurveyOut = Type.Object({
  id: Type.String(),
  title: Type.String(),
  intro: Type.String(),
  closesOn: Type.String(),
  closesAt: Type.String({ description: 'ISO 8601 instant: answers from then on are refused.' }),
  open: Type.Boolean(),
  questions: Type.Object({
    needs: Type.Optional(Type.Array(ChoiceOut)),
    offers: Type.Optional(Type.Array(ChoiceOut)),
    times: Type.Optional(Type.Array(ChoiceOut)),
    languages: Type.Optional(Type.Array(ChoiceOut)),
    free: Nullable(Type.String()),
  }),
  link: Type.String({ description: 'The page anyone may answer it on, without an account.' }),
  answers: Type.Integer({ description: 'How many answered.' }),
  mine: Nullable(
    Type.Object({
      needs: Type.Array(Type.String()),
      offers: Type.Array(Type.String()),
      times: Type.Array(Type.String()),
      languages: Type.Array(Type.String()),
      free: Type.String(),
      answeredAt: Type.String(),
    }),
    'The caller’s own answer; null for none.',
  ),
});
export const SurveyListOut = Type.Object({
  surveys: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      closesOn: Type.String(),
      open: Type.Boolean(),
      answers: Type.Integer(),
    }),
  ),
});
/** Where an answer left its author. */
export const AnswerOut = Type.Object({
  id: Type.String(),
  replaced: Type.Boolean({ description: 'It replaced the member’s earlier answer.' }),
});

const CountOut = Type.Object({ key: Type.String(), label: Type.String(), count: Type.Integer() });

/** A survey's summary (stewards). */
export const SummaryOut = Type.Object({
  answers: Type.Integer(),
  bySource: Type.Object({ member: Type.Integer(), link: Type.Integer(), paper: Type.Integer() }),
  needs: Type.Array(CountOut, { description: 'Most needed first.' }),
  offers: Type.Array(CountOut),
  matches: Type.Array(
    Type.Object({ key: Type.String(), label: Type.String(), needs: Type.Integer(), offers: Type.Integer() }),
    { description: 'Each need someone offers, with both counts; most needed first.' },
  ),
  times: Type.Array(CountOut),
  bestTimes: Type.Array(Type.String(), { description: 'The meeting slots most can make (ties all given).' }),
  languages: Type.Array(CountOut),
  free: Type.Array(Type.String(), { description: 'The answers to the free question, oldest first.' }),
  suggestions: Type.Array(
    Type.Object({
      project: Type.Enum(projects as string[]),
      topic: Type.String(),
      needs: Type.Integer(),
      offers: Type.Integer(),
      path: Type.String({ description: 'Where that part of Porch is, under the community.' }),
    }),
    { description: 'First projects the answers suggest, by the rules of docs/surveys.md.' },
  ),
});

/**
 * Budgets: a steward opens a few surveys; members answer; anyone by the link, per address (a
 * household answering fits, a script filling a survey with made-up answers does not).
 */
export const openLimit = limit('survey-open', 20, '1 hour', 'account', { refusedFree: true });
/** See `openLimit`. */
export const answerLimit = limit('survey-answer', 60, '1 hour', 'account');
/** See `openLimit`. */
// Per survey and address: a venue's Wi-Fi (a fair, a meeting) answers one survey from one address.
export const linkAnswerLimit = limit('survey-link-answer', 60, '1 hour', 'address', {
  scope: (req) => (req.params as { surveyId?: string }).surveyId ?? '',
});
/** See `openLimit`: typing in a stack of paper forms. */
export const paperLimit = limit('survey-paper', 300, '1 hour', 'account');
