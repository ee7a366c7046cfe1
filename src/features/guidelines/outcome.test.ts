import { describe, expect, it } from 'vitest';
import { consentOutcome, type Tally, tallyOf } from './outcome.ts';

const of = (...stances: ('agree' | 'abstain' | 'disagree' | 'block')[]): Tally =>
  tallyOf(stances.map((stance) => ({ stance })));

describe('the consent rule', () => {
  it('counts each position', () => {
    expect(of('agree', 'agree', 'block', 'abstain')).toEqual({
      agree: 2,
      abstain: 1,
      disagree: 0,
      block: 1,
      total: 4,
    });
  });

  it('passes with one agree and no block; abstentions and disagreements do not count against', () => {
    expect(consentOutcome(of('agree'))).toBe('passed');
    expect(consentOutcome(of('agree', 'abstain', 'abstain', 'abstain'))).toBe('passed');
    expect(consentOutcome(of('agree', 'disagree', 'disagree'))).toBe('passed');
  });

  it('one block stops it, however many agree', () => {
    expect(consentOutcome(of('agree', 'agree', 'agree', 'block'))).toBe('blocked');
    expect(consentOutcome(of('block'))).toBe('blocked');
  });

  it('without any agree it does not pass; with no position at all nothing is decided', () => {
    expect(consentOutcome(of('abstain', 'disagree'))).toBe('not_passed');
    expect(consentOutcome(of('abstain'))).toBe('not_passed');
    expect(consentOutcome(of())).toBe('no_votes');
  });
});
