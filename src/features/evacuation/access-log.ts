/**
 * The log of reads of the ride network's data: every read by a coordinator or a driver is written
 * before the data is handed over; stewards read the whole log, and each household or driver reads
 * the lines about their own registration.
 */
import type { Static } from 'typebox';
import { requireMember, requireRole } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { EvacuationAccess } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { can } from './policy.ts';
import type { AccessOut } from './schema.ts';
import * as store from './store.ts';

/** An entry of the log of reads. */
export type AccessView = Static<typeof AccessOut>;

/** Entries the log page shows (and a member's own reads page). */
export const logShown = 200;

/**
 * Records that the actor reads `what` (of `subjectId`) before the data is handed over: if the
 * record cannot be written, the read fails.
 */
export async function logRead(ctx: Ctx, what: string, subjectId: string | null = null): Promise<void> {
  const { communityId, accountId, role } = requireMember(ctx);
  await store.insertAccess(ctx.db, communityId, {
    accountId,
    role,
    what,
    subjectId,
    at: iso(ctx.clock.now()),
  });
}

/** The newest reads of the network's data (stewards). */
export async function accessLog(ctx: Ctx): Promise<AccessView[]> {
  const { communityId } = requireRole(ctx, can.readLog, 'evacuation.errors.only_stewards_read_log');
  return views(ctx, communityId, await store.listAccess(ctx.db, communityId, logShown));
}

/**
 * Drills' pages that name every household and driver asked (the report), or every paper member
 * (the calls, the printed sheet of links).
 */
const drillLists = ['drill', 'drill_calls', 'drill_sheet'];
/** An alert's live board and review: they name every household and driver of its plan. */
const alertLists = ['board', 'review'];
/** The lists that name every household (a coordinator's list, the plan, every card, the contacts, drills, an alert's board and review). */
const householdLists = [
  'households',
  'plan',
  'route_cards',
  'contacts',
  'contacts_csv',
  'contacts_vcard',
  ...drillLists,
  ...alertLists,
];
/** The lists that name every driver. */
const driverLists = [
  'drivers',
  'plan',
  'route_cards',
  'contacts',
  'contacts_csv',
  'contacts_vcard',
  ...drillLists,
  ...alertLists,
];

/**
 * The reads of the actor's own registrations by others, newest first, since each was made: their
 * household or driver page opened by a coordinator, a list naming every household or driver, and
 * the route card of a driver the current plan gives their household to (the card shows what the
 * pickup needs), a drill's report, calls or sheet, and their check-in opened by a coordinator
 * recording a call. The member's own reads (their personal link, logged as theirs) are left out. Any member (a member with no registration
 * gets an empty list); not logged itself: it reads only what concerns them.
 */
export async function readsOfMine(ctx: Ctx): Promise<AccessView[]> {
  const { communityId, accountId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const [household, driver] = await Promise.all([
    store.findHouseholdOf(ctx.db, communityId, accountId),
    store.findDriverOf(ctx.db, communityId, accountId),
  ]);
  if (!household && !driver) return [];
  const subjects: string[] = [];
  const subjectWhats = new Set<string>();
  const listWhats = new Set<string>();
  if (household) {
    subjects.push(household.id);
    subjectWhats.add('household');
    // A drill's check-in opened for them: by a coordinator recording a call, or through the link.
    subjectWhats.add('check_in');
    // Their address and phone opened by their buddy (the buddy's link), their phone on the buddy's page.
    subjectWhats.add('buddy_check');
    subjectWhats.add('buddy_phone');
    for (const w of householdLists) listWhats.add(w);
    const plan = await store.latestPlan(ctx.db, communityId);
    if (plan) {
      for (const a of await store.listAssignments(ctx.db, communityId, plan.id))
        if (a.householdId === household.id && a.driverId) subjects.push(a.driverId);
      subjectWhats.add('route_card');
    }
  }
  if (driver) {
    subjects.push(driver.id);
    subjectWhats.add('driver');
    subjectWhats.add('check_in');
    subjectWhats.add('route_card');
    for (const w of driverLists) listWhats.add(w);
  }
  const since =
    [household?.createdAt, driver?.createdAt].filter((x): x is string => Boolean(x)).sort()[0] ?? '';
  const rows = await store.listAccessAbout(
    ctx.db,
    communityId,
    {
      subjects,
      subjectWhats: [...subjectWhats],
      listWhats: [...listWhats],
      since,
      exceptAccountId: accountId,
    },
    logShown,
  );
  return views(ctx, communityId, rows);
}

/** Log rows as the pages and API show them, with the readers' and registrations' names. */
async function views(ctx: Ctx, communityId: string, rows: EvacuationAccess[]): Promise<AccessView[]> {
  const names = await store.namesOf(
    ctx.db,
    rows.map((r) => r.accountId),
  );
  const households = new Map(
    (await store.listHouseholds(ctx.db, communityId)).map((h) => [h.id, h.accountId] as const),
  );
  const drivers = new Map(
    (await store.listDrivers(ctx.db, communityId)).map((d) => [d.id, d.accountId] as const),
  );
  const subjects = await store.namesOf(ctx.db, [...households.values(), ...drivers.values()]);
  return rows.map((r) => {
    const owner = r.subjectId ? (households.get(r.subjectId) ?? drivers.get(r.subjectId)) : undefined;
    return {
      at: r.at,
      reader: r.accountId ? { accountId: r.accountId, name: names.get(r.accountId) ?? '' } : null,
      role: r.role,
      what: r.what,
      // A household that withdrew is named by nobody: its name went with its data.
      subject: owner ? (subjects.get(owner) ?? null) : null,
    };
  });
}
