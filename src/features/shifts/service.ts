/**
 * Shifts: recurring series at a place or anywhere, and volunteers signing up for their
 * occurrences. Each write follows the same order: validate, load, authorize, check state, write
 * in one transaction, tell who should know (`notify`, inside it).
 *
 * Occurrences are computed from their series when read (`platform/calendar`), not stored ahead:
 * a series that never ends has no last row to make, a changed rule leaves no stale rows behind,
 * and the pages only ever show a few weeks. A `shift` row is made for an occurrence the first
 * time someone acts on it (signs up, completes it), keyed by the local start the rule gave.
 */
import { type Member, requireMember } from '../../platform/access.ts';
import {
  checkRecurrence,
  isOccurrence,
  localStartOf,
  minutesOfDay,
  occurrencesBetween,
  type Recurrence,
  recurrenceOf,
  ruleOfForm,
} from '../../platform/calendar/recurrence.ts';
import type { CommunityContext, Ctx, Services } from '../../platform/context.ts';
import type { Db, ShiftSeries } from '../../platform/db/database.ts';
import { addDays, addMonths, addSeconds, iso } from '../../platform/db/time.ts';
import { authorize, type FieldError, Invalid, invalid, NotFound } from '../../platform/errors.ts';
import { type NotificationKind, personal } from '../../platform/notify/kinds.ts';
import type { Param } from '../../platform/notify/render.ts';
import { notify } from '../../platform/notify/service.ts';
import { findPlace, livePlaces, placeVolunteerIds } from '../places/service.ts';
import { can, type SeriesFacts } from './policy.ts';
import type { repeats } from './schema.ts';
import * as store from './store.ts';

/** The kinds of notification shifts send. */
export const shiftKinds: NotificationKind[] = [
  /** Before each shift one signed up for. */
  { name: 'shifts.reminders', defaults: personal },
  /** Someone on my shift dropped out, asked for a substitute, or took my place. */
  { name: 'shifts.changes', defaults: personal },
];

/** How long before a shift its volunteers are reminded. */
export const reminderHours = 24;
/** How many weeks the list shows unless asked. */
export const defaultWeeks = 4;

/** What the policy needs of a series (or of a place a series would be at). */
export async function factsOf(db: Db, communityId: string, placeId: string | null): Promise<SeriesFacts> {
  return { placeVolunteerIds: placeId ? await placeVolunteerIds(db, communityId, placeId) : [] };
}

/** A live series of the community; `NotFound('shifts.series_not_found')` otherwise. */
export async function loadSeries(db: Db, communityId: string, seriesId: string): Promise<ShiftSeries> {
  const series = await store.findSeries(db, communityId, seriesId);
  if (!series || series.archivedAt) throw new NotFound('shifts.series_not_found');
  return series;
}

/** A series as a form or the API gives it (`SeriesIn`). */
export interface SeriesInput {
  title: string;
  description?: string;
  checklist?: string;
  placeId?: string;
  startDate: string;
  startTime: string;
  endTime: string;
  repeat: (typeof repeats)[number];
  until?: string;
  seasonFrom?: string;
  seasonUntil?: string;
  exceptions?: string;
  peopleNeeded: number;
  trainedOnly?: boolean;
  trialSlots?: number;
}

/** The calendar core's fields, named as the form names them. */
const formField: Record<string, string> = {
  start: 'startDate',
  rule: 'repeat',
  season: 'seasonFrom',
  exceptions: 'exceptions',
};

/**
 * Checks a series' input and returns its columns: an end after the start (same day), trial
 * slots within the people needed, a season given whole, exceptions as dates, and a recurrence
 * that produces a date. Throws `Invalid` naming every refused field.
 */
function seriesColumns(input: SeriesInput) {
  const errors: FieldError[] = [];
  const duration = minutesOfDay(input.endTime) - minutesOfDay(input.startTime);
  if (duration <= 0) errors.push({ field: 'endTime', code: 'shifts.ends_before_start' });
  const trialSlots = input.trainedOnly ? (input.trialSlots ?? 0) : 0;
  if (trialSlots > input.peopleNeeded) {
    errors.push({
      field: 'trialSlots',
      code: 'shifts.trial_slots_above_needed',
      params: { needed: input.peopleNeeded },
    });
  }
  if (Boolean(input.seasonFrom) !== Boolean(input.seasonUntil)) {
    errors.push({ field: input.seasonFrom ? 'seasonUntil' : 'seasonFrom', code: 'shifts.season_both' });
  }
  if (input.until && input.until < input.startDate) {
    errors.push({ field: 'until', code: 'shifts.until_before_start' });
  }
  const exceptions = (input.exceptions ?? '').split(/[\s,]+/).filter(Boolean);
  const recurrence: Recurrence = {
    start: `${input.startDate}T${input.startTime}`,
    rule: ruleOfForm(input.startDate, input.repeat, input.until),
    season:
      input.seasonFrom && input.seasonUntil ? { from: input.seasonFrom, until: input.seasonUntil } : null,
    exceptions,
  };
  if (errors.length === 0) {
    try {
      checkRecurrence(recurrence);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      errors.push(...e.fields.map((f) => ({ ...f, field: formField[f.field] ?? f.field })));
    }
  }
  if (errors.length) throw new Invalid(errors);
  return {
    title: input.title,
    description: input.description ?? '',
    checklist: (input.checklist ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n'),
    startLocal: recurrence.start,
    durationMinutes: duration,
    rule: recurrence.rule,
    seasonFrom: recurrence.season?.from ?? null,
    seasonUntil: recurrence.season?.until ?? null,
    exceptions: exceptions.join(','),
    peopleNeeded: input.peopleNeeded,
    trainedOnly: input.trainedOnly ? 1 : 0,
    trialSlots,
  };
}

/** Whether the actor may add a series at `placeId` (or anywhere); for the pages' links. */
export async function mayAddSeries(ctx: Ctx, placeId?: string | null): Promise<boolean> {
  const member = requireMember(ctx);
  return can.addSeries(ctx.actor, await factsOf(ctx.db, member.communityId, placeId ?? null));
}

/** The live places the actor may set a series up at: every one for a steward, else those they keep. */
export async function placesToSetUpAt(ctx: Ctx): Promise<{ id: string; name: string }[]> {
  const member = requireMember(ctx);
  const out: { id: string; name: string }[] = [];
  for (const place of await livePlaces(ctx.db, member.communityId)) {
    if (can.addSeries(ctx.actor, await factsOf(ctx.db, member.communityId, place.id))) {
      out.push({ id: place.id, name: place.name });
    }
  }
  return out;
}

/** Refuses the new-series form to a member who may set one up nowhere (`Forbidden('shifts.only_keepers')`). */
export function assertMayAddSomewhere(places: readonly unknown[], anywhere: boolean): void {
  authorize(anywhere || places.length > 0, 'shifts.only_keepers');
}

/**
 * Sets up a series. Stewards anywhere; a place's volunteers at their place
 * (`Forbidden('shifts.only_keepers')`). A place of another community, or archived, is 404.
 */
export async function addSeries(ctx: Ctx, input: SeriesInput): Promise<ShiftSeries> {
  const member = requireMember(ctx);
  const columns = seriesColumns(input);
  return ctx.db.transaction().execute(async (tx) => {
    const placeId = input.placeId ?? null;
    if (placeId) {
      const place = await findPlace(tx, member.communityId, placeId);
      if (!place || place.archivedAt) throw new NotFound('shifts.place_not_found');
    }
    authorize(
      can.addSeries(ctx.actor, await factsOf(tx, member.communityId, placeId)),
      'shifts.only_keepers',
    );
    const now = iso(ctx.clock.now());
    const id = await store.insertSeries(tx, {
      ...columns,
      communityId: member.communityId,
      placeId,
      createdBy: member.accountId,
      createdAt: now,
      updatedAt: now,
    });
    return (await store.findSeries(tx, member.communityId, id)) as ShiftSeries;
  });
}

/**
 * Changes a series' title, description, checklist or people needed. Refuses fewer people than
 * are already signed up for one of its coming occurrences
 * (`Invalid` on `peopleNeeded`: `shifts.needed_below_signed_up`).
 */
export async function changeSeries(
  ctx: Ctx,
  seriesId: string,
  input: { title?: string; description?: string; checklist?: string; peopleNeeded?: number },
): Promise<ShiftSeries> {
  const member = requireMember(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const series = await loadSeries(tx, member.communityId, seriesId);
    authorize(
      can.manageSeries(ctx.actor, await factsOf(tx, member.communityId, series.placeId)),
      'shifts.only_keepers',
    );
    if (input.peopleNeeded !== undefined) {
      const most = await store.mostSignedUp(tx, member.communityId, series.id, iso(ctx.clock.now()));
      if (input.peopleNeeded < most) {
        throw new Invalid([
          { field: 'peopleNeeded', code: 'shifts.needed_below_signed_up', params: { count: most } },
        ]);
      }
      if (input.peopleNeeded < series.trialSlots) {
        throw new Invalid([
          {
            field: 'peopleNeeded',
            code: 'shifts.needed_below_trial_slots',
            params: { count: series.trialSlots },
          },
        ]);
      }
    }
    await store.updateSeries(tx, member.communityId, series.id, {
      ...input,
      ...(input.checklist !== undefined
        ? {
            checklist: input.checklist
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean)
              .join('\n'),
          }
        : {}),
      updatedAt: iso(ctx.clock.now()),
    });
    return (await store.findSeries(tx, member.communityId, series.id)) as ShiftSeries;
  });
}

/** A volunteer on a shift, as pages and the API show them. */
export interface VolunteerView {
  accountId: string;
  name: string;
  trial: boolean;
  substituteAsked: boolean;
}

/** One occurrence with its volunteers (`ShiftOut`). */
export interface ShiftView {
  seriesId: string;
  occurrence: string;
  shiftId: string | null;
  title: string;
  placeId: string | null;
  placeName: string | null;
  startsAt: string;
  endsAt: string;
  local: string;
  peopleNeeded: number;
  open: number;
  volunteers: VolunteerView[];
  mine: boolean;
  cancelled: boolean;
  /** When it was cancelled, an instant; null when it was not. */
  cancelledAt: string | null;
  completed: boolean;
}

/**
 * The community's shifts starting in [from, until) (instants), every series expanded, with who
 * signed up; of one place when `placeId` is given. Ordered by start.
 */
async function shiftsBetween(
  ctx: Pick<Ctx, 'db'>,
  member: Pick<Member, 'communityId' | 'community'> & { accountId: string | null },
  from: Date,
  until: Date,
  placeId?: string,
): Promise<ShiftView[]> {
  const { communityId, community } = member;
  const seriesList = await store.listSeries(ctx.db, communityId, placeId);
  const rows = await store.listShiftsBetween(ctx.db, communityId, iso(from), iso(until));
  const rowOf = new Map(rows.map((r) => [`${r.seriesId} ${r.occurrence}`, r]));
  const signups = await store.listSignups(
    ctx.db,
    communityId,
    rows.map((r) => r.id),
  );
  const placeNames = new Map<string, string>();
  for (const id of new Set(seriesList.map((s) => s.placeId).filter((p): p is string => p !== null))) {
    const place = await findPlace(ctx.db, communityId, id);
    if (place) placeNames.set(id, place.name);
  }
  const out: ShiftView[] = [];
  for (const series of seriesList) {
    for (const o of occurrencesBetween(recurrenceOf(series), community.timeZone, from, until)) {
      const row = rowOf.get(`${series.id} ${o.key}`);
      const volunteers = row
        ? signups
            .filter((s) => s.shiftId === row.id)
            .map((s) => ({
              accountId: s.accountId,
              name: s.displayName,
              trial: s.trial === 1,
              substituteAsked: s.substituteAskedAt !== null,
            }))
        : [];
      const end = addSeconds(o.start, series.durationMinutes * 60);
      out.push({
        seriesId: series.id,
        occurrence: o.key,
        shiftId: row?.id ?? null,
        title: series.title,
        placeId: series.placeId,
        placeName: series.placeId ? (placeNames.get(series.placeId) ?? null) : null,
        startsAt: iso(o.start),
        endsAt: iso(end),
        local: o.local,
        peopleNeeded: series.peopleNeeded,
        open: Math.max(0, series.peopleNeeded - volunteers.filter((v) => !v.substituteAsked).length),
        volunteers,
        mine: volunteers.some((v) => v.accountId === member.accountId),
        cancelled: row?.cancelledAt != null,
        cancelledAt: row?.cancelledAt ?? null,
        completed: row?.completedAt != null,
      });
    }
  }
  return out.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title));
}

/**
 * Every shift of `community` starting in [from, until), with its open places (`open`), for
 * summaries read by a job (the newsletter's "shifts that still need people"); `mine` is false.
 */
export function shiftsOfCommunity(
  db: Db,
  community: CommunityContext,
  from: Date,
  until: Date,
): Promise<ShiftView[]> {
  return shiftsBetween({ db }, { communityId: community.id, community, accountId: null }, from, until);
}

/**
 * The coming shifts: from local date `from` (default today) for `weeks` weeks (default 4), of one
 * place when `place` is given. Active members.
 */
export async function listShifts(
  ctx: Ctx,
  query: { from?: string; weeks?: number; place?: string } = {},
): Promise<{ shifts: ShiftView[]; from: string; until: string }> {
  const member = requireMember(ctx);
  const { community } = member;
  const from = query.from ?? community.today();
  const until = addDays(from, 7 * (query.weeks ?? defaultWeeks));
  // From now when the range starts today: a shift that already began is no longer "coming".
  const start = from === community.today() ? ctx.clock.now() : community.instant(from);
  const shifts = await shiftsBetween(ctx, member, start, community.instant(until), query.place);
  return { shifts, from, until };
}

/**
 * A place's coming shifts for `weeks` weeks, from now, for its feed: whoever may read the feed
 * (the caller decides); `mine` is always false.
 */
export async function shiftsOfPlace(ctx: Ctx, placeId: string, weeks: number): Promise<ShiftView[]> {
  const community = ctx.community;
  if (!community) throw new NotFound('communities.not_found');
  const now = ctx.clock.now();
  const where = { communityId: community.id, community, accountId: null };
  return shiftsBetween(ctx, where, now, addSeconds(now, weeks * 7 * 86400), placeId);
}

/** The shifts of a local month `YYYY-MM`, from its first day to its last. Active members. */
export async function monthShifts(
  ctx: Ctx,
  month: string,
): Promise<{ shifts: ShiftView[]; next: string | null }> {
  const member = requireMember(ctx);
  const { community } = member;
  const first = `${month}-01`;
  checkHorizon(community, 'month', first);
  const next = addMonths(month, 1);
  const shifts = await shiftsBetween(ctx, member, community.instant(first), community.instant(`${next}-01`));
  return { shifts, next: withinHorizon(community, `${next}-01`) ? next : null };
}

/** One occurrence of a series, with its volunteers; `NotFound('shifts.occurrence_not_found')` if the rule gives none. */
export async function getShift(ctx: Ctx, seriesId: string, occurrence: string) {
  const member = requireMember(ctx);
  const series = await loadSeries(ctx.db, member.communityId, seriesId);
  const recurrence = recurrenceOf(series);
  if (!isOccurrence(recurrence, occurrence)) throw new NotFound('shifts.occurrence_not_found');
  checkHorizon(member.community, 'occurrence', occurrence);
  const start = member.community.instant(localStartOf(series, occurrence));
  const [view] = (
    await shiftsBetween(
      ctx,
      member,
      new Date(start.getTime() - 86_400_000),
      new Date(start.getTime() + 86_400_000),
    )
  ).filter((s) => s.seriesId === series.id && s.occurrence === occurrence);
  if (!view) throw new NotFound('shifts.occurrence_not_found');
  const facts = await factsOf(ctx.db, member.communityId, series.placeId);
  const mayManage = can.manageSeries(ctx.actor, facts);
  // Who was marked as not having come: for those who record it, on this occurrence only.
  const noShows =
    mayManage && view.shiftId
      ? (await store.listSignups(ctx.db, member.communityId, [view.shiftId]))
          .filter((s) => s.noShowAt !== null)
          .map((s) => s.accountId)
      : [];
  return {
    noShows,
    series,
    shift: view,
    checklist: series.checklist ? series.checklist.split('\n') : [],
    started: start <= ctx.clock.now(),
    mayManage,
    mayComplete: can.complete(ctx.actor, facts, view.mine),
  };
}

/** How many years ahead an occurrence may be seen, signed up for, cancelled or moved. */
export const horizonYears = 2;

/**
 * Refuses a local day (`YYYY-MM-DD…`) more than `horizonYears` after today there (`Invalid`
 * `field` `shifts.beyond_horizon`): a rule without end gives occurrences up to the year 9999,
 * nobody plans a shift there, and expanding a rule that far takes seconds.
 */
export function checkHorizon(community: CommunityContext, field: string, day: string): void {
  if (!withinHorizon(community, day)) invalid(field, 'shifts.beyond_horizon', { years: horizonYears });
}

/** Whether the local day `day` (`YYYY-MM-DD…`) is at most `horizonYears` after today there. */
export function withinHorizon(community: CommunityContext, day: string): boolean {
  const today = community.today();
  return day.slice(0, 10) <= `${Number(today.slice(0, 4)) + horizonYears}${today.slice(4)}`;
}

/**
 * The instant occurrence `occurrence` of `series` starts at, checked to be within the horizon
 * (`checkHorizon`) and one the rule gives (`NotFound('shifts.occurrence_not_found')` otherwise).
 */
export function startOf(series: ShiftSeries, community: CommunityContext, occurrence: string): Date {
  checkHorizon(community, 'occurrence', occurrence);
  if (!isOccurrence(recurrenceOf(series), occurrence)) throw new NotFound('shifts.occurrence_not_found');
  return community.instant(localStartOf(series, occurrence));
}

/** Tells `to` about a shift (`shifts.mail.<key>`), its day and time in their own language. */
export async function tell(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  community: CommunityContext,
  kind: string,
  to: readonly string[],
  key: string,
  series: ShiftSeries,
  occurrence: string,
  params: Record<string, Param> = {},
) {
  await notify(s, tx, {
    kind,
    community,
    to,
    about: { type: 'shift_series', id: series.id },
    path: `/shifts/${series.id}/${occurrence}`,
    text: { subject: `shifts.mail.${key}.subject`, body: `shifts.mail.${key}.body` },
    params: {
      title: series.title,
      day: { day: localStartOf(series, occurrence).slice(0, 10) },
      time: localStartOf(series, occurrence).slice(11),
      ...params,
    },
  });
}

export type { CompletionInput } from './checks.ts';
export { completeShift, latestChecks } from './checks.ts';
export { askSubstitute, dropOut, registerShiftJobs, signUp } from './signups.ts';
