/**
 * Who may do what in the lending library, and the loan state machine (`loanMachine`). Pure: no
 * I/O. Services enforce these; pages call the same predicates to decide which buttons to show.
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

/** Every loan action, as URLs name it (`/loans/:loanId/pick-up`) and `LoanOut.actions` lists it. */
export const loanActions = [
  'approve',
  'decline',
  'cancel',
  'pick-up',
  'return',
  'thank',
  'lost',
  'damaged',
  'renew',
] as const;
/** A loan action. */
export type LoanAction = (typeof loanActions)[number];

/** One row of the loan state machine. */
export interface LoanTransition {
  /** The statuses the action may start from (`Conflict('library.errors.loan_wrong_state')` otherwise). */
  from: readonly LoanStatus[];
  /** The status it leads to. */
  to: LoanStatus;
  /** Who may take it. */
  guard: (a: Who, item: ItemFacts, loan: LoanFacts) => boolean;
  /** The code of the `Forbidden` for anyone else. */
  refusal: string;
}

/**
 * The loan state machine, one row per action: from which statuses, to which, who may, and the
 * refusal. The service enforces it, `LoanOut.actions` and the buttons show what it allows, and
 * the API documents one route per row.
 */
export const loanMachine: Record<LoanAction, LoanTransition> = {
  approve: {
    from: ['requested'],
    to: 'approved',
    guard: can.approveLoan,
    refusal: 'library.errors.only_owner_or_steward',
  },
  decline: {
    from: ['requested'],
    to: 'declined',
    guard: can.declineLoan,
    refusal: 'library.errors.only_owner_or_steward',
  },
  cancel: {
    from: ['requested', 'approved'],
    to: 'cancelled',
    guard: can.cancelLoan,
    refusal: 'library.errors.only_borrower',
  },
  'pick-up': {
    from: ['approved'],
    to: 'out',
    guard: can.markPickedUp,
    refusal: 'library.errors.only_owner_or_steward',
  },
  return: {
    from: ['out'],
    to: 'returned',
    guard: can.markReturned,
    refusal: 'library.errors.only_owner_or_steward',
  },
  thank: { from: ['returned'], to: 'thanked', guard: can.thankLoan, refusal: 'library.errors.only_borrower' },
  lost: { from: ['out'], to: 'lost', guard: can.markLost, refusal: 'library.errors.only_stewards' },
  // Damage may show only once the item is back.
  damaged: {
    from: ['out', 'returned'],
    to: 'damaged',
    guard: can.markDamaged,
    refusal: 'library.errors.only_stewards',
  },
  renew: {
    from: ['out'],
    to: 'out',
    guard: can.renewLoan,
    refusal: 'library.errors.only_borrower_owner_or_steward',
  },
};

/** Whether `action` may start from `status`. */
export function allowedFrom(action: LoanAction, status: LoanStatus): boolean {
  return loanMachine[action].from.includes(status);
}

/** The actions `actor` may take on a loan now, in the table's order (for buttons and the API). */
export function availableActions(
  a: Who,
  item: ItemFacts,
  loan: LoanFacts & { status: LoanStatus },
): LoanAction[] {
  return loanActions.filter(
    (action) => allowedFrom(action, loan.status) && loanMachine[action].guard(a, item, loan),
  );
}

/** Statuses that keep the item booked for their dates. */
export const bookedStatuses: readonly LoanStatus[] = ['approved', 'out'];
/** Statuses that count toward a member's limit of active requests and holds. */
export const pendingStatuses: readonly LoanStatus[] = ['requested', 'approved'];
