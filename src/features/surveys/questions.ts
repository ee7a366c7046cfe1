/**
 * What a needs survey asks, and what its answers suggest. Pure: no I/O.
 *
 * A survey has up to four questions answered by ticking choices — what do you need, what can you
 * give, when can you meet, which languages — and an optional free question. The needs and offers
 * questions share one list of topics (`topics`), so that a need and an offer of the same topic
 * match ("borrow tools" and "lend tools"). A steward keeps any of the standard choices and adds
 * their own (a custom choice has the key `other-N` and the label the steward wrote).
 */
import { languageCodes } from '../../platform/i18n/languages.ts';

/** The questions answered by ticking choices, in the order a survey asks them. */
export const choiceQuestions = ['needs', 'offers', 'times', 'languages'] as const;
/** A question answered by ticking choices. */
export type ChoiceQuestion = (typeof choiceQuestions)[number];

/** The topics needs and offers share: a need of a topic matches an offer of the same. */
export const topics = [
  'tools',
  'rides',
  'food',
  'seeds',
  'skills',
  'repairs',
  'childcare',
  'company',
] as const;
/** When neighbors could meet: the standard slots of a week. */
export const timeSlots = [
  'weekday_morning',
  'weekday_afternoon',
  'weekday_evening',
  'saturday_morning',
  'saturday_afternoon',
  'sunday_morning',
  'sunday_afternoon',
] as const;

/** The standard choices of each question (the languages question's: language codes). */
export const standardChoices: Record<ChoiceQuestion, readonly string[]> = {
  needs: topics,
  offers: topics,
  times: timeSlots,
  languages: languageCodes,
};

/** The most choices a steward may add to one question, and the longest a choice's label. */
export const maxOtherChoices = 10;
export const maxChoiceLength = 60;

/** A choice of a question: a standard key (translated when shown), or `other-N` with its label. */
export interface Choice {
  key: string;
  /** A choice the steward added: its label as written (shown as is in every language). */
  label?: string;
}

/** A survey's questions, as stored (JSON) and read. */
export interface SurveyQuestions {
  /** The choice questions asked, each with its choices; a question not asked is absent. */
  choices: Partial<Record<ChoiceQuestion, Choice[]>>;
  /** The free question, as the steward wrote it; null for none. */
  free: string | null;
}

/** How many questions a survey asks. */
export function questionCount(q: SurveyQuestions): number {
  return choiceQuestions.filter((k) => q.choices[k]).length + (q.free ? 1 : 0);
}

/** The choices of a question: the standard ones kept (in the standard order), then those added. */
export function choicesOf(
  standard: readonly string[],
  kept: readonly string[],
  other: readonly string[],
): Choice[] {
  const keep = new Set(kept);
  const added = [...new Set(other.map((o) => o.trim()).filter(Boolean))];
  return [
    ...standard.filter((k) => keep.has(k)).map((key) => ({ key })),
    ...added.map((label, i) => ({ key: `other-${i + 1}`, label })),
  ];
}

/** The questions of a survey stored as JSON text. */
export function readQuestions(json: string): SurveyQuestions {
  return JSON.parse(json) as SurveyQuestions;
}

/** A count of one choice of one question. */
export interface ChoiceCount {
  key: string;
  /** A choice the steward added: its label. */
  label?: string;
  count: number;
}

/**
 * A rule of the suggestions: when at least `minNeeds` answers need `topic` and at least
 * `minOffers` offer it, the survey suggests starting `project`, a pilot of what Porch already has
 * (`path`, under the community, is where that part of Porch is).
 */
export interface SuggestionRule {
  topic: (typeof topics)[number];
  project: string;
  minNeeds: number;
  minOffers: number;
  path: string;
}

/**
 * The suggestions' rules, in one table (issue 18: "7 households need rides to appointments and 4
 * can drive: start a ride pool?", "12 want to borrow tools: open the shed?"): borrowing tools and
 * lending them opens the tool shed (the lending library); rides to appointments and drivers start
 * a ride pool (offered on the requests board); food starts community fridge shifts; seeds a seed
 * library; a skill to learn and one to teach a workshop; repairs a repair café (a gathering). Two
 * answers needing it and one offering it are enough to try: a pilot is how a group finds out.
 */
export const suggestionRules: readonly SuggestionRule[] = [
  { topic: 'tools', project: 'tool_shed', minNeeds: 2, minOffers: 1, path: '/library' },
  { topic: 'rides', project: 'ride_pool', minNeeds: 2, minOffers: 1, path: '/board' },
  { topic: 'food', project: 'fridge_shifts', minNeeds: 2, minOffers: 1, path: '/shifts' },
  { topic: 'seeds', project: 'seed_library', minNeeds: 2, minOffers: 1, path: '/seeds' },
  { topic: 'skills', project: 'workshop', minNeeds: 2, minOffers: 1, path: '/gatherings/workshops/new' },
  { topic: 'repairs', project: 'repair_cafe', minNeeds: 2, minOffers: 1, path: '/gatherings/new' },
];

/** The projects the rules may suggest. */
export const projects = suggestionRules.map((r) => r.project);

/** A first project a survey suggests: its rule, and how many need and offer its topic. */
export interface Suggestion {
  project: string;
  topic: string;
  needs: number;
  offers: number;
  path: string;
}

/** A need matched with the offers of the same topic. */
export interface Match {
  key: string;
  label?: string;
  needs: number;
  offers: number;
}

/**
 * What the counts of a survey's answers say: its needs and offers, most first (ties in the
 * question's order); each need with the offers of the same choice (top needs first, only those
 * someone offers); the meeting slots with the most answers (all tied, in order; none without an
 * answer); and the suggestions whose rule holds, the most needed first (ties in the rules' order).
 */
export function readCounts(
  q: SurveyQuestions,
  counts: ReadonlyMap<string, number>,
): {
  needs: ChoiceCount[];
  offers: ChoiceCount[];
  times: ChoiceCount[];
  languages: ChoiceCount[];
  matches: Match[];
  bestTimes: string[];
  suggestions: Suggestion[];
} {
  const counted = (question: ChoiceQuestion): ChoiceCount[] =>
    (q.choices[question] ?? [])
      .map((c, i) => ({ c, i, count: counts.get(`${question} ${c.key}`) ?? 0 }))
      .sort((a, b) => b.count - a.count || a.i - b.i)
      .map(({ c, count }) => ({ ...c, count }));
  const needs = counted('needs');
  const offers = counted('offers');
  const times = counted('times');
  const languages = counted('languages');
  const offered = (key: string, label?: string) =>
    offers.find((o) => (label === undefined ? o.key === key && !o.label : o.label === label))?.count ?? 0;
  const matches = needs
    .filter((n) => n.count > 0)
    .map((n) => ({ key: n.key, label: n.label, needs: n.count, offers: offered(n.key, n.label) }))
    .filter((m) => m.offers > 0)
    .map(({ label, ...m }) => (label === undefined ? m : { ...m, label }));
  const most = Math.max(0, ...times.map((t) => t.count));
  const bestTimes = most === 0 ? [] : times.filter((t) => t.count === most).map((t) => t.key);
  const need = (topic: string) => counts.get(`needs ${topic}`) ?? 0;
  const offer = (topic: string) => counts.get(`offers ${topic}`) ?? 0;
  const suggestions = suggestionRules
    .map((r, i) => ({ r, i, needs: need(r.topic), offers: offer(r.topic) }))
    .filter(
      ({ r, needs: n, offers: o }) =>
        q.choices.needs?.some((c) => c.key === r.topic) && n >= r.minNeeds && o >= r.minOffers,
    )
    .sort((a, b) => b.needs - a.needs || a.i - b.i)
    .map(({ r, needs: n, offers: o }) => ({
      project: r.project,
      topic: r.topic,
      needs: n,
      offers: o,
      path: r.path,
    }));
  return { needs, offers, times, languages, matches, bestTimes, suggestions };
}
