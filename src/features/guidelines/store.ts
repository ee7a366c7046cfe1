/**
 * Guidelines' SQL: proposals, positions, comments, versions and acknowledgements. Every function
 * takes the community's id and names it in every statement.
 */
import type { Insertable, Updateable } from 'kysely';
import type { Db, GuidelineVersionTable, ProposalTable, Stance } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

// ---- proposals

/** A proposal of the community. */
export function findProposal(db: Db, communityId: string, proposalId: string) {
  return db
    .selectFrom('proposal')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', proposalId)
    .executeTakeFirst();
}

/**
 * A proposal, locked for the rest of the transaction (`platform/db/locking.ts`): a position, a
 * revision and the closing decide on it one after the other.
 */
export function lockProposal(db: Db, communityId: string, proposalId: string) {
  return db
    .selectFrom('proposal')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', proposalId)
    .forUpdate()
    .executeTakeFirst();
}

/** The community's proposals, open ones first (soonest deadline first), then the latest closed; with the proposer's name. */
export function listProposals(db: Db, communityId: string, limit: number) {
  return db
    .selectFrom('proposal')
    .leftJoin('account', 'account.id', 'proposal.proposedBy')
    .selectAll('proposal')
    .select('account.displayName as proposerName')
    .where('proposal.communityId', '=', communityId)
    .orderBy('proposal.status', 'desc')
    .orderBy('proposal.closesAt', 'desc')
    .orderBy('proposal.id')
    .limit(limit)
    .execute();
}

/** Inserts a proposal; returns its id. */
export async function insertProposal(db: Db, row: Omit<Insertable<ProposalTable>, 'id'>): Promise<string> {
  const id = newId();
  await db
    .insertInto('proposal')
    .values({ ...row, id })
    .execute();
  return id;
}

/** Changes a proposal. */
export async function updateProposal(
  db: Db,
  communityId: string,
  proposalId: string,
  patch: Updateable<ProposalTable>,
): Promise<void> {
  await db
    .updateTable('proposal')
    .set(patch)
    .where('communityId', '=', communityId)
    .where('id', '=', proposalId)
    .execute();
}

/** Proposals closed in `[from, to)` (instants), in the order they closed, with the version each made. */
export function listClosedBetween(db: Db, communityId: string, from: string, to: string) {
  return db
    .selectFrom('proposal')
    .leftJoin('guidelineVersion', (j) =>
      j
        .onRef('guidelineVersion.communityId', '=', 'proposal.communityId')
        .onRef('guidelineVersion.proposalId', '=', 'proposal.id'),
    )
    .select([
      'proposal.id',
      'proposal.title',
      'proposal.outcome',
      'proposal.outcomeStatement',
      'proposal.closedAt',
      'guidelineVersion.number as versionNumber',
    ])
    .where('proposal.communityId', '=', communityId)
    .where('proposal.status', '=', 'closed')
    .where('proposal.closedAt', '>=', from)
    .where('proposal.closedAt', '<', to)
    .orderBy('proposal.closedAt')
    .orderBy('proposal.id')
    .execute();
}

// ---- positions and comments

/**
 * The positions on a proposal, oldest first, with each member's name. With `membersOnly`, only
 * those of active members: an open proposal counts no one whose membership ended (an erasure ends
 * it with no app code run, so the positions it left are skipped here rather than trusted to be gone).
 */
export function listPositions(db: Db, communityId: string, proposalId: string, membersOnly = false) {
  let q = db
    .selectFrom('proposalPosition')
    .innerJoin('account', 'account.id', 'proposalPosition.accountId')
    .selectAll('proposalPosition')
    .select('account.displayName as name')
    .where('proposalPosition.communityId', '=', communityId)
    .where('proposalPosition.proposalId', '=', proposalId);
  if (membersOnly)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('membership')
          .select('membership.id')
          .whereRef('membership.communityId', '=', 'proposalPosition.communityId')
          .whereRef('membership.accountId', '=', 'proposalPosition.accountId')
          .where('membership.status', '=', 'active'),
      ),
    );
  return q.orderBy('proposalPosition.createdAt').orderBy('proposalPosition.id').execute();
}

/** Deletes `accountId`'s positions on the community's open proposals (their membership ended); returns how many. */
export async function deleteOpenPositionsOf(db: Db, communityId: string, accountId: string): Promise<number> {
  const result = await db
    .deleteFrom('proposalPosition')
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .where('proposalId', 'in', (eb) =>
      eb
        .selectFrom('proposal')
        .select('id')
        .where('communityId', '=', communityId)
        .where('status', '=', 'open'),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Sets `accountId`'s position on a proposal: inserted, or the one they held replaced (the unique
 * key on community, proposal and member makes two at once one row).
 */
export async function upsertPosition(
  db: Db,
  row: {
    communityId: string;
    proposalId: string;
    accountId: string;
    stance: Stance;
    reason: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('proposalPosition')
    .values({
      id: newId(),
      communityId: row.communityId,
      proposalId: row.proposalId,
      accountId: row.accountId,
      stance: row.stance,
      reason: row.reason,
      createdAt: row.at,
      updatedAt: row.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['communityId', 'proposalId', 'accountId'])
        .doUpdateSet({ stance: row.stance, reason: row.reason, updatedAt: row.at }),
    )
    .execute();
}

/** Deletes every position on a proposal (a revision asks everyone again); returns whose they were. */
export async function deletePositions(db: Db, communityId: string, proposalId: string): Promise<string[]> {
  const rows = await db
    .deleteFrom('proposalPosition')
    .where('communityId', '=', communityId)
    .where('proposalId', '=', proposalId)
    .returning('accountId')
    .execute();
  return rows.map((r) => r.accountId);
}

/** A proposal's discussion, in order, with each author's name (null once their account is gone). */
export function listComments(db: Db, communityId: string, proposalId: string) {
  return db
    .selectFrom('proposalComment')
    .leftJoin('account', 'account.id', 'proposalComment.authorId')
    .selectAll('proposalComment')
    .select('account.displayName as authorName')
    .where('proposalComment.communityId', '=', communityId)
    .where('proposalComment.proposalId', '=', proposalId)
    .orderBy('proposalComment.createdAt')
    .orderBy('proposalComment.id')
    .execute();
}

/** Adds a comment; returns its id. */
export async function insertComment(
  db: Db,
  row: { communityId: string; proposalId: string; authorId: string; body: string; createdAt: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('proposalComment')
    .values({ ...row, id })
    .execute();
  return id;
}

/** Who took part in a proposal: its proposer, those holding a position, those who commented. */
export async function participantIds(db: Db, communityId: string, proposalId: string): Promise<string[]> {
  const [proposal, positions, comments] = await Promise.all([
    db
      .selectFrom('proposal')
      .select('proposedBy')
      .where('communityId', '=', communityId)
      .where('id', '=', proposalId)
      .executeTakeFirst(),
    db
      .selectFrom('proposalPosition')
      .select('accountId')
      .where('communityId', '=', communityId)
      .where('proposalId', '=', proposalId)
      .execute(),
    db
      .selectFrom('proposalComment')
      .select('authorId')
      .where('communityId', '=', communityId)
      .where('proposalId', '=', proposalId)
      .execute(),
  ]);
  const ids = [
    proposal?.proposedBy,
    ...positions.map((p) => p.accountId),
    ...comments.map((c) => c.authorId),
  ];
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

// ---- versions and acknowledgements

/** The community's latest version of the guidelines, if any. */
export function currentVersion(db: Db, communityId: string) {
  return db
    .selectFrom('guidelineVersion')
    .selectAll()
    .where('communityId', '=', communityId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Version `number` of the community's guidelines. */
export function findVersion(db: Db, communityId: string, number: number) {
  return db
    .selectFrom('guidelineVersion')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** Every version, newest first, with who made it and the proposal's title. */
export function listVersions(db: Db, communityId: string) {
  return db
    .selectFrom('guidelineVersion')
    .leftJoin('account', 'account.id', 'guidelineVersion.madeBy')
    .leftJoin('proposal', (j) =>
      j
        .onRef('proposal.communityId', '=', 'guidelineVersion.communityId')
        .onRef('proposal.id', '=', 'guidelineVersion.proposalId'),
    )
    .select([
      'guidelineVersion.id',
      'guidelineVersion.number',
      'guidelineVersion.proposalId',
      'guidelineVersion.madeAt',
      'guidelineVersion.reviewOn',
      'account.displayName as madeByName',
      'proposal.title as proposalTitle',
    ])
    .where('guidelineVersion.communityId', '=', communityId)
    .orderBy('guidelineVersion.number', 'desc')
    .execute();
}

/** Inserts a version; returns its id. */
export async function insertVersion(
  db: Db,
  row: Omit<Insertable<GuidelineVersionTable>, 'id'>,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('guidelineVersion')
    .values({ ...row, id })
    .execute();
  return id;
}

/** Changes a version (its review date). */
export async function updateVersion(
  db: Db,
  communityId: string,
  versionId: string,
  patch: Updateable<GuidelineVersionTable>,
): Promise<void> {
  await db
    .updateTable('guidelineVersion')
    .set(patch)
    .where('communityId', '=', communityId)
    .where('id', '=', versionId)
    .execute();
}

/** The latest version `accountId` acknowledged, with its number and when. */
export function lastAcknowledged(db: Db, communityId: string, accountId: string) {
  return db
    .selectFrom('guidelineAcknowledgement')
    .innerJoin('guidelineVersion', (j) =>
      j
        .onRef('guidelineVersion.communityId', '=', 'guidelineAcknowledgement.communityId')
        .onRef('guidelineVersion.id', '=', 'guidelineAcknowledgement.versionId'),
    )
    .select(['guidelineVersion.number', 'guidelineAcknowledgement.acknowledgedAt'])
    .where('guidelineAcknowledgement.communityId', '=', communityId)
    .where('guidelineAcknowledgement.accountId', '=', accountId)
    .orderBy('guidelineVersion.number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Records that `accountId` read a version; reading it again changes nothing. */
export async function insertAcknowledgement(
  db: Db,
  row: { communityId: string; accountId: string; versionId: string; acknowledgedAt: string },
): Promise<void> {
  await db
    .insertInto('guidelineAcknowledgement')
    .values({ ...row, id: newId() })
    .onConflict((oc) => oc.columns(['communityId', 'accountId', 'versionId']).doNothing())
    .execute();
}

/** How many active members acknowledged version `versionId`. */
export async function countAcknowledged(db: Db, communityId: string, versionId: string): Promise<number> {
  const row = await db
    .selectFrom('guidelineAcknowledgement')
    .innerJoin('membership', (j) =>
      j
        .onRef('membership.communityId', '=', 'guidelineAcknowledgement.communityId')
        .onRef('membership.accountId', '=', 'guidelineAcknowledgement.accountId'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('guidelineAcknowledgement.communityId', '=', communityId)
    .where('guidelineAcknowledgement.versionId', '=', versionId)
    .where('membership.status', '=', 'active')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

// ---- members

/** The active members' account ids (stewards only, with `stewards`). */
export async function memberIds(db: Db, communityId: string, stewards = false): Promise<string[]> {
  let q = db
    .selectFrom('membership')
    .select('accountId')
    .where('communityId', '=', communityId)
    .where('status', '=', 'active');
  if (stewards) q = q.where('role', '=', 'steward');
  return (await q.execute()).map((r) => r.accountId);
}

/** An account's display name (a proposer's), if the account exists. */
export async function accountName(db: Db, accountId: string | null): Promise<string | null> {
  if (!accountId) return null;
  const row = await db
    .selectFrom('account')
    .select('displayName')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row?.displayName ?? null;
}
