import { describe, expect, it } from 'vitest';
import { actorOf } from '../../platform/context.ts';
import { can } from './policy.ts';

const closed = { participantIds: ['a', 'b'], stewardAskedAt: null };
const asked = { ...closed, stewardAskedAt: '2026-11-29T18:00:00.000Z' };

describe('conversation policy', () => {
  it.each([
    ['a participant', actorOf('a', 'c', 'member'), true, true, true],
    ['another member', actorOf('x', 'c', 'member'), false, false, false],
    ['a steward', actorOf('s', 'c', 'steward'), false, true, false],
    ['a coordinator', actorOf('k', 'c', 'coordinator'), false, false, false],
    ['a participant who left the community', actorOf('a', 'c', 'visitor'), false, false, false],
  ] as const)('%s: reads before asking %s, after asking %s; may ask %s', (_, actor, before, after, ask) => {
    expect(can.read(actor, closed)).toBe(before);
    expect(can.write(actor, closed)).toBe(before);
    expect(can.read(actor, asked)).toBe(after);
    expect(can.askSteward(actor, closed)).toBe(ask);
  });
});
