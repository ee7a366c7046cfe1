/**
 * Feedback's SQL: the things feedback is about (a loan, a shift, a gathering's date) and who took
 * part in each, the feedback given, the asking, and the rides' own feedback (`evacuation_feedback`)
 * for the stewards' summary. Every function takes the community's id and names it in every
 * statement.
 */
import type { Db, FeedbackRating, FeedbackSubjectKind } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

/** A loan with its item's name and owner (null: the shed's). */
export function findLoan(db: Db, communityId: string, loanId: string) {
  return db
    .selectFrom('loan')
    .innerJoin('item', (j) =>
      j.onRef('item.id', '=', 'loan.itemId').onRef('item.communityId', '=', 'loan.communityId'),
    )
    .select([
      'loan.id',
      'loan.status',
      'loan.borrowerId',
      'loan.returnedAt',
      'item.name as itemName',
      'item.ownerId',
    ])
    .where('loan.communityId', '=', communityId)
    .where('loan.id', '=', loanId)
    .executeTakeFirst();
}

/** A shift (an occurrence someone acted on) with its series' title and place. */
export function findShift(db: Db, communityId: string, shiftId: string) {
  return db
    .selectFrom('shift')
    .innerJoin('shiftSeries', (j) =>
      j
        .onRef('shiftSeries.id', '=', 'shift.seriesId')
        .onRef('shiftSeries.communityId', '=', 'shift.communityId'),
    )
    .select([
      'shift.id',
      'shift.seriesId',
      'shift.occurrence',
      'shift.startsAt',
      'shift.endsAt',
      'shift.cancelledAt',
      'shiftSeries.title',
      'shiftSeries.placeId',
    ])
    .where('shift.communityId', '=', communityId)
    .where('shift.id', '=', shiftId)
    .executeTakeFirst();
}

/** The id of a shift (an occurrence of a series someone acted on), if it has a row. */
export async function shiftIdOf(
  db: Db,
  communityId: string,
  seriesId: string,
  occurrence: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('shift')
    .select('id')
    .where('communityId', '=', communityId)
    .where('seriesId', '=', seriesId)
    .where('occurrence', '=', occurrence)
    .executeTakeFirst();
  return row?.id;
}

/** The id of a gathering's occurrence, if someone acted on it (it has a row). */
export async function occurrenceIdOf(
  db: Db,
  communityId: string,
  gatheringId: string,
  occurrence: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('gatheringOccurrence')
    .select('id')
    .where('communityId', '=', communityId)
    .where('gatheringId', '=', gatheringId)
    .where('occurrence', '=', occurrence)
    .executeTakeFirst();
  return row?.id;
}

/** Who was signed up for a shift and not recorded as a no-show. */
export async function shiftVolunteers(db: Db, communityId: string, shiftId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('shiftSignup')
    .select('accountId')
    .where('communityId', '=', communityId)
    .where('shiftId', '=', shiftId)
    .where('noShowAt', 'is', null)
    .execute();
  return rows.map((r) => r.accountId);
}

/** A gathering's occurrence with its gathering's title and place. */
export function findOccurrence(db: Db, communityId: string, occurrenceId: string) {
  return db
    .selectFrom('gatheringOccurrence')
    .innerJoin('gathering', (j) =>
      j
        .onRef('gathering.id', '=', 'gatheringOccurrence.gatheringId')
        .onRef('gathering.communityId', '=', 'gatheringOccurrence.communityId'),
    )
    .select([
      'gatheringOccurrence.id',
      'gatheringOccurrence.gatheringId',
      'gatheringOccurrence.occurrence',
      'gatheringOccurrence.startsAt',
      'gatheringOccurrence.endsAt',
      'gatheringOccurrence.cancelledAt',
      'gathering.title',
      'gathering.placeId',
      'gathering.cancelledAt as gatheringCancelledAt',
    ])
    .where('gatheringOccurrence.communityId', '=', communityId)
    .where('gatheringOccurrence.id', '=', occurrenceId)
    .executeTakeFirst();
}

/** The members who said yes to an occurrence and were not left waiting. */
export async function gatheringGuests(db: Db, communityId: string, occurrenceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('gatheringRsvp')
    .select('accountId')
    .where('communityId', '=', communityId)
    .where('occurrenceId', '=', occurrenceId)
    .where('answer', '=', 'yes')
    .where('waiting', '=', 0)
    .where('accountId', 'is not', null)
    .execute();
  return rows.map((r) => r.accountId as string);
}

/** A pilot with when it finished (its retrospective written). */
export function findPilot(db: Db, communityId: string, pilotId: string) {
  return db
    .selectFrom('pilot')
    .select(['id', 'title', 'finishedAt'])
    .where('communityId', '=', communityId)
    .where('id', '=', pilotId)
    .executeTakeFirst();
}

/** A pilot's team. */
export async function pilotTeam(db: Db, communityId: string, pilotId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('pilotMember')
    .select('accountId')
    .where('communityId', '=', communityId)
    .where('pilotId', '=', pilotId)
    .execute();
  return rows.map((r) => r.accountId);
}

/** Pilots finished between two instants, one row per member of their team. */
export function pilotsFinishedBetween(db: Db, communityId: string, from: string, to: string) {
  return db
    .selectFrom('pilot')
    .innerJoin('pilotMember', (j) =>
      j
        .onRef('pilotMember.pilotId', '=', 'pilot.id')
        .onRef('pilotMember.communityId', '=', 'pilot.communityId'),
    )
    .select(['pilot.id', 'pilotMember.accountId', 'pilot.title'])
    .where('pilot.communityId', '=', communityId)
    .where('pilot.finishedAt', '>', from)
    .where('pilot.finishedAt', '<=', to)
    .execute();
}

/** `accountId`'s feedback about a thing, if given. */
export function findFeedback(
  db: Db,
  communityId: string,
  kind: FeedbackSubjectKind,
  subjectId: string,
  accountId: string,
) {
  return db
    .selectFrom('feedback')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('subjectKind', '=', kind)
    .where('subjectId', '=', subjectId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}

/** Feedback as the service checked it. */
export interface FeedbackValues {
  subjectKind: FeedbackSubjectKind;
  subjectId: string;
  accountId: string;
  placeId: string | null;
  occurredOn: string;
  rating: FeedbackRating;
  comment: string;
  quotable: boolean;
}

/**
 * Saves a member's feedback about a thing: a first one is added, a second replaces the first
 * (one statement: two taps at once leave one row). Returns nothing; read it back with `findFeedback`.
 */
export async function saveFeedback(
  db: Db,
  communityId: string,
  v: FeedbackValues,
  at: string,
): Promise<void> {
  await db
    .insertInto('feedback')
    .values({
      id: newId(),
      communityId,
      subjectKind: v.subjectKind,
      subjectId: v.subjectId,
      accountId: v.accountId,
      placeId: v.placeId,
      occurredOn: v.occurredOn,
      rating: v.rating,
      comment: v.comment,
      quotable: v.quotable ? 1 : 0,
      createdAt: at,
      updatedAt: at,
    })
    .onConflict((oc) =>
      oc.columns(['communityId', 'subjectKind', 'subjectId', 'accountId']).doUpdateSet({
        rating: v.rating,
        comment: v.comment,
        quotable: v.quotable ? 1 : 0,
        placeId: v.placeId,
        occurredOn: v.occurredOn,
        updatedAt: at,
      }),
    )
    .execute();
}

/** The feedback about activities from `fromDay` (a local date, inclusive), with the place's name. */
export function listFeedbackSince(db: Db, communityId: string, fromDay: string) {
  return db
    .selectFrom('feedback')
    .leftJoin('place', (j) =>
      j.onRef('place.id', '=', 'feedback.placeId').onRef('place.communityId', '=', 'feedback.communityId'),
    )
    .select([
      'feedback.subjectKind',
      'feedback.subjectId',
      'feedback.placeId',
      'place.name as placeName',
      'feedback.occurredOn',
      'feedback.rating',
      'feedback.comment',
      'feedback.quotable',
      'feedback.updatedAt',
    ])
    .where('feedback.communityId', '=', communityId)
    .where('feedback.occurredOn', '>=', fromDay)
    .orderBy('feedback.occurredOn', 'desc')
    .orderBy('feedback.updatedAt', 'desc')
    .execute();
}

/** The feedback about activities of the local month `month` (`YYYY-MM`). */
export function listFeedbackOfMonth(db: Db, communityId: string, month: string) {
  return db
    .selectFrom('feedback')
    .select(['subjectKind', 'rating', 'comment', 'quotable', 'occurredOn'])
    .where('communityId', '=', communityId)
    .where('occurredOn', '>=', `${month}-01`)
    .where('occurredOn', '<=', `${month}-31`)
    .orderBy('occurredOn')
    .orderBy('updatedAt')
    .execute();
}

/** How many things of the community have feedback, and how many answers in all. */
export async function countFeedback(
  db: Db,
  communityId: string,
): Promise<{ subjects: number; answers: number }> {
  const rows = await db
    .selectFrom('feedback')
    .select(['subjectKind', 'subjectId'])
    .where('communityId', '=', communityId)
    .execute();
  return { subjects: new Set(rows.map((r) => `${r.subjectKind} ${r.subjectId}`)).size, answers: rows.length };
}

/** The rides' feedback (drivers and households after an alert ended), from `fromInstant`. */
export function listRideFeedbackSince(db: Db, communityId: string, fromInstant: string) {
  return db
    .selectFrom('evacuationFeedback')
    .innerJoin('evacuationAlert', (j) =>
      j
        .onRef('evacuationAlert.id', '=', 'evacuationFeedback.alertId')
        .onRef('evacuationAlert.communityId', '=', 'evacuationFeedback.communityId'),
    )
    .select([
      'evacuationFeedback.alertId',
      'evacuationFeedback.feedback as rating',
      'evacuationFeedback.comment',
      'evacuationAlert.raisedAt',
      'evacuationFeedback.createdAt',
    ])
    .where('evacuationFeedback.communityId', '=', communityId)
    .where('evacuationAlert.raisedAt', '>=', fromInstant)
    .orderBy('evacuationAlert.raisedAt', 'desc')
    .execute();
}

/** The live communities' ids (the asking job goes through them one by one). */
export async function liveCommunityIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('community').select('id').where('archivedAt', 'is', null).execute();
  return rows.map((r) => r.id);
}

/** Loans returned between two instants, with who borrowed and who lent (null: the shed). */
export function loansReturnedBetween(db: Db, communityId: string, from: string, to: string) {
  return db
    .selectFrom('loan')
    .innerJoin('item', (j) =>
      j.onRef('item.id', '=', 'loan.itemId').onRef('item.communityId', '=', 'loan.communityId'),
    )
    .select(['loan.id', 'loan.borrowerId', 'item.ownerId', 'item.name as title'])
    .where('loan.communityId', '=', communityId)
    .where('loan.status', 'in', ['returned', 'thanked'])
    .where('loan.returnedAt', '>', from)
    .where('loan.returnedAt', '<=', to)
    .execute();
}

/** Shifts ended between two instants (not cancelled), with their volunteers who came. */
export function shiftsEndedBetween(db: Db, communityId: string, from: string, to: string) {
  return db
    .selectFrom('shift')
    .innerJoin('shiftSeries', (j) =>
      j
        .onRef('shiftSeries.id', '=', 'shift.seriesId')
        .onRef('shiftSeries.communityId', '=', 'shift.communityId'),
    )
    .innerJoin('shiftSignup', (j) =>
      j
        .onRef('shiftSignup.shiftId', '=', 'shift.id')
        .onRef('shiftSignup.communityId', '=', 'shift.communityId'),
    )
    .select(['shift.id', 'shiftSignup.accountId', 'shiftSeries.title'])
    .where('shift.communityId', '=', communityId)
    .where('shift.cancelledAt', 'is', null)
    .where('shiftSignup.noShowAt', 'is', null)
    .where('shift.endsAt', '>', from)
    .where('shift.endsAt', '<=', to)
    .execute();
}

/** Gathering dates ended between two instants (neither called off), with who said yes and came in. */
export function gatheringsEndedBetween(db: Db, communityId: string, from: string, to: string) {
  return db
    .selectFrom('gatheringOccurrence')
    .innerJoin('gathering', (j) =>
      j
        .onRef('gathering.id', '=', 'gatheringOccurrence.gatheringId')
        .onRef('gathering.communityId', '=', 'gatheringOccurrence.communityId'),
    )
    .innerJoin('gatheringRsvp', (j) =>
      j
        .onRef('gatheringRsvp.occurrenceId', '=', 'gatheringOccurrence.id')
        .onRef('gatheringRsvp.communityId', '=', 'gatheringOccurrence.communityId'),
    )
    .select(['gatheringOccurrence.id', 'gatheringRsvp.accountId', 'gathering.title'])
    .where('gatheringOccurrence.communityId', '=', communityId)
    .where('gatheringOccurrence.cancelledAt', 'is', null)
    .where('gathering.cancelledAt', 'is', null)
    .where('gatheringRsvp.answer', '=', 'yes')
    .where('gatheringRsvp.waiting', '=', 0)
    .where('gatheringRsvp.accountId', 'is not', null)
    .where('gatheringOccurrence.endsAt', '>', from)
    .where('gatheringOccurrence.endsAt', '<=', to)
    .execute();
}

/** Of the things `subjectIds` of `kind`, the `subjectId accountId` pairs already asked or already answered. */
export async function settledPairs(
  db: Db,
  communityId: string,
  kind: FeedbackSubjectKind,
  subjectIds: readonly string[],
): Promise<Set<string>> {
  if (subjectIds.length === 0) return new Set();
  const [asked, given] = await Promise.all([
    db
      .selectFrom('feedbackPrompt')
      .select(['subjectId', 'accountId'])
      .where('communityId', '=', communityId)
      .where('subjectKind', '=', kind)
      .where('subjectId', 'in', subjectIds)
      .execute(),
    db
      .selectFrom('feedback')
      .select(['subjectId', 'accountId'])
      .where('communityId', '=', communityId)
      .where('subjectKind', '=', kind)
      .where('subjectId', 'in', subjectIds)
      .execute(),
  ]);
  return new Set([...asked, ...given].map((r) => `${r.subjectId} ${r.accountId}`));
}

/** Notes that `accountId` was asked about a thing (nothing when already noted). */
export async function notePrompt(
  db: Db,
  communityId: string,
  kind: FeedbackSubjectKind,
  subjectId: string,
  accountId: string,
  at: string,
): Promise<boolean> {
  const done = await db
    .insertInto('feedbackPrompt')
    .values({ communityId, subjectKind: kind, subjectId, accountId, askedAt: at })
    .onConflict((oc) => oc.columns(['communityId', 'subjectKind', 'subjectId', 'accountId']).doNothing())
    .executeTakeFirst();
  return Number(done.numInsertedOrUpdatedRows ?? 0) > 0;
}
