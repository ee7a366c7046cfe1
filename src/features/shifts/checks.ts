/**
 * Completing a shift, and what a place's checks say: its checklist, a temperature reading of a
 * fridge or a freezer (in the community's unit, stored in °C), feedback and food saved.
 *
 * Food safety (FDA Food Code 3-501.16, the EU's chilled-food guidance; the limits PRODUCT.md
 * names): a fridge above 5 °C (41 °F) or a freezer above −18 °C (0 °F) alerts the place's
 * volunteers at once, and so does a place with no check for longer than it allows (its
 * `check_hours`): a recurring job, once per lapse. Alerts are an emergency kind: they go
 * through quiet hours.
 */
import { requireMember, requireRole } from '../../platform/access.ts';
import { type Ctx, findCommunityContext, type Services } from '../../platform/context.ts';
import { toCsv } from '../../platform/csv.ts';
import type { Appliance, ShiftFeedback, TemperatureUnit } from '../../platform/db/database.ts';
import { addSeconds, iso, localDateTime } from '../../platform/db/time.ts';
import { authorize, Conflict, Invalid, NotFound } from '../../platform/errors.ts';
import { registerRecurringJob, startRecurringJob } from '../../platform/jobs/recurring.ts';
import type { NotificationKind } from '../../platform/notify/kinds.ts';
import { notify, resolve } from '../../platform/notify/service.ts';
import { findPlace, placesWithCheckHours, placeVolunteerIds } from '../places/service.ts';
import { can } from './policy.ts';
import { startOf } from './service.ts';
import * as store from './store.ts';

/** The alert kind: unsafe readings and lapsed checks, to a place's volunteers, through quiet hours. */
export const alertKind: NotificationKind = {
  name: 'shifts.alerts',
  defaults: { mail: 'immediate', push: 'immediate' },
  emergency: true,
  // Both ask the place's keepers to go and look; the next check logged there settles them
  // (`completeShift`): a safe reading settles both, an unsafe one the overdue check only.
  asks: { 'shifts.mail.unsafe.subject': 'shifts.unsafe', 'shifts.mail.stale.subject': 'shifts.stale' },
};

/** The warmest safe reading, °C: a fridge at most 5 °C (41 °F), a freezer at most −18 °C (0 °F). */
export const safeMaxC: Record<Appliance, number> = { fridge: 5, freezer: -18 };
/** Readings outside this range (°C) are not a fridge's or a freezer's: a typo, refused. */
export const physicalC = { min: -40, max: 40 } as const;
/** How often the stale-check job looks. */
export const staleEverySeconds = 15 * 60;

/**
 * °C of a reading in `unit`, to a hundredth: enough for a reading in °F to read back as given to
 * its tenth (40 °F is 4.44 °C, 39.99 °F again).
 */
export function toCelsius(value: number, unit: TemperatureUnit): number {
  const c = unit === 'F' ? ((value - 32) * 5) / 9 : value;
  return Math.round(c * 100) / 100;
}

/** A reading stored in °C, in `unit`, to a tenth. */
export function fromCelsius(c: number, unit: TemperatureUnit): number {
  return Math.round((unit === 'F' ? (c * 9) / 5 + 32 : c) * 10) / 10;
}

/** What a volunteer logs when completing a shift. */
export interface CompletionInput {
  /** The checklist items done (text as the series lists them). */
  done?: readonly string[];
  appliance?: Appliance;
  /** In the community's unit. */
  temperature?: number;
  feedback?: ShiftFeedback;
  feedbackNote?: string;
  foodSavedKg?: number;
}

/**
 * Completes an occurrence that has started: who signed up for it, or who keeps its series
 * (`Forbidden('shifts.only_volunteers_complete')`). Logs its checklist and, when given, a
 * reading (refused outside physical range, `Invalid` on `temperature`: `shifts.temperature_range`;
 * an appliance without a reading or the reverse: `shifts.reading_whole`). An unsafe reading
 * alerts the place's volunteers in the same transaction. Once per occurrence
 * (`Conflict('shifts.already_completed')`).
 */
export async function completeShift(
  ctx: Ctx,
  seriesId: string,
  occurrence: string,
  input: CompletionInput,
): Promise<{ unsafe: boolean }> {
  const member = requireMember(ctx);
  const { communityId, community } = member;
  return ctx.db.transaction().execute(async (tx) => {
    const series = await store.findSeries(tx, communityId, seriesId);
    if (!series || series.archivedAt) throw new NotFound('shifts.series_not_found');
    const start = startOf(series, community, occurrence);
    const now = ctx.clock.now();
    if (start > now) throw new Conflict('shifts.not_started');
    const shift = await store.ensureShift(tx, {
      communityId,
      seriesId: series.id,
      occurrence,
      startsAt: iso(start),
      endsAt: iso(addSeconds(start, series.durationMinutes * 60)),
      createdAt: iso(now),
    });
    const signedUp = Boolean(await store.findSignup(tx, communityId, shift.id, member.accountId));
    const keepers = series.placeId ? await placeVolunteerIds(tx, communityId, series.placeId) : [];
    authorize(
      can.complete(ctx.actor, { placeVolunteerIds: keepers }, signedUp),
      'shifts.only_volunteers_complete',
    );
    if (shift.completedAt) throw new Conflict('shifts.already_completed');
    if (shift.cancelledAt) throw new Conflict('shifts.cancelled');

    const unit = await store.temperatureUnit(tx, communityId);
    const reading = input.temperature !== undefined;
    if (reading !== (input.appliance !== undefined)) {
      throw new Invalid([{ field: reading ? 'appliance' : 'temperature', code: 'shifts.reading_whole' }]);
    }
    const celsius = reading ? toCelsius(input.temperature as number, unit) : null;
    if (celsius !== null && (celsius < physicalC.min || celsius > physicalC.max)) {
      throw new Invalid([
        {
          field: 'temperature',
          code: 'shifts.temperature_range',
          params: { min: fromCelsius(physicalC.min, unit), max: fromCelsius(physicalC.max, unit), unit },
        },
      ]);
    }
    const items = series.checklist ? series.checklist.split('\n') : [];
    const done = new Set(input.done ?? []);
    await store.insertCheck(tx, {
      communityId,
      shiftId: shift.id,
      placeId: series.placeId,
      accountId: member.accountId,
      checkedAt: iso(now),
      checklist: JSON.stringify(items.map((item) => ({ item, done: done.has(item) }))),
      appliance: input.appliance ?? null,
      temperatureC: celsius,
      feedback: input.feedback ?? null,
      feedbackNote: input.feedbackNote ?? '',
      foodSavedKg: input.foodSavedKg ?? null,
    });
    await store.completeShift(tx, communityId, shift.id, iso(now));
    const unsafe = celsius !== null && input.appliance !== undefined && celsius > safeMaxC[input.appliance];
    if (series.placeId)
      await resolve(
        ctx,
        tx,
        communityId,
        { type: 'place', id: series.placeId },
        { tasks: unsafe ? ['shifts.stale'] : ['shifts.unsafe', 'shifts.stale'] },
      );
    if (unsafe && series.placeId) {
      const place = await findPlace(tx, communityId, series.placeId);
      await notify(ctx, tx, {
        kind: alertKind.name,
        community,
        to: keepers,
        about: { type: 'place', id: series.placeId, title: place?.name ?? '' },
        path: `/shifts/places/${series.placeId}/log`,
        text: { subject: 'shifts.mail.unsafe.subject', body: 'shifts.mail.unsafe.body' },
        params: {
          place: place?.name ?? '',
          reading: `${fromCelsius(celsius, unit)} °${unit}`,
          limit: `${fromCelsius(safeMaxC[input.appliance as Appliance], unit)} °${unit}`,
          appliance: input.appliance as string,
          name: ctx.account?.displayName ?? '',
        },
      });
    }
    return { unsafe };
  });
}

/** A line of a place's log, as pages and the CSV show it (times in the community's zone). */
export interface CheckLine {
  /** `YYYY-MM-DDTHH:mm` in the community's zone. */
  local: string;
  checkedAt: string;
  shift: string;
  by: string;
  appliance: Appliance | null;
  /** In the community's unit. */
  temperature: number | null;
  unsafe: boolean;
  checklist: { item: string; done: boolean }[];
  feedback: ShiftFeedback | null;
  feedbackNote: string;
  foodSavedKg: number | null;
}

/** The most lines a log shows (and exports). */
export const logLimit = 1000;

/** A place's log of checks, newest first (at most `limit`); active members. */
export async function placeLog(ctx: Ctx, placeId: string, limit = logLimit) {
  const member = requireMember(ctx);
  const place = await findPlace(ctx.db, member.communityId, placeId);
  if (!place) throw new NotFound('shifts.place_not_found');
  const unit = await store.temperatureUnit(ctx.db, member.communityId);
  const rows = await store.listChecks(ctx.db, member.communityId, placeId, limit);
  const lines: CheckLine[] = rows.map((r) => ({
    local: localDateTime(new Date(r.checkedAt), member.community.timeZone),
    checkedAt: r.checkedAt,
    shift: r.title,
    by: r.displayName ?? '',
    appliance: r.appliance,
    temperature: r.temperatureC === null ? null : fromCelsius(r.temperatureC, unit),
    unsafe: r.temperatureC !== null && r.appliance !== null && r.temperatureC > safeMaxC[r.appliance],
    checklist: JSON.parse(r.checklist),
    feedback: r.feedback,
    feedbackNote: r.feedbackNote,
    foodSavedKg: r.foodSavedKg,
  }));
  return { place, unit, lines };
}

/** How many readings a place's page shows (its log has them all). */
export const readingsShown = 3;

/**
 * What a place's page shows of its checks: the last one (when, who), and the latest readings
 * among its last ten checks, in the community's unit. Active members.
 */
export async function latestChecks(ctx: Ctx, placeId: string) {
  const { unit, lines } = await placeLog(ctx, placeId, 10);
  return {
    unit,
    last: lines[0] ?? null,
    readings: lines.filter((l) => l.temperature !== null).slice(0, readingsShown),
  };
}

/**
 * A place's log as a CSV file (`shift-log-<place>.csv`): date and time in the community's zone,
 * the shift, the appliance, the reading in the community's unit, whether it was unsafe, who,
 * the checklist, feedback, food saved. Headers in the reader's language.
 */
export async function placeLogCsv(ctx: Ctx, placeId: string): Promise<{ name: string; text: string }> {
  const { place, unit, lines } = await placeLog(ctx, placeId);
  const t = ctx.t;
  const header = [
    'date',
    'time',
    'shift',
    'appliance',
    'reading',
    'unsafe',
    'by',
    'checklist',
    'feedback',
    'food_saved_kg',
  ].map((h) => t(`shifts.csv.${h}`, { unit }));
  const rows = lines.map((l) => [
    l.local.slice(0, 10),
    l.local.slice(11),
    l.shift,
    l.appliance ? t(`shifts.appliance.${l.appliance}`) : '',
    l.temperature ?? '',
    l.unsafe ? t('shifts.csv.yes') : '',
    l.by,
    l.checklist.map((c) => `${c.done ? '✓' : '✗'} ${c.item}`).join('; '),
    [l.feedback ? t(`shifts.feedback.${l.feedback}`) : '', l.feedbackNote].filter(Boolean).join(': '),
    l.foodSavedKg ?? '',
  ]);
  const slug =
    place.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'place';
  return { name: `shift-log-${slug}.csv`, text: toCsv(header, rows) };
}

/** Sets the community's temperature unit; stewards (`Forbidden('shifts.only_stewards')`). */
export async function setUnit(ctx: Ctx, unit: TemperatureUnit): Promise<void> {
  const member = requireRole(ctx, can.chooseUnit, 'shifts.only_stewards');
  await ctx.db.transaction().execute((tx) => store.setTemperatureUnit(tx, member.communityId, unit));
}

/** The community's temperature unit; active members. */
export async function unitOf(ctx: Ctx): Promise<TemperatureUnit> {
  const member = requireMember(ctx);
  return store.temperatureUnit(ctx.db, member.communityId);
}

/**
 * Alerts the volunteers of each place whose last check (or, never checked, its creation) is older
 * than its `check_hours`, once per lapse: the alert remembers the check it was sent for, and a
 * new check starts a new lapse.
 */
export async function alertStaleChecks(s: Services): Promise<number> {
  const now = s.clock.now();
  let alerted = 0;
  for (const place of await placesWithCheckHours(s.db)) {
    const hours = place.checkHours as number;
    const last = await store.lastCheckAt(s.db, place.communityId, place.id);
    const since = last ?? place.createdAt;
    if (Date.parse(since) + hours * 3_600_000 > now.getTime()) continue;
    const community = await findCommunityContext(s, place.communityId);
    if (!community) continue;
    await s.db.transaction().execute(async (tx) => {
      const sent = await store.findStaleAlert(tx, place.communityId, place.id);
      if (sent && sent.lastCheckAt === last) return;
      await store.saveStaleAlert(tx, place.communityId, place.id, last, iso(now));
      await notify(s, tx, {
        kind: alertKind.name,
        community,
        to: await placeVolunteerIds(tx, place.communityId, place.id),
        about: { type: 'place', id: place.id, title: place.name },
        path: `/shifts/places/${place.id}/log`,
        text: { subject: 'shifts.mail.stale.subject', body: 'shifts.mail.stale.body' },
        params: { place: place.name, hours },
      });
      alerted++;
    });
  }
  return alerted;
}

/** Registers the stale-check job. */
export function registerCheckJobs(s: Services): void {
  registerRecurringJob(s, 'shifts.stale_checks', staleEverySeconds, async () => {
    await alertStaleChecks(s);
  });
}

/** Queues the first stale-check run (start-up), unless one waits. */
export function startCheckJobs(s: Services): Promise<void> {
  return startRecurringJob(s, 'shifts.stale_checks');
}
