import { describe, expect, it } from 'vitest';
import { type Actor, actorOf } from '../../platform/context.ts';
import { can } from './policy.ts';

const me = 'account-me';
const other = 'account-other';
const as = (role: Actor['role'], accountId: string | null = me) => actorOf(accountId, 'community-1', role);

const roles = {
  'a member': as('member'),
  'a coordinator': as('coordinator'),
  'a steward': as('steward'),
  'a signed-in non-member': as('visitor'),
  'a visitor who is not signed in': as('visitor', null),
} as const;
type Who = keyof typeof roles;

describe('seed library policy', () => {
  it.each([
    ['a member', true],
    ['a coordinator', true],
    ['a steward', true],
    ['a signed-in non-member', false],
    ['a visitor who is not signed in', false],
  ] as [Who, boolean][])(
    'lets %s browse, add varieties, stories and lots, and take packets: %s',
    (who, ok) => {
      const a = roles[who];
      expect(can.browse(a)).toBe(ok);
      expect(can.addVariety(a)).toBe(ok);
      expect(can.addStory(a)).toBe(ok);
      expect(can.addLot(a)).toBe(ok);
      expect(can.takePackets(a)).toBe(ok);
    },
  );

  it.each([
    ['a member', me, true],
    ['a member', other, false],
    ['a coordinator', other, false],
    ['a steward', other, true],
    ['a signed-in non-member', me, false],
  ] as [Who, string, boolean][])('lets %s edit a variety added by %s: %s', (who, createdBy, ok) => {
    expect(can.editVariety(roles[who], { createdBy })).toBe(ok);
  });

  it('lets nobody but a steward edit a variety whose creator left (created_by set null)', () => {
    expect(can.editVariety(as('member'), { createdBy: null })).toBe(false);
    expect(can.editVariety(as('steward'), { createdBy: null })).toBe(true);
  });

  it.each([
    ['a member', me, true],
    ['a member', other, false],
    ['a steward', other, false],
    ['a signed-in non-member', me, false],
  ] as [Who, string, boolean][])('lets %s edit and delete a story written by %s: %s', (who, authorId, ok) => {
    expect(can.editStory(roles[who], { authorId })).toBe(ok);
    expect(can.deleteStory(roles[who], { authorId })).toBe(ok);
  });

  it('lets only stewards hide stories; a hidden story is seen by stewards and its author', () => {
    expect(can.hideStory(as('steward'))).toBe(true);
    expect(can.hideStory(as('member'))).toBe(false);
    expect(can.hideStory(as('coordinator'))).toBe(false);
    const hidden = { authorId: other, hiddenAt: '2026-01-01T00:00:00.000Z' };
    expect(can.seeStory(as('member'), hidden)).toBe(false);
    expect(can.seeStory(as('member', other), hidden)).toBe(true);
    expect(can.seeStory(as('steward'), hidden)).toBe(true);
    expect(can.seeStory(as('visitor'), { authorId: other, hiddenAt: null })).toBe(false);
    expect(can.seeStory(as('member'), { authorId: other, hiddenAt: null })).toBe(true);
  });

  it.each([
    ['a member', me, true],
    ['a member', other, false],
    ['a coordinator', other, false],
    ['a steward', other, true],
    ['a signed-in non-member', me, false],
  ] as [Who, string, boolean][])('lets %s see, return, close a pledge of %s: %s', (who, accountId, ok) => {
    const a = roles[who];
    expect(can.seePledge(a, { accountId })).toBe(ok);
    expect(can.recordReturn(a, { accountId })).toBe(ok);
    expect(can.closePledge(a, { accountId })).toBe(ok);
  });

  it('shows every open pledge to stewards only', () => {
    expect(can.seeAllPledges(as('steward'))).toBe(true);
    expect(can.seeAllPledges(as('member'))).toBe(false);
  });
});
