/**
 * The sections a newsletter is compiled from, one builder each, in the order they appear. A
 * builder reads its facts once (`gather`, from other features' services, never their tables) and
 * writes them in each language (`write`): a heading and a plain text whose lines starting with
 * "- " are a list (the page, the feed and the sheet show them as one; the mail as they are). A
 * builder with nothing to say gives no section. A new section is one more entry in `sections`.
 *
 * What each section covers (`Period`): what happened since the previous issue (thanks, new
 * members, decisions, pilots, milestones), and what is coming in the weeks after (gatherings,
 * shifts that still need people).
 */
import type { CommunityContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { addMonths, iso, localMonth } from '../../platform/db/time.ts';
import { formatDay, type Locale, type T } from '../../platform/i18n/index.ts';
import { membersJoinedBetween } from '../communities/service.ts';
import { monthFeedback } from '../feedback/service.ts';
import { occurrenceViews } from '../gatherings/service.ts';
import { decidedInMonth } from '../guidelines/service.ts';
import { listLoanThanks } from '../library/service.ts';
import { monthMilestones } from '../milestones/service.ts';
import { pilotsOfMonth } from '../pilots/service.ts';
import { listPostThanks } from '../posts/service.ts';
import { shiftsOfCommunity } from '../shifts/service.ts';

/**
 * What an issue covers: what happened in [from, until), and what is coming in [until, ahead);
 * `month` is the (`YYYY-MM`), and what is told per month is told of the month before it.
 */
export interface Period {
  month: string;
  from: Date;
  until: Date;
  ahead: Date;
}

/** A section as written in one language. */
export interface Written {
  heading: string;
  body: string;
}

/** One kind of section: how its facts are read, and how they are said. */
export interface SectionBuilder<F> {
  /** Its name (`gatherings`), kept with the section (`newsletter_section.kind`). */
  kind: string;
  /**
   * Who may read it when the issue is public: `public` — anyone (only what the community already
   * shows to anyone, as a public gathering's invite page does); `members` — members only (names,
   * titles of members' posts, places and comments), left out of the public page, sheet and feed.
   */
  audience: 'public' | 'members';
  /** Reads the facts of `period` in `community`; null when there is nothing to say. */
  gather(db: Db, community: CommunityContext, period: Period): Promise<F | null>;
  /** The section in the language of `t`. */
  write(t: T, locale: Locale, facts: F): Written;
}

/** The most thank-yous read, per kind, to count those of a month. */
const thanksRead = 500;
/** The most lines a list section shows; the rest are counted ("and 3 more"). */
export const listedAtMost = 12;

/** `lines` as a list, the ones past `listedAtMost` counted in a last line. */
function listOf(t: T, lines: readonly string[]): string {
  const shown = lines.slice(0, listedAtMost).map((l) => `- ${l}`);
  if (lines.length > listedAtMost)
    shown.push(`- ${t('newsletter.sections.more', { count: lines.length - listedAtMost })}`);
  return shown.join('\n');
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** A month `YYYY-MM` as `locale` writes it ("December 2026", "diciembre de 2026"). */
export function monthName(locale: string, month: string): string {
  let format = monthFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(locale, format);
  }
  return format.format(new Date(`${month}-01T12:00:00Z`));
}

/** "Saturday, December 12, 2026, 18:00" from a local start `YYYY-MM-DDTHH:mm`. */
function when(locale: Locale, local: string): string {
  return `${formatDay(locale, local.slice(0, 10))}, ${local.slice(11, 16)}`;
}

const between = (at: string, period: Period) => at >= iso(period.from) && at < iso(period.until);

/** The local months (`YYYY-MM`) that [from, until) of `period` touches, in `zone`. */
function monthsOf(period: Period, zone: string): string[] {
  const months: string[] = [];
  const last = localMonth(period.until, zone);
  for (let m = localMonth(period.from, zone); m <= last; m = addMonths(m, 1)) months.push(m);
  return months;
}

const listFormats = new Map<string, Intl.ListFormat>();

/** Names as `locale` lists them ("Ana, Beto and Carmen"). */
function namesOf(locale: string, names: readonly string[]): string {
  let format = listFormats.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
    listFormats.set(locale, format);
  }
  return format.format(names);
}

/** Thank-yous left on the gratitude wall: how many, for which things (never by whom). */
const thanks: SectionBuilder<{ count: number; things: string[] }> = {
  kind: 'thanks',
  audience: 'members',
  async gather(db, community, period) {
    const [posts, loans] = await Promise.all([
      listPostThanks(db, community.id, thanksRead),
      listLoanThanks(db, community.id, thanksRead),
    ]);
    const found = [
      ...posts.map((p) => ({ at: p.createdAt, thing: p.postTitle })),
      ...loans.map((l) => ({ at: l.createdAt, thing: l.itemName })),
    ].filter((x) => between(x.at, period));
    if (found.length === 0) return null;
    found.sort((a, b) => a.at.localeCompare(b.at));
    return { count: found.length, things: [...new Set(found.map((x) => x.thing))] };
  },
  write: (t, _locale, f) => ({
    heading: t('newsletter.sections.thanks.heading'),
    body: `${t('newsletter.sections.thanks.body', { count: f.count })}\n\n${listOf(t, f.things)}`,
  }),
};

/**
 * How things went the month before the issue's: how many said a loan, a shift or a gathering went
 * well, and the comments their authors let be quoted (never a name: `monthFeedback` gives none).
 */
const feedback: SectionBuilder<{ month: string; answers: number; wentWell: number; quotes: string[] }> = {
  kind: 'feedback',
  audience: 'members',
  async gather(db, community, period) {
    const month = addMonths(period.month, -1);
    const found = await monthFeedback({ db }, community.id, month);
    if (found.answers === 0) return null;
    return {
      month,
      answers: found.answers,
      wentWell: found.wentWell,
      quotes: found.quotes.map((q) => q.comment),
    };
  },
  write: (t, locale, f) => ({
    heading: t('newsletter.sections.feedback.heading'),
    body: [
      t('newsletter.sections.feedback.body', {
        count: f.answers,
        wentWell: f.wentWell,
        month: monthName(locale, f.month),
      }),
      f.quotes.length > 0
        ? listOf(
            t,
            f.quotes.map((q) => `“${q}”`),
          )
        : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
  }),
};

/** The proposals decided since the last issue: passed (with the guidelines' version made) or not. */
const decisions: SectionBuilder<
  { title: string; outcome: string; statement: string; version: number | null }[]
> = {
  kind: 'decisions',
  audience: 'members',
  async gather(db, community, period) {
    const months = new Set<string>();
    for (
      let m = localMonth(period.from, community.timeZone);
      m <= localMonth(period.until, community.timeZone);
      m = addMonths(m, 1)
    )
      months.add(m);
    const found = [];
    for (const month of months)
      for (const d of await decidedInMonth({ db }, community, month))
        if (between(d.closedAt, period)) found.push(d);
    if (found.length === 0) return null;
    return found.map((d) => ({
      title: d.title,
      outcome: d.outcome,
      statement: d.outcomeStatement,
      version: d.versionNumber,
    }));
  },
  write: (t, _locale, list) => ({
    heading: t('newsletter.sections.decisions.heading'),
    body: listOf(
      t,
      list.map((d) =>
        [
          d.title,
          d.version !== null
            ? t('newsletter.sections.decisions.passed_version', { version: d.version })
            : t(`newsletter.sections.decisions.${d.outcome}`),
          d.statement,
        ]
          .filter(Boolean)
          .join(' — '),
      ),
    ),
  }),
};

/**
 * The milestones reached since the last issue, with thanks to those who agreed to be named (and a
 * count of the others), said as the milestones' own pages say them.
 */
const milestones: SectionBuilder<
  { kind: string; threshold: number; place: string | null; named: string[]; others: number }[]
> = {
  kind: 'milestones',
  audience: 'members',
  async gather(db, community, period) {
    const found = [];
    for (const month of monthsOf(period, community.timeZone))
      for (const m of await monthMilestones({ db }, community.id, month))
        if (between(m.reachedAt, period)) found.push(m);
    if (found.length === 0) return null;
    return found.map((m) => ({
      kind: m.kind,
      threshold: m.threshold,
      place: m.place,
      named: m.named,
      others: m.others,
    }));
  },
  write: (t, locale, list) => ({
    heading: t('newsletter.sections.milestones.heading'),
    body: listOf(
      t,
      list.map((m) => {
        const what = t(`milestones.kind.${m.kind}`, { count: m.threshold, place: m.place ?? '' });
        const names = namesOf(locale, m.named);
        const thanks =
          m.named.length > 0 && m.others > 0
            ? t('milestones.thanks.both', { names, count: m.others })
            : m.named.length > 0
              ? t('milestones.thanks.named', { names })
              : m.others > 0
                ? t('milestones.thanks.others', { count: m.others })
                : t('milestones.thanks.everyone');
        return `${what} — ${thanks}`;
      }),
    ),
  }),
};

/**
 * What the pilots found since the last issue: a halfway note written, or a pilot finished with
 * what worked, what did not, and whether it continues.
 */
const pilots: SectionBuilder<
  {
    title: string;
    halfway: string | null;
    retrospective: { worked: string; didNotWork: string; decision: string } | null;
  }[]
> = {
  kind: 'pilots',
  audience: 'members',
  async gather(db, community, period) {
    const found = new Map<string, Awaited<ReturnType<typeof pilotsOfMonth>>[number]>();
    for (const month of monthsOf(period, community.timeZone))
      for (const p of await pilotsOfMonth(db, community, month)) {
        const halfway = p.halfway && between(p.halfway.at, period) ? p.halfway : null;
        const retrospective = p.retrospective && between(p.retrospective.at, period) ? p.retrospective : null;
        const seen = found.get(p.id);
        if (halfway || retrospective)
          found.set(p.id, {
            ...p,
            halfway: halfway ?? seen?.halfway ?? null,
            retrospective: retrospective ?? seen?.retrospective ?? null,
          });
      }
    if (found.size === 0) return null;
    return [...found.values()].map((p) => ({
      title: p.title,
      halfway: p.halfway?.note ?? null,
      retrospective: p.retrospective,
    }));
  },
  write: (t, _locale, list) => ({
    heading: t('newsletter.sections.pilots.heading'),
    body: list
      .map((p) => {
        const lines = [p.title];
        if (p.retrospective) {
          lines.push(t(`newsletter.sections.pilots.decision_${p.retrospective.decision}`));
          if (p.retrospective.worked)
            lines.push(t('newsletter.sections.pilots.worked', { text: p.retrospective.worked }));
          if (p.retrospective.didNotWork)
            lines.push(t('newsletter.sections.pilots.did_not_work', { text: p.retrospective.didNotWork }));
        } else if (p.halfway) lines.push(t('newsletter.sections.pilots.halfway', { text: p.halfway }));
        return lines.join('\n');
      })
      .join('\n\n'),
  }),
};

/**
 * Who joined. Members are named only when their profile allows it; until profiles offer that,
 * a welcome counts them and names nobody (a public issue and a printed sheet reach strangers).
 */
const newMembers: SectionBuilder<{ count: number }> = {
  kind: 'new_members',
  audience: 'members',
  async gather(db, community, period) {
    const joined = await membersJoinedBetween(db, community.id, iso(period.from), iso(period.until));
    return joined.length === 0 ? null : { count: joined.length };
  },
  write: (t, _locale, f) => ({
    heading: t('newsletter.sections.new_members.heading'),
    body: t('newsletter.sections.new_members.body', { count: f.count }),
  }),
};

/** The gatherings coming, each date (not called off) with where. */
/**
 * The gatherings coming, each date (not called off) with where: the public ones (their invite page
 * shows the same to anyone) or, as their own section, the members-only ones (`public` false).
 */
function gatheringsOf(open: boolean): SectionBuilder<{ title: string; local: string; where: string }[]> {
  const kind = open ? 'gatherings' : 'member_gatherings';
  return {
    kind,
    audience: open ? 'public' : 'members',
    async gather(db, community, period) {
      const list = (await occurrenceViews(db, community, null, period.until, period.ahead)).filter(
        (o) => !o.cancelled && o.isPublic === open,
      );
      if (list.length === 0) return null;
      return list.map((o) => ({ title: o.title, local: o.local, where: o.placeName ?? o.address }));
    },
    write: (t, locale, list) => ({
      heading: t(`newsletter.sections.${kind}.heading`),
      body: listOf(
        t,
        list.map((g) => [g.title, when(locale, g.local), g.where].filter(Boolean).join(' — ')),
      ),
    }),
  };
}

/** The shifts coming that still have open places, with how many people each needs. */
const shifts: SectionBuilder<{ title: string; local: string; open: number; place: string | null }[]> = {
  kind: 'shifts',
  audience: 'members',
  async gather(db, community, period) {
    const list = (await shiftsOfCommunity(db, community, period.until, period.ahead)).filter(
      (s) => !s.cancelled && s.open > 0,
    );
    if (list.length === 0) return null;
    return list.map((s) => ({ title: s.title, local: s.local, open: s.open, place: s.placeName }));
  },
  write: (t, locale, list) => ({
    heading: t('newsletter.sections.shifts.heading'),
    body: `${t('newsletter.sections.shifts.body', { count: list.length })}\n\n${listOf(
      t,
      list.map((s) =>
        [s.title, when(locale, s.local), s.place, t('newsletter.sections.shifts.open', { count: s.open })]
          .filter(Boolean)
          .join(' — '),
      ),
    )}`,
  }),
};

/** Every section, in the order an issue shows them. */
export const sections: readonly SectionBuilder<any>[] = [
  thanks,
  feedback,
  milestones,
  newMembers,
  pilots,
  decisions,
  gatheringsOf(true),
  gatheringsOf(false),
  shifts,
];

/** The kinds of section a public issue shows to anyone; the others stay for members. */
export const publicKinds: ReadonlySet<string> = new Set(
  sections.filter((b) => b.audience === 'public').map((b) => b.kind),
);

/** The kinds of section, for the catalog test and the API description. */
export const sectionKinds = sections.map((s) => s.kind);
