/** Stop conditions and progress reporting shared by both solvers. */
export interface SolveOptions {
  /** Wall-clock budget in milliseconds, measured from the call (default 1000 when no iteration limit is given). */
  timeLimitMs?: number;
  /** Stop after exactly this many ruin-and-recreate iterations; with no time limit this makes a run reproducible. */
  maxIterations?: number;
  /** Seed of the pseudo-random generator (default 1). Same seed + same iteration limit = same plan. */
  seed?: number;
  /** Cancellation: when `aborted` becomes true the solver returns its best plan so far (e.g. an AbortSignal). */
  signal?: { readonly aborted: boolean };
  /** Cancellation by callback, polled every iteration; return true to stop. */
  shouldStop?: () => boolean;
  /** Clock in milliseconds (default `performance.now`); injectable for tests and CPU-time tuning. */
  now?: () => number;
  /** Called with each new best objective value and the milliseconds since the call started. */
  onImprove?: (cost: number, elapsedMs: number) => void;
}

/** Resolved stop rule used inside the loops. */
export interface StopRule {
  start: number;
  limitMs: number;
  maxIterations: number;
  now: () => number;
  signal?: { readonly aborted: boolean };
  shouldStop?: () => boolean;
  /** Calls to `progress` so far, and the time share last read from the clock (read every 8th call). */
  calls: number;
  timeShare: number;
}

/** Fills defaults: 1 s when neither a time nor an iteration limit is given, no time limit when only iterations are. */
export function stopRule(o: SolveOptions): StopRule {
  const now = o.now ?? (() => performance.now());
  const limitMs =
    o.timeLimitMs !== undefined
      ? Math.max(0, o.timeLimitMs)
      : o.maxIterations !== undefined
        ? Infinity
        : 1000;
  return {
    start: now(),
    limitMs,
    maxIterations: o.maxIterations ?? Infinity,
    now,
    signal: o.signal,
    shouldStop: o.shouldStop,
    calls: 0,
    timeShare: 0,
  };
}

/**
 * Progress of the run in [0, 1] (the larger of time and iteration progress) before iteration number
 * `iteration` (0-based), or −1 when it must not start (budget spent or cancelled).
 */
export function progress(rule: StopRule, iteration: number): number {
  if (rule.signal?.aborted || rule.shouldStop?.() || iteration >= rule.maxIterations) return -1;
  // The clock is read every 8th call (a CPU-time clock is a system call); iterations are counted exactly.
  if (rule.limitMs !== Infinity && (rule.calls++ & 7) === 0)
    rule.timeShare = (rule.now() - rule.start) / rule.limitMs;
  const t = rule.timeShare;
  const i = rule.maxIterations === Infinity ? 0 : iteration / rule.maxIterations;
  const p = Math.max(t, i);
  return p >= 1 ? -1 : p;
}

/** Milliseconds since the run started. */
export function elapsed(rule: StopRule): number {
  return rule.now() - rule.start;
}
