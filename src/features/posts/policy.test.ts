import { describe, expect, it } from 'vitest';
import { actorOf } from '../../platform/context.ts';
import { can, type PostFacts } from './policy.ts';

const request: PostFacts = { kind: 'request', authorId: 'author', postedBy: 'poster', claimedBy: 'helper' };
const offer: PostFacts = { ...request, kind: 'offer', claimedBy: null };

const who = {
  author: actorOf('author', 'c', 'member'),
  poster: actorOf('poster', 'c', 'member'),
  helper: actorOf('helper', 'c', 'member'),
  member: actorOf('member', 'c', 'member'),
  steward: actorOf('steward', 'c', 'steward'),
  coordinator: actorOf('coordinator', 'c', 'coordinator'),
  visitor: actorOf('visitor', 'c', 'visitor'),
  anonymous: actorOf(null, 'c', 'visitor'),
};

describe('board policy', () => {
  it.each([
    ['author', true, true, false, true, false],
    ['poster', true, true, false, true, false],
    ['helper', false, false, false, true, true],
    ['member', false, false, true, false, true],
    ['steward', true, false, true, true, true],
    ['coordinator', false, false, true, false, true],
    ['visitor', false, false, false, false, false],
    ['anonymous', false, false, false, false, false],
  ] as const)(
    'a %s: edit/close %s, fulfil %s, claim %s, release %s, respond %s',
    (role, edit, fulfill, claim, release, respond) => {
      const actor = who[role];
      expect(can.editPost(actor, request)).toBe(edit);
      expect(can.closePost(actor, request)).toBe(edit);
      expect(can.fulfillPost(actor, request)).toBe(fulfill);
      expect(can.thank(actor, request)).toBe(fulfill);
      expect(can.claimPost(actor, { ...request, claimedBy: null })).toBe(claim || role === 'helper');
      expect(can.releaseClaim(actor, request)).toBe(release);
      expect(can.respond(actor, request)).toBe(respond);
    },
  );

  it('nobody claims an offer', () => {
    for (const actor of Object.values(who)) expect(can.claimPost(actor, offer)).toBe(false);
  });

  it('only active members see the board or opt in to urgent requests', () => {
    expect(can.viewBoard(who.member)).toBe(true);
    expect(can.viewBoard(who.visitor)).toBe(false);
    expect(can.subscribeUrgent(who.anonymous)).toBe(false);
  });
});
