/**
 * Drills as history and the drill report (coordinators): who confirmed, what changed (before →
 * after), who could not be reached, who was escalated to whom — and the households not confirmed
 * in three drills in a row, which the registry shows too. The report holds needs, addresses and
 * phones, so each read of it is logged.
 */
import type { Static } from 'typebox';
import { requireRole } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db, EvacuationDrill, EvacuationDrillAnswer } from '../../platform/db/database.ts';
import { changesOf } from './check-in.ts';
import { historyShown, loadDrill } from './drills.ts';
import type { AnswerOut, DrillOut, DrillReportOut } from './drills-schema.ts';
import { can } from './policy.ts';
import { availabilityOf, logRead } from './service.ts';
import * as store from './store.ts';
import * as drills from './store-drills.ts';

/** A drill as listed, with its counts. */
export type DrillView = Static<typeof DrillOut>;
/** One answer as the report shows it. */
export type AnswerView = Static<typeof AnswerOut>;
/** A drill with every answer. */
export type DrillReport = Static<typeof DrillReportOut>;

/** A run of drills in which a household did not confirm, that shows it (the "three drills"). */
export const unconfirmedRun = 3;

const confirmedStatuses = new Set(['confirmed', 'changed']);

/**
 * The households not confirmed (no answer, or "I can't this month") in each of the `unconfirmedRun`
 * drills up to and including `upTo` (default: the newest), counting drills that were not
 * cancelled; a household not asked in one of them (registered since) is not in a run.
 */
export async function unconfirmedHouseholds(
  db: Db,
  communityId: string,
  upTo?: EvacuationDrill,
): Promise<Set<string>> {
  const recent = (await drills.listDrills(db, communityId, 200)).filter(
    (d) => d.status !== 'cancelled' && (!upTo || d.startedAt <= upTo.startedAt),
  );
  const run = recent.slice(0, unconfirmedRun);
  if (run.length < unconfirmedRun) return new Set();
  const answers = await drills.listAnswers(
    db,
    communityId,
    run.map((d) => d.id),
  );
  const seen = new Map<string, { asked: number; confirmed: boolean }>();
  for (const a of answers) {
    if (!a.householdId) continue;
    const s = seen.get(a.householdId) ?? { asked: 0, confirmed: false };
    s.asked++;
    s.confirmed ||= confirmedStatuses.has(a.status);
    seen.set(a.householdId, s);
  }
  return new Set([...seen].filter(([, s]) => s.asked === unconfirmedRun && !s.confirmed).map(([id]) => id));
}

/** The households of the registry not confirmed in the last three drills (coordinators). */
export async function householdsToAsk(ctx: Ctx): Promise<Set<string>> {
  const { communityId } = requireRole(ctx, can.runDrills, 'evacuation.errors.only_coordinators');
  return unconfirmedHouseholds(ctx.db, communityId);
}

function countsOf(answers: readonly Pick<EvacuationDrillAnswer, 'status'>[]): DrillView['counts'] {
  const n = (s: string) => answers.filter((a) => a.status === s).length;
  return {
    asked: answers.length,
    confirmed: n('confirmed'),
    changed: n('changed'),
    unavailable: n('unavailable'),
    waiting: n('waiting'),
  };
}

async function drillViews(db: Db, communityId: string, rows: EvacuationDrill[]): Promise<DrillView[]> {
  const counts = await drills.countAnswers(
    db,
    communityId,
    rows.map((d) => d.id),
  );
  const names = await store.namesOf(
    db,
    rows.flatMap((d) => [d.startedBy, d.endedBy]),
  );
  const person = (id: string | null) => (id ? { accountId: id, name: names.get(id) ?? '' } : null);
  return rows.map((d) => {
    const of = (status: string) => counts.find((c) => c.drillId === d.id && c.status === status)?.n ?? 0;
    const c = {
      confirmed: of('confirmed'),
      changed: of('changed'),
      unavailable: of('unavailable'),
      waiting: of('waiting'),
    };
    return {
      id: d.id,
      status: d.status,
      message: d.message,
      deadline: d.deadline,
      buddyAt: d.buddyAt,
      backupAt: d.backupAt,
      coordinatorsAt: d.coordinatorsAt,
      startedAt: d.startedAt,
      startedBy: person(d.startedBy),
      endedAt: d.endedAt,
      endedBy: person(d.endedBy),
      counts: { asked: c.confirmed + c.changed + c.unavailable + c.waiting, ...c },
    };
  });
}

/** The community's drills, newest first, with their counts (coordinators; names and counts only). */
export async function listDrills(ctx: Ctx): Promise<DrillView[]> {
  const { communityId } = requireRole(ctx, can.runDrills, 'evacuation.errors.only_coordinators');
  return drillViews(ctx.db, communityId, await drills.listDrills(ctx.db, communityId, historyShown));
}

/**
 * The drill's report (coordinators; logged): every household and driver asked, by status (still
 * waiting first), with changes, notes, the escalation steps taken and to whom, and whether the
 * household was not confirmed three drills in a row. `NotFound` for another community's drill.
 */
export async function drillReport(ctx: Ctx, drillId: string): Promise<DrillReport> {
  const drill = await loadDrill(ctx, drillId);
  const { communityId } = drill;
  await logRead(ctx, 'drill');
  const [view] = await drillViews(ctx.db, communityId, [drill]);
  const answers = await drills.listAnswers(ctx.db, communityId, [drill.id]);
  const members = new Map((await store.listActiveMembers(ctx.db, communityId)).map((m) => [m.accountId, m]));
  const names = await store.namesOf(
    ctx.db,
    answers.flatMap((a) => [a.accountId, a.answeredBy, a.buddyAskedId, a.backupAskedId, a.buddyFoundBy]),
  );
  const person = (id: string | null) => (id ? { accountId: id, name: names.get(id) ?? '' } : null);
  const flagged = await unconfirmedHouseholds(ctx.db, communityId, drill);
  const order = { waiting: 0, unavailable: 1, changed: 2, confirmed: 3 } as const;
  const list: AnswerView[] = answers.map((a) => ({
    id: a.id,
    kind: a.householdId ? 'household' : 'driver',
    subjectId: (a.householdId ?? a.driverId) as string,
    name: names.get(a.accountId) ?? '',
    paper: members.get(a.accountId)?.paper ?? false,
    status: a.status,
    answeredAt: a.answeredAt,
    recordedBy: person(a.answeredBy),
    changes: changesOf(a),
    note: a.note,
    seats: a.seats,
    testDriveAt: a.testDriveAt,
    buddyAsked:
      a.buddyAskedAt && a.buddyAskedId ? { at: a.buddyAskedAt, person: person(a.buddyAskedId) } : null,
    backupAsked:
      a.backupAskedAt && a.backupAskedId ? { at: a.backupAskedAt, person: person(a.backupAskedId) } : null,
    coordinatorsToldAt: a.coordinatorsToldAt,
    buddyFound:
      a.buddyFound && a.buddyFoundAt
        ? { found: a.buddyFound, at: a.buddyFoundAt, person: person(a.buddyFoundBy) }
        : null,
    noBuddy: a.householdId !== null && a.buddyAskedAt !== null && a.buddyAskedId === null,
    unconfirmedThreeTimes: a.householdId !== null && flagged.has(a.householdId),
  }));
  list.sort(
    (x, y) =>
      order[x.status] - order[y.status] ||
      x.kind.localeCompare(y.kind) ||
      x.name.localeCompare(y.name) ||
      x.id.localeCompare(y.id),
  );
  return { ...view, counts: countsOf(list), answers: list };
}

/** A paper member to phone in a drill: what the coordinator reads back to them, and their answer. */
export interface Call {
  answerId: string;
  kind: 'household' | 'driver';
  name: string;
  phone: string;
  status: AnswerView['status'];
  /** A household's details as registered. */
  household: { people: number; wheelchairs: number; pets: number; address: string } | null;
  /** A driver's car as registered. */
  driver: { seats: number; wheelchairPlaces: number; availability: string[] } | null;
}

/**
 * The paper members of the drill to phone, still waiting first (coordinators; logged
 * `drill_calls`: it shows addresses and phones). `NotFound` for another community's drill.
 */
export async function callList(ctx: Ctx, drillId: string): Promise<{ drill: DrillView; calls: Call[] }> {
  const drill = await loadDrill(ctx, drillId);
  const { communityId } = drill;
  await logRead(ctx, 'drill_calls');
  const [view] = await drillViews(ctx.db, communityId, [drill]);
  const members = new Map(
    (await store.listActiveMembers(ctx.db, communityId)).filter((m) => m.paper).map((m) => [m.accountId, m]),
  );
  const households = new Map((await store.listHouseholds(ctx.db, communityId)).map((h) => [h.id, h]));
  const drivers = new Map((await store.listDrivers(ctx.db, communityId)).map((d) => [d.id, d]));
  const calls: Call[] = [];
  for (const a of await drills.listAnswers(ctx.db, communityId, [drill.id])) {
    const member = members.get(a.accountId);
    const h = a.householdId ? households.get(a.householdId) : undefined;
    const d = a.driverId ? drivers.get(a.driverId) : undefined;
    if (!member || (!h && !d)) continue;
    calls.push({
      answerId: a.id,
      kind: h ? 'household' : 'driver',
      name: member.displayName,
      phone: (h ?? d)?.phone ?? '',
      status: a.status,
      household: h
        ? { people: h.people, wheelchairs: h.wheelchairs, pets: h.pets, address: h.address }
        : null,
      driver: d
        ? { seats: d.seats, wheelchairPlaces: d.wheelchairPlaces, availability: availabilityOf(d) }
        : null,
    });
  }
  calls.sort(
    (x, y) => Number(x.status !== 'waiting') - Number(y.status !== 'waiting') || x.name.localeCompare(y.name),
  );
  return { drill: view, calls };
}
