import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.ts';
import type { LoanStatus } from '../../platform/db/database.ts';
import { allowedFrom, availableTransitions, can, type Transition, transitions } from './policy.ts';

const actor = (accountId: string | null, role: Actor['role']) => ({ accountId, role });
const owner = actor('owner', 'member');
const borrower = actor('borrower', 'member');
const other = actor('other', 'member');
const coordinator = actor('coord', 'coordinator');
const steward = actor('steward', 'steward');
const visitor = actor('someone', 'visitor');
const nobody = actor(null, 'visitor');
const memberItem = { ownerId: 'owner' };
const shedItem = { ownerId: null };
const loan = { borrowerId: 'borrower' };

describe('library permissions by role', () => {
  it('members see the library; visitors and signed-out people do not', () => {
    expect([owner, coordinator, steward].map(can.seeLibrary)).toEqual([true, true, true]);
    expect([visitor, nobody].map(can.seeLibrary)).toEqual([false, false]);
  });

  it('only stewards add shed items and manage the library', () => {
    expect([other, coordinator, steward].map((a) => can.addShedItem(a))).toEqual([false, false, true]);
    expect([other, coordinator, steward].map((a) => can.manageLibrary(a))).toEqual([false, false, true]);
  });

  it('the owner or a steward edits and decides on a member item; nobody else', () => {
    for (const check of [
      can.editItem,
      can.approveLoan,
      can.declineLoan,
      can.markPickedUp,
      can.markReturned,
    ]) {
      expect(
        [owner, steward, other, coordinator, borrower, visitor].map((a) => check(a, memberItem)),
      ).toEqual([true, true, false, false, false, false]);
    }
  });

  it('only stewards decide on shed items', () => {
    expect([steward, coordinator, other].map((a) => can.approveLoan(a, shedItem))).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('the borrower cancels and thanks; lost and damaged are for stewards only', () => {
    expect([borrower, owner, steward].map((a) => can.cancelLoan(a, memberItem, loan))).toEqual([
      true,
      false,
      false,
    ]);
    expect([borrower, owner, steward].map((a) => can.thankLoan(a, memberItem, loan))).toEqual([
      true,
      false,
      false,
    ]);
    expect([steward, owner, coordinator].map((a) => can.markLost(a))).toEqual([true, false, false]);
    expect([steward, owner, coordinator].map((a) => can.markDamaged(a))).toEqual([true, false, false]);
  });

  it('nobody borrows or waits for their own item', () => {
    expect(can.requestLoan(owner, memberItem)).toBe(false);
    expect(can.joinWaitlist(owner, memberItem)).toBe(false);
    expect(can.requestLoan(other, memberItem)).toBe(true);
    expect(can.requestLoan(steward, shedItem)).toBe(true);
  });

  it('a loan is seen by its borrower, the owner and stewards', () => {
    expect(
      [borrower, owner, steward, other, coordinator].map((a) => can.seeLoan(a, memberItem, loan)),
    ).toEqual([true, true, true, false, false]);
  });
});

describe('the loan state machine', () => {
  const all: LoanStatus[] = [
    'requested',
    'approved',
    'declined',
    'cancelled',
    'out',
    'returned',
    'thanked',
    'lost',
    'damaged',
  ];

  it('follows requested → approved → out → returned → thanked', () => {
    expect(transitions.approve).toEqual({ from: ['requested'], to: 'approved' });
    expect(transitions.pickUp.to).toBe('out');
    expect(transitions.return.to).toBe('returned');
    expect(transitions.thank.to).toBe('thanked');
  });

  it('ends nothing further from the final states', () => {
    for (const status of ['declined', 'cancelled', 'thanked', 'lost', 'damaged'] as LoanStatus[]) {
      const possible = (Object.keys(transitions) as Transition[]).filter((tr) => allowedFrom(tr, status));
      expect(possible, status).toEqual([]);
    }
  });

  it('cancelling is only possible before pickup', () => {
    expect(all.filter((s) => allowedFrom('cancel', s))).toEqual(['requested', 'approved']);
  });

  it('offers each actor only the buttons they may press now', () => {
    expect(availableTransitions(owner, memberItem, { ...loan, status: 'requested' })).toEqual([
      'approve',
      'decline',
    ]);
    expect(availableTransitions(borrower, memberItem, { ...loan, status: 'requested' })).toEqual(['cancel']);
    expect(availableTransitions(steward, memberItem, { ...loan, status: 'out' })).toEqual([
      'return',
      'markLost',
      'markDamaged',
      'renew',
    ]);
    expect(availableTransitions(other, memberItem, { ...loan, status: 'out' })).toEqual([]);
  });
});
