/**
 * Milestones (capability 8; issue 18, step 5, "celebrate"): a job counts the community's activity
 * with the service clock and records each milestone it reached once — the 100th loan, a year of
 * fridge shifts, the first seed brought back, 50 rides, 10 workshops, 100 shifts — with the people
 * it thanks. They are shown on the front porch and the milestones page, naming only those who
 * agreed to be named (each for each milestone; nobody by default). Stewards may set their
 * community's thresholds; the defaults are one table, `defaults` below.
 */
import { requireMember, requireRole } from '../../platform/access.ts';
import type { Ctx, Services } from '../../platform/context.ts';
import type { Db, MilestoneKind } from '../../platform/db/database.ts';
import { iso, localDateTime, localMonth, zonedInstant } from '../../platform/db/time.ts';
import { authorize, NotFound } from '../../platform/errors.ts';
import { registerRecurringJob, startRecurringJob } from '../../platform/jobs/recurring.ts';
import { can } from './policy.ts';
import * as store from './store.ts';

/**
 * The kinds of milestone and their default thresholds, in the order they are shown. A year of
 * fridge shifts counts the months in which a fridge had a shift done (12: a whole year's worth);
 * the others count events (the n-th loan picked up, seed pledge brought back, household driven to
 * a shelter, workshop held, shift done).
 */
export const defaults: Readonly<Record<MilestoneKind, number>> = {
  loans: 100,
  fridge_year: 12,
  seed_returned: 1,
  rides: 50,
  workshops: 10,
  shifts: 100,
};

/** The kinds, in order. */
export const milestoneKinds = Object.keys(defaults) as MilestoneKind[];

/** The thresholds of a community: its own where a steward set one, the defaults otherwise. */
async function thresholdsOf(db: Db, communityId: string): Promise<Record<MilestoneKind, number>> {
  const own = await store.thresholds(db, communityId);
  return Object.fromEntries(milestoneKinds.map((k) => [k, own.get(k) ?? defaults[k]])) as Record<
    MilestoneKind,
    number
  >;
}

/** A milestone found reached, before it is recorded. */
interface Reached {
  kind: MilestoneKind;
  threshold: number;
  scopeId: string;
  reachedAt: string;
  accountIds: string[];
}

/**
 * What the community reached by `now` at `thresholds`, leaving out what `known` (`kind threshold
 * scope`) already holds. A year of fridge shifts is reached per fridge, at the end of the first
 * shift of its n-th month with a shift done, thanking everyone who did a shift there by then.
 */
async function detect(
  db: Db,
  community: { id: string; timeZone: string },
  thresholds: Record<MilestoneKind, number>,
  known: ReadonlySet<string>,
  now: Date,
): Promise<Reached[]> {
  const before = iso(now);
  const out: Reached[] = [];
  const counted: [MilestoneKind, (n: number) => Promise<store.NthEvent | undefined>][] = [
    ['loans', (n) => store.nthLoan(db, community.id, n, before)],
    ['seed_returned', (n) => store.nthSeedReturned(db, community.id, n, before)],
    ['rides', (n) => store.nthRide(db, community.id, n, before)],
    ['shifts', (n) => store.nthShift(db, community.id, n, before)],
    [
      'workshops',
      async (n) => {
        const w = await store.nthWorkshop(db, community.id, n, localDateTime(now, community.timeZone));
        return w && { at: iso(zonedInstant(w.startLocal, community.timeZone)), accountIds: w.accountIds };
      },
    ],
  ];
  for (const [kind, nth] of counted) {
    const threshold = thresholds[kind];
    if (known.has(`${kind} ${threshold} `)) continue;
    const event = await nth(threshold);
    if (event) out.push({ kind, threshold, scopeId: '', reachedAt: event.at, accountIds: event.accountIds });
  }

  const months = thresholds.fridge_year;
  const byPlace = new Map<string, { months: Set<string>; people: Set<string>; reachedAt?: string }>();
  for (const row of await store.fridgeShiftsDone(db, community.id, before)) {
    let place = byPlace.get(row.placeId);
    if (!place) {
      place = { months: new Set(), people: new Set() };
      byPlace.set(row.placeId, place);
    }
    // Who came until the milestone was reached is thanked for it.
    if (place.reachedAt && row.endsAt > place.reachedAt) continue;
    place.people.add(row.accountId);
    place.months.add(localMonth(new Date(row.endsAt), community.timeZone));
    if (place.months.size >= months && !place.reachedAt) place.reachedAt = row.endsAt;
  }
  for (const [placeId, place] of byPlace) {
    if (!place.reachedAt || known.has(`fridge_year ${months} ${placeId}`)) continue;
    out.push({
      kind: 'fridge_year',
      threshold: months,
      scopeId: placeId,
      reachedAt: place.reachedAt,
      accountIds: [...place.people],
    });
  }
  return out;
}

/**
 * Records every milestone each live community reached by the service clock's now and has not
 * recorded yet. Idempotent: running it again records nothing new, and two runs at once record
 * each milestone once (the database's unique constraint decides). Returns how many it recorded.
 */
export async function detectMilestones(s: Pick<Services, 'db' | 'clock'>): Promise<number> {
  const now = s.clock.now();
  let recorded = 0;
  for (const community of await store.liveCommunities(s.db)) {
    const [thresholds, known] = await Promise.all([
      thresholdsOf(s.db, community.id),
      store.reachedKeys(s.db, community.id),
    ]);
    const reached = await detect(s.db, community, thresholds, known, now);
    if (reached.length === 0) continue;
    await s.db.transaction().execute(async (tx) => {
      for (const m of reached) if (await store.recordMilestone(tx, community.id, m, iso(now))) recorded++;
    });
  }
  return recorded;
}

/** The detecting job. */
export const detectJob = 'milestones.detect';
/** How often it runs. */
export const detectEverySeconds = 60 * 60;

/** Registers the detecting job (every `detectEverySeconds`). */
export function registerMilestoneJobs(s: Services): void {
  registerRecurringJob(s, detectJob, detectEverySeconds, async () => {
    await detectMilestones(s);
  });
}

/** Queues the first run of the detecting job (start-up), unless one waits. */
export function startMilestoneJobs(s: Services): Promise<void> {
  return startRecurringJob(s, detectJob);
}

/** A milestone as shown: what, when, whom it thanks by name, and the actor's own part in it. */
export interface MilestoneView {
  id: string;
  kind: MilestoneKind;
  threshold: number;
  /** The fridge of a year of fridge shifts; null otherwise. */
  place: string | null;
  reachedAt: string;
  /** Those who agreed to be named, by name. */
  named: string[];
  /** How many more it thanks, who did not ask to be named. */
  others: number;
  /** The actor is among those it thanks: whether they are named (null: not among them). */
  mine: boolean | null;
}

async function views(
  db: Db,
  communityId: string,
  rows: Awaited<ReturnType<typeof store.listMilestones>>,
  accountId: string | null,
): Promise<MilestoneView[]> {
  const people = await store.peopleOf(
    db,
    communityId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const own = people.filter((p) => p.milestoneId === r.id);
    const me = own.find((p) => p.accountId === accountId);
    return {
      id: r.id,
      kind: r.kind,
      threshold: r.threshold,
      place: r.placeName ?? null,
      reachedAt: r.reachedAt,
      named: own.filter((p) => p.named === 1).map((p) => p.displayName),
      others: own.filter((p) => p.named !== 1).length,
      mine: me ? me.named === 1 : null,
    };
  });
}

/** How many milestones the page lists. */
export const pageLimit = 100;

/** The community's milestones, newest first (active members). */
export async function listMilestones(ctx: Ctx): Promise<MilestoneView[]> {
  const { communityId, accountId } = requireMember(ctx);
  return views(ctx.db, communityId, await store.listMilestones(ctx.db, communityId, pageLimit), accountId);
}

/** The milestones reached in the last `days` days, newest first, at most `limit` (the front porch). */
export async function recentMilestones(ctx: Ctx, days: number, limit: number): Promise<MilestoneView[]> {
  const { communityId, accountId } = requireMember(ctx);
  const from = iso(new Date(ctx.clock.now().getTime() - days * 86_400_000));
  return views(ctx.db, communityId, await store.listMilestones(ctx.db, communityId, limit, from), accountId);
}

/**
 * Whether the actor is named with milestone `milestoneId`: only someone it thanks may choose
 * (`Forbidden('milestones.errors.only_thanked')`); another community's or none is
 * `NotFound('milestones.errors.not_found')`.
 */
export async function chooseNamed(ctx: Ctx, milestoneId: string, named: boolean): Promise<void> {
  const { communityId, accountId } = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await store.milestoneExists(tx, communityId, milestoneId)))
      throw new NotFound('milestones.errors.not_found');
    authorize(
      await store.setNamed(tx, communityId, milestoneId, accountId, named),
      'milestones.errors.only_thanked',
    );
  });
}

/** A community's thresholds, each with its default and whether the community chose its own. */
export interface ThresholdView {
  kind: MilestoneKind;
  threshold: number;
  default: number;
}

/** The community's thresholds (active members may read them). */
export async function thresholdList(ctx: Ctx): Promise<ThresholdView[]> {
  const { communityId } = requireMember(ctx);
  const own = await thresholdsOf(ctx.db, communityId);
  return milestoneKinds.map((kind) => ({ kind, threshold: own[kind], default: defaults[kind] }));
}

/** The thresholds form's values: stewards only (`Forbidden('milestones.errors.only_stewards')`). */
export async function thresholdForm(ctx: Ctx): Promise<ThresholdView[]> {
  requireRole(ctx, can.setThresholds, 'milestones.errors.only_stewards');
  return thresholdList(ctx);
}

/**
 * Sets the community's thresholds (stewards only: `Forbidden('milestones.errors.only_stewards')`):
 * each kind given takes that number (1 to 1,000,000, the schema's bounds); one equal to its
 * default goes back to following the default. Milestones already reached stay; a new threshold
 * is a new milestone to reach.
 */
export async function setThresholds(
  ctx: Ctx,
  values: Partial<Record<MilestoneKind, number>>,
): Promise<ThresholdView[]> {
  const { communityId } = requireRole(ctx, can.setThresholds, 'milestones.errors.only_stewards');
  const changes = new Map<MilestoneKind, number | null>();
  for (const kind of milestoneKinds) {
    const v = values[kind];
    if (v !== undefined) changes.set(kind, v === defaults[kind] ? null : v);
  }
  await ctx.db
    .transaction()
    .execute((tx) => store.setThresholds(tx, communityId, changes, iso(ctx.clock.now())));
  return thresholdList(ctx);
}

/** A milestone as the newsletter tells it. */
export interface NewsletterMilestone {
  kind: MilestoneKind;
  threshold: number;
  place: string | null;
  reachedAt: string;
  /** Those who agreed to be named. */
  named: string[];
  /** How many more it thanks. */
  others: number;
}

/**
 * The milestones community `communityId` reached in its local month `month` (`YYYY-MM`), oldest
 * first, for the newsletter: what, when, and the names of only those who agreed to be named.
 * It does not authorize (the caller decides who reads what it compiles); a community gone or
 * archived has none.
 */
export async function monthMilestones(
  s: Pick<Services, 'db'>,
  communityId: string,
  month: string,
): Promise<NewsletterMilestone[]> {
  const zone = await store.timeZoneOf(s.db, communityId);
  if (!zone) return [];
  const rows = (
    await store.listMilestones(s.db, communityId, 1000, iso(zonedInstant(`${month}-01`, zone)))
  ).filter((r) => localMonth(new Date(r.reachedAt), zone) === month);
  return (await views(s.db, communityId, rows, null))
    .reverse()
    .map(({ kind, threshold, place, reachedAt, named, others }) => ({
      kind,
      threshold,
      place,
      reachedAt,
      named,
      others,
    }));
}

/** How many milestones the community reached (the six steps guide). No authorization: a count. */
export function milestoneCount(s: Pick<Services, 'db'>, communityId: string): Promise<number> {
  return store.countMilestones(s.db, communityId);
}
