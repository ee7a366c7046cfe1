/**
 * Shifts tables (migration 0029): recurring shift series, the occurrences someone acted on, who
 * signed up, who is trained, what completing a shift logged, the stale-check alerts, the
 * community's temperature unit, and members' secret calendar-feed tokens; swaps asked for and the
 * occurrences nudged about (migration 0032).
 */
import type { Generated, Selectable } from 'kysely';

/** What a temperature reading was taken of. */
export type Appliance = 'fridge' | 'freezer';
/** How a shift went, as the volunteer said. */
export type ShiftFeedback = 'went_well' | 'could_improve';
/** The unit a community reads temperatures in (stored always in °C). */
export type TemperatureUnit = 'C' | 'F';

/** A recurring shift, at a place or anywhere (0029). */
export interface ShiftSeriesTable {
  id: string;
  communityId: string;
  placeId: string | null;
  title: string;
  description: Generated<string>;
  /** One item a line. */
  checklist: Generated<string>;
  /** Local wall time `YYYY-MM-DDTHH:mm` of the first occurrence, in the community's zone. */
  startLocal: string;
  durationMinutes: number;
  /** RFC 5545 RRULE without DTSTART; null: once. */
  rule: string | null;
  /** `MM-DD`, both set or both null. */
  seasonFrom: string | null;
  seasonUntil: string | null;
  /** Local dates left out, comma-separated. */
  exceptions: Generated<string>;
  peopleNeeded: number;
  trainedOnly: Generated<number>;
  trialSlots: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  /** Occurrences moved, `from>to` local starts comma-separated (0032). */
  moves: Generated<string>;
}

/** One occurrence of a series someone acted on (0029). */
export interface ShiftTable {
  id: string;
  communityId: string;
  seriesId: string;
  /** The local start the rule gave, `YYYY-MM-DDTHH:mm`: the occurrence's identity. */
  occurrence: string;
  startsAt: string;
  endsAt: string;
  cancelledAt: string | null;
  completedAt: string | null;
  createdAt: string;
}

/** A volunteer signed up for a shift (0029). */
export interface ShiftSignupTable {
  communityId: string;
  shiftId: string;
  accountId: string;
  trial: Generated<number>;
  createdAt: string;
  substituteAskedAt: string | null;
  remindedAt: string | null;
  noShowAt: string | null;
}

/** A volunteer trained for a series that asks for it (0029). */
export interface ShiftTrainedTable {
  communityId: string;
  seriesId: string;
  accountId: string;
  createdAt: string;
}

/** What completing a shift logged (0029). */
export interface ShiftCheckTable {
  id: string;
  communityId: string;
  shiftId: string;
  placeId: string | null;
  accountId: string | null;
  checkedAt: string;
  /** JSON `[{ item, done }]`. */
  checklist: Generated<string>;
  appliance: Appliance | null;
  /** Always °C, to a hundredth. */
  temperatureC: number | null;
  feedback: ShiftFeedback | null;
  feedbackNote: Generated<string>;
  foodSavedKg: number | null;
}

/** The last check a place's stale-check alert was sent for (0029). */
export interface ShiftStaleAlertTable {
  communityId: string;
  placeId: string;
  lastCheckAt: string | null;
  alertedAt: string;
}

/** A community's shift settings (0029). */
export interface ShiftSettingsTable {
  communityId: string;
  temperatureUnit: Generated<TemperatureUnit>;
}

/** A member's secret calendar-feed token, as its hash (0029); an account's row. */
export interface CalendarFeedTable {
  accountId: string;
  tokenHash: string;
  createdAt: string;
}

/**
 * A volunteer asking another, on another occurrence of the same series, to swap (0032):
 * `accepted` null until answered; the sign-ups' `createdAt` when asked, to refuse a swap whose
 * sides changed meanwhile.
 */
export interface ShiftSwapTable {
  id: string;
  communityId: string;
  seriesId: string;
  shiftId: string;
  accountId: string;
  signedUpAt: string;
  otherShiftId: string;
  otherAccountId: string;
  otherSignedUpAt: string;
  createdAt: string;
  answeredAt: string | null;
  accepted: number | null;
}

/** An occurrence whose empty places were nudged about, once (0032). */
export interface ShiftNudgeTable {
  communityId: string;
  seriesId: string;
  occurrence: string;
  nudgedAt: string;
}

/** The shifts tables, by name (part of `Database`). */
export interface ShiftsDatabase {
  shiftSeries: ShiftSeriesTable;
  shift: ShiftTable;
  shiftSignup: ShiftSignupTable;
  shiftTrained: ShiftTrainedTable;
  shiftCheck: ShiftCheckTable;
  shiftStaleAlert: ShiftStaleAlertTable;
  shiftSettings: ShiftSettingsTable;
  calendarFeed: CalendarFeedTable;
  shiftSwap: ShiftSwapTable;
  shiftNudge: ShiftNudgeTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const shiftsCommunityTables: readonly string[] = [
  'shift_series',
  'shift',
  'shift_signup',
  'shift_trained',
  'shift_check',
  'shift_stale_alert',
  'shift_settings',
  'shift_swap',
  'shift_nudge',
];

/** A series row as read. */
export type ShiftSeries = Selectable<ShiftSeriesTable>;
/** A shift (occurrence) row as read. */
export type Shift = Selectable<ShiftTable>;
/** A swap asked for, as read. */
export type ShiftSwap = Selectable<ShiftSwapTable>;
/** A check row as read. */
export type ShiftCheck = Selectable<ShiftCheckTable>;
