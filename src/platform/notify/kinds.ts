/**
 * Kinds of notification and their defaults. Each feature names its kinds on its `Feature`
 * (`app.ts` sets them here); a member's preferences are per kind and channel, with the kind's
 * default where they chose nothing.
 *
 * Defaults: what is addressed to the member and asks something of them soon (a loan to answer,
 * a claim on their post, a message, an urgent request nearby, a join request for a steward, a
 * reminder timed for the day it matters) comes at once, by mail and push: a weekly digest would
 * bring a loan request after the item was needed. News for everyone (announcements) comes in a
 * daily digest by mail, and not by push: it is rarely urgent, and several a day make one mail.
 * Quiet hours hold back what is not an emergency.
 */
import type { Cadence } from '../db/database.ts';

/** The channels a member can choose per kind (the inbox always holds every notification). */
export const channels = ['mail', 'push'] as const;
/** A channel's name. */
export type ChannelName = (typeof channels)[number];

/** The cadences a channel offers: push only at once or never (a digest is for reading, not for a ring). */
export const cadencesOf: Record<ChannelName, readonly Cadence[]> = {
  mail: ['immediate', 'daily', 'weekly', 'off'],
  push: ['immediate', 'off'],
};

/**
 * The cadences `kind` offers on `channel`: an emergency only at once or never, since a digest
 * would bring an evacuation alert the next morning.
 */
export function cadencesFor(kind: NotificationKind, channel: ChannelName): readonly Cadence[] {
  return kind.emergency ? (['immediate', 'off'] as const) : cadencesOf[channel];
}

/** A kind of notification, as a feature declares it. */
export interface NotificationKind {
  /** `<feature>.<name>`, e.g. `library.loans`; also its catalog label `notify.kinds.<feature>_<name>`. */
  name: string;
  /** What comes by each channel when the member chose nothing. */
  defaults: Record<ChannelName, Cadence>;
  /**
   * Goes at once through quiet hours (emergency alerts), whatever cadence is stored; the member
   * may still turn a channel off, but not choose a digest (`cadencesFor`).
   */
  emergency?: boolean;
  /** Only stewards receive it (join requests): the preferences page shows it to them only. */
  stewards?: boolean;
  /**
   * Where the community's chat group helps (a welcome, an urgent request: neighbors answer there
   * at once): its mail ends with the group's link when the community has one.
   */
  chat?: boolean;
  /**
   * The texts of this kind that ask the member to act, by subject key, and the task each asks
   * as "needs me" names it (`'library.mail.requested.subject': 'library.answer'`). Such a
   * notification stays in "needs me" until its subject is settled — by whoever settles it, in
   * the same transaction (`resolve`) — or the member marks it done. "Needs me" says it with
   * `<feature>.porch.<task>` (`library.porch.answer`), with the notification's values. A text
   * not listed only tells (an answer, a thank-you, an announcement).
   */
  asks?: Readonly<Record<string, string>>;
}

/** Personal and asks something soon: at once by every channel. */
export const personal: NotificationKind['defaults'] = { mail: 'immediate', push: 'immediate' };

const kinds = new Map<string, NotificationKind>();

/** Sets the known kinds (`app.ts`, from the features' lists; the same list each build). */
export function setKinds(list: readonly NotificationKind[]): void {
  kinds.clear();
  for (const kind of list) addKind(kind);
}

/** Adds one kind (a test's own, an emergency kind before its feature exists). */
export function addKind(kind: NotificationKind): void {
  kinds.set(kind.name, kind);
}

/** The kind named `name`; throws for an unknown one (a programming error, caught by tests). */
export function kindOf(name: string): NotificationKind {
  const kind = kinds.get(name);
  if (!kind) throw new Error(`unknown notification kind "${name}"`);
  return kind;
}

/** Whether `name` is a known kind (input from a form or a link). */
export function isKind(name: string): boolean {
  return kinds.has(name);
}

/** Every known kind, in the features' order. */
export function allKinds(): NotificationKind[] {
  return [...kinds.values()];
}

/** The task a notification of `kind` said with `subjectKey` asks, or null when it only tells. */
export function taskOf(kind: string, subjectKey: string): string | null {
  return kindOf(kind).asks?.[subjectKey] ?? null;
}

/** The catalog key "needs me" says `task` with: `library.answer` → `library.porch.answer`. */
export function taskLine(task: string): string {
  const [feature, name] = task.split('.');
  return `${feature}.porch.${name}`;
}

/** The catalog key of a kind's label ("Loans of my things and things I borrow"). */
export function kindLabel(name: string): string {
  return `notify.kinds.${name.replace('.', '_')}`;
}
