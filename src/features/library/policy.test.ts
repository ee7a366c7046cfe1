import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.ts';
import type { LoanStatus } from '../../platform/db/database.ts';
import { allowedFrom, availableActions, can, loanActions, loanMachine } from './policy.ts';

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
    expect(loanMachine.approve).toMatchObject({ from: ['requested'], to: 'approved' });
    expect(loanMachine['pick-up'].to).toBe('out');
    expect(loanMachine.return.to).toBe('returned');
    expect(loanMachine.thank.to).toBe('thanked');
  });

  it('has one row per action, each leading somewhere from a status that exists', () => {
    expect(Object.keys(loanMachine).sort()).toEqual([...loanActions].sort());
    for (const action of loanActions) {
      expect(all, action).toContain(loanMachine[action].to);
      for (const from of loanMachine[action].from) expect(all, action).toContain(from);
    }
  });

  it('ends nothing further from the final states', () => {
    for (const status of ['declined', 'cancelled', 'thanked', 'lost', 'damaged'] as LoanStatus[]) {
      const possible = loanActions.filter((action) => allowedFrom(action, status));
      expect(possible, status).toEqual([]);
    }
  });

  it('cancelling is only possible before pickup', () => {
    expect(all.filter((s) => allowedFrom('cancel', s))).toEqual(['requested', 'approved']);
  });

  it('offers each actor only the buttons they may press now', () => {
    expect(availableActions(owner, memberItem, { ...loan, status: 'requested' })).toEqual([
      'approve',
      'decline',
    ]);
    expect(availableActions(borrower, memberItem, { ...loan, status: 'requested' })).toEqual(['cancel']);
    expect(availableActions(steward, memberItem, { ...loan, status: 'out' })).toEqual([
      'return',
      'lost',
      'damaged',
      'renew',
    ]);
    expect(availableActions(other, memberItem, { ...loan, status: 'out' })).toEqual([]);
  });
});
