/**
 * SQL of the lending library (continued from `store.ts`, which re-exports this file): loans,
 * bookings and an item's history. Every function takes the community id and filters by it. Loan
 * days are `YYYY-MM-DD` text; ranges are inclusive on both ends.
 */
import type { Insertable, Updateable } from 'kysely';
import type { Db, Item, Loan, LoanEventKind, LoanStatus, LoanTable } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { bookedStatuses, pendingStatuses } from './policy.ts';

// ── loans ────────────────────────────────────────────────────────────────────────────────

const loanColumns = (db: Db) =>
  db
    .selectFrom('loan')
    .innerJoin('item', (j) =>
      j.onRef('item.id', '=', 'loan.itemId').onRef('item.communityId', '=', 'loan.communityId'),
    )
    .innerJoin('account', 'account.id', 'loan.borrowerId')
    .leftJoin('account as lender', 'lender.id', 'item.ownerId')
    .selectAll('loan')
    .select([
      'item.name as itemName',
      'item.ownerId as ownerId',
      'item.pickupPlace as pickupPlace',
      'item.loanDays as loanDays',
      'account.displayName as borrowerName',
      'lender.displayName as ownerName',
    ]);

/** The loan with its item's name, owner, pick-up place and loan length, and both people's names. */
export function findLoan(db: Db, communityId: string, loanId: string) {
  return loanColumns(db)
    .where('loan.communityId', '=', communityId)
    .where('loan.id', '=', loanId)
    .executeTakeFirst();
}

/** A loan as `findLoan` returns it. */
export type LoanRow = NonNullable<Awaited<ReturnType<typeof findLoan>>>;

/** Loans matching a filter, newest first. */
export function listLoans(
  db: Db,
  communityId: string,
  f: {
    itemId?: string;
    borrowerId?: string;
    ownerId?: string;
    statuses?: readonly LoanStatus[];
    limit?: number;
  },
) {
  let q = loanColumns(db).where('loan.communityId', '=', communityId);
  if (f.itemId) q = q.where('loan.itemId', '=', f.itemId);
  if (f.borrowerId) q = q.where('loan.borrowerId', '=', f.borrowerId);
  if (f.ownerId) q = q.where('item.ownerId', '=', f.ownerId);
  if (f.statuses) q = q.where('loan.status', 'in', [...f.statuses]);
  return q
    .orderBy('loan.startsOn', 'desc')
    .orderBy('loan.id', 'desc')
    .limit(f.limit ?? 200)
    .execute();
}

/** Loans waiting for a steward's decision on the shed's items. */
export function listShedRequests(db: Db, communityId: string) {
  return loanColumns(db)
    .where('loan.communityId', '=', communityId)
    .where('item.ownerId', 'is', null)
    .where('loan.status', '=', 'requested')
    .orderBy('loan.requestedAt')
    .execute();
}

/**
 * Booked (approved or out) loans of the item overlapping the days [from, until], leaving out
 * `exceptLoanId`. Availability follows whether a loan has ended, not its due day: a loan still
 * out past its due day (overdue on `today`) keeps the item until it comes back, so it overlaps
 * every day from its start on, however far ahead.
 */
export async function countOverlappingLoans(
  db: Db,
  communityId: string,
  itemId: string,
  from: string,
  until: string,
  today: string,
  exceptLoanId?: string,
) {
  let q = db
    .selectFrom('loan')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('communityId', '=', communityId)
    .where('itemId', '=', itemId)
    .where('status', 'in', [...bookedStatuses])
    .where('startsOn', '<=', until)
    .where((eb) =>
      eb.or([eb('dueOn', '>=', from), eb.and([eb('status', '=', 'out'), eb('dueOn', '<', today)])]),
    );
  if (exceptLoanId) q = q.where('id', '!=', exceptLoanId);
  const { n } = await q.executeTakeFirstOrThrow();
  return Number(n); // pg returns counts as strings
}

/** Bookings and open requests of an item ending on or after `from`, by start. */
export function listBookings(db: Db, communityId: string, itemId: string, from: string) {
  return db
    .selectFrom('loan')
    .select(['id', 'startsOn', 'dueOn', 'status', 'borrowerId'])
    .where('communityId', '=', communityId)
    .where('itemId', '=', itemId)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['requested', 'approved']), eb('dueOn', '>=', from)]),
        eb('status', '=', 'out'),
      ]),
    )
    .orderBy('startsOn')
    .execute();
}

/** The first day on or after `from` that an approved loan of the item starts, if any. */
export async function nextBookingStart(db: Db, communityId: string, itemId: string, from: string) {
  const row = await db
    .selectFrom('loan')
    .select('startsOn')
    .where('communityId', '=', communityId)
    .where('itemId', '=', itemId)
    .where('status', '=', 'approved')
    .where('startsOn', '>=', from)
    .orderBy('startsOn')
    .limit(1)
    .executeTakeFirst();
  return row?.startsOn;
}

/** Adds a loan. */
export function insertLoan(db: Db, values: Omit<Insertable<LoanTable>, 'id'>) {
  return db
    .insertInto('loan')
    .values({ id: newId(), ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Changes a loan. */
export async function updateLoan(db: Db, communityId: string, loanId: string, patch: Updateable<LoanTable>) {
  await db
    .updateTable('loan')
    .set(patch)
    .where('communityId', '=', communityId)
    .where('id', '=', loanId)
    .execute();
}

/**
 * A member's requests and holds not yet picked up (leaving out those whose days have passed
 * before `today`: nobody acted on them), plus their waitlist places.
 */
export async function countActive(db: Db, communityId: string, accountId: string, today: string) {
  const loans = await db
    .selectFrom('loan')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('communityId', '=', communityId)
    .where('borrowerId', '=', accountId)
    .where('status', 'in', [...pendingStatuses])
    .where('dueOn', '>=', today)
    .executeTakeFirstOrThrow();
  const waiting = await db
    .selectFrom('waitlistEntry')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .where('status', '=', 'waiting')
    .executeTakeFirstOrThrow();
  return Number(loans.n) + Number(waiting.n);
}

/** Loans out whose due day is before `today`, most overdue first, with the borrower's name. */
export function listOverdue(db: Db, communityId: string, today: string) {
  return db
    .selectFrom('loan')
    .innerJoin('item', (j) =>
      j.onRef('item.id', '=', 'loan.itemId').onRef('item.communityId', '=', 'loan.communityId'),
    )
    .innerJoin('account', 'account.id', 'loan.borrowerId')
    .select([
      'loan.id',
      'loan.itemId',
      'loan.dueOn',
      'loan.startsOn',
      'item.name as itemName',
      'item.ownerId',
      'account.id as borrowerId',
      'account.displayName as borrowerName',
    ])
    .where('loan.communityId', '=', communityId)
    .where('loan.status', '=', 'out')
    .where('loan.dueOn', '<', today)
    .orderBy('loan.dueOn')
    .execute();
}

// ── history ──────────────────────────────────────────────────────────────────────────────

/** Records one line of an item's history. */
export async function insertEvent(
  db: Db,
  e: {
    communityId: string;
    itemId: string;
    loanId: string | null;
    actorId: string | null;
    kind: LoanEventKind;
    note?: string;
    createdAt: string;
  },
) {
  await db
    .insertInto('loanEvent')
    .values({ id: newId(), note: '', ...e })
    .execute();
}

/** An item's history, newest first, with who did it. */
export function listEvents(db: Db, communityId: string, itemId: string, limit = 100) {
  return db
    .selectFrom('loanEvent')
    .leftJoin('account', 'account.id', 'loanEvent.actorId')
    .leftJoin('loan', (j) =>
      j.onRef('loan.id', '=', 'loanEvent.loanId').onRef('loan.communityId', '=', 'loanEvent.communityId'),
    )
    .select([
      'loanEvent.kind',
      'loanEvent.loanId',
      'loanEvent.note',
      'loanEvent.createdAt',
      'loanEvent.actorId',
      'account.displayName as actorName',
      'loan.borrowerId',
    ])
    .where('loanEvent.communityId', '=', communityId)
    .where('loanEvent.itemId', '=', itemId)
    .orderBy('loanEvent.createdAt', 'desc')
    .orderBy('loanEvent.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The newest `limit` thank-yous left on loans (a `thanked` history line with words), newest
 * first: who thanked (the borrower), who lent (null for the shed's) and the item.
 */
export function listLoanThanks(db: Db, communityId: string, limit: number) {
  return db
    .selectFrom('loanEvent')
    .innerJoin('loan', (j) =>
      j.onRef('loan.id', '=', 'loanEvent.loanId').onRef('loan.communityId', '=', 'loanEvent.communityId'),
    )
    .innerJoin('item', (j) =>
      j.onRef('item.id', '=', 'loan.itemId').onRef('item.communityId', '=', 'loan.communityId'),
    )
    .innerJoin('account as borrower', 'borrower.id', 'loan.borrowerId')
    .leftJoin('account as lender', 'lender.id', 'item.ownerId')
    .select([
      'loanEvent.id',
      'item.id as itemId',
      'item.name as itemName',
      'borrower.id as authorId',
      'borrower.displayName as authorName',
      'item.ownerId as helperId',
      'lender.displayName as helperName',
      'loanEvent.note as body',
      'loanEvent.createdAt',
    ])
    .where('loanEvent.communityId', '=', communityId)
    .where('loanEvent.kind', '=', 'thanked')
    .where('loanEvent.note', '!=', '')
    .orderBy('loanEvent.createdAt', 'desc')
    .orderBy('loanEvent.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Loans in `statuses` that concern `accountId`, as the borrower or the item's owner; with the
 * item's name and pick-up place and both people's names. Through the community's loans in those
 * statuses; at most 200.
 */
export function listLoansConcerning(
  db: Db,
  communityId: string,
  accountId: string,
  statuses: readonly LoanStatus[],
): Promise<LoanConcerning[]> {
  return loansConcerning(db, { communityId, accountId, statuses: [...statuses] });
}

/** A loan with its item's name, owner and pickup place, and its people's names. */
export type LoanConcerning = Pick<
  Loan,
  'id' | 'itemId' | 'borrowerId' | 'status' | 'startsOn' | 'dueOn' | 'requestedAt' | 'updatedAt'
> &
  Pick<Item, 'ownerId' | 'pickupPlace'> & {
    itemName: string;
    borrowerName: string;
    ownerName: string | null;
  };

// Compiled once (platform/db/prepared.ts): "My things" lists them.
const loansConcerning = prepared<
  { communityId: string; accountId: string; statuses: LoanStatus[] },
  LoanConcerning
>((db, slot) =>
  db
    .selectFrom('loan')
    .innerJoin('item', (j) =>
      j.onRef('item.id', '=', 'loan.itemId').onRef('item.communityId', '=', 'loan.communityId'),
    )
    .innerJoin('account as borrower', 'borrower.id', 'loan.borrowerId')
    .leftJoin('account as owner', 'owner.id', 'item.ownerId')
    .select([
      'loan.id',
      'loan.itemId',
      'loan.borrowerId',
      'loan.status',
      'loan.startsOn',
      'loan.dueOn',
      'loan.requestedAt',
      'loan.updatedAt',
      'item.name as itemName',
      'item.ownerId',
      'item.pickupPlace',
      'borrower.displayName as borrowerName',
      'owner.displayName as ownerName',
    ])
    .where('loan.communityId', '=', slot('communityId'))
    .where('loan.status', 'in', slot('statuses'))
    .where((eb) =>
      eb.or([eb('loan.borrowerId', '=', slot('accountId')), eb('item.ownerId', '=', slot('accountId'))]),
    )
    .orderBy('loan.startsOn')
    .limit(200),
);
