/**
 * A small deterministic pseudo-random generator, so a seed reproduces a plan exactly.
 * Algorithm: SplitMix32 seeding into xorshift128 (Marsaglia 2003), 32-bit state words.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seeds the generator from any integer (negative and fractional values are folded to 32 bits). */
  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      // SplitMix32: spreads a poor seed (0, 1, 2…) over all state bits.
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() | 1; // the state must never be all zero
  }

  /** Next unsigned 32-bit integer. */
  nextU32(): number {
    const t = this.a ^ (this.a << 11);
    this.a = this.b;
    this.b = this.c;
    this.c = this.d;
    this.d = (this.d ^ (this.d >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    return this.d;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n); n must be a positive integer. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
