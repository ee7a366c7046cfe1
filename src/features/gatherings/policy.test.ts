import { describe, expect, it } from 'vitest';
import type { Who } from '../../platform/access.ts';
import { can, type GatheringFacts } from './policy.ts';

const who = (role: Who['role'], accountId: string | null = 'me'): Who => ({ accountId, role });
const roles = ['visitor', 'member', 'coordinator', 'steward'] as const;
const others: GatheringFacts = { createdBy: 'other', acceptedHostId: null, isPublic: false };
const mine: GatheringFacts = { ...others, createdBy: 'me' };
const hosting: GatheringFacts = { ...others, acceptedHostId: 'me' };
const open: GatheringFacts = { ...others, isPublic: true };

describe('who may do what with gatherings', () => {
  it.each([
    ['seeGatherings', (r: Who) => can.seeGatherings(r), [false, true, true, true]],
    ['answer', (r: Who) => can.answer(r), [false, true, true, true]],
    ['addGathering', (r: Who) => can.addGathering(r), [false, true, true, true]],
    ['makePublic', (r: Who) => can.makePublic(r), [false, false, false, true]],
    ['manage another’s', (r: Who) => can.manage(r, others), [false, false, false, true]],
    ['manage my own', (r: Who) => can.manage(r, mine), [false, true, true, true]],
    ['manage the one I host', (r: Who) => can.manage(r, hosting), [false, true, true, true]],
    ['see a private one as a visitor', (r: Who) => can.seeAsVisitor(r, others), [false, false, false, false]],
    ['see a public one as a visitor', (r: Who) => can.seeAsVisitor(r, open), [true, true, true, true]],
    ['answer hosting asked of me', (r: Who) => can.answerHosting(r, 'me'), [false, true, true, true]],
    [
      'answer hosting asked of another',
      (r: Who) => can.answerHosting(r, 'other'),
      [false, false, false, false],
    ],
  ] as const)('%s: visitor, member, coordinator, steward', (_name, allowed, expected) => {
    expect(roles.map((r) => allowed(who(r)))).toEqual(expected);
  });

  it('an organizer who is not signed in is nobody', () => {
    expect(can.manage(who('visitor', null), { ...others, createdBy: null })).toBe(false);
  });
});
