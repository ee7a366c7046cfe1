/**
 * The front porch's model: what needs a member now, what is happening in their community, and
 * what is theirs. Each feature answers for its own rows (a `PorchSource` on its `Feature`: a
 * handful of indexed queries scoped to the community, never one per row); the porch feature
 * composes them, and the menu shows the counts. What needs a member is read from their
 * notifications (`needsMe`): the inbox and the porch are one model.
 */
import type { Ctx } from './context.ts';
import { taskLine } from './notify/kinds.ts';
import { valuesOf } from './notify/render.ts';
import { openTasks } from './notify/service.ts';

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
  /** The notification that says it ("needs me"), which the member may mark done. */
  notificationId?: string;
}

/**
 * What a feature tells the porch; every part is optional. What needs a member is not asked of
 * the features: it is their notifications that ask something (`needsMe`).
 */
export interface PorchSource {
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

/**
 * What needs the actor now, newest first: their notifications that ask something and are not
 * done yet (`notify/service.ts openTasks`), one line per thing — the newest says it, `count`
 * says how many (a conversation's unread messages). The line is `<feature>.porch.<task>` said
 * with the notification's values and `count`; its link is where the notification leads.
 */
export async function needsMe(ctx: Ctx): Promise<PorchEntry[]> {
  const slug = ctx.community?.slug ?? '';
  const lines = new Map<string, PorchEntry>();
  const ownCount = new Set<string>();
  for (const n of await openTasks(ctx)) {
    const key = `${n.subjectType} ${n.subjectId}`;
    const line = lines.get(key);
    if (line) {
      line.count = (line.count ?? 1) + 1;
      // A line counts what it stands for, unless its text counts something of its own (packets).
      if (!ownCount.has(key)) line.line.values.count = line.count;
      continue;
    }
    const values = valuesOf(ctx.locale, n.params);
    if ('count' in values) ownCount.add(key);
    const task = n.task ?? '';
    lines.set(key, {
      kind: task,
      subjectType: n.subjectType,
      subjectId: n.subjectId,
      path: `/c/${slug}${n.path}`,
      title: n.title ?? '',
      line: { key: taskLine(task), values: { count: 1, ...values } },
      at: n.createdAt,
      count: 1,
      notificationId: n.id,
    });
  }
  return [...lines.values()];
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
