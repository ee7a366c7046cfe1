/**
 * A potluck's dish sign-up: the organizer says how many mains, sides, desserts and drinks each
 * date wants; whoever answered yes or maybe promises a dish of a course, with its dietary labels,
 * so everyone sees what others bring. A course that has what it asked for takes no more, and a
 * count below the dishes already promised to a coming date is refused. Who says no takes their
 * dishes with them (`rsvps.ts`).
 */
import { requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Course, Db, Gathering } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { authorize, Conflict, type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import { can } from './policy.ts';
import { comingOccurrence } from './rsvps.ts';
import { courses, type dietaryLabels } from './schema.ts';
import { factsOf, loadGathering, loadManaged } from './service.ts';
import * as store from './store.ts';

/** A dietary label. */
export type DietaryLabel = (typeof dietaryLabels)[number];

/** A course of an occurrence's potluck, as pages and the API show it. */
export interface CourseView {
  course: Course;
  wanted: number | null;
  promised: number;
  dishes: { id: string; name: string; labels: DietaryLabel[]; by: string; mine: boolean }[];
}

/** The potluck of one occurrence (`occurrenceId` null: nothing promised yet) for `accountId`. */
export async function potluckOf(
  db: Db,
  communityId: string,
  gatheringId: string,
  occurrenceId: string | null,
  accountId: string | null,
): Promise<CourseView[]> {
  const needs = await store.listDishNeeds(db, communityId, gatheringId);
  const dishes = occurrenceId ? await store.listDishes(db, communityId, [occurrenceId]) : [];
  return courses.map((course) => {
    const mine = dishes.filter((d) => d.course === course);
    return {
      course,
      wanted: needs.find((n) => n.course === course)?.wanted ?? null,
      promised: mine.length,
      dishes: mine.map((d) => ({
        id: d.id,
        name: d.name,
        labels: (d.labels ? d.labels.split(',') : []) as DietaryLabel[],
        by: d.displayName ?? d.visitorName ?? '',
        mine: accountId !== null && d.accountId === accountId,
      })),
    };
  });
}

/** A potluck of the community (`Conflict('gatherings.not_potluck')` for another kind). */
function assertPotluck(g: Gathering): void {
  if (g.kind !== 'potluck') throw new Conflict('gatherings.not_potluck');
}

/**
 * Sets how many dishes of each course the potluck asks for (who organizes it); a course given
 * null is no longer counted, one left out stays as it was. Refuses, naming each course, a count
 * below the dishes already promised to one of its coming dates (`gatherings.dishes_below_promised`).
 */
export async function setDishNeeds(
  ctx: Ctx,
  gatheringId: string,
  input: Partial<Record<Course, number | null>>,
): Promise<CourseView[]> {
  const member = requireMember(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const g = await loadManaged(ctx, tx, member, gatheringId);
    assertPotluck(g);
    const coming = await store.listOccurrencesFrom(tx, member.communityId, g.id, iso(ctx.clock.now()));
    const dishes = await store.listDishes(
      tx,
      member.communityId,
      coming.map((o) => o.id),
    );
    const errors: FieldError[] = [];
    for (const course of courses) {
      const wanted = input[course];
      if (wanted === undefined || wanted === null) continue;
      const most = Math.max(
        0,
        ...coming.map((o) => dishes.filter((d) => d.occurrenceId === o.id && d.course === course).length),
      );
      if (wanted < most)
        errors.push({ field: course, code: 'gatherings.dishes_below_promised', params: { count: most } });
    }
    if (errors.length) throw new Invalid(errors);
    for (const course of courses) {
      const wanted = input[course];
      if (wanted !== undefined) await store.setDishNeed(tx, member.communityId, g.id, course, wanted);
    }
    await store.updateGathering(tx, member.communityId, g.id, { updatedAt: iso(ctx.clock.now()) });
    return potluckOf(tx, member.communityId, g.id, null, member.accountId);
  });
}

/** A dish as given. */
export interface DishInput {
  course: Course;
  name: string;
  labels?: readonly DietaryLabel[];
}

/**
 * Promises a dish to a coming date (an active member who answered yes or maybe:
 * `Conflict('gatherings.answer_first')` otherwise; `Conflict('gatherings.dish_while_waiting')` on
 * the waiting list). A course that has the dishes it asked for:
 * `Conflict('gatherings.course_full')`. Returns the dish's id.
 */
export async function bringDish(
  ctx: Ctx,
  gatheringId: string,
  occurrence: string,
  input: DishInput,
): Promise<string> {
  const member = requireMember(ctx);
  authorize(can.answer(ctx.actor), 'errors.members_only');
  return ctx.db.transaction().execute(async (tx) => {
    const g = await loadGathering(tx, member.communityId, gatheringId);
    assertPotluck(g);
    const row = await comingOccurrence(ctx, tx, member.community, g, occurrence);
    const rsvp = await store.findRsvp(tx, member.communityId, row.id, member.accountId);
    if (!rsvp || rsvp.answer === 'no') throw new Conflict('gatherings.answer_first');
    // Who waits for a place may never come: their dish would fill a course for those who do.
    if (rsvp.waiting === 1) throw new Conflict('gatherings.dish_while_waiting');
    return addDish(ctx, tx, member.communityId, g.id, row.id, rsvp.id, input);
  });
}

/**
 * Adds a dish to a locked occurrence row for answer `rsvpId`, refusing a course that has what it
 * asked for (`Conflict('gatherings.course_full')`).
 */
export async function addDish(
  ctx: Ctx,
  tx: Db,
  communityId: string,
  gatheringId: string,
  occurrenceId: string,
  rsvpId: string,
  input: DishInput,
): Promise<string> {
  const need = (await store.listDishNeeds(tx, communityId, gatheringId)).find(
    (n) => n.course === input.course,
  );
  if (need) {
    const promised = (await store.listDishes(tx, communityId, [occurrenceId])).filter(
      (d) => d.course === input.course,
    ).length;
    if (need.wanted === 0) throw new Conflict('gatherings.course_not_wanted');
    if (promised >= need.wanted)
      throw new Conflict('gatherings.course_full', { count: need.wanted, wanted: need.wanted });
  }
  return store.insertDish(tx, {
    communityId,
    occurrenceId,
    rsvpId,
    course: input.course,
    name: input.name,
    labels: [...new Set(input.labels ?? [])].join(','),
    createdAt: iso(ctx.clock.now()),
  });
}

/**
 * Takes a dish back from a coming date: who promised it, or who organizes the gathering
 * (`Forbidden('gatherings.not_your_dish')`); 404 `gatherings.dish_not_found` for another date's.
 */
export async function removeDish(
  ctx: Ctx,
  gatheringId: string,
  occurrence: string,
  dishId: string,
): Promise<void> {
  const member = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const g = await loadGathering(tx, member.communityId, gatheringId);
    const row = await comingOccurrence(ctx, tx, member.community, g, occurrence);
    const dish = await store.findDish(tx, member.communityId, row.id, dishId);
    if (!dish) throw new NotFound('gatherings.dish_not_found');
    authorize(
      dish.accountId === member.accountId || can.manage(ctx.actor, factsOf(g)),
      'gatherings.not_your_dish',
    );
    await store.deleteDish(tx, member.communityId, dish.id);
  });
}
