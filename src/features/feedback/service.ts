/**
 * Feedback (capability 7; issue 18, step 4, "ask how it went"): after a loan is returned, a shift
 * or a gathering's date is over, whoever took part taps "went well" or "could improve", with a
 * comment if they wish; stewards read the summaries per place, per kind of activity and per month,
 * and what people would improve. Rides keep their own feedback (after an alert, in the evacuation
 * feature), which the summaries count as the kind `ride`.
 *
 * What feedback can be about is one table, `subjects` below: each kind says how to find a thing
 * of its kind, whether it is over, who took part and where its page is. A new kind (pilots) is one
 * entry there and its name in `schema.ts kinds` (migration 0061's check already lists `pilot`).
 */
import { requireMember, requireRole } from '../../platform/access.ts';
import type { Ctx, Services } from '../../platform/context.ts';
import { findCommunityContext } from '../../platform/context.ts';
import type { Db, FeedbackRating, FeedbackSubjectKind } from '../../platform/db/database.ts';
import { addMonths, addSeconds, iso, localDate } from '../../platform/db/time.ts';
import { authorize, Conflict, NotFound } from '../../platform/errors.ts';
import { registerRecurringJob, startRecurringJob } from '../../platform/jobs/recurring.ts';
import type { NotificationKind } from '../../platform/notify/kinds.ts';
import { notify, resolve } from '../../platform/notify/service.ts';
import { can } from './policy.ts';
import { kinds, summaryKinds } from './schema.ts';
import * as store from './store.ts';

/** The notification asking how a thing went: a daily mail by default, no push (it can wait). */
export const askKind: NotificationKind = {
  name: 'feedback.ask',
  defaults: { mail: 'daily', push: 'off' },
  asks: { 'feedback.mail.ask.subject': 'feedback.give' },
};

/** A thing feedback can be about, as its kind's source finds it. */
export interface Subject {
  kind: FeedbackSubjectKind;
  id: string;
  /** Its own name (the item, the shift's or gathering's title). */
  title: string;
  /** Its page, under the community (`/library/loans/…`). */
  path: string;
  /** Where it happened, when at a place of the community. */
  placeId: string | null;
  /** When it was over (an instant), or null while it is not (a loan out, a date to come). */
  endedAt: string | null;
  /** The account ids of who took part. */
  participants: string[];
}

type Source = (db: Db, communityId: string, id: string, now: Date) => Promise<Subject | undefined>;

/** The kinds of thing feedback is about, and how to find one. */
const subjects: Record<(typeof kinds)[number], Source> = {
  loan: async (db, communityId, id) => {
    const loan = await store.findLoan(db, communityId, id);
    if (!loan) return undefined;
    const over = loan.status === 'returned' || loan.status === 'thanked';
    return {
      kind: 'loan',
      id,
      title: loan.itemName,
      path: `/library/loans/${id}`,
      placeId: null,
      endedAt: over ? loan.returnedAt : null,
      participants: [loan.borrowerId, ...(loan.ownerId ? [loan.ownerId] : [])],
    };
  },
  shift: async (db, communityId, id, now) => {
    const shift = await store.findShift(db, communityId, id);
    if (!shift || shift.cancelledAt) return undefined;
    return {
      kind: 'shift',
      id,
      title: shift.title,
      path: `/shifts/${shift.seriesId}/${shift.occurrence}`,
      placeId: shift.placeId,
      endedAt: new Date(shift.endsAt) <= now ? shift.endsAt : null,
      participants: await store.shiftVolunteers(db, communityId, id),
    };
  },
  gathering: async (db, communityId, id, now) => {
    const o = await store.findOccurrence(db, communityId, id);
    if (!o || o.cancelledAt || o.gatheringCancelledAt) return undefined;
    return {
      kind: 'gathering',
      id,
      title: o.title,
      path: `/gatherings/${o.gatheringId}/${o.occurrence}`,
      placeId: o.placeId,
      endedAt: new Date(o.endsAt) <= now ? o.endsAt : null,
      participants: await store.gatheringGuests(db, communityId, id),
    };
  },
  pilot: async (db, communityId, id) => {
    const pilot = await store.findPilot(db, communityId, id);
    if (!pilot) return undefined;
    return {
      kind: 'pilot',
      id,
      title: pilot.title,
      path: `/pilots/${id}`,
      placeId: null,
      // Over once its retrospective is written.
      endedAt: pilot.finishedAt,
      participants: await store.pilotTeam(db, communityId, id),
    };
  },
};

/** The thing `kind` `id` of the community; `NotFound('feedback.errors.not_found')` for none (or another community's). */
async function loadSubject(ctx: Ctx, communityId: string, kind: string, id: string): Promise<Subject> {
  const source = subjects[kind as keyof typeof subjects];
  const subject = source && (await source(ctx.db, communityId, id, ctx.clock.now()));
  if (!subject) throw new NotFound('feedback.errors.not_found');
  return subject;
}

/** What a member said about a thing. */
export interface GivenFeedback {
  rating: FeedbackRating;
  comment: string;
  quotable: boolean;
  /** When it was last given, an instant. */
  at: string;
}

/** A thing and where the actor stands with it: may they say how it went, and what they said. */
export interface Prompt {
  subject: Subject;
  /** The actor took part and it is over: the form is theirs to send. */
  mayGive: boolean;
  /** It is not over yet (a loan out, a date to come). */
  notYet: boolean;
  given: GivenFeedback | null;
}

/**
 * The feedback form's facts for the actor about `kind` `id`: active members only; a thing of
 * another community, or none, is `NotFound`. Whoever did not take part is refused with
 * `Forbidden('feedback.errors.only_participants')`.
 */
export async function promptOf(ctx: Ctx, kind: string, id: string): Promise<Prompt> {
  const { communityId, accountId } = requireMember(ctx);
  const subject = await loadSubject(ctx, communityId, kind, id);
  authorize(can.give(ctx.actor, subject.participants), 'feedback.errors.only_participants');
  const row = await store.findFeedback(ctx.db, communityId, subject.kind, id, accountId);
  return {
    subject,
    mayGive: subject.endedAt !== null,
    notYet: subject.endedAt === null,
    given: row
      ? { rating: row.rating, comment: row.comment, quotable: row.quotable === 1, at: row.updatedAt }
      : null,
  };
}

/**
 * The prompt another feature's page shows ("How did it go?") for the thing `kind` `id`, or null
 * when the actor has nothing to say there (they did not take part, it is not over, or it is not
 * a thing feedback is about). Never throws for those: a page shows it or not.
 */
export async function promptFor(
  ctx: Ctx,
  kind: FeedbackSubjectKind,
  id: string,
): Promise<{ action: string; given: GivenFeedback | null } | null> {
  if (!ctx.community || ctx.actor.accountId === null || ctx.actor.role === 'visitor') return null;
  const source = subjects[kind as keyof typeof subjects];
  const subject = source && (await source(ctx.db, ctx.community.id, id, ctx.clock.now()));
  if (!subject || subject.endedAt === null || !can.give(ctx.actor, subject.participants)) return null;
  const row = await store.findFeedback(ctx.db, ctx.community.id, kind, id, ctx.actor.accountId);
  return {
    action: `/c/${ctx.community.slug}/feedback/${kind}/${id}`,
    given: row
      ? { rating: row.rating, comment: row.comment, quotable: row.quotable === 1, at: row.updatedAt }
      : null,
  };
}

/**
 * The id feedback names a shift by (the occurrence's row), from its series and occurrence; undefined
 * when nobody acted on it (no row). Active members of the context's community.
 */
export async function shiftSubjectId(
  ctx: Ctx,
  seriesId: string,
  occurrence: string,
): Promise<string | undefined> {
  const { communityId } = requireMember(ctx);
  return store.shiftIdOf(ctx.db, communityId, seriesId, occurrence);
}

/** The prompt of a shift's page, by its series and occurrence (`promptFor`). */
export async function promptForShift(ctx: Ctx, seriesId: string, occurrence: string) {
  if (!ctx.community) return null;
  const id = await store.shiftIdOf(ctx.db, ctx.community.id, seriesId, occurrence);
  return id ? promptFor(ctx, 'shift', id) : null;
}

/** The prompt of a gathering's date page, by its gathering and occurrence (`promptFor`). */
export async function promptForGathering(ctx: Ctx, gatheringId: string, occurrence: string) {
  if (!ctx.community) return null;
  const id = await store.occurrenceIdOf(ctx.db, ctx.community.id, gatheringId, occurrence);
  return id ? promptFor(ctx, 'gathering', id) : null;
}

/** What a member says. */
export interface FeedbackInput {
  rating: FeedbackRating;
  comment?: string;
  /** Let the comment be quoted (without the name). */
  quotable?: boolean;
}

/**
 * Says how `kind` `id` went, for the actor: only who took part (`Forbidden`), only once it is over
 * (`Conflict('feedback.errors.not_over')`); a second time replaces the first. Settles the
 * actor's "how did it go?" in "needs me". Returns what is now saved.
 */
export async function giveFeedback(
  ctx: Ctx,
  kind: string,
  id: string,
  input: FeedbackInput,
): Promise<GivenFeedback> {
  const { communityId, accountId, community } = requireMember(ctx);
  const subject = await loadSubject(ctx, communityId, kind, id);
  authorize(can.give(ctx.actor, subject.participants), 'feedback.errors.only_participants');
  if (subject.endedAt === null) throw new Conflict('feedback.errors.not_over');
  const comment = input.comment?.trim() ?? '';
  const at = iso(ctx.clock.now());
  await ctx.db.transaction().execute(async (tx) => {
    await store.saveFeedback(
      tx,
      communityId,
      {
        subjectKind: subject.kind,
        subjectId: id,
        accountId,
        placeId: subject.placeId,
        occurredOn: localDate(new Date(subject.endedAt as string), community.timeZone),
        rating: input.rating,
        comment,
        // Nothing to quote without a comment.
        quotable: comment !== '' && input.quotable === true,
      },
      at,
    );
    await resolve(ctx, tx, communityId, { type: `feedback_${subject.kind}`, id }, { accountId });
  });
  return { rating: input.rating, comment, quotable: comment !== '' && input.quotable === true, at };
}

/** Counts of a part of the summary: how many answers, how many "went well", and the share (0–100). */
export interface Tally {
  answers: number;
  wentWell: number;
  /** Percent "went well", rounded; null when there is no answer. */
  share: number | null;
}

/** A "could improve" comment, as stewards read it (no name: what was said is about the activity). */
export interface ImproveComment {
  kind: (typeof summaryKinds)[number];
  place: string | null;
  /** The activity's local date. */
  on: string;
  comment: string;
}

/** The stewards' summary of the last `months` months. */
export interface Summary {
  /** The first local date counted, `YYYY-MM-DD`. */
  from: string;
  total: Tally;
  byKind: ({ kind: (typeof summaryKinds)[number] } & Tally)[];
  byPlace: ({ placeId: string | null; place: string | null } & Tally)[];
  /** Newest month first, `YYYY-MM`. */
  byMonth: ({ month: string } & Tally)[];
  /** Newest first, at most `improveLimit`. */
  improve: ImproveComment[];
}

/** How many "could improve" comments the summary shows. */
export const improveLimit = 100;

function tally(rows: readonly { rating: FeedbackRating }[]): Tally {
  const wentWell = rows.filter((r) => r.rating === 'went_well').length;
  return {
    answers: rows.length,
    wentWell,
    share: rows.length === 0 ? null : Math.round((wentWell / rows.length) * 100),
  };
}

function groupBy<R, K>(rows: readonly R[], key: (r: R) => K): Map<K, R[]> {
  const out = new Map<K, R[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * The stewards' summary of the activities of the last `months` months (this month included):
 * per kind of activity, per place, per month (answers and the share "went well"), and the "could
 * improve" comments. Stewards only (`Forbidden('feedback.errors.only_stewards')`).
 */
export async function summary(ctx: Ctx, months = 12): Promise<Summary> {
  const { communityId, community } = requireRole(ctx, can.seeSummaries, 'feedback.errors.only_stewards');
  const from = `${addMonths(community.month(), -(months - 1))}-01`;
  const [given, rides] = await Promise.all([
    store.listFeedbackSince(ctx.db, communityId, from),
    store.listRideFeedbackSince(ctx.db, communityId, community.instant(from).toISOString()),
  ]);
  const rows = [
    ...given.map((f) => ({
      kind: f.subjectKind as (typeof summaryKinds)[number],
      placeId: f.placeId,
      place: f.placeName ?? null,
      on: f.occurredOn,
      rating: f.rating,
      comment: f.comment,
    })),
    ...rides.map((r) => ({
      kind: 'ride' as const,
      placeId: null,
      place: null,
      on: localDate(new Date(r.raisedAt), community.timeZone),
      rating: r.rating,
      comment: r.comment,
    })),
  ].sort((a, b) => b.on.localeCompare(a.on));
  const byPlace = [...groupBy(rows, (r) => r.placeId).entries()].map(([placeId, list]) => ({
    placeId,
    place: list[0].place,
    ...tally(list),
  }));
  // Places by name; activities at no place last.
  byPlace.sort((a, b) =>
    a.placeId === null ? 1 : b.placeId === null ? -1 : (a.place ?? '').localeCompare(b.place ?? ''),
  );
  return {
    from,
    total: tally(rows),
    byKind: summaryKinds
      .map((kind) => ({ kind, ...tally(rows.filter((r) => r.kind === kind)) }))
      .filter((k) => k.answers > 0),
    byPlace,
    byMonth: [...groupBy(rows, (r) => r.on.slice(0, 7)).entries()].map(([month, list]) => ({
      month,
      ...tally(list),
    })),
    improve: rows
      .filter((r) => r.rating === 'could_improve' && r.comment !== '')
      .slice(0, improveLimit)
      .map((r) => ({ kind: r.kind, place: r.place, on: r.on, comment: r.comment })),
  };
}

/** What the newsletter says of a month's feedback. */
export interface MonthFeedback {
  /** `YYYY-MM`. */
  month: string;
  /** Answers about the month's activities (loans, shifts, gatherings). */
  answers: number;
  wentWell: number;
  /** Comments of "went well" answers their authors let be quoted, oldest first, without names. */
  quotes: { kind: FeedbackSubjectKind; comment: string }[];
}

/**
 * The thanks and quotable comments of the local month `month` (`YYYY-MM`) of community
 * `communityId`, for the newsletter: how many answers and "went well" there were about the
 * month's activities, and the "went well" comments their authors let be quoted — never a name,
 * never a comment not marked quotable, never a "could improve" one. It does not authorize: the
 * caller (a steward's draft, the compiling job) decides who reads what it compiles.
 */
export async function monthFeedback(
  s: Pick<Services, 'db'>,
  communityId: string,
  month: string,
): Promise<MonthFeedback> {
  const rows = await store.listFeedbackOfMonth(s.db, communityId, month);
  return {
    month,
    answers: rows.length,
    wentWell: rows.filter((r) => r.rating === 'went_well').length,
    quotes: rows
      .filter((r) => r.rating === 'went_well' && r.quotable === 1 && r.comment !== '')
      .map((r) => ({ kind: r.subjectKind, comment: r.comment })),
  };
}

/**
 * Where the community stands with asking how things went, for the six steps guide: how many
 * things have feedback and how many answers there are. No authorization (counts only).
 */
export function feedbackCounts(s: Pick<Services, 'db'>, communityId: string) {
  return store.countFeedback(s.db, communityId);
}

/** The asking job, and how far back it looks for things that ended. */
export const askJob = 'feedback.ask';
/** How often the job looks for things that ended. */
export const askEverySeconds = 60 * 60;
/** Things that ended longer ago than this are not asked about (a server just upgraded asks no history). */
export const askWithinDays = 3;

/**
 * Asks everyone who took part in a thing that ended in the last `askWithinDays` days how it
 * went, once: a notification (`feedback.ask`) whose link is the one-tap form, noted in
 * `feedback_prompt` in the same transaction. Who already said is not asked. Returns how many
 * were asked.
 */
export async function askHowItWent(s: Services): Promise<number> {
  const now = s.clock.now();
  const to = iso(now);
  const from = iso(addSeconds(now, -askWithinDays * 86_400));
  let asked = 0;
  for (const communityId of await store.liveCommunityIds(s.db)) {
    const [loans, shifts, gatherings, pilots] = await Promise.all([
      store.loansReturnedBetween(s.db, communityId, from, to),
      store.shiftsEndedBetween(s.db, communityId, from, to),
      store.gatheringsEndedBetween(s.db, communityId, from, to),
      store.pilotsFinishedBetween(s.db, communityId, from, to),
    ]);
    const candidates = [
      ...loans.flatMap((l) =>
        [l.borrowerId, l.ownerId].filter(Boolean).map((a) => ({
          kind: 'loan' as const,
          id: l.id,
          accountId: a as string,
          title: l.title,
        })),
      ),
      ...shifts.map((r) => ({ kind: 'shift' as const, id: r.id, accountId: r.accountId, title: r.title })),
      ...gatherings.map((r) => ({
        kind: 'gathering' as const,
        id: r.id,
        accountId: r.accountId as string,
        title: r.title,
      })),
      ...pilots.map((r) => ({ kind: 'pilot' as const, id: r.id, accountId: r.accountId, title: r.title })),
    ];
    if (candidates.length === 0) continue;
    const community = await findCommunityContext(s, communityId);
    if (!community) continue;
    await s.db.transaction().execute(async (tx) => {
      for (const kind of kinds) {
        const mine = candidates.filter((c) => c.kind === kind);
        const settled = await store.settledPairs(
          tx,
          communityId,
          kind,
          mine.map((c) => c.id),
        );
        for (const c of mine) {
          if (settled.has(`${c.id} ${c.accountId}`)) continue;
          settled.add(`${c.id} ${c.accountId}`);
          if (!(await store.notePrompt(tx, communityId, kind, c.id, c.accountId, to))) continue;
          await notify(s, tx, {
            kind: askKind.name,
            community,
            to: [c.accountId],
            about: { type: `feedback_${kind}`, id: c.id, title: c.title },
            path: `/feedback/${kind}/${c.id}`,
            text: { subject: 'feedback.mail.ask.subject', body: `feedback.mail.ask.body_${kind}` },
            params: { title: c.title },
          });
          asked++;
        }
      }
    });
  }
  return asked;
}

/** Registers the asking job (every `askEverySeconds`). */
export function registerFeedbackJobs(s: Services): void {
  registerRecurringJob(s, askJob, askEverySeconds, async () => {
    await askHowItWent(s);
  });
}

/** Queues the first run of the asking job (start-up), unless one waits. */
export function startFeedbackJobs(s: Services): Promise<void> {
  return startRecurringJob(s, askJob);
}
