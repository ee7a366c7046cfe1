/**
 * Stories of a variety: members' memories and growing tips, a thread across generations, each
 * with an optional photo (decoded, resized and stripped of metadata by platform uploads). The
 * author edits or deletes their own; stewards hide one from the thread.
 */
import type { Static } from 'typebox';
import { requireMember } from '../../platform/access.ts';
import type { CommunityContext, Ctx } from '../../platform/context.ts';
import type { Photo } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { iso } from '../../platform/db/time.ts';
import { authorize, type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import type { UploadedFile } from '../../platform/uploads/multipart.ts';
import {
  deletePhotos,
  type PreparedPhoto,
  preparePhotos,
  removePhotoFiles,
  savePhotos,
} from '../../platform/uploads/photos.ts';
import { can } from './policy.ts';
import type { StoryInput, StoryOut } from './schema.ts';
import * as store from './store.ts';

/** A story as the actor sees it (hidden ones only for stewards and the author). (the API's `StoryOut`). */
export type StoryView = Static<typeof StoryOut>;

/** A story row as shown. */
export function storyOut(row: store.StoryRow): StoryView {
  return {
    id: row.id,
    kind: row.kind,
    body: row.body,
    memoryYear: row.memoryYear,
    authorId: row.authorId,
    authorName: row.authorName,
    photoId: row.photoId,
    hidden: row.hiddenAt !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Form field of a story's photo; errors name it. */
const photoField = 'photo';

/** The story's values, trimmed; a blank body or a memory from after this year → `Invalid`. */
function cleanStory(community: CommunityContext, input: StoryInput) {
  const body = input.body.trim();
  const errors: FieldError[] = [];
  if (!body) errors.push({ field: 'body', code: 'validation.required' });
  const year = community.year();
  if (input.memoryYear !== undefined && input.memoryYear > year) {
    errors.push({ field: 'memoryYear', code: 'seeds.year_in_future', params: { year } });
  }
  if (errors.length) throw new Invalid(errors);
  return { kind: input.kind, body, memoryYear: input.memoryYear ?? null };
}

/**
 * Runs `write` with the photo files it saves removed again if it fails, so a refused or failed
 * write leaves no file behind.
 */
async function withPhotoCleanup<T>(ctx: Ctx, write: (saved: Photo[]) => Promise<T>): Promise<T> {
  const saved: Photo[] = [];
  try {
    return await write(saved);
  } catch (e) {
    removePhotoFiles(ctx, saved);
    throw e;
  }
}

/**
 * Whether the actor may see a story's photo: as they may see the story (a hidden one only
 * stewards and its author). Undefined when no story shows the photo (for `registerPhotoOwner`).
 */
export async function storyPhotoVisible(ctx: Ctx, communityId: string, photoId: string) {
  const story = await store.findStoryOfPhoto(ctx.db, communityId, photoId);
  return story ? can.seeStory(ctx.actor, story) : undefined;
}

/**
 * Adds a member's memory or tip to the variety's thread, with at most one photo; returns the
 * story. A file that is not an image, or is too large → `Invalid` on `photo`.
 */
export async function addStory(
  ctx: Ctx,
  varietyId: string,
  input: StoryInput,
  files: UploadedFile[] = [],
): Promise<StoryView> {
  const { communityId, accountId, community } = requireMember(ctx);
  const values = cleanStory(community, input);
  const prepared = await preparePhotos(files, photoField, 1);
  const now = iso(ctx.clock.now());
  const id = newId();
  return withPhotoCleanup(ctx, (saved) =>
    ctx.db.transaction().execute(async (tx) => {
      if (!(await store.findVariety(tx, communityId, varietyId)))
        throw new NotFound('seeds.variety_not_found');
      const [photo] = await savePhotos(ctx, tx, communityId, accountId, prepared);
      if (photo) saved.push(photo);
      await store.insertStory(tx, {
        id,
        communityId,
        varietyId,
        authorId: accountId,
        ...values,
        photoId: photo?.id ?? null,
        hiddenAt: null,
        hiddenBy: null,
        createdAt: now,
        updatedAt: now,
      });
      return storyOut((await store.findStory(tx, communityId, varietyId, id)) as store.StoryRow);
    }),
  );
}

async function loadStory(ctx: Ctx, communityId: string, varietyId: string, storyId: string) {
  const story = await store.findStory(ctx.db, communityId, varietyId, storyId);
  // A hidden story is not there for those who may not see it.
  if (!story || !can.seeStory(ctx.actor, story)) throw new NotFound('seeds.story_not_found');
  return story;
}

/** The author's story, for its edit form. Throws `Forbidden('seeds.only_author_edits')` for others. */
export async function getStoryForEdit(ctx: Ctx, varietyId: string, storyId: string): Promise<StoryView> {
  const { communityId } = requireMember(ctx);
  const story = await loadStory(ctx, communityId, varietyId, storyId);
  authorize(can.editStory(ctx.actor, story), 'seeds.only_author_edits');
  return storyOut(story);
}

/**
 * Writes a change to `story` in one transaction: new text `values` if given, and its photo
 * replaced by the `prepared` one, dropped (`remove`), or kept. The photo is read again under a
 * row lock (PostgreSQL; SQLite runs one write transaction at a time), so two changes at once
 * cannot leave a photo that no story shows. The replaced photo's files are removed after commit.
 * A story deleted meanwhile → `NotFound('seeds.story_not_found')`.
 */
async function rewriteStory(
  ctx: Ctx,
  accountId: string,
  story: store.StoryRow,
  change: { values?: ReturnType<typeof cleanStory>; prepared: PreparedPhoto[]; remove?: boolean },
): Promise<StoryView> {
  const { communityId, varietyId, id } = story;
  const { view, replaced } = await withPhotoCleanup(ctx, (saved) =>
    ctx.db.transaction().execute(async (tx) => {
      const current = await store.lockStoryPhoto(tx, communityId, id);
      if (!current) throw new NotFound('seeds.story_not_found');
      const [added] = await savePhotos(ctx, tx, communityId, accountId, change.prepared);
      if (added) saved.push(added);
      const replaced = current.photoId && (added || change.remove) ? current.photoId : null;
      await store.updateStory(tx, communityId, id, {
        ...change.values,
        photoId: added ? added.id : change.remove ? null : current.photoId,
        updatedAt: iso(ctx.clock.now()),
      });
      if (replaced) await deletePhotos(tx, communityId, [replaced]);
      const row = (await store.findStory(tx, communityId, varietyId, id)) as store.StoryRow;
      return { view: storyOut(row), replaced };
    }),
  );
  if (replaced) removePhotoFiles(ctx, [{ communityId, id: replaced, ext: 'jpg' }]);
  return view;
}

/**
 * The author rewrites their story; returns it. A new photo replaces the old one; `removePhoto`
 * drops it; otherwise the photo stays. Old photo files are removed after commit.
 */
export async function editStory(
  ctx: Ctx,
  varietyId: string,
  storyId: string,
  input: StoryInput,
  photo: { files?: UploadedFile[]; remove?: boolean } = {},
): Promise<StoryView> {
  const { communityId, accountId, community } = requireMember(ctx);
  const values = cleanStory(community, input);
  const story = await loadStory(ctx, communityId, varietyId, storyId);
  authorize(can.editStory(ctx.actor, story), 'seeds.only_author_edits');
  const prepared = await preparePhotos(photo.files ?? [], photoField, 1);
  return rewriteStory(ctx, accountId, story, { values, prepared, remove: photo.remove === true });
}

/**
 * The author gives their story a photo, replacing the one it had; returns the story. The same
 * rule and checks as the edit page: only the author (`Forbidden('seeds.only_author_edits')`,
 * stewards included; they hide stories instead); exactly one file (none →
 * `Invalid('seeds.photo_required')` on `photo`), decoded, shrunk and stripped of metadata, else
 * `Invalid` on `photo` (`uploads.too_large`, `uploads.not_an_image`, `uploads.too_many`).
 */
export async function setStoryPhoto(
  ctx: Ctx,
  varietyId: string,
  storyId: string,
  files: UploadedFile[],
): Promise<StoryView> {
  if (files.length === 0) throw new Invalid([{ field: photoField, code: 'seeds.photo_required' }]);
  const { communityId, accountId } = requireMember(ctx);
  const story = await loadStory(ctx, communityId, varietyId, storyId);
  authorize(can.editStory(ctx.actor, story), 'seeds.only_author_edits');
  const prepared = await preparePhotos(files, photoField, 1);
  return rewriteStory(ctx, accountId, story, { prepared });
}

/**
 * The author removes their story's photo (its files too, after commit); returns the story. Only
 * the author, as on the edit page; a story without a photo → `NotFound('seeds.story_has_no_photo')`.
 */
export async function removeStoryPhoto(ctx: Ctx, varietyId: string, storyId: string): Promise<StoryView> {
  const { communityId, accountId } = requireMember(ctx);
  const story = await loadStory(ctx, communityId, varietyId, storyId);
  authorize(can.editStory(ctx.actor, story), 'seeds.only_author_edits');
  if (!story.photoId) throw new NotFound('seeds.story_has_no_photo');
  return rewriteStory(ctx, accountId, story, { prepared: [], remove: true });
}

/** The author deletes their story (and its photo). */
export async function deleteStory(ctx: Ctx, varietyId: string, storyId: string): Promise<void> {
  const { communityId } = requireMember(ctx);
  const story = await loadStory(ctx, communityId, varietyId, storyId);
  authorize(can.deleteStory(ctx.actor, story), 'seeds.only_author_deletes');
  await ctx.db.transaction().execute(async (tx) => {
    await store.deleteStory(tx, communityId, storyId);
    if (story.photoId) await deletePhotos(tx, communityId, [story.photoId]);
  });
  if (story.photoId) removePhotoFiles(ctx, [{ communityId, id: story.photoId, ext: 'jpg' }]);
}

/**
 * A steward hides a story from the thread (`hidden`), or shows it again. The author still sees
 * it, marked hidden. Throws `Forbidden('seeds.only_stewards_hide')` for others.
 */
export async function setStoryHidden(
  ctx: Ctx,
  varietyId: string,
  storyId: string,
  hidden: boolean,
): Promise<void> {
  const { communityId, accountId } = requireMember(ctx);
  const story = await loadStory(ctx, communityId, varietyId, storyId);
  authorize(can.hideStory(ctx.actor), 'seeds.only_stewards_hide');
  const now = iso(ctx.clock.now());
  await ctx.db.transaction().execute((tx) =>
    store.updateStory(tx, communityId, story.id, {
      hiddenAt: hidden ? now : null,
      hiddenBy: hidden ? accountId : null,
    }),
  );
}
