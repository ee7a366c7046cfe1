/** Potluck dishes' SQL: the courses a gathering asks for, and the dishes promised. Scoped by community. */
import type { Course, Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

/** The courses a gathering asks for, with how many of each. */
export function listDishNeeds(db: Db, communityId: string, gatheringId: string) {
  return db
    .selectFrom('gatheringDishNeed')
    .select(['course', 'wanted'])
    .where('communityId', '=', communityId)
    .where('gatheringId', '=', gatheringId)
    .execute();
}

/** Sets how many dishes of `course` a gathering asks for (null: the course is not counted). */
export async function setDishNeed(
  db: Db,
  communityId: string,
  gatheringId: string,
  course: Course,
  wanted: number | null,
) {
  await db
    .deleteFrom('gatheringDishNeed')
    .where('communityId', '=', communityId)
    .where('gatheringId', '=', gatheringId)
    .where('course', '=', course)
    .execute();
  if (wanted !== null) {
    await db.insertInto('gatheringDishNeed').values({ communityId, gatheringId, course, wanted }).execute();
  }
}

/** Copies a gathering's needs to another (a split "this and the following"). */
export async function copyDishNeeds(db: Db, communityId: string, fromId: string, toId: string) {
  for (const n of await listDishNeeds(db, communityId, fromId)) {
    await db
      .insertInto('gatheringDishNeed')
      .values({ communityId, gatheringId: toId, ...n })
      .execute();
  }
}

/** The dishes promised to the given occurrences, with who brings each, oldest first. */
export function listDishes(db: Db, communityId: string, occurrenceIds: readonly string[]) {
  if (occurrenceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('gatheringDish')
    .innerJoin('gatheringRsvp', (j) =>
      j
        .onRef('gatheringRsvp.id', '=', 'gatheringDish.rsvpId')
        .onRef('gatheringRsvp.communityId', '=', 'gatheringDish.communityId'),
    )
    .leftJoin('account', 'account.id', 'gatheringRsvp.accountId')
    .select([
      'gatheringDish.id',
      'gatheringDish.occurrenceId',
      'gatheringDish.rsvpId',
      'gatheringDish.course',
      'gatheringDish.name',
      'gatheringDish.labels',
      'gatheringRsvp.accountId',
      'gatheringRsvp.visitorName',
      'account.displayName',
    ])
    .where('gatheringDish.communityId', '=', communityId)
    .where('gatheringDish.occurrenceId', 'in', occurrenceIds)
    .orderBy('gatheringDish.createdAt')
    .orderBy('gatheringDish.id')
    .execute();
}

/** Adds a dish; returns its id. */
export async function insertDish(
  db: Db,
  d: {
    communityId: string;
    occurrenceId: string;
    rsvpId: string;
    course: Course;
    name: string;
    labels: string;
    createdAt: string;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('gatheringDish')
    .values({ ...d, id })
    .execute();
  return id;
}

/** A dish of an occurrence. */
export function findDish(db: Db, communityId: string, occurrenceId: string, dishId: string) {
  return db
    .selectFrom('gatheringDish')
    .innerJoin('gatheringRsvp', (j) =>
      j
        .onRef('gatheringRsvp.id', '=', 'gatheringDish.rsvpId')
        .onRef('gatheringRsvp.communityId', '=', 'gatheringDish.communityId'),
    )
    .select(['gatheringDish.id', 'gatheringDish.course', 'gatheringRsvp.accountId'])
    .where('gatheringDish.communityId', '=', communityId)
    .where('gatheringDish.occurrenceId', '=', occurrenceId)
    .where('gatheringDish.id', '=', dishId)
    .executeTakeFirst();
}

/** Removes a dish. */
export async function deleteDish(db: Db, communityId: string, dishId: string) {
  await db
    .deleteFrom('gatheringDish')
    .where('communityId', '=', communityId)
    .where('id', '=', dishId)
    .execute();
}

/** Removes the dishes of an answer (who said no brings nothing). */
export async function deleteDishesOf(db: Db, communityId: string, rsvpId: string) {
  await db
    .deleteFrom('gatheringDish')
    .where('communityId', '=', communityId)
    .where('rsvpId', '=', rsvpId)
    .execute();
}
