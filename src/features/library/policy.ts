/**
 * Who may do what in the lending library, and the loan state machine. Pure: no I/O. Services
 * enforce these; pages call the same predicates to decide which buttons to show.
 *
 * The rule (PRODUCT.md, capability 3): the owner of an item — or a steward, who also manages the
 * shed's items — approves, declines, hands over and takes back; the borrower requests, cancels
 * before pickup and thanks; only stewards declare an item lost or damaged.
 */
import { isSelf, isMember as member, isSteward as steward, type Who } from '../../platform/access.ts';
import type { LoanStatus } from '../../platform/db/database.ts';

/** What the predicates need to know of an item. */
export type ItemFacts = { ownerId: string | null };
/** What the predicates need to know of a loan. */
export type LoanFacts = { borrowerId: string };

const owns = (a: Who, item: ItemFacts) => isSelf(a, item.ownerId);
const ownerOrSteward = (a: Who, item: ItemFacts) => steward(a) || owns(a, item);
const borrower = (a: Who, loan: LoanFacts) => isSelf(a, loan.borrowerId);

/** Permission predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** The catalog, items, calendars and histories: active members. */
  seeLibrary: member,
  /** Lend one's own things. */
  addItem: member,
  /** Items owned by the community (the shed). */
  addShedItem: steward,
  /** The owner edits their item; stewards edit the shed's and (to correct mistakes) any. */
  editItem: ownerOrSteward,
  requestLoan: (a: Who, item: ItemFacts) => member(a) && !owns(a, item),
  joinWaitlist: (a: Who, item: ItemFacts) => member(a) && !owns(a, item),
  approveLoan: ownerOrSteward,
  declineLoan: ownerOrSteward,
  markPickedUp: ownerOrSteward,
  markReturned: ownerOrSteward,
  cancelLoan: (a: Who, _item: ItemFacts, loan: LoanFacts) => borrower(a, loan),
  thankLoan: (a: Who, _item: ItemFacts, loan: LoanFacts) => borrower(a, loan),
  /** Losses and damage are settled by stewards, not between neighbors. */
  markLost: (a: Who) => steward(a),
  markDamaged: (a: Who) => steward(a),
  renewLoan: (a: Who, item: ItemFacts, loan: LoanFacts) => borrower(a, loan) || ownerOrSteward(a, item),
  /** Seeing a loan: its borrower, the item's owner, stewards. */
  seeLoan: (a: Who, item: ItemFacts, loan: LoanFacts) => borrower(a, loan) || ownerOrSteward(a, item),
  /** Settings, import and export, the overdue call list, desk mode. */
  manageLibrary: steward,
};

/** A loan transition, named by what happens. */
export type Transition =
  | 'approve'
  | 'decline'
  | 'cancel'
  | 'pickUp'
  | 'return'
  | 'thank'
  | 'markLost'
  | 'markDamaged'
  | 'renew';

/** The state machine: from which statuses each transition may start, and where it leads. */
export const transitions: Record<Transition, { from: readonly LoanStatus[]; to: LoanStatus }> = {
  approve: { from: ['requested'], to: 'approved' },
  decline: { from: ['requested'], to: 'declined' },
  cancel: { from: ['requested', 'approved'], to: 'cancelled' },
  pickUp: { from: ['approved'], to: 'out' },
  return: { from: ['out'], to: 'returned' },
  thank: { from: ['returned'], to: 'thanked' },
  markLost: { from: ['out'], to: 'lost' },
  // Damage may show only once the item is back.
  markDamaged: { from: ['out', 'returned'], to: 'damaged' },
  renew: { from: ['out'], to: 'out' },
};

/** Which permission guards each transition. */
export const guards: Record<Transition, (a: Who, item: ItemFacts, loan: LoanFacts) => boolean> = {
  approve: can.approveLoan,
  decline: can.declineLoan,
  cancel: can.cancelLoan,
  pickUp: can.markPickedUp,
  return: can.markReturned,
  thank: can.thankLoan,
  markLost: can.markLost,
  markDamaged: can.markDamaged,
  renew: can.renewLoan,
};

/** Whether `transition` may start from `status`. */
export function allowedFrom(transition: Transition, status: LoanStatus): boolean {
  return transitions[transition].from.includes(status);
}

/** The transitions `actor` may take on a loan now (for buttons). */
export function availableTransitions(
  a: Who,
  item: ItemFacts,
  loan: LoanFacts & { status: LoanStatus },
): Transition[] {
  return (Object.keys(transitions) as Transition[]).filter(
    (tr) => allowedFrom(tr, loan.status) && guards[tr](a, item, loan),
  );
}

/** Statuses that keep the item booked for their dates. */
export const bookedStatuses: readonly LoanStatus[] = ['approved', 'out'];
/** Statuses that count toward a member's limit of active requests and holds. */
export const pendingStatuses: readonly LoanStatus[] = ['requested', 'approved'];
