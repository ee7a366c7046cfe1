/**
 * SQL of the personal links, and only SQL. Every function takes the community id and filters by
 * it; tokens are known here only by their hash.
 */
import type { Db, EvacuationLinkTable, LinkOccasion } from '../../platform/db/database.ts';

/** Records new links (only their hashes). */
export async function insertLinks(db: Db, rows: readonly EvacuationLinkTable[]): Promise<void> {
  // In batches: SQLite takes at most 32,766 values in one statement.
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('evacuationLink')
      .values(rows.slice(i, i + 500) as EvacuationLinkTable[])
      .execute();
}

/**
 * Ends, at `now`, the links of the occasion still working: all of them, or only those of the
 * given households and drivers (a new link replaces theirs). Returns how many ended.
 */
export async function endLinks(
  db: Db,
  communityId: string,
  occasion: LinkOccasion,
  occasionId: string,
  now: string,
  only?: { households: readonly string[]; drivers: readonly string[] },
): Promise<number> {
  let q = db
    .updateTable('evacuationLink')
    .set({ expiresAt: now })
    .where('communityId', '=', communityId)
    .where('occasion', '=', occasion)
    .where('occasionId', '=', occasionId)
    .where('expiresAt', '>', now);
  if (only) {
    const households = only.households.length ? [...only.households] : [''];
    const drivers = only.drivers.length ? [...only.drivers] : [''];
    // A household's own links only: a buddy's link of the household is the buddy's.
    q = q.where((eb) =>
      eb.or([
        eb.and([
          eb('householdId', 'in', households),
          eb(
            'accountId',
            '=',
            eb
              .selectFrom('evacuationHousehold')
              .select('evacuationHousehold.accountId')
              .whereRef('evacuationHousehold.id', '=', 'evacuationLink.householdId')
              .where('evacuationHousehold.communityId', '=', communityId),
          ),
        ]),
        eb('driverId', 'in', drivers),
      ]),
    );
  }
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The working link with `tokenHash` in the community for `occasion` at `now`, or undefined. */
export function findWorkingLink(
  db: Db,
  communityId: string,
  occasion: LinkOccasion,
  tokenHash: string,
  now: string,
) {
  return db
    .selectFrom('evacuationLink')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('tokenHash', '=', tokenHash)
    .where('occasion', '=', occasion)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
}

/** The link `linkId` of the community, working or not, or undefined. */
export function findLink(db: Db, communityId: string, linkId: string) {
  return db
    .selectFrom('evacuationLink')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', linkId)
    .executeTakeFirst();
}

/**
 * The id of the newest working link of a household or driver held by `accountId` (its member, or
 * a buddy of the household) for the occasion at `now`, or undefined.
 */
export async function findWorkingLinkOf(
  db: Db,
  communityId: string,
  occasion: LinkOccasion,
  occasionId: string,
  subject: { householdId: string } | { driverId: string },
  accountId: string,
  now: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('evacuationLink')
    .select('id')
    .where('communityId', '=', communityId)
    .where('occasion', '=', occasion)
    .where('occasionId', '=', occasionId)
    .where(
      'householdId' in subject ? 'householdId' : 'driverId',
      '=',
      'householdId' in subject ? subject.householdId : subject.driverId,
    )
    .where('accountId', '=', accountId)
    .where('expiresAt', '>', now)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.id;
}

/** Notes the first time the link was opened. */
export async function markOpened(db: Db, communityId: string, linkId: string, now: string): Promise<void> {
  await db
    .updateTable('evacuationLink')
    .set({ openedAt: now })
    .where('communityId', '=', communityId)
    .where('id', '=', linkId)
    .where('openedAt', 'is', null)
    .execute();
}

/**
 * Whether the registration (household or driver) still exists and its member is an active
 * member of the community: its display name, or undefined.
 */
export async function activeHolder(
  db: Db,
  communityId: string,
  link: { householdId: string | null; driverId: string | null; accountId: string },
): Promise<string | undefined> {
  const table = link.householdId ? 'evacuationHousehold' : 'evacuationDriver';
  const id = (link.householdId ?? link.driverId) as string;
  const row = await db
    .selectFrom(table)
    .innerJoin('membership', (j) =>
      j
        .onRef('membership.accountId', '=', `${table}.accountId`)
        .onRef('membership.communityId', '=', `${table}.communityId`),
    )
    .innerJoin('account', 'account.id', 'membership.accountId')
    .select('account.displayName')
    .where(`${table}.communityId`, '=', communityId)
    .where(`${table}.id`, '=', id)
    .where(`${table}.accountId`, '=', link.accountId)
    .where('membership.status', '=', 'active')
    .executeTakeFirst();
  return row?.displayName;
}

/**
 * A buddy's link (`link.accountId` a buddy of household `link.householdId`): the buddy's display
 * name while they are its buddy or backup buddy who accepted, and an active member; else undefined.
 */
export async function activeBuddy(
  db: Db,
  communityId: string,
  link: { householdId: string | null; accountId: string },
): Promise<string | undefined> {
  if (!link.householdId) return undefined;
  const row = await db
    .selectFrom('evacuationHousehold')
    .innerJoin('membership', (j) =>
      j
        .on('membership.accountId', '=', link.accountId)
        .onRef('membership.communityId', '=', 'evacuationHousehold.communityId'),
    )
    .innerJoin('account', 'account.id', 'membership.accountId')
    .select('account.displayName')
    .where('evacuationHousehold.communityId', '=', communityId)
    .where('evacuationHousehold.id', '=', link.householdId)
    .where('membership.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb.and([eb('buddyId', '=', link.accountId), eb('buddyStatus', '=', 'accepted')]),
        eb.and([eb('backupBuddyId', '=', link.accountId), eb('backupBuddyStatus', '=', 'accepted')]),
      ]),
    )
    .executeTakeFirst();
  return row?.displayName;
}

/** The account ids of the households and drivers given (the members they are), by id. */
export async function holdersOf(
  db: Db,
  communityId: string,
  ids: { households: readonly string[]; drivers: readonly string[] },
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const [table, wanted] of [
    ['evacuationHousehold', ids.households],
    ['evacuationDriver', ids.drivers],
  ] as const) {
    for (let i = 0; i < wanted.length; i += 500) {
      const rows = await db
        .selectFrom(table)
        .select(['id', 'accountId'])
        .where('communityId', '=', communityId)
        .where('id', 'in', wanted.slice(i, i + 500))
        .execute();
      for (const r of rows) found.set(r.id, r.accountId);
    }
  }
  return found;
}
