import { describe, expect, it } from 'vitest';
import type { Who } from '../../platform/access.ts';
import { can } from './policy.ts';

const who = (role: Who['role'], accountId: string | null = 'me'): Who => ({ accountId, role });
const roles = ['visitor', 'member', 'coordinator', 'steward'] as const;

describe('who may do what with needs surveys', () => {
  it.each([
    ['seeSurveys', (r: Who) => can.seeSurveys(r), [false, true, true, true]],
    ['answer', (r: Who) => can.answer(r), [false, true, true, true]],
    ['openSurvey', (r: Who) => can.openSurvey(r), [false, false, false, true]],
    ['typePaperAnswer', (r: Who) => can.typePaperAnswer(r), [false, false, false, true]],
    ['seeSummary', (r: Who) => can.seeSummary(r), [false, false, false, true]],
    ['answer an open survey by its link', (r: Who) => can.answerByLink(r, true), [true, true, true, true]],
    [
      'answer a closed survey by its link',
      (r: Who) => can.answerByLink(r, false),
      [false, false, false, false],
    ],
  ] as const)('%s: visitor, member, coordinator, steward', (_name, allowed, expected) => {
    expect(roles.map((r) => allowed(who(r)))).toEqual(expected);
  });

  it('a steward not signed in is nobody', () => {
    expect(can.openSurvey(who('steward', null))).toBe(false);
  });
});
