/**
 * The front porch's model: what needs a member now, what is happening in their community, and
 * what is theirs. Each feature answers for its own rows (a `PorchSource` on its `Feature`: a
 * handful of indexed queries scoped to the community, never one per row); the porch feature
 * composes them, and the menu shows the counts. An entry names its subject (`subjectType`,
 * `subjectId`) so a later inbox of notifications can be one more source of the same shape, or
 * mark entries read by subject.
 */
import type { Ctx } from './context.ts';

/** One line of the porch: something to act on, something that happened, or something of mine. */
export interface PorchEntry {
  /** Which feature's which kind, e.g. `library.lend_request`. */
  kind: string;
  /** What it is about, e.g. `loan` and the loan's id. */
  subjectType: string;
  subjectId: string;
  /** Where to act on it or read it, a path on this site. */
  path: string;
  /** The thing's own name (an item, a post's title, a person), as its owner wrote it. */
  title: string;
  /** What to say about it: a catalog key and its values (names, places, localized dates). */
  line: { key: string; values: Record<string, string | number> };
  /** When it arose, an ISO-8601 instant (newest first). */
  at: string;
  /** How many it stands for (unread messages); 1 when absent. */
  count?: number;
}

/** What a feature tells the porch; every part is optional. */
export interface PorchSource {
  /** What needs the actor (an active member) now: requests to answer, things to hand over, … */
  needsMe?(ctx: Ctx): Promise<PorchEntry[]>;
  /** What happened lately in the community, newest first, at most `limit`. */
  happening?(ctx: Ctx, limit: number): Promise<PorchEntry[]>;
  /** The actor's own things of this feature ("My things"): posts, loans, promises, … */
  mine?(ctx: Ctx): Promise<PorchEntry[]>;
}

/** The sources, as `app.ts` sets them from the features' list. */
let sources: readonly PorchSource[] = [];

/** Sets the porch's sources (`app.ts`, once per build: the same list each time). */
export function setPorchSources(list: readonly PorchSource[]): void {
  sources = list;
}

/** Every source's answer to `ask`, in the features' order. */
async function gather(ask: (s: PorchSource) => Promise<PorchEntry[]> | undefined): Promise<PorchEntry[][]> {
  return Promise.all(sources.map((s) => ask(s) ?? Promise.resolve([])));
}

const newestFirst = (a: PorchEntry, b: PorchEntry) => b.at.localeCompare(a.at);

/** What needs the actor now, newest first. */
export async function needsMe(ctx: Ctx): Promise<PorchEntry[]> {
  return (await gather((s) => s.needsMe?.(ctx))).flat().sort(newestFirst);
}

/** What happened lately in the community, newest first, at most `limit`. */
export async function happening(ctx: Ctx, limit: number): Promise<PorchEntry[]> {
  return (await gather((s) => s.happening?.(ctx, limit))).flat().sort(newestFirst).slice(0, limit);
}

/** The actor's own things, by feature, in the features' order (empty lists left out). */
export async function mine(ctx: Ctx): Promise<PorchEntry[][]> {
  return (await gather((s) => s.mine?.(ctx))).filter((list) => list.length > 0);
}

/** The menu's counts: things that need the member, and unread messages among them. */
export interface PorchCounts {
  needsMe: number;
  unread: number;
}

/** Counts `entries` for the menu (unread messages are entries of kind `conversations.unread`). */
export function countsOf(entries: readonly PorchEntry[]): PorchCounts {
  let unread = 0;
  for (const e of entries) if (e.kind === 'conversations.unread') unread += e.count ?? 1;
  return { needsMe: entries.length, unread };
}

// Building a formatter costs far more than using one.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar day (`YYYY-MM-DD`) as the reader's language writes it ("8 Dec 2026"). */
export function localDay(ctx: Pick<Ctx, 'locale'>, day: string): string {
  let format = dayFormats.get(ctx.locale);
  if (!format) {
    format = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dayFormats.set(ctx.locale, format);
  }
  return format.format(new Date(`${day}T00:00:00Z`));
}
