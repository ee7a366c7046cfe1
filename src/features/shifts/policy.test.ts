import { describe, expect, it } from 'vitest';
import type { Who } from '../../platform/access.ts';
import { can } from './policy.ts';

const who = (role: Who['role'], accountId: string | null = 'me'): Who => ({ accountId, role });
const roles = ['visitor', 'member', 'coordinator', 'steward'] as const;
const anywhere = { placeVolunteerIds: [] };
const mine = { placeVolunteerIds: ['me'] };

describe('who may do what with shifts', () => {
  it.each([
    ['seeShifts', (r: Who) => can.seeShifts(r), [false, true, true, true]],
    ['signUp', (r: Who) => can.signUp(r), [false, true, true, true]],
    ['addSeries anywhere', (r: Who) => can.addSeries(r, anywhere), [false, false, false, true]],
    ['addSeries at a place I volunteer at', (r: Who) => can.addSeries(r, mine), [false, true, true, true]],
    ['manageSeries anywhere', (r: Who) => can.manageSeries(r, anywhere), [false, false, false, true]],
    ['complete when signed up', (r: Who) => can.complete(r, anywhere, true), [false, true, true, true]],
    [
      'complete when not signed up',
      (r: Who) => can.complete(r, anywhere, false),
      [false, false, false, true],
    ],
    ['see my own no-shows', (r: Who) => can.seeNoShows(r, 'me'), [false, true, true, true]],
    ['see another’s no-shows', (r: Who) => can.seeNoShows(r, 'other'), [false, false, false, true]],
    ['chooseUnit', (r: Who) => can.chooseUnit(r), [false, false, false, true]],
  ] as const)('%s: visitor, member, coordinator, steward', (_name, allowed, expected) => {
    expect(roles.map((r) => allowed(who(r)))).toEqual(expected);
  });

  it('a volunteer who is not signed in is nobody', () => {
    expect(can.addSeries(who('visitor', null), mine)).toBe(false);
  });
});
