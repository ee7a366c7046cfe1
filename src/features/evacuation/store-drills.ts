/**
 * SQL of drills and their answers, and only SQL. Every function takes the community id and filters
 * by it (the escalation job's search for due drills names every community, as the tenant guard asks).
 */
import type {
  AnswerStatus,
  BuddyFound,
  Db,
  DrillStatus,
  EvacuationDrillAnswerTable,
  EvacuationDrillTable,
} from '../../platform/db/database.ts';

/** Holds the community's row until the transaction ends: one drill starts at a time. */
export async function lockCommunity(db: Db, communityId: string): Promise<void> {
  await db.selectFrom('community').select('id').where('id', '=', communityId).forUpdate().execute();
}

/** The community's open drill, if any. */
export function findOpenDrill(db: Db, communityId: string) {
  return db
    .selectFrom('evacuationDrill')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

/** The drill `drillId`, or undefined. */
export function findDrill(db: Db, communityId: string, drillId: string) {
  return db
    .selectFrom('evacuationDrill')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', drillId)
    .executeTakeFirst();
}

/** The drill `drillId`, held for the transaction, or undefined. */
export function lockDrill(db: Db, communityId: string, drillId: string) {
  return db
    .selectFrom('evacuationDrill')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', drillId)
    .forUpdate()
    .executeTakeFirst();
}

/** The community's drills, newest first (at most `limit`). */
export function listDrills(db: Db, communityId: string, limit: number) {
  return db
    .selectFrom('evacuationDrill')
    .selectAll()
    .where('communityId', '=', communityId)
    .orderBy('startedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Records a drill. */
export async function insertDrill(db: Db, row: EvacuationDrillTable): Promise<void> {
  await db.insertInto('evacuationDrill').values(row).execute();
}

/** Ends the open drill as `status` (closed or cancelled) at `now`, by `by` (null: Porch); false when it was not open. */
export async function endDrill(
  db: Db,
  communityId: string,
  drillId: string,
  status: Exclude<DrillStatus, 'open'>,
  by: string | null,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('evacuationDrill')
    .set({ status, endedBy: by, endedAt: now })
    .where('communityId', '=', communityId)
    .where('id', '=', drillId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ── answers ──────────────────────────────────────────────────────────────────────────────

/** Records the households and drivers asked in a drill (waiting). */
export async function insertAnswers(db: Db, rows: readonly EvacuationDrillAnswerTable[]): Promise<void> {
  // In batches: SQLite takes at most 32,766 values in one statement.
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto('evacuationDrillAnswer')
      .values(rows.slice(i, i + 400) as EvacuationDrillAnswerTable[])
      .execute();
}

/** The answers of the drills `drillIds`. */
export function listAnswers(db: Db, communityId: string, drillIds: readonly string[]) {
  if (drillIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('evacuationDrillAnswer')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('drillId', 'in', [...drillIds])
    .execute();
}

/** How many answers of each status each of the drills has. */
export async function countAnswers(db: Db, communityId: string, drillIds: readonly string[]) {
  if (drillIds.length === 0) return [];
  const rows = await db
    .selectFrom('evacuationDrillAnswer')
    .select((eb) => ['drillId', 'status', eb.fn.countAll().as('n')])
    .where('communityId', '=', communityId)
    .where('drillId', 'in', [...drillIds])
    .groupBy(['drillId', 'status'])
    .execute();
  // pg returns bigint counts as strings
  return rows.map((r) => ({ drillId: r.drillId, status: r.status as AnswerStatus, n: Number(r.n) }));
}

/** The answer of the household or driver in the drill, held for the transaction, or undefined. */
export function lockAnswerOf(
  db: Db,
  communityId: string,
  drillId: string,
  subject: { householdId: string | null; driverId: string | null },
) {
  let q = db
    .selectFrom('evacuationDrillAnswer')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('drillId', '=', drillId);
  q = subject.householdId
    ? q.where('householdId', '=', subject.householdId)
    : q.where('driverId', '=', subject.driverId as string);
  return q.forUpdate().executeTakeFirst();
}

/** Stores on answer `answerId` what buddy `by` found when checking on its household, at `at`. */
export async function setBuddyFound(
  db: Db,
  communityId: string,
  answerId: string,
  found: BuddyFound,
  at: string,
  by: string,
): Promise<void> {
  await db
    .updateTable('evacuationDrillAnswer')
    .set({ buddyFound: found, buddyFoundAt: at, buddyFoundBy: by })
    .where('communityId', '=', communityId)
    .where('id', '=', answerId)
    .execute();
}

/** The answer `answerId` of the drill, held for the transaction, or undefined. */
export function lockAnswer(db: Db, communityId: string, drillId: string, answerId: string) {
  return db
    .selectFrom('evacuationDrillAnswer')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('drillId', '=', drillId)
    .where('id', '=', answerId)
    .forUpdate()
    .executeTakeFirst();
}

/** Writes an answer. */
export async function updateAnswer(
  db: Db,
  communityId: string,
  answerId: string,
  values: Partial<
    Pick<
      EvacuationDrillAnswerTable,
      'status' | 'answeredAt' | 'answeredBy' | 'changes' | 'note' | 'seats' | 'testDriveAt'
    >
  >,
): Promise<void> {
  await db
    .updateTable('evacuationDrillAnswer')
    .set(values)
    .where('communityId', '=', communityId)
    .where('id', '=', answerId)
    .execute();
}

// ── the registry, as a check-in changes it ───────────────────────────────────────────────

/** A household's details a check-in may change (its consent stays as it was). */
export async function updateHouseholdDetails(
  db: Db,
  communityId: string,
  householdId: string,
  values: Partial<{
    people: number;
    wheelchairs: number;
    pets: number;
    phone: string;
    address: string;
    latitude: null;
    longitude: null;
  }>,
  now: string,
): Promise<void> {
  await db
    .updateTable('evacuationHousehold')
    .set({ ...values, updatedAt: now })
    .where('communityId', '=', communityId)
    .where('id', '=', householdId)
    .execute();
}

/** A driver's details a check-in may change (their consent stays as it was). */
export async function updateDriverDetails(
  db: Db,
  communityId: string,
  driverId: string,
  values: Partial<{ seats: number; wheelchairPlaces: number; availability: string }>,
  now: string,
): Promise<void> {
  await db
    .updateTable('evacuationDriver')
    .set({ ...values, updatedAt: now })
    .where('communityId', '=', communityId)
    .where('id', '=', driverId)
    .execute();
}

// ── escalation ───────────────────────────────────────────────────────────────────────────

/** Open drills of every community whose first escalation step is due at `now`. */
export function listDueDrills(db: Db, now: string) {
  return (
    db
      .selectFrom('evacuationDrill')
      .selectAll()
      // Every community: the scope is named, as the tenant guard asks of each query.
      .where('communityId', 'is not', null)
      .where('status', '=', 'open')
      .where('buddyAt', '<=', now)
      .orderBy('communityId')
      .orderBy('id')
      .execute()
  );
}

/** An escalation step: the instant column it sets on an answer. */
export type Step = 'buddyAskedAt' | 'backupAskedAt' | 'coordinatorsToldAt';

/**
 * The drill's answers still waiting whose `step` is not taken yet, held for the transaction and
 * skipped when another process holds them (`SKIP LOCKED` on PostgreSQL; SQLite has one writer).
 */
export function claimWaiting(db: Db, communityId: string, drillId: string, step: Step) {
  return db
    .selectFrom('evacuationDrillAnswer')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('drillId', '=', drillId)
    .where('status', '=', 'waiting')
    .where(step, 'is', null)
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Marks `step` taken on the answers `ids` at `now` (and whom it asked); returns how many were still untaken. */
export async function markStep(
  db: Db,
  communityId: string,
  ids: readonly string[],
  step: Step,
  now: string,
  asked?: string | null,
): Promise<number> {
  if (ids.length === 0) return 0;
  const who =
    step === 'buddyAskedAt'
      ? { buddyAskedId: asked ?? null }
      : step === 'backupAskedAt'
        ? { backupAskedId: asked ?? null }
        : {};
  const r = await db
    .updateTable('evacuationDrillAnswer')
    .set({ [step]: now, ...who })
    .where('communityId', '=', communityId)
    .where('id', 'in', [...ids])
    .where(step, 'is', null)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
