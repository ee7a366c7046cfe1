/**
 * The six steps guide's SQL: what each step's feature holds for the community, read from its own
 * tables (surveys, gatherings, guidelines, pilots, newsletters), as a few counts and the latest
 * row an action links to. Every statement names the community.
 */
import type { Db } from '../../platform/db/database.ts';

/** Surveys: how many, how many closed with answers, and the newest one. */
export async function surveyFacts(db: Db, communityId: string, now: string) {
  const [all, answered, latest] = await Promise.all([
    db
      .selectFrom('survey')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('communityId', '=', communityId)
      .executeTakeFirst(),
    db
      .selectFrom('survey')
      .select('survey.id')
      .where('survey.communityId', '=', communityId)
      .where('survey.closesAt', '<=', now)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('surveyAnswer')
            .select('surveyAnswer.id')
            .whereRef('surveyAnswer.communityId', '=', 'survey.communityId')
            .whereRef('surveyAnswer.surveyId', '=', 'survey.id'),
        ),
      )
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('survey')
      .select('id')
      .where('communityId', '=', communityId)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { surveys: Number(all?.n ?? 0), closedWithAnswers: Boolean(answered), latestId: latest?.id ?? null };
}

/**
 * Gatherings on the calendar (not called off, not a workshop waiting for its host): whether one
 * has begun by `localNow` (the community's wall clock), and the soonest one still to come.
 */
export async function gatheringFacts(db: Db, communityId: string, localNow: string) {
  const live = () =>
    db
      .selectFrom('gathering')
      .where('communityId', '=', communityId)
      .where('cancelledAt', 'is', null)
      .where((eb) => eb.or([eb('hostStatus', 'is', null), eb('hostStatus', '=', 'accepted')]));
  const [begun, coming] = await Promise.all([
    live().select('id').where('startLocal', '<=', localNow).limit(1).executeTakeFirst(),
    live()
      .select(['id', 'startLocal', 'isPublic'])
      .where('startLocal', '>', localNow)
      // An open gathering first: only a public one has a flyer.
      .orderBy('isPublic', 'desc')
      .orderBy('startLocal')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { begun: Boolean(begun), coming: coming ?? null };
}

/** Guidelines: whether a version exists, and the newest open proposal. */
export async function guidelineFacts(db: Db, communityId: string) {
  const [version, open] = await Promise.all([
    db
      .selectFrom('guidelineVersion')
      .select('id')
      .where('communityId', '=', communityId)
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('proposal')
      .select('id')
      .where('communityId', '=', communityId)
      .where('status', '=', 'open')
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { hasVersion: Boolean(version), openProposalId: open?.id ?? null };
}

/** Pilots: whether one finished, and the newest one not finished. */
export async function pilotFacts(db: Db, communityId: string) {
  const [finished, going] = await Promise.all([
    db
      .selectFrom('pilot')
      .select('id')
      .where('communityId', '=', communityId)
      .where('finishedAt', 'is not', null)
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('pilot')
      .select('id')
      .where('communityId', '=', communityId)
      .where('finishedAt', 'is', null)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { finished: Boolean(finished), goingId: going?.id ?? null };
}

/** Newsletters: whether one was published, and whether any exists (a draft). */
export async function newsletterFacts(db: Db, communityId: string) {
  const [published, any] = await Promise.all([
    db
      .selectFrom('newsletter')
      .select('id')
      .where('communityId', '=', communityId)
      .where('publishedAt', 'is not', null)
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('newsletter')
      .select('id')
      .where('communityId', '=', communityId)
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { published: Boolean(published), drafted: Boolean(any) };
}
