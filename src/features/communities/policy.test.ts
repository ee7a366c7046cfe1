import { describe, expect, it } from 'vitest';
import { actorOf } from '../../platform/context.ts';
import { can } from './policy.ts';

const roles = ['visitor', 'member', 'coordinator', 'steward'] as const;
const as = (role: (typeof roles)[number]) => actorOf(role === 'visitor' ? null : 'a1', 'c1', role);

describe('who may do what in a community', () => {
  const stewardOnly = [
    'editSettings',
    'manageInvites',
    'approveMembers',
    'changeRoles',
    'removeMembers',
  ] as const;

  it.each(roles)('a %s: steward actions only for stewards', (role) => {
    for (const action of stewardOnly) expect(can[action](as(role))).toBe(role === 'steward');
  });

  it.each(roles)('a %s: the chat link and leaving are for members of any role', (role) => {
    expect(can.seeChatLink(as(role))).toBe(role !== 'visitor');
    expect(can.leave(as(role))).toBe(role !== 'visitor');
    expect(can.join(as(role))).toBe(role === 'visitor');
  });

  it('paper members: stewards, where the community allows them', () => {
    expect(can.addPaperMembers(as('steward'), { paperMembers: 1 })).toBe(true);
    expect(can.addPaperMembers(as('steward'), { paperMembers: 0 })).toBe(false);
    expect(can.addPaperMembers(as('member'), { paperMembers: 1 })).toBe(false);
  });

  it('acting for someone: a steward, for an active member without email', () => {
    expect(can.actFor(as('steward'), { email: null, status: 'active' })).toBe(true);
    expect(can.actFor(as('steward'), { email: 'x@example.org', status: 'active' })).toBe(false);
    expect(can.actFor(as('steward'), { email: null, status: 'left' })).toBe(false);
    expect(can.actFor(as('coordinator'), { email: null, status: 'active' })).toBe(false);
  });
});

describe('who may start a community', () => {
  const anyone = { creation: 'anyone' as const, maxPerPerson: 2, started: 0 };
  const signedIn = actorOf('a1', null, 'visitor');
  const operator = actorOf('a1', null, 'visitor', true);

  it('anyone signed in, up to the limit, when the server allows it', () => {
    expect(can.startCommunity(signedIn, anyone)).toBe(true);
    expect(can.startCommunity(signedIn, { ...anyone, started: 2 })).toBe(false);
    expect(can.startCommunity(actorOf(null, null, 'visitor'), anyone)).toBe(false);
  });

  it('only operators (without a limit) when the server says so', () => {
    const operators = { ...anyone, creation: 'operators' as const };
    expect(can.startCommunity(signedIn, operators)).toBe(false);
    expect(can.startCommunity(operator, { ...operators, started: 10 })).toBe(true);
  });
});
