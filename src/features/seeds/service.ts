/**
 * The seed library (PRODUCT.md, capability 4): varieties and their stories, a thread across
 * generations. Lots, taking packets and pledges are in `lots.ts` and re-exported here, so other
 * features reach the whole library through this file. Every function is for active members of
 * the actor's community, by the platform gate (`platform/access.ts`): not signed in →
 * `Unauthenticated`; signed in but not an active member → `Forbidden('errors.members_only')`;
 * a row of another community → `NotFound`.
 */
import type { Static } from 'typebox';
import { requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db, Season } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { iso } from '../../platform/db/time.ts';
import { authorize, type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import { indexDocument, queryWords, search } from '../../platform/search/index.ts';
import { listPledgesOfVariety, lotOut } from './lots.ts';
import { can } from './policy.ts';
import { seasons, type VarietyInput, type VarietyOut, type VarietySummaryOut } from './schema.ts';
import * as store from './store.ts';
import { storyOut } from './stories.ts';

export { registerSeedJobs } from './jobs.ts';
export type { LotView, PledgeView, TakeResult } from './lots.ts';
export {
  addLot,
  cancelPledge,
  getLot,
  getPledge,
  listMyPledges,
  lotFormChoices,
  markPledgeDone,
  pledgeMonthChoices,
  returnPledge,
  takePackets,
} from './lots.ts';
export { can } from './policy.ts';
export {
  addStory,
  deleteStory,
  editStory,
  getStoryForEdit,
  removeStoryPhoto,
  type StoryView,
  setStoryHidden,
  setStoryPhoto,
  storyPhotoVisible,
} from './stories.ts';

/** A catalog line. (the API's `VarietySummaryOut`). */
export type VarietySummary = Static<typeof VarietySummaryOut>;

/** A variety with its stories (the thread), its lots on the shelf and the open pledges the actor may see. (the API's `VarietyOut`). */
export type VarietyView = Static<typeof VarietyOut>;

/** Seasons from storage ("spring,summer") or input, deduplicated, in calendar order. */
export function seasonList(value: string | readonly string[]): Season[] {
  const given = new Set(typeof value === 'string' ? value.split(',') : value);
  return seasons.filter((s) => given.has(s));
}

function summary(row: store.VarietyRow, packetsAvailable: number): VarietySummary {
  return {
    id: row.id,
    crop: row.crop,
    name: row.name,
    seasons: seasonList(row.sowingSeasons),
    daysToMaturity: row.daysToMaturity,
    origin: row.origin,
    savingDifficulty: row.savingDifficulty,
    packetsAvailable,
  };
}

/**
 * The current year in the community's time zone, by the service clock (years "not in the future"
 * are checked against it; forms start from it). For members only.
 */
export function currentYear(ctx: Ctx): number {
  return requireMember(ctx).community.year();
}

/**
 * The catalog: varieties matching every word of `q` (as word prefixes, accents ignored, in the
 * crop, name, origin or description: the community's full-text index), sown in `season` when
 * given, by crop and name, with the packets available over all lots.
 */
export async function listCatalog(
  ctx: Ctx,
  query: { q?: string; season?: Season },
): Promise<VarietySummary[]> {
  const { communityId, community } = requireMember(ctx);
  const q = query.q ?? '';
  let ids: string[] | undefined;
  if (queryWords(q).length > 0) {
    const hits = await search(ctx.db, ctx.dialect, communityId, q, {
      kinds: ['variety'],
      limit: 200,
      languages: community.languageList,
    });
    ids = hits.map((h) => h.subjectId);
  }
  const rows = await store.listVarieties(ctx.db, communityId, { ids, season: query.season });
  return rows.map((r) => summary(r, r.packetsAvailable));
}

/** Loads the variety of the actor's community or throws `NotFound('seeds.variety_not_found')`. */
export async function loadVariety(ctx: Ctx, communityId: string, varietyId: string) {
  const variety = await store.findVariety(ctx.db, communityId, varietyId);
  if (!variety) throw new NotFound('seeds.variety_not_found');
  return variety;
}

/** The variety page: the variety, its story thread, its lots and the open pledges the actor may see. */
export async function getVariety(ctx: Ctx, varietyId: string): Promise<VarietyView> {
  const { communityId } = requireMember(ctx);
  const variety = await loadVariety(ctx, communityId, varietyId);
  const [stories, lots, pledges] = await Promise.all([
    store.listStories(ctx.db, communityId, varietyId),
    store.listLots(ctx.db, communityId, varietyId),
    listPledgesOfVariety(ctx, communityId, varietyId),
  ]);
  const lotViews = lots.map(lotOut);
  return {
    ...summary(
      variety,
      lotViews.reduce((n, l) => n + l.packets, 0),
    ),
    description: variety.description,
    createdBy: variety.createdBy,
    createdAt: variety.createdAt,
    updatedAt: variety.updatedAt,
    stories: stories.filter((s) => can.seeStory(ctx.actor, s)).map(storyOut),
    lots: lotViews,
    pledges,
  };
}

/** Trims free text and refuses a required field left blank (JSON callers are not trimmed by the form hook). */
function cleanVariety(input: VarietyInput) {
  const crop = input.crop.trim();
  const name = input.name.trim();
  const errors: FieldError[] = [];
  if (!crop) errors.push({ field: 'crop', code: 'validation.required' });
  if (!name) errors.push({ field: 'name', code: 'validation.required' });
  if (errors.length) throw new Invalid(errors);
  return {
    crop,
    name,
    sowingSeasons: seasonList(input.seasons).join(','),
    daysToMaturity: input.daysToMaturity ?? null,
    origin: (input.origin ?? '').trim(),
    savingDifficulty: input.savingDifficulty,
    description: (input.description ?? '').trim(),
  };
}

/**
 * Puts the variety of the community with `slug` in its search index (one search across posts,
 * items, seeds), in `tx`.
 */
async function indexVariety(tx: Db, slug: string, v: store.VarietyRow) {
  await indexDocument(tx, {
    communityId: v.communityId,
    kind: 'variety',
    subjectId: v.id,
    title: `${v.crop} · ${v.name}`,
    body: [v.crop, v.name, v.origin, v.description].join('\n'),
    url: `/c/${slug}/seeds/${v.id}`,
    updatedAt: v.updatedAt,
  });
}

/** Refuses a visitor the "add a variety" form (any member may add one). */
export function assertMayAddVariety(ctx: Ctx): void {
  requireMember(ctx);
}

/** Adds a variety to the library (any member); returns its id. */
export async function addVariety(ctx: Ctx, input: VarietyInput): Promise<string> {
  const values = cleanVariety(input);
  const { communityId, accountId, community } = requireMember(ctx);
  const now = iso(ctx.clock.now());
  const id = newId();
  await ctx.db.transaction().execute(async (tx) => {
    const variety = await store.insertVariety(tx, {
      id,
      communityId,
      ...values,
      createdBy: accountId,
      createdAt: now,
      updatedAt: now,
    });
    await indexVariety(tx, community.slug, variety);
  });
  return id;
}

/**
 * The variety for its edit form. Throws `Forbidden('seeds.only_creator_or_steward_edits')` for
 * a member who neither added it nor is a steward.
 */
export async function getVarietyForEdit(ctx: Ctx, varietyId: string) {
  const { communityId } = requireMember(ctx);
  const variety = await loadVariety(ctx, communityId, varietyId);
  authorize(can.editVariety(ctx.actor, variety), 'seeds.only_creator_or_steward_edits');
  return { ...variety, seasons: seasonList(variety.sowingSeasons) };
}

/** Replaces a variety's details (the member who added it, or a steward). */
export async function editVariety(ctx: Ctx, varietyId: string, input: VarietyInput): Promise<void> {
  const values = cleanVariety(input);
  const { communityId, community } = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const variety = await store.findVariety(tx, communityId, varietyId);
    if (!variety) throw new NotFound('seeds.variety_not_found');
    authorize(can.editVariety(ctx.actor, variety), 'seeds.only_creator_or_steward_edits');
    const updated = await store.updateVariety(tx, communityId, varietyId, {
      ...values,
      updatedAt: iso(ctx.clock.now()),
    });
    await indexVariety(tx, community.slug, updated);
  });
}
